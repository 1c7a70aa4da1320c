import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Writes `.gz` and `.br` beside each script and stylesheet, which the server hands to browsers that accept them. */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'warren-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json)$/.test(fileName)) continue;
        const file = path.join(outDir, fileName);
        const content = fs.readFileSync(file);
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content));
      }
    },
  };
}

/**
 * Writes `dist/.vite/chunks.json`: each chunk's file, whether it is the entry, its static imports and the source
 * modules inside it. The bundle-budget test reads it to know what the shell loads up front and what waits.
 */
function chunkMap(): Plugin {
  return {
    name: 'warren-chunk-map',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle)
        .filter((item) => item.type === 'chunk')
        .map((chunk) => ({
          file: chunk.fileName,
          isEntry: chunk.isEntry,
          imports: chunk.imports,
          modules: chunk.moduleIds.map((id) => path.relative(path.resolve(import.meta.dirname, '..', '..'), id)),
        }));
      this.emitFile({ type: 'asset', fileName: '.vite/chunks.json', source: JSON.stringify(chunks, null, 1) });
    },
  };
}

// Built into apps/web/dist, which the Warren server serves at `/` (apps/server/src/platform/web-app.ts).
// `npm run dev --workspace @warren/web` proxies the API to a server on :8000 for working on the app itself.
export default defineConfig({
  plugins: [react(), precompress(), chunkMap()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: {
    proxy: Object.fromEntries(['/api', '/e', '/i', '/flags', '/decide', '/static', '/array', '/shared', '/s', '/batch', '/capture'].map((p) => [p, 'http://127.0.0.1:8000'])),
  },
});
