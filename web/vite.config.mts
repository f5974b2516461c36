import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The staff console, served by Nest at /console/ (src/console). Vite 8 compiles TSX with Oxc itself;
// @vitejs/plugin-react only adds development fast refresh and pulls Babel in: not used.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [
    {
      // First in <head>: public/boot.js signs in (refresh cookie) and asks for the inspector's tasks while
      // the app's script downloads. Added after bundling: it is a plain script, not part of the bundle.
      name: 'console-boot-script',
      transformIndexHtml: { order: 'post', handler: () => [{ tag: 'script', attrs: { async: true, src: '/console/boot.js' }, injectTo: 'head-prepend' }] },
    },
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    rolldownOptions: {
      // Ant Design's modules start with "use client" (for React Server Components): meaningless in an SPA.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    // Development only (`npx vite web`): everything but the console itself goes to the API on :3000.
    proxy: { '^/(?!console/).*': 'http://127.0.0.1:3000' },
  },
});
