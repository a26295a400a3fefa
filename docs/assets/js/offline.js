// Storing the site for reading offline (issue 22), for the service worker (sw.js imports
// it, to store a new publication in place of the last one's) and for the page (site.js
// loads it on the first press of "save for reading offline" or "remove").
//
// offline.json (written by the build, plansite/offline.py) lists each language's files and
// every file's SHA-256: each file is fetched with it as its integrity, so the browser
// stores nothing of another build. One set of caches per build, named
// "plansite <scope> <version> opened" (what the reader opened) and
// "plansite <scope> <version> saved <lang>" (a whole edition, complete once it holds the
// manifest, put there last). The scope is in the name because sites may share an origin
// (project sites on <owner>.github.io); site.js reads the same names.
"use strict";
self.plansiteOffline = (() => {
  const MANIFEST = "offline.json";
  const PARALLEL = 4;

  const prefix = (scope) => `plansite ${scope} `;
  const cacheName = (scope, version, part) => `${prefix(scope)}${version} ${part}`;

  // The manifest as the server has it now, past any copy in the browser's cache.
  async function manifest(scope) {
    const response = await fetch(new URL(MANIFEST, scope), { cache: "no-cache" });
    if (!response.ok) throw new Error(`${MANIFEST}: HTTP ${response.status}`);
    return response.json();
  }

  const asJson = (data) => new Response(JSON.stringify(data), { headers: { "Content-Type": "application/json" } });

  // A stored copy of the file at `path` with the bytes `integrity` says, among `earlier`
  // stores ({cache, files}: a cache of another build, and that build's manifest's files).
  async function unchanged(earlier, scope, path, integrity) {
    for (const { cache, files } of earlier) {
      const found = files[path] && files[path][0] === integrity && (await cache.match(new URL(path, scope).href));
      if (found) return found;
    }
    return undefined;
  }

  // Fetch the files at `paths` (addresses from the site's root) into `cache`, a few at a
  // time, each checked against the manifest `data`; `progress(bytes)` after each. A file
  // unchanged since a build stored in `earlier` is copied from there. The browser's cache
  // is asked to check with the server (`mode` "no-cache": a copy there may be of an older
  // build); "default" takes its copy while fresh (the files of a page just loaded).
  async function fetchInto(cache, scope, data, paths, { progress = () => {}, mode = "no-cache", earlier = [] } = {}) {
    const queue = [...paths];
    async function run() {
      try {
        for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
          const url = new URL(path, scope).href;
          const [integrity, bytes] = data.files[path];
          const response = (await unchanged(earlier, scope, path, integrity)) || (await fetch(url, { cache: mode, integrity }));
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          await cache.put(url, response);
          progress(bytes);
        }
      } catch (error) {
        queue.length = 0; // the other runs stop too
        throw error;
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, run));
  }

  // Store every file of `lang` in the build `data` describes; `progress(done, total)` in
  // bytes; `earlier` as for fetchInto. Nothing to do when that edition is stored already.
  async function save(scope, data, lang, progress = () => {}, earlier = []) {
    const marker = new URL(MANIFEST, scope).href;
    const { files, size } = data.languages[lang];
    const cache = await caches.open(cacheName(scope, data.version, `saved ${lang}`));
    if (await cache.match(marker)) return;
    let done = 0;
    await fetchInto(cache, scope, data, files, { progress: (bytes) => progress((done += bytes), size), earlier });
    await cache.put(marker, asJson(data));
  }

  // Every stored edition of `lang`, of any build, goes.
  async function remove(scope, lang) {
    const names = await caches.keys();
    const own = names.filter((name) => name.startsWith(prefix(scope)) && name.endsWith(` saved ${lang}`));
    await Promise.all(own.map((name) => caches.delete(name)));
  }

  return { MANIFEST, prefix, cacheName, asJson, manifest, fetchInto, save, remove };
})();
