// The site search on Pagefind, as the site had it before issue 14, tuned: only for
// bench/search.py's comparison (bench/pagefind_variant.py installs it in a copy of the
// site). Loaded by opener.js when the search dialog first opens; mount() wires the
// dialog's input to Pagefind's index of the page's own language (Pagefind picks it
// from <html lang>).
//
// Vietnamese, as readers type it:
// - Pagefind folds combining marks, so "nuoc sach" finds "nước sạch" and "xoá"
//   finds "xóa". It cannot fold đ (no decomposition in Unicode), so the index
//   writes đ as ď, which folds to d (plansite/search.py); queries are encoded the
//   same way here, and every title and excerpt shown is decoded back.
// - A query typed with diacritics is searched twice: exact diacritics first, then
//   folded, so "sạch" ranks pages with "sạch" above pages with only "sách".
// - Vietnamese words are syllables ("nước sạch" is one word), so within each pass
//   pages where the query's words stand next to each other come first, and a result
//   links to the section, and the anchored row, where they do.

const ENCODED = [
  ["đ", "ď"],
  ["Đ", "Ď"],
];
const MARKS = /[\u0300-\u036f]/;
// Each page shown costs its excerpt file (1-8 KiB): three (tuned; the site showed
// five, as Pagefind's own interface does), each with up to three of its sections.
const PAGES_SHOWN = 3;
const SECTIONS_SHOWN = 3;
// Wait this long after a keystroke before searching, so a word being typed does
// not fetch the excerpts of every prefix of it.
const TYPING_PAUSE_MS = 90;
// One or two letters match most pages and nearly always begin a longer word: such a
// query waits for a longer pause (Pagefind's own), so typing on does not fetch the
// excerpts of half the site. A number (a sub-task's id such as "7") does not wait.
const SHORT_QUERY = /^\D{1,2}$/;
const SHORT_QUERY_PAUSE_MS = 300;

export function indexText(text) {
  let encoded = text.normalize("NFC");
  for (const [letter, replacement] of ENCODED) encoded = encoded.replaceAll(letter, replacement);
  return encoded;
}

export function shownText(text) {
  let shown = text;
  for (const [letter, replacement] of ENCODED) shown = shown.replaceAll(replacement, letter);
  return shown;
}

export function hasDiacritics(text) {
  return /[đĐ]/.test(text) || MARKS.test(text.normalize("NFD"));
}

// The runs of consecutive word positions among `locations` (the matched words),
// longest first: [{start, length}].
function runs(locations) {
  const sorted = [...new Set(locations)].sort((a, b) => a - b);
  const found = [];
  sorted.forEach((location, i) => {
    if (i > 0 && location === sorted[i - 1] + 1) found[found.length - 1].length += 1;
    else found.push({ start: location, length: 1 });
  });
  return found.sort((a, b) => b.length - a.length || a.start - b.start);
}

const longestRun = (locations) => runs(locations)[0]?.length ?? 0;

// Pages whose matches include the whole query as a run of words come first;
// Pagefind's score orders the rest.
function rankPages(results, wordCount) {
  const phrase = (result) => (longestRun(result.words) >= wordCount ? 1 : 0);
  return results
    .map((result, order) => ({ result, order, phrase: phrase(result) }))
    .sort((a, b) => b.phrase - a.phrase || a.order - b.order)
    .map((entry) => entry.result);
}

// A page's best sections: those holding the longest run of matched words, then
// the most weight of matches (Pagefind weighs a word in a heading above one in the
// text, so an id or name that heads a section wins). Each links to the anchor just
// before its best match (a heading, or a row such as a target's): among its longest
// runs, the one closest after an anchor.
function sections(data) {
  const page = data.url.split("#")[0];
  const weight = (sub) => sub.weighted_locations.reduce((sum, location) => sum + location.weight, 0);
  return data.sub_results
    .map((sub, order) => ({ sub, order, runs: runs(sub.locations), weight: weight(sub) }))
    .sort((a, b) => (b.runs[0]?.length ?? 0) - (a.runs[0]?.length ?? 0) || b.weight - a.weight || a.order - b.order)
    // Further sections only where the query's words stand together as in the best one.
    .filter((section, _, [best]) => (section.runs[0]?.length ?? 0) === (best.runs[0]?.length ?? 0))
    .slice(0, SECTIONS_SHOWN)
    .map(({ sub, runs: found }) => {
      const floor = sub.anchor ? sub.anchor.location : 0;
      const anchorBefore = (location) => data.anchors.filter((a) => a.id && a.location >= floor && a.location <= location).pop() ?? sub.anchor;
      const distance = (landing) => landing.start - (landing.anchor?.location ?? floor);
      const landings = found
        .filter((run) => run.length === found[0].length)
        .map((run) => ({ anchor: anchorBefore(run.start), start: run.start }))
        .sort((a, b) => distance(a) - distance(b));
      const anchor = landings.length ? landings[0].anchor : sub.anchor;
      const isPageTop = !sub.anchor || (sub.anchor.element === "h1" && anchor === sub.anchor);
      return {
        url: anchor ? `${page}#${anchor.id}` : sub.url,
        title: isPageTop ? null : shownText(sub.title),
        excerpt: sub.excerpt,
      };
    });
}

// Every page that `query` finds, best first, as Pagefind's results (their data() not
// loaded): with diacritics, the pages that have them exactly come first; then the
// rest of the pages that the query finds folded.
export async function find(pagefind, query) {
  const search = async (term, exact) => {
    await pagefind.options({ exactDiacritics: exact });
    const found = await pagefind.search(term);
    return found ? found.results : [];
  };
  const term = indexText(query);
  const wordCount = query.split(/\s+/).length;
  const exact = hasDiacritics(query) ? rankPages(await search(term, true), wordCount) : [];
  const seen = new Set(exact.map((result) => result.id));
  const folded = rankPages(await search(term, false), wordCount).filter((result) => !seen.has(result.id));
  return [...exact, ...folded];
}

// Pagefind's excerpt as DOM: its text, and its <mark>s around the matched words.
function excerptNode(excerpt) {
  const parsed = document.createElement("template");
  parsed.innerHTML = excerpt;
  const out = document.createElement("span");
  out.className = "ps-result__excerpt";
  for (const node of parsed.content.childNodes) {
    const text = shownText(node.textContent);
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = text;
      out.append(mark);
    } else {
      out.append(text);
    }
  }
  return out;
}

function resultItem(data) {
  const [best, ...more] = sections(data);
  const item = document.createElement("li");
  item.className = "ps-result";
  const link = document.createElement("a");
  link.className = "ps-result__link";
  link.href = best ? best.url : data.url;
  const title = document.createElement("span");
  title.className = "ps-result__title";
  title.textContent = shownText(data.meta.title || data.url);
  link.append(title);
  if (best && best.title) {
    const section = document.createElement("span");
    section.className = "ps-result__section";
    section.textContent = best.title;
    link.append(section);
  }
  link.append(excerptNode(best ? best.excerpt : data.excerpt));
  item.append(link);
  if (more.length) {
    const list = document.createElement("ul");
    list.className = "ps-result__more";
    for (const section of more) {
      const entry = document.createElement("li");
      const sub = document.createElement("a");
      sub.className = "ps-result__link ps-result__link--section";
      sub.href = section.url;
      const name = document.createElement("span");
      name.className = "ps-result__section";
      name.textContent = section.title || title.textContent;
      sub.append(name, excerptNode(section.excerpt));
      entry.append(sub);
      list.append(entry);
    }
    item.append(list);
  }
  return item;
}

export async function mount(dialog, root) {
  const input = dialog.querySelector("[data-ps-input]");
  const status = dialog.querySelector("[data-ps-status]");
  const list = dialog.querySelector("[data-ps-results]");
  const strings = dialog.dataset;
  let pagefind;
  try {
    // Pagefind works out the site's base URL from where pagefind.js is, so results
    // link correctly when the site is served from a sub-path. The index is small
    // enough to search on the page's own thread, which spares the worker's download.
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ excerptLength: 24, noWorker: true });
    await pagefind.init();
  } catch (error) {
    status.textContent = strings.failed;
    throw error;
  }

  function show(query, found, pages) {
    list.replaceChildren(...pages.map(resultItem));
    const count = found.length;
    status.textContent = !query
      ? strings.prompt
      : count === 0
        ? strings.none
        : count === 1
          ? strings.one
          : strings.other.replace("#", String(count));
    list.dataset.query = query;
  }

  // One search at a time; a query typed meanwhile replaces any waiting one.
  let running = false;
  let waiting = null;
  let timer = null;
  async function run(query) {
    if (running) {
      waiting = query;
      return;
    }
    running = true;
    try {
      const found = query ? await find(pagefind, query) : [];
      // A newer query is waiting: this one's excerpts would never be shown.
      if (waiting !== null) return;
      const pages = await Promise.all(found.slice(0, PAGES_SHOWN).map((result) => result.data()));
      if (waiting === null) show(query, found, pages);
    } finally {
      running = false;
      if (waiting !== null) {
        const next = waiting;
        waiting = null;
        run(next);
      }
    }
  }
  const current = () => input.value.trim().replace(/\s+/g, " ");
  function schedule() {
    clearTimeout(timer);
    const pause = SHORT_QUERY.test(current()) ? SHORT_QUERY_PAUSE_MS : TYPING_PAUSE_MS;
    timer = setTimeout(() => run(current()), pause);
  }
  input.addEventListener("input", schedule);

  // Keyboard: ↓/↑ move between the field and the results, Enter in the field
  // opens the first result; Escape closes the dialog (the browser's own).
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Enter") return;
    const links = [...list.querySelectorAll("a")];
    const stops = [input, ...links];
    const at = stops.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "Enter") {
      if (at === 0 && links.length) {
        event.preventDefault();
        links[0].click();
      }
      return;
    }
    event.preventDefault();
    const next = Math.min(Math.max(at + (event.key === "ArrowDown" ? 1 : -1), 0), stops.length - 1);
    stops[next].focus();
  });
  // A result on the page already open only scrolls it: close the dialog first.
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) dialog.close();
  });
  // A click on the backdrop closes the dialog.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });

  // Whatever was typed while this module loaded.
  schedule();
}
