import { afterAll, describe, expect, test } from 'bun:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Elysia } from 'elysia';
import { dashboard } from '../../server/web/dashboard-routes';
import { tempDir } from '../helpers/temp-dir';

const dir = tempDir('gb-web-');
afterAll(() => dir.remove());
mkdirSync(join(dir.path, '_build', 'assets'), { recursive: true });
writeFileSync(join(dir.path, 'index.html'), '<!doctype html><div id="app"></div>');
writeFileSync(join(dir.path, '_build', 'assets', 'app-1a2b3c.js'), 'console.log(1)');
writeFileSync(join(dir.path, 'favicon.ico'), 'icon');

/** Wired as server/app.ts wires it: other routes first, the dashboard plugin last. */
const appFor = (path: string) => new Elysia().get('/health', () => 'ok').use(dashboard(path));

const get = (path: string, root = dir.path) => appFor(root).handle(new Request(`http://localhost${path}`));

describe('the dashboard’s files', () => {
  test('page paths, deep links included, get index.html with no-cache (an upgrade shows without Ctrl+F5)', async () => {
    for (const path of ['/', '/login', '/config', '/keys/AIza-whatever']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="app">');
    }
  });

  test('hashed assets are cached for a year; a missing one is a 404, never index.html', async () => {
    const res = await get('/_build/assets/app-1a2b3c.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');
    const missing = await get('/_build/assets/app-old.js');
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<div id="app">');
  });

  test('a file at the top of the build is served; a path out of the folder is not', async () => {
    expect(await (await get('/favicon.ico')).text()).toBe('icon');
    for (const path of ['/_build/..%2F..%2Fetc%2Fpasswd', '/..%2Findex.html', '/_build/%E0%A4%A']) {
      const res = await get(path);
      expect(await res.text()).not.toContain('root:');
      expect([200, 404]).toContain(res.status);
    }
  });

  test('API-looking paths never get the page: a JSON 404 that names the right base URL', async () => {
    for (const path of ['/chat/completions', '/v1/v1/models', '/api/nope', '/v1beta/nope', '/models/gemini-2.5-flash:generateContent']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
    }
  });

  test('before the dashboard is built, pages say how to build it (in Chinese too)', async () => {
    const res = await get('/config', join(dir.path, 'missing'));
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toContain('bun run build:web');
    expect(text).toContain('仪表盘尚未构建');
  });
});
