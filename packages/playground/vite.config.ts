import { readdirSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes `sw.js`, a service worker that caches exactly the files of this build on install and
 * answers from that cache first: the page works with the network off after its first load.
 */
function offlineCache(): Plugin {
  let publicFiles: string[] = [];
  return {
    name: 'entra-guard-offline-cache',
    apply: 'build',
    configResolved(config) {
      publicFiles = config.publicDir === '' ? [] : readdirSync(config.publicDir);
    },
    generateBundle(_options, bundle) {
      const files = ['./', ...[...Object.keys(bundle), ...publicFiles].map((file) => `./${file}`)];
      // Built file names carry content hashes: a new build is a new cache.
      const version = hash(Object.keys(bundle).sort().join('|'));
      const source = `const CACHE = ${JSON.stringify(`entra-guard-playground-${version}`)};
const FILES = ${JSON.stringify(files)};
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET' || new URL(event.request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? fetch(event.request)),
    ),
  );
});
`;
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/** FNV-1a, as a short cache version. */
function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export default defineConfig({
  base: './',
  build: { target: 'es2022', sourcemap: false, assetsInlineLimit: 0, modulePreload: { polyfill: false } },
  plugins: [offlineCache()],
});
