/**
 * The explorer is its own Vite app. It imports library modules straight from ../src (never
 * src/index.ts, which pulls in node-only loaders), and builds into dist/web, next to the compiled
 * library, where `tessera explore` serves it from.
 */
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { explorerApi } from '../src/cli/commands/explore.js';

/**
 * `npm run dev:web`: Vite's dev server (hot reload) answering the page's /api/… requests with the
 * same handler `tessera explore` uses. TESSERA_NET and TESSERA_SLICE name a network and slice file.
 */
function explorerApiPlugin(): Plugin {
  return {
    name: 'tessera-explorer-api',
    configureServer(server) {
      const api = explorerApi({ network: process.env.TESSERA_NET, slice: process.env.TESSERA_SLICE });
      server.middlewares.use((req, res, next) => {
        if (!api(req, res)) next();
      });
    },
  };
}

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  plugins: [explorerApiPlugin()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
  // The library's node-only imports (file reading in loadNetwork, zlib for .npz) get browser stubs
  // that explain themselves; the page always hands bytes to parseNetwork.
  resolve: {
    alias: {
      'node:fs': fileURLToPath(new URL('./src/stubs/node-fs.ts', import.meta.url)),
      'node:zlib': fileURLToPath(new URL('./src/stubs/node-zlib.ts', import.meta.url)),
    },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5181 },
});
