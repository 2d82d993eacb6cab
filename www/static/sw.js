// The site's service worker: the playground keeps working offline, even across reloads, once
// it has been loaded. Network first (a rebuilt site is never hidden behind a stale cache), the
// cache only when the network fails. Same-origin GET requests only. The build fills in FILES
// and VERSION.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = `claimlint-www-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("claimlint-www-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(
    fetch(event.request).catch(() => caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? Response.error())),
  );
});
