import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Resolved from this file, not the working directory, so the build works from the repo root.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

// A Node built-in reaching the bundle would only be an empty stub at run time: the build fails instead.
function refuseNodeBuiltins(): Plugin {
  return {
    name: 'lanewatch-refuse-node-builtins',
    enforce: 'pre',
    resolveId(source, importer) {
      const bare = source.startsWith('node:') ? source.slice('node:'.length) : source;
      if (source.startsWith('node:') || builtinModules.includes(bare.split('/')[0])) {
        throw new Error(`${importer ?? 'the dashboard'} imports the Node built-in '${source}': the dashboard bundle must stay browser-safe`);
      }
      return null;
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), refuseNodeBuiltins()],
  resolve: {
    // apps/web/tsconfig.json maps @lanewatch/domain, the one lib the dashboard imports: all of libs/domain
    // is browser-safe (lint-guarded; hashing and signing live in libs/crypto), so the dashboard judges
    // targets with the API's own verdict, milestone list and Wilson formula.
    tsconfigPaths: true,
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // The libraries' chunk (recharts and its d3 parts) is about 690 kB minified (205 kB gzipped) and
    // is cached across releases; the default 500 kB warning would only be noise in every start.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // libs/domain is pure: a module of it whose exports the dashboard does not use is left out, and with
      // it the server-side libraries only those modules need (holiday calendars, exact decimals, YAML),
      // which would otherwise add about 1 MB to the bundle.
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/]libs[\\/]domain[\\/]|node_modules[\\/](date-holidays[^\\/]*|astronomia|moment[^\\/]*|caldate|decimal\.js|yaml)[\\/]/.test(id),
      },
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
