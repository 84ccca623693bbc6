// @refresh reload
import { createHandler, StartServer } from '@solidjs/start/server';
import { themeBootScript } from './lib/theme-boot';

// Rendered once at build time (scripts/build-web.ts) into dist/client/index.html: the app is
// client-rendered, so this is only the HTML shell that loads the hashed /_build/ assets.
export default createHandler(() => (
  <StartServer
    document={({ assets, children, scripts }) => (
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>Gemini Balance</title>
          <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%234f6bed'/%3E%3C/svg%3E" />
          {/* Sets the theme before the first paint, so a dark-mode user never sees a white flash. */}
          <script innerHTML={themeBootScript} />
          {assets}
        </head>
        <body>
          <div id="app">{children}</div>
          {scripts}
        </body>
      </html>
    )}
  />
));
