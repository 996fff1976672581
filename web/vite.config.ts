// The console's build: served by `ctom serve` under /console/, hashed assets in /console/assets/.
// The Content-Security-Policy of API.md forbids inline scripts and styles, so the CSS is one built
// file and no inline module-preload polyfill is emitted.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: process.env.CTOM_CONSOLE_OUT_DIR || 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a running `ctom serve` (CTOM_URL, default http://127.0.0.1:8080).
    proxy: {
      '/v1': process.env.CTOM_URL || 'http://127.0.0.1:8080',
      '/verify': process.env.CTOM_URL || 'http://127.0.0.1:8080',
    },
  },
});
