/**
 * Builds the dashboard (web/) into web/dist/client: index.html + content-hashed assets under
 * /_build/, ready for the Bun server to serve as static files.
 *
 *   bun scripts/build-web.ts
 *
 * Works from a fresh clone after `bun install`: Vite comes from node_modules and runs under the
 * Bun that runs this script (SolidStart 2's config needs `--bun`; under Node 20 it fails to load).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const WEB_DIR = join(import.meta.dir, '..', 'web');
const CLIENT_DIR = join(WEB_DIR, 'dist', 'client');
const SERVER_ENTRY = join(WEB_DIR, 'dist', 'server', 'entry-server.js');

type FetchHandler = { fetch: (request: Request) => Response | Promise<Response> };

function isFetchHandler(value: unknown): value is FetchHandler {
  return typeof value === 'object' && value !== null && typeof (value as { fetch?: unknown }).fetch === 'function';
}

async function viteBuild(): Promise<void> {
  // Vite reads its config from the working directory (SolidStart uses process.cwd() as the root).
  const child = Bun.spawn([process.execPath, '--bun', 'vite', 'build'], { cwd: WEB_DIR, stdout: 'inherit', stderr: 'inherit' });
  const code = await child.exited;
  if (code !== 0) throw new Error(`vite build failed (exit code ${code})`);
}

/**
 * SolidStart 2 in client-rendered mode writes no index.html: its server entry renders the HTML
 * shell (the <script>/<link> tags of the hashed assets). Render it once and keep the result.
 */
async function writeIndexHtml(): Promise<void> {
  const entry: unknown = await import(pathToFileURL(SERVER_ENTRY).href);
  const handler = typeof entry === 'object' && entry !== null ? (entry as { default?: unknown }).default : undefined;
  if (!isFetchHandler(handler)) throw new Error(`${SERVER_ENTRY} has no default export with a fetch() handler`);
  const response = await handler.fetch(new Request('http://localhost/'));
  const html = await response.text();
  if (!response.ok || !html.includes('/_build/')) {
    throw new Error(`rendering the HTML shell failed (HTTP ${response.status}): ${html.slice(0, 300)}`);
  }
  await Bun.write(join(CLIENT_DIR, 'index.html'), html);
}

// `bun install --production` (NODE_ENV=production on some hosts) leaves out the dashboard's build
// tools: the install must still succeed, and the server then serves an already built web/dist.
if (process.argv.includes('--postinstall') && !existsSync(join(import.meta.dir, '..', 'node_modules', 'vite', 'package.json'))) {
  console.log('Dashboard not built: its build tools (devDependencies) are not installed. Run `bun install` without --production, then `bun run build:web`.');
  process.exit(0);
}

const started = performance.now();
await rm(join(WEB_DIR, 'dist'), { recursive: true, force: true });
await viteBuild();
await writeIndexHtml();
// Vite's manifest was only needed to render the shell; the server would otherwise serve it.
await rm(join(CLIENT_DIR, '.vite'), { recursive: true, force: true });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`Dashboard built in ${seconds} s: ${CLIENT_DIR}`);
