import { defineConfig } from 'vite';

export default defineConfig({
  // Preact's automatic JSX runtime through Vite's own transform: no Babel plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    // The API's CSP allows scripts from 'self' only, so nothing may be inlined into index.html.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/api': 'http://localhost:8000', '/media': 'http://localhost:8000' },
  },
});
