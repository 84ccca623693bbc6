import { solidStart } from '@solidjs/start/config';
import { defineConfig } from 'vite';
import { dropDevToolbarCss } from './vite/drop-dev-toolbar-css.ts';

// `bun --bun vite dev` serves the dashboard on its own port; the API runs in the Bun server.
const api = process.env.GB_API_URL ?? 'http://localhost:8000';

export default defineConfig({
  // Client-rendered: the Bun server serves the built files; there is no SolidStart server at run time.
  plugins: [solidStart({ ssr: false }), dropDevToolbarCss()],
  server: {
    port: 3000,
    proxy: { '/api': api, '/v1': api, '/v1beta': api },
  },
  // SolidStart 2.0.5's dev toolbar throws in the browser unless these are pre-bundled.
  optimizeDeps: { include: ['@jridgewell/trace-mapping', '@jridgewell/resolve-uri', '@trpc/client'] },
});
