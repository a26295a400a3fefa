// The site search. opener.js loads this module when the search dialog first opens,
// with the text of the page's language (search/<lang>.json, the site's pages, and
// search/<lang>/<plan>.json, each plan's; written by plansite/search.py); mount() then
// answers every query from that text, in the page. The first results need the site's
// pages and one plan's; the other plans' text follows, once they are shown.
//
// Vietnamese, as readers type it:
// - A word is a syllable ("nước sạch" is two), and every syllable of the query but
//   the last must be a whole syllable of the text: "ho ngheo" finds "hộ nghèo", not
//   "hội" or "học". The last one may be unfinished ("ho ngh" finds "hộ nghèo") unless
//   a space follows it.
// - Diacritics and đ are folded ("nuoc sach" finds "nước sạch"); a syllable typed with
//   any mark must match its tone and letter marks exactly to rank first, wherever the
//   tone mark sits ("xóa" and "xoá" are the same syllable).
// - Pages where the query's syllables stand together, in order, come before pages
//   where they are scattered, and among them pages whose title has them first; then
//   sections are scored (BM25) with words in headings weighing more than words in the
//   text. A result links to its best section: a sub-task's heading (#task-2-2), a
//   target's row (#target-t02), a document (#doc-…).
//
// English, as readers type it: the words of the text and of the query are stemmed
// alike (english.js), so "disabled" finds "disabilities" and "literacy" "illiteracy".
// The index file says which stemmer its language takes (languages.yml, ``stemmer``);
// Vietnamese takes none. A page may also carry the words readers use for it that it
// does not hold (a group's ``search_terms`` in groups.yml), which count as its title.

import { forms as englishForms, stem as englishStem } from "./english.js";

const VERSION = 2;
// The stemmers an index file may name: a word's stem, and the keys a word of the text is
// found by (its stem, and its positive form's if it is a negative one).
export const STEMMERS = { english: { stem: englishStem, forms: englishForms } };
// A word: letters with their marks, and digits.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
// The five Vietnamese tones, as combining marks after NFD.
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const MARKS = /[\u0300-\u036f]/g;
// Between two words of the text, a line end, or sentence punctuation followed by a
// space, ends a phrase: "… năm 2030. Tiếp …" has no phrase "2030 tiep".
const BREAK = /\n|[.;:!?…()[\]].*\s|\s.*[.;:!?…()[\]]/;
// Weight of a word in a heading of each level (h1, the page's title, first), and in text.
const HEADING_WEIGHT = [0, 4, 3, 3, 2, 2, 2];
const TEXT_WEIGHT = 1;
// BM25's constants; sections are a task, a target's row, a term: a long one mentions a
// word no less meaningfully than a short one, so length counts less than usual (B).
const K1 = 1.2;
const B = 0.3;
const PAGES_SHOWN = 8;
const SECTIONS_SHOWN = 3;
// While other plans' text arrives, the results are shown again at most this often.
const REFRESH_MS = 250;
// Words of the excerpt around the best match, before and after it.
const BEFORE = 8;
const AFTER = 18;

// The keys of a word (lower case, NFC): folded, as typed without diacritics ("nuoc"),
// and its letters with their marks but without the tone (NFD) and the tone apart,
// which an exact match compares.
export function wordKeys(word) {
  const decomposed = word.normalize("NFD");
  const tone = (decomposed.match(TONES) ?? []).join("");
  const base = decomposed.replace(TONES, "");
  const folded = base.replace(MARKS, "").replaceAll("đ", "d");
  return { folded, base, tone, marked: tone !== "" || base !== folded };
}

// The words of `text`, with where each is and how it joins the one before it:
// glued (no space between, as in "2.2" or "81/KH-UBND") or across a break.
export function words(text) {
  const found = [];
  let end = 0;
  for (const match of text.matchAll(WORD)) {
    const between = text.slice(end, match.index);
    // Most words are one space apart: neither glued nor broken.
    const spaced = between === " " || found.length === 0;
    found.push({
      word: match[0].toLowerCase(),
      start: match.index,
      end: match.index + match[0].length,
      glued: !spaced && between !== "" && !/\s/.test(between),
      broken: !spaced && BREAK.test(between),
    });
    end = match.index + match[0].length;
  }
  return found;
}

// -- the index ------------------------------------------------------------------------

// The page's title (its h1) is a section of its own, apart from any text under it: it
// weighs for the whole page, not for the top of it. So do the words readers use for
// the page (`terms`, one a line), which count as its title.
function splitTitle([anchor, level, text, title]) {
  const end = text.indexOf("\n");
  if (level !== 1 || end < 0) return [[anchor, level, text, title]];
  return [
    [anchor, 1, text.slice(0, end), ""],
    [anchor, 0, text.slice(end + 1), ""],
  ];
}

// The words of every section, one after another, in typed arrays that grow as parts
// arrive (a site of many plans has hundreds of thousands of words).
const TOKEN_FIELDS = { word: Int32Array, start: Int32Array, end: Int32Array, section: Int32Array, weight: Uint8Array, glued: Uint8Array, broken: Uint8Array };

function growTokens(tokens, needed) {
  if (needed <= tokens.word.length) return;
  const size = Math.max(needed, tokens.word.length * 2, 4096);
  for (const [name, Type] of Object.entries(TOKEN_FIELDS)) {
    const grown = new Type(size);
    grown.set(tokens[name]);
    tokens[name] = grown;
  }
}

// An empty index, to which parts of the search text are added as they arrive.
export function createIndex() {
  const tokens = Object.fromEntries(Object.entries(TOKEN_FIELDS).map(([name, Type]) => [name, new Type(0)]));
  return {
    pages: [],
    sections: [],
    vocabulary: new Map(), // word -> id
    entries: [], // id -> its keys
    byFolded: new Map(), // folded key -> ids
    folded: [], // the folded keys
    stemmer: null, // the language's, if it has one (STEMMERS)
    byStem: new Map(), // stem -> ids, with the stemmer
    occurrences: [], // id -> token numbers
    tokens,
    count: 0, // tokens in use
    averageLength: 0,
    plans: null, // every plan's id, once the site's part is in
    editions: [], // the other editions and their offers (search.py), once the site's part is in
    parts: new Set(), // the parts added: "" (the site's pages) and plan ids
  };
}

// The id of a word (lower case) in the index's vocabulary, added if new.
function wordId(index, word) {
  let id = index.vocabulary.get(word);
  if (id === undefined) {
    id = index.entries.length;
    index.vocabulary.set(word, id);
    const keys = wordKeys(word);
    index.entries.push(keys);
    index.occurrences.push([]);
    if (!index.byFolded.has(keys.folded)) {
      index.byFolded.set(keys.folded, []);
      index.folded.push(keys.folded);
    }
    index.byFolded.get(keys.folded).push(id);
    for (const key of index.stemmer?.forms(keys.folded) ?? []) {
      if (!index.byStem.has(key)) index.byStem.set(key, []);
      index.byStem.get(key).push(id);
    }
  }
  return id;
}

// Adds a search file as fetched (search/<lang>.json or search/<lang>/<plan>.json):
// every word of every section goes in one list, and each distinct word keeps the
// places it occurs.
export function addPart(index, data) {
  if (data.version !== VERSION) throw new Error(`search index version ${data.version}, expected ${VERSION}`);
  const { sections } = index;
  if (data.plans) index.plans = data.plans;
  if (data.editions) index.editions = data.editions;
  if (data.stemmer) index.stemmer = STEMMERS[data.stemmer] ?? null;
  index.parts.add(data.plan ?? "");
  for (const [url, title, list, weight = 1, terms = []] of data.pages) {
    const page = { url, title, weight, sections: [] };
    const all = list.flatMap(splitTitle);
    if (terms.length) all.push(["", 1, terms.join("\n"), "", true]);
    for (const [anchor, level, text, sectionTitle, isTerms = false] of all) {
      const section = { number: sections.length, page, anchor, level, text, title: sectionTitle, terms: isTerms, first: index.count };
      // Every line of the terms weighs as the title; a heading's first line only.
      const headingEnd = isTerms ? text.length : level ? text.indexOf("\n") >>> 0 : 0;
      const found = words(text);
      growTokens(index.tokens, index.count + found.length);
      const { tokens } = index;
      for (const token of found) {
        const at = index.count++;
        const id = wordId(index, token.word);
        index.occurrences[id].push(at);
        tokens.word[at] = id;
        tokens.start[at] = token.start;
        tokens.end[at] = token.end;
        tokens.glued[at] = token.glued ? 1 : 0;
        tokens.broken[at] = token.broken ? 1 : 0;
        tokens.weight[at] = token.start < headingEnd ? HEADING_WEIGHT[level] : TEXT_WEIGHT;
        tokens.section[at] = section.number;
      }
      section.last = index.count;
      sections.push(section);
      page.sections.push(section);
    }
    index.pages.push(page);
  }
  index.averageLength = index.count / Math.max(sections.length, 1);
  return index;
}

// Whether every part of the search text is in: the site's, and every plan's.
export function isComplete(index) {
  return index.plans !== null && index.plans.every((plan) => index.parts.has(plan));
}

// An index of the given search files (as fetched).
export function prepare(...parts) {
  const index = createIndex();
  for (const part of parts) addPart(index, part);
  return index;
}

// The search file of `lang` for `plan` ("" for the site's pages), relative to the site's root.
export function partPath(lang, plan) {
  return plan ? `search/${lang}/${plan}.json` : `search/${lang}.json`;
}

async function fetched(response) {
  const answer = await response;
  if (!answer.ok) throw new Error(`${answer.url}: HTTP ${answer.status}`);
  return answer.json();
}

// The whole index of `lang`, every part of it, from the site at `root`.
export async function load(root, lang) {
  const index = prepare(await fetched(fetch(new URL(partPath(lang, ""), root))));
  const parts = await Promise.all(index.plans.map((plan) => fetched(fetch(new URL(partPath(lang, plan), root)))));
  for (const part of parts) addPart(index, part);
  return index;
}

// -- matching -----------------------------------------------------------------------------

// The query's words; the last one is unfinished (matched as the start of a word)
// unless a space follows it. With a stemmer, each has its stem too.
export function parseQuery(raw, stemmer = null) {
  const found = words(raw.normalize("NFC"));
  const finished = /\s$/.test(raw);
  return found.map((token, i) => {
    const keys = wordKeys(token.word);
    return { ...token, ...keys, stem: stemmer?.stem(keys.folded) ?? null, prefix: i === found.length - 1 && !finished };
  });
}

function exactly(term, keys) {
  if (!term.marked) return true;
  if (term.prefix) return keys.base.startsWith(term.base) && (term.tone === "" || term.tone === keys.tone);
  return keys.base === term.base && keys.tone === term.tone;
}

// For one word of the query: the tokens it matches (list), and for every token of the
// index whether it does (hit: 0 no, 1 folded, 2 exactly). With a stemmer, the words of
// the same stem match too ("disability" finds "disabilities", even unfinished).
function matches(index, term) {
  const ids = new Set(
    term.prefix
      ? index.folded.filter((key) => key.startsWith(term.folded)).flatMap((key) => index.byFolded.get(key))
      : (index.byFolded.get(term.folded) ?? []),
  );
  for (const id of (term.stem !== null && index.byStem.get(term.stem)) || []) ids.add(id);
  const hit = new Uint8Array(index.count);
  const list = [];
  for (const id of ids) {
    const kind = exactly(term, index.entries[id]) ? 2 : 1;
    for (const token of index.occurrences[id]) {
      hit[token] = kind;
      list.push(token);
    }
  }
  return { list, hit };
}

// Where the query's words follow each other, in order, in one section and line (those
// typed glued, as "2.2", glued in the text too): calls `each(first token, exactly)`.
function phrases(index, terms, found, each) {
  const { tokens } = index;
  for (const first of found[0].list) {
    let exact = found[0].hit[first] === 2;
    let whole = true;
    for (let k = 1; k < terms.length && whole; k++) {
      const token = first + k;
      const hit = found[k].hit[token];
      whole = hit > 0 && tokens.section[token] === tokens.section[first] && !tokens.broken[token] && (!terms[k].glued || tokens.glued[token]);
      exact = exact && hit === 2;
    }
    if (whole) each(first, exact);
  }
}

const byUrl = (a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

// What the query finds: its words (terms), the tokens each matches (found), and the
// pages, best first (results: [{page, exact, phrase, score, sections}], each with its
// sections that match, best first).
export function search(index, raw) {
  const terms = parseQuery(raw, index.stemmer);
  const found = terms.map((term) => matches(index, term));
  if (!terms.length) return { terms, found, results: [] };
  const { tokens, sections } = index;
  const marked = terms.some((term) => term.marked);

  // Per section (its number): for each word (i), its weighted count (weights[number * n + i])
  // and whether one matches exactly; then the phrases. Typed arrays: a letter can match
  // a hundred thousand words on a site of many plans.
  const n = terms.length;
  const weights = new Float64Array(sections.length * n);
  const exactly = new Uint8Array(sections.length * n);
  const touched = [];
  const seen = new Uint8Array(sections.length);
  found.forEach(({ list, hit }, i) => {
    for (const token of list) {
      const number = tokens.section[token];
      if (!seen[number]) {
        seen[number] = 1;
        touched.push(number);
      }
      weights[number * n + i] += tokens.weight[token];
      if (hit[token] === 2) exactly[number * n + i] = 1;
    }
  });
  const phraseStarts = new Map(); // section -> the first token of each phrase
  const exactPhrase = new Uint8Array(sections.length);
  for (const word of found) word.inPhrase = new Set(); // the words (ids) it matched in a phrase
  if (n > 1) {
    phrases(index, terms, found, (first, exact) => {
      const number = tokens.section[first];
      if (!phraseStarts.has(number)) phraseStarts.set(number, []);
      phraseStarts.get(number).push(first);
      if (exact) exactPhrase[number] = 1;
      found.forEach((word, k) => word.inPhrase.add(tokens.word[first + k]));
    });
  }

  // BM25 over sections: rare words count more; words in short sections count more.
  const idf = terms.map((_, i) => {
    let containing = 0;
    for (const number of touched) if (weights[number * n + i] > 0) containing++;
    return Math.log(1 + (sections.length - containing + 0.5) / (containing + 0.5));
  });
  const byPage = new Map();
  for (const number of touched) {
    const section = sections[number];
    const length = (section.last - section.first) / index.averageLength;
    let score = 0;
    for (let i = 0; i < n; i++) {
      const weight = weights[number * n + i];
      score += (idf[i] * weight * (K1 + 1)) / (weight + K1 * (1 - B + B * length));
    }
    // One word is a phrase of itself.
    const single = n === 1;
    const stat = {
      section,
      score,
      weights: weights.subarray(number * n, number * n + n),
      exact: exactly.subarray(number * n, number * n + n),
      phrases: phraseStarts.get(number) ?? [],
      anyPhrase: single || phraseStarts.has(number),
      exactPhrase: single ? exactly[number] === 1 : exactPhrase[number] === 1,
    };
    if (!byPage.has(section.page)) byPage.set(section.page, []);
    byPage.get(section.page).push(stat);
  }

  const results = [];
  for (const [page, list] of byPage) {
    // Every word of the query is somewhere on the page.
    if (!terms.every((_, i) => list.some((stat) => stat.weights[i] > 0))) continue;
    const exact = !marked || terms.every((_, i) => list.some((stat) => stat.exact[i]));
    // A phrase counts in the page's own tier: exactly typed, for a page that has the words exactly.
    for (const stat of list) stat.phrase = stat.exactPhrase || (stat.anyPhrase && (!exact || !marked));
    // The title, or the readers' terms, whichever scores more, add to the page's best
    // section. A result lands on the page's top only when nothing under its title
    // matches, or only the title or terms have the query's phrase ("older people").
    const titles = list.filter((stat) => stat.section.level === 1);
    titles.sort((a, b) => b.phrase - a.phrase || b.score - a.score);
    const body = list.filter((stat) => stat.section.level !== 1);
    body.sort((a, b) => b.phrase - a.phrase || b.score - a.score || a.section.number - b.section.number);
    const phrase = list.some((stat) => stat.phrase);
    // Not for pages that count for less (reference pages, reading aids): the plan's words first.
    const named = page.weight === 1 && Boolean(titles[0]?.phrase);
    const score = ((body[0]?.score ?? 0) + Math.max(0, ...titles.map((stat) => stat.score))) * page.weight;
    const top = !body.length || (!body[0].phrase && Boolean(titles[0]?.phrase));
    results.push({ page, exact, phrase, named, score, sections: top ? titles.slice(0, 1) : body });
  }
  // Among pages with the phrase, those whose title has it (an agency's page for its name).
  results.sort(
    (a, b) => b.exact - a.exact || b.phrase - a.phrase || b.named - a.named || b.score - a.score || byUrl(a.page, b.page),
  );
  return { terms, found, results };
}

// -- showing results ---------------------------------------------------------------------

// The address of a section, relative to the site's root.
export function sectionUrl(section) {
  return section.anchor ? `${section.page.url}#${section.anchor}` : section.page.url;
}

// Whether `token` is what a word of the query matched, for a result in the exact tier
// (`exact`) or not: in the exact tier, a word typed with diacritics matched only its
// exact spelling; and a word that stood in a phrase anywhere matched only the words it
// stood for there ("ho ngheo" is "hộ nghèo": not "hỗ" of "hỗ trợ", which it also folds to).
function matched(index, terms, found, token, exact) {
  return found.some(({ hit, inPhrase }, i) => {
    if (!hit[token] || (exact && terms[i].marked && hit[token] !== 2)) return false;
    return !inPhrase?.size || inPhrase.has(index.tokens.word[token]);
  });
}

// The excerpt of a matching section (an entry of a result's `sections`) around its
// best match, as [{text, mark}] pieces: where the section has the query's phrase, the
// phrase is marked, else every word the query matched (matched()); `answer` is what
// search() returned, `exact` the result's tier.
export function excerpt(index, stat, answer, exact = false) {
  const { tokens } = index;
  const { section } = stat;
  const { terms, found } = answer;
  if (section.first === section.last) return [{ text: section.text.replaceAll("\n", " · ") }];
  const marked = new Set();
  for (const first of stat.phrases ?? []) for (let k = 0; k < found.length; k++) marked.add(first + k);
  if (!marked.size && !stat.plain) {
    for (let token = section.first; token < section.last; token++) if (matched(index, terms, found, token, exact)) marked.add(token);
  }
  // The text under a heading, if the section has any; else the heading.
  const headingEnd = section.level > 1 ? section.text.indexOf("\n") >>> 0 : 0;
  let first = section.first;
  while (first < section.last && tokens.start[first] < headingEnd) first++;
  if (first === section.last) first = section.first;
  // The window with the most marked words, from a few words before the first of them.
  let from = first;
  let most = 0;
  for (let token = first; token < section.last; token++) {
    if (!marked.has(token)) continue;
    const start = Math.max(first, token - BEFORE);
    let count = 0;
    for (let t = start; t < Math.min(section.last, start + BEFORE + AFTER); t++) count += marked.has(t);
    if (count > most) {
      most = count;
      from = start;
    }
  }
  const to = Math.min(section.last, from + BEFORE + AFTER);
  const pieces = [];
  if (from > first) pieces.push({ text: "… " });
  let at = tokens.start[from];
  for (let token = from; token < to; token++) {
    if (marked.has(token)) {
      if (tokens.start[token] > at) pieces.push({ text: section.text.slice(at, tokens.start[token]) });
      pieces.push({ text: section.text.slice(tokens.start[token], tokens.end[token]), mark: true });
      at = tokens.end[token];
    }
  }
  const end = to < section.last ? tokens.end[to - 1] : section.text.length;
  if (end > at) pieces.push({ text: section.text.slice(at, end) });
  if (to < section.last) pieces.push({ text: " …" });
  return pieces.map((piece) => ({ ...piece, text: piece.text.replaceAll("\n", " · ") }));
}

function excerptNode(pieces) {
  const out = document.createElement("span");
  out.className = "ps-result__excerpt";
  for (const piece of pieces) {
    if (piece.mark) {
      const mark = document.createElement("mark");
      mark.textContent = piece.text;
      out.append(mark);
    } else {
      out.append(piece.text);
    }
  }
  return out;
}

// The sections a result shows: the best, and up to two more that match as well
// (with the phrase, if the best has it).
function shownSections(result) {
  const [best, ...rest] = result.sections;
  return [best, ...rest.filter((stat) => stat.phrase === best.phrase)].slice(0, SECTIONS_SHOWN);
}

// The heading a section is shown under; none at the top of the page (under its title).
function sectionTitle(section) {
  if (!section.anchor) return null;
  return section.level ? section.text.split("\n", 1)[0] : section.title;
}

// A result that lands on the page's title (or the readers' terms) shows the start of
// the text under it, unmarked: what matched is the title.
function excerptOf(index, stat, answer, exact) {
  const next = stat.section.level === 1 ? stat.section.page.sections.find((section) => section.level !== 1) : null;
  return excerpt(index, next ? { section: next, plain: true } : stat, answer, exact);
}

function resultItem(index, root, result, answer) {
  const [best, ...more] = shownSections(result);
  const item = document.createElement("li");
  item.className = "ps-result";
  const link = document.createElement("a");
  link.className = "ps-result__link";
  link.href = new URL(sectionUrl(best.section), root).href;
  const title = document.createElement("span");
  title.className = "ps-result__title";
  title.textContent = result.page.title || result.page.url;
  link.append(title);
  const heading = sectionTitle(best.section);
  if (heading) {
    const section = document.createElement("span");
    section.className = "ps-result__section";
    section.textContent = heading;
    link.append(section);
  }
  link.append(excerptNode(excerptOf(index, best, answer, result.exact)));
  item.append(link);
  if (more.length) {
    const list = document.createElement("ul");
    list.className = "ps-result__more";
    for (const stat of more) {
      const entry = document.createElement("li");
      const sub = document.createElement("a");
      sub.className = "ps-result__link ps-result__link--section";
      sub.href = new URL(sectionUrl(stat.section), root).href;
      const name = document.createElement("span");
      name.className = "ps-result__section";
      name.textContent = sectionTitle(stat.section) ?? title.textContent;
      sub.append(name, excerptNode(excerpt(index, stat, answer, result.exact)));
      entry.append(sub);
      list.append(entry);
    }
    item.append(list);
  }
  return item;
}

// -- the dialog ------------------------------------------------------------------------------

// `started`: the fetches of search files that opener.js started beside this module's,
// by part ("" for the site's pages, or a plan's id); `plan`: the plan whose part comes
// first (the page's own, or the first plan). The first results come from the site's
// pages and that plan's; the other plans' parts are fetched once they are shown.
export async function mount(dialog, root, lang, plan, started = new Map()) {
  const input = dialog.querySelector("[data-ps-input]");
  const status = dialog.querySelector("[data-ps-status]");
  const list = dialog.querySelector("[data-ps-results]");
  const elsewhere = dialog.querySelector("[data-ps-elsewhere]");
  const strings = dialog.dataset;
  const index = createIndex();
  const part = (name) => fetched(started.get(name) ?? fetch(new URL(partPath(lang, name), root)));
  let failed = false;
  try {
    const first = [part(""), ...(plan ? [part(plan)] : [])];
    for (const data of await Promise.all(first)) addPart(index, data);
  } catch (error) {
    status.textContent = strings.failed;
    throw error;
  }

  function show(query) {
    const answer = search(index, query);
    const { terms, results } = answer;
    list.replaceChildren(...results.slice(0, PAGES_SHOWN).map((result) => resultItem(index, root, result, answer)));
    const count = results.length;
    status.textContent = failed
      ? strings.failed
      : !terms.length
        ? strings.prompt
        : count === 0
          ? strings.none
          : count === 1
            ? strings.one
            : strings.other.replace("#", String(count));
    offer(terms.length && !count && !failed ? query.trim() : "");
    list.dataset.query = query.trim().replace(/\s+/g, " ");
    list.dataset.complete = String(isComplete(index));
  }

  // A query with no result here: the same search in each other edition, a link to its
  // home page, whose search opens with the query (opener.js); nothing of that edition is
  // fetched unless the reader follows it.
  function offer(query) {
    elsewhere.hidden = !query;
    const links = index.editions.map(([code, prefix, text]) => {
      const link = document.createElement("a");
      link.href = new URL(`${prefix}?q=${encodeURIComponent(query)}`, root).href;
      link.lang = code;
      link.hreflang = code;
      link.textContent = text.replace("#", () => query);
      return link;
    });
    elsewhere.replaceChildren(...(query ? links : []));
  }

  // The other plans, once the first results are shown: their results join in as they
  // come, shown again at most every REFRESH_MS until the last is in.
  let rest = null;
  let refresh = null;
  function added() {
    if (isComplete(index) || failed) {
      clearTimeout(refresh);
      refresh = null;
      schedule();
    } else {
      refresh ??= setTimeout(() => {
        refresh = null;
        schedule();
      }, REFRESH_MS);
    }
  }
  function fetchRest() {
    rest ??= index.plans
      .filter((name) => !index.parts.has(name))
      .map((name) =>
        part(name)
          .then((data) => addPart(index, data))
          .catch(() => {
            failed = true;
          })
          .then(added),
      );
  }

  // One search per frame at most, for what is in the field by then.
  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const query = input.value.replace(/^\s+/, "").replace(/\s+/g, " ");
      show(query);
      if (query) fetchRest();
    });
  }
  input.addEventListener("input", schedule);

  // Keyboard: ↓/↑ move between the field, the results and the other editions' offers,
  // Enter in the field opens the first result; Escape closes the dialog (the browser's own).
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Enter") return;
    const links = [...list.querySelectorAll("a")];
    const stops = [input, ...links, ...elsewhere.querySelectorAll("a")];
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

  // Whatever was typed while this module and the text loaded.
  schedule();
  return index;
}
