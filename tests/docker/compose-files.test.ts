import { expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { settingNames } from '../../server/settings/schema';

const ROOT = join(import.meta.dir, '..', '..');

const Service = v.object({
  build: v.optional(v.string()),
  image: v.string(),
  ports: v.optional(v.array(v.string())),
  environment: v.optional(v.record(v.string(), v.string())),
  volumes: v.optional(v.array(v.string())),
  env_file: v.optional(v.array(v.object({ path: v.string(), required: v.boolean() }))),
});
const Compose = v.object({ services: v.record(v.string(), Service), volumes: v.record(v.string(), v.nullable(v.object({}))) });

function compose(file: string) {
  const parsed = v.parse(Compose, Bun.YAML.parse(readFileSync(join(ROOT, file), 'utf8')));
  const app = parsed.services['gemini-balance'];
  if (!app) throw new Error(`${file} has no gemini-balance service`);
  return { ...parsed, app };
}

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

test('docker-compose.yml: builds this image, publishes 8000, keeps /app/data (where the image keeps SQLite) in a named volume', () => {
  const { app, volumes } = compose('docker-compose.yml');
  expect(app.build).toBe('.');
  expect(app.ports).toEqual(['8000:8000']);
  expect(dockerfile).toContain('mkdir -p /app/data && chown bun:bun /app/data');
  const [name, target] = (app.volumes?.[0] ?? '').split(':');
  expect(target).toBe('/app/data');
  expect(Object.keys(volumes)).toContain(name ?? '');
  expect(app.env_file).toEqual([{ path: './.env', required: false }]);
});

test('docker-compose.mysql.yml: the app uses the MariaDB service with its user, password and database; every variable is a real setting', () => {
  const { app, services } = compose('docker-compose.mysql.yml');
  const env = app.environment ?? {};
  for (const name of Object.keys(env)) expect(settingNames as string[]).toContain(name);
  const db = services[env.MYSQL_HOST ?? '']?.environment ?? {};
  expect(env.DATABASE_TYPE).toBe('mysql');
  expect(db.MARIADB_USER).toBe(env.MYSQL_USER);
  expect(db.MARIADB_PASSWORD).toBe(env.MYSQL_PASSWORD);
  expect(db.MARIADB_DATABASE).toBe(env.MYSQL_DATABASE);
  expect(app.ports).toEqual(['8000:8000']);
});
