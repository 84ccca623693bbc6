import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type ReplayedImage, dockerIgnore, replayDockerfile } from '../helpers/dockerfile-replay';
import { type ServerProcess, serverEnv } from '../helpers/server-process';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir';

const ROOT = join(import.meta.dir, '..', '..');
const dirs = tempDirsRemovedAfterAll();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `chown bun:bun` needs the image's user; here it only has to be asked for the right one. */
function shimBin(dir: string): string {
  const bin = join(dir, 'shim-bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'chown'), '#!/bin/sh\n[ "$1" = "bun:bun" ] || { echo "chown to $1, expected bun:bun" >&2; exit 1; }\n');
  chmodSync(join(bin, 'chown'), 0o755);
  return bin;
}

describe('Dockerfile, replayed without Docker', () => {
  let image: ReplayedImage;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    const work = dirs.fresh();
    const path = `${shimBin(work)}:${process.env.PATH ?? '/usr/bin:/bin'}`;
    image = replayDockerfile({
      context: ROOT,
      work,
      ignored: dockerIgnore(readFileSync(join(ROOT, '.dockerignore'), 'utf8')),
      run(command, cwd, stageEnv) {
        const result = spawnSync('sh', ['-c', command], { cwd, env: { PATH: path, HOME: process.env.HOME ?? '/root', ...stageEnv }, encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`RUN ${command} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
      },
    });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  test('the image holds the server, its migrations, the scripts and the built dashboard — no tests, no secrets, no build tools', () => {
    for (const path of ['server/main.ts', 'db/migrations/sqlite', 'db/migrations/mysql', 'scripts/reset-auth.ts', 'scripts/import-gemini-balance.ts', 'web/dist/client/index.html', 'node_modules/elysia', 'node_modules/@libsql/client', 'node_modules/mysql2']) {
      expect(existsSync(join(image.root, path))).toBe(true);
    }
    for (const path of ['tests', '.env', 'node_modules/vite', 'node_modules/playwright-core', 'web/src']) {
      expect(existsSync(join(image.root, path))).toBe(false);
    }
    // The volume's mount point, empty: no database is baked into the image.
    expect(readdirSync(join(image.root, 'data'))).toEqual([]);
    expect(image.bases.every((base) => base.startsWith('oven/bun:1.4.5') || !base.includes(':'))).toBe(true);
    expect(image.user).toBe('bun');
    // No VOLUME: Railway's builder refuses the keyword; users mount /app/data themselves.
    expect(image.volumes).toEqual([]);
    expect(image.exposed).toEqual(['8000']);
    expect(image.cmd).toEqual(['bun', '--no-env-file', 'server/main.ts']);
  });

  test('its CMD serves the proxy and the dashboard, keeps SQLite in /app/data, and its HEALTHCHECK passes, then fails once the server is gone', async () => {
    const port = await freePort();
    env = serverEnv({ ...image.env, PORT: String(port), AUTH_TOKEN: 'docker-admin-token' });
    const proc = Bun.spawn(image.cmd, { cwd: image.root, env, stdout: 'pipe', stderr: 'pipe' });
    server = { proc, url: `http://127.0.0.1:${port}`, output: () => '', stop: async () => (proc.kill('SIGTERM'), proc.exited) } as ServerProcess;
    let health: Response | undefined;
    for (let i = 0; i < 200 && !health?.ok; i++) {
      health = await fetch(`${server.url}/health`).catch(() => undefined);
      if (!health?.ok) await Bun.sleep(50);
    }
    expect(health?.status).toBe(200);
    const page = await fetch(`${server.url}/keys`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const asset = /\/_build\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${server.url}${asset}`)).status).toBe(200);
    expect(existsSync(join(image.root, 'data', 'gemini-balance.db'))).toBe(true);

    const check = () => spawnSync(image.healthcheck[0] ?? '', image.healthcheck.slice(1), { cwd: image.root, env, timeout: 10_000 }).status;
    expect(check()).toBe(0);
    expect(await server.stop()).toBe(0);
    server = undefined;
    expect(check()).toBe(1);
  }, 60_000);

  test('the recovery scripts run inside the image (docker exec … bun scripts/reset-auth.ts)', () => {
    const result = spawnSync('bun', ['scripts/reset-auth.ts', 'new-docker-token'], { cwd: image.root, env, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('AUTH_TOKEN set to the token you gave');
  });
});

test('.dockerignore keeps secrets, databases and build output out of the build context', () => {
  const ignored = dockerIgnore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
  for (const path of ['.env', '.env.production', 'data/gemini-balance.db', 'node_modules/elysia/package.json', 'web/dist/client/index.html', 'test-output/a.png', 'old.db', '.git/HEAD']) {
    expect(ignored(path)).toBe(true);
  }
  for (const path of ['server/main.ts', 'web/src/app.tsx', 'db/migrations/sqlite/0000_init.sql', 'bun.lock', 'package.json']) {
    expect(ignored(path)).toBe(false);
  }
});
