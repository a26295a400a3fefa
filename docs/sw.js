// The site's service worker: offline reading (issue 22). assets/js/site.js registers it
// once a page has loaded, from the site's root, so that it serves both editions ("" and
// "en/") under whatever path the site is published at. After web.dev's offline cookbook:
// - a page (a navigation) comes from the network first, else from the store, marked with
//   the date of its copy (site.js shows a notice with it);
// - any other file of the site comes from the store first, else from the network;
// - what comes from the network is kept when it is a file of this build: offline.json
//   lists every file with its SHA-256, so pages and files a reader opened stay readable;
// - one set of caches per build (named in assets/js/offline.js). A new build's worker
//   stores again, from the new build, what the reader had stored or opened, before it
//   takes over; the old build's caches are then deleted: one build, never a mix.
"use strict";
// The build writes the version of offline.json here (plansite/offline.py); "dev" has none.
const VERSION = "dev";
importScripts("assets/js/offline.js");
const { MANIFEST, prefix, cacheName, asJson, manifest, fetchInto, save } = self.plansiteOffline;
const SCOPE = self.registration.scope;
const CURRENT = cacheName(SCOPE, VERSION, "");
const OPENED = cacheName(SCOPE, VERSION, "opened");
const MANIFEST_URL = new URL(MANIFEST, SCOPE).href;

// This build's manifest, kept in its "opened" cache at install.
let build = null;
function buildManifest() {
  build ??= caches
    .open(OPENED)
    .then((cache) => cache.match(MANIFEST_URL))
    .then((response) => response.json())
    .catch(() => {
      build = null;
      return { files: {} };
    });
  return build;
}

// What the reader kept of earlier builds is stored again from this one: a file whose bytes
// have not changed is copied from the earlier store, any other is fetched.
async function install() {
  const data = await manifest(SCOPE);
  if (data.version !== VERSION) throw new Error(`${MANIFEST} is of another build than this worker`);
  const earlier = [];
  const saved = [];
  const opened = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(prefix(SCOPE)) || name.startsWith(CURRENT)) continue;
    const [, part, lang] = name.slice(prefix(SCOPE).length).split(" ");
    const cache = await caches.open(name);
    const complete = await cache.match(MANIFEST_URL);
    if (!complete) continue;
    earlier.push({ cache, files: (await complete.json()).files });
    if (part === "saved" && data.languages[lang]) saved.push(lang);
    if (part === "opened") for (const request of await cache.keys()) opened.add(decodeURI(request.url.slice(SCOPE.length)));
  }
  for (const lang of saved) await save(SCOPE, data, lang, undefined, earlier);
  const cache = await caches.open(OPENED);
  await fetchInto(cache, SCOPE, data, [...opened].filter((path) => path in data.files), { earlier });
  await cache.put(MANIFEST_URL, asJson(data));
  await self.skipWaiting();
}

async function activate() {
  const names = await caches.keys();
  const earlier = names.filter((name) => name.startsWith(prefix(SCOPE)) && !name.startsWith(CURRENT));
  await Promise.all(earlier.map((name) => caches.delete(name)));
  await self.clients.claim();
}

async function fromStore(url) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(CURRENT)) continue;
    const found = await (await caches.open(name)).match(url);
    if (found) return found;
  }
  return undefined;
}

// A response with `body` and the headers of `response` but those that described its bytes
// on the wire (the body of a fetched response is already decoded).
function withBody(body, response) {
  const headers = new Headers(response.headers);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

async function digest(body) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return `sha256-${btoa(String.fromCharCode(...bytes))}`;
}

// Keep what the network gave when it is this build's file `path`.
async function keep(path, response) {
  const file = (await buildManifest()).files[path];
  if (!file || !response.ok) return;
  const body = await response.arrayBuffer();
  if ((await digest(body)) !== file[0]) return; // of another build: its own worker stores it
  await (await caches.open(OPENED)).put(new URL(path, SCOPE).href, withBody(body, response));
}

// A stored page, marked with the date of its copy (the Date its server sent).
async function markedCopy(response) {
  const date = Date.parse(response.headers.get("Date") || "");
  if (!(response.headers.get("Content-Type") || "").startsWith("text/html") || Number.isNaN(date)) return response;
  const text = (await response.text()).replace("<html", `<html data-plansite-copy="${new Date(date).toISOString()}"`);
  return withBody(text, response);
}

async function page(event, path) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(keep(path, response.clone()));
    return response;
  } catch (error) {
    const stored = await fromStore(new URL(path, SCOPE).href);
    if (!stored) throw error;
    return markedCopy(stored);
  }
}

async function file(event, path) {
  const stored = await fromStore(new URL(path, SCOPE).href);
  if (stored) return stored;
  const response = await fetch(event.request);
  event.waitUntil(keep(path, response.clone()));
  return response;
}

self.addEventListener("install", (event) => event.waitUntil(install()));
self.addEventListener("activate", (event) => event.waitUntil(activate()));

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  url.hash = "";
  url.search = "";
  // The site's own files only; not the manifest, always asked of the network, nor what
  // offline.js fetches with its hash to store it (it would be stored twice). A request for
  // part of a file (a PDF viewer's) gets the whole stored file, as from a server that
  // ignores ranges; from the network, a part is never kept (its hash is not the file's).
  if (request.method !== "GET" || request.integrity) return;
  if (!url.href.startsWith(SCOPE) || url.href === MANIFEST_URL) return;
  const path = decodeURI(url.href.slice(SCOPE.length));
  event.respondWith(request.mode === "navigate" ? page(event, path) : file(event, path));
});

// From the page that registered the worker, which came before it: that page and its files.
self.addEventListener("message", (event) => {
  const urls = event.data && event.data.keep;
  if (!Array.isArray(urls)) return;
  event.waitUntil(
    (async () => {
      const data = await buildManifest();
      const paths = new Set(urls.map((url) => new URL(url, SCOPE)).map((url) => url.origin + url.pathname));
      const own = [...paths].filter((url) => url.startsWith(SCOPE)).map((url) => decodeURI(url.slice(SCOPE.length)));
      await fetchInto(await caches.open(OPENED), SCOPE, data, own.filter((path) => path in data.files), { mode: "default" });
    })(),
  );
});
