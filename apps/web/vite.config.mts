import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Resolved from this file, not the working directory, so the build works from the repo root.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  resolve: {
    // The one runtime import from a lib: libs/domain's pure entry (milestones, statistics), which pulls
    // in nothing Node-only, so the dashboard uses the API's milestone list and Wilson formula.
    alias: { '@lanewatch/domain/browser': fileURLToPath(new URL('../../libs/domain/src/browser.ts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // The libraries' chunk (recharts and its d3 parts) is about 690 kB minified (205 kB gzipped) and
    // is cached across releases; the default 500 kB warning would only be noise in every start.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        // Libraries change far less often than our code; separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // The dev server mirrors production, where the API serves the app at / and itself under /api.
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
