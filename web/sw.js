/*
 * The staff console's service worker (scope /console/), written into web/dist/sw.js by web/build.mjs,
 * which fills in the build's files (PRECACHE) and a version that changes with them.
 * - Installs the app shell and every hashed asset of this build, so the console opens without a network.
 * - Page loads (navigations) under /console/: the network first (a new deployment is seen at once), the
 *   cached index.html when there is none. Assets: the cache first (their names change with their content).
 * - API answers are never cached here (they are not under /console/): the inspector's data lives in
 *   IndexedDB, owned by the signed-in user and cleared on logout (docs/adr/0020-offline-field-console.md).
 */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `console-${VERSION}`;
const SHELL = '/console/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('console-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith('/console/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(SHELL, { cacheName: CACHE })) || (await caches.match(SHELL)) || Response.error()),
    );
    return;
  }
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
});
