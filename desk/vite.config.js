// Builds the desk into the Python package, so that `pip install eventlens` alone serves it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../src/eventlens/serve/static', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // nothing inlined as data: URLs: the page's CSP lets fetch() reach only 'self'
    assetsInlineLimit: 0,
    // plain ES modules, no inline scripts: the CSP allows script-src 'self' only
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    // `npx vite` for development: the API comes from a running `eventlens serve`
    proxy: { '/api': 'http://127.0.0.1:8600' },
  },
});
