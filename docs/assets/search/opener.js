// Loaded by every page (partials/search.html), so kept short; bench/SEARCH.md has the why.
// The header button, or "/" outside a field, opens the search. The first opening, or
// a pointer resting on the button, loads search.js and search.css and fetches the text
// the first results need: the site's pages and the page's plan (or the first plan).
// The language is the page's; on the page-not-found page, served at every missing
// address, that of the edition the address is under ("<root>/en/…": English).
// ?q=… in the address opens the search with that query.
(function () {
  const button = document.querySelector("[data-ps-open]");
  const dialog = document.getElementById("__search-dialog");
  if (!button || !dialog) return;
  const root = new URL(dialog.dataset.root, location.href);
  const lang = dialog.dataset.languages ? byAddress(JSON.parse(dialog.dataset.languages)) : dialog.dataset.lang;

  // The language whose edition the address is under, with its strings put in place.
  function byAddress(languages) {
    const path = decodeURI(location.pathname).slice(decodeURI(root.pathname).length);
    const codes = Object.keys(languages).sort((a, b) => languages[b].prefix.length - languages[a].prefix.length);
    const code = codes.find((c) => path.startsWith(languages[c].prefix)) ?? dialog.dataset.lang;
    const strings = languages[code];
    const input = dialog.querySelector("[data-ps-input]");
    const close = dialog.querySelector("[data-ps-close]");
    dialog.lang = code;
    dialog.setAttribute("aria-label", strings.search);
    dialog.querySelector("[data-ps-results]").setAttribute("aria-label", strings.search);
    input.placeholder = strings.placeholder;
    input.setAttribute("aria-label", strings.placeholder);
    close.setAttribute("aria-label", strings.close);
    close.title = strings.close;
    dialog.querySelector("[data-ps-status]").textContent = strings.prompt;
    for (const key of ["none", "one", "other", "prompt", "failed"]) dialog.dataset[key] = strings[key];
    const label = button.querySelector("[data-ps-label]");
    label.textContent = strings.placeholder;
    label.lang = code;
    return code;
  }

  let loading = null;
  function load() {
    if (!loading) {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("assets/search/search.css", root).href;
      document.head.appendChild(css);
      // search.js's import, fetched beside it rather than after it.
      import(new URL("assets/search/english.js", root).href).catch(() => {});
      // The paths of search.js's partPath(), which is not loaded yet.
      const plan = dialog.dataset.plan;
      const started = new Map([["", fetch(new URL(`search/${lang}.json`, root))]]);
      if (plan) started.set(plan, fetch(new URL(`search/${lang}/${plan}.json`, root)));
      // Unhandled until mount() takes them: a failed fetch is reported there.
      for (const text of started.values()) text.catch(() => {});
      loading = import(new URL("assets/search/search.js", root).href)
        .then((search) => search.mount(dialog, root, lang, plan, started))
        .catch(() => {
          dialog.querySelector("[data-ps-status]").textContent = dialog.dataset.failed;
          loading = null;
        });
    }
    return loading;
  }
  function open() {
    if (!dialog.open) dialog.showModal();
    load();
  }
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    dialog.querySelector("[data-ps-input]").value = query;
    open();
  }
  button.addEventListener("click", open);
  button.addEventListener("pointerenter", load, { once: true });
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && !dialog.open) {
      event.preventDefault();
      open();
    }
  });
})();
