import type { Plugin } from 'vite';

// @solidjs/start 2.0.5 imports its dev toolbar statically; in a production build the toolbar's
// code is tree-shaken away but its CSS (side-effect imports, ~17 kB of `[data-start-…]` rules that
// match nothing) is not. Emptying those files keeps a phone from downloading dead CSS.
const TOOLBAR_CSS = /[\\/]@solidjs[\\/]start[\\/]dist[\\/]shared[\\/](ui|dev-toolbar)[\\/].*\.css$/;

export function dropDevToolbarCss(): Plugin {
  return {
    name: 'gb:drop-dev-toolbar-css',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      return TOOLBAR_CSS.test(id.split('?')[0] ?? id) ? '' : undefined;
    },
  };
}
