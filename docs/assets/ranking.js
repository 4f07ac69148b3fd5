/* Search ranking: Pagefind's page data in, ranked elements out. No DOM.

   In: each page Pagefind found (its text, its anchors: every element with an
   id and where it starts), the page's language, and the build's browser data
   (assets/search-data.<lang>.json: for each id of the text, its kind and the
   number a result shows; scripts/sitegen/browser_data.py). Out: units (one
   per element with an id) and, for a query, the units that match it, best
   first. Tested by tests/js/ranking.test.js; driven by search-dialog.js.

   The order, best first:
     1. the query words each unit holds, each weighing by its rarity among
        the units (inverse document frequency): found whole with the query's
        own diacritics (the rarer, exact form), or whole with diacritics
        folded (đ→d), or, for the last word (the one being typed), as the
        start of a word (half weight), or only in the headings above the unit
        (half weight: "chỉ tiêu 18");
     2. plus each pair of neighbouring query words found side by side, by its
        rarity: phrases ("nhà ở xã hội") beat scattered syllables;
     3. then the number of words matched with their diacritics, the longest
        run of consecutive query words, the text before the glossary and the
        about page, the shorter unit, the document order.
   Numbers match by value: "32.900", "32,900" and "32900" are one number. */

import { TOKEN, makeWord, tokenize } from "./words.js";

export const NONE = 0, PREFIX = 1, WHOLE = 2, EXACT = 3;

function numbersMatch(query, word) {
  if (!query.numbers || !word.numbers) return NONE;
  if (query.numbers.some((key) => word.numbers.includes(key))) return EXACT;
  const typed = query.numbers[0];
  if (query.typing && typed && typed.length >= 2 && /^\d+$/.test(typed)) {
    if (word.numbers.some((key) => key.indexOf(typed) === 0)) return PREFIX;
  }
  return NONE;
}

/* Only the last query word may match the start of a word (it may be the
   word being typed); typed with diacritics, it must keep them. */
export function matchWord(query, word) {
  if (query.numbers && query.numbers.length) return numbersMatch(query, word);
  if (query.folded === word.folded || query.stem === word.stem) {
    return query.marked && query.exact === word.exact ? EXACT : WHOLE;
  }
  if (!query.typing || query.folded.length < 2) return NONE;
  const started = query.marked ? word.lower.indexOf(query.lower) === 0 : word.folded.indexOf(query.folded) === 0;
  return started ? PREFIX : NONE;
}

// ---------------------------------------------------------------------------
// Pages → units
// ---------------------------------------------------------------------------

function unitKind(anchor, pageName, info) {
  if (pageName === "glossary") return anchor.element === "dt" ? "term" : "page";
  if (pageName !== "text") return "page";
  if (info) return info.kind;
  return /^h[1-6]$/.test(anchor.element) && anchor.id !== "top" ? "section" : "page";
}

function headingLevel(element) {
  const match = /^h([1-6])$/.exec(element);
  return match ? Number(match[1]) : 0;
}

/* Cut a page's text at its anchors; each unit keeps the words of the
   headings above it as context. `known` maps ids to {kind, number}. */
export function buildUnits(data, lang, known = {}) {
  const chunks = data.content.split(/\s+/).filter(Boolean);
  const meta = data.meta || {};
  const pageName = meta.hp_page || "";
  const anchors = (data.anchors || []).slice().sort((a, b) => a.location - b.location);
  let headings = [];
  const units = [];
  anchors.forEach((anchor, index) => {
    const end = index + 1 < anchors.length ? anchors[index + 1].location : chunks.length;
    if (end <= anchor.location) return;
    const unitChunks = chunks.slice(anchor.location, end);
    const level = headingLevel(anchor.element);
    if (level) headings = headings.filter((h) => h.level < level);
    const info = pageName === "text" ? known[anchor.id] : undefined;
    const unit = {
      id: anchor.id,
      url: data.url,
      pageTitle: meta.title || "",
      pageName,
      title: anchor.text || "",
      kind: unitKind(anchor, pageName, info),
      number: info ? info.number : "",
      order: units.length,
      chunks: unitChunks,
      words: tokenize(unitChunks, lang),
      context: headings.flatMap((h) => h.words),
      parentHeading: headings.length ? headings[headings.length - 1].text : "",
    };
    units.push(unit);
    if (level) headings.push({ level, words: unit.words, text: unitChunks.join(" ") });
  });
  return units;
}

// ---------------------------------------------------------------------------
// Ranking
// ---------------------------------------------------------------------------

/* The query's words; the last one counts as being typed unless a space follows it. */
export function parseQuery(text, lang) {
  const raw = text.normalize("NFC").match(TOKEN) || [];
  const words = raw.map((token) => makeWord(token, lang));
  if (words.length && !/\s$/.test(text)) words[words.length - 1].typing = true;
  return words;
}

/* How one unit matches the query: the best match of each query word, which
   neighbouring query words stand side by side, the longest such run, and
   the query words found only in the headings above the unit. */
function matchUnit(unit, query) {
  const best = query.map(() => NONE);
  const pairs = query.map(() => false);
  const hits = [];
  let previousLevels = [];
  let previousRun = [];
  let longestRun = 0;
  for (const word of unit.words) {
    const levels = [];
    const run = [];
    query.forEach((q, qi) => {
      const level = matchWord(q, word);
      levels[qi] = level;
      if (level === NONE) return;
      if (level > best[qi]) best[qi] = level;
      hits.push(word.chunk);
      if (qi > 0 && previousLevels[qi - 1]) pairs[qi - 1] = true;
      run[qi] = (previousRun[qi - 1] || 0) + 1;
      if (run[qi] > longestRun) longestRun = run[qi];
    });
    previousLevels = levels;
    previousRun = run;
  }
  const inContext = query.map((q, qi) => best[qi] === NONE && unit.context.some((w) => matchWord(q, w) >= WHOLE));
  return { best, pairs, inContext, hits, longestRun };
}

/* Rarer words and word pairs weigh more (inverse document frequency over
   the units searched), so "căn" beats "đến" and "nhà ở" beats "nhà". */
function rarity(count, total) {
  return Math.log(1 + (total - count + 0.5) / (count + 0.5));
}

const PREFIX_WEIGHT = 0.5;
const CONTEXT_WEIGHT = 0.5;

function weigh(matches, query) {
  const total = matches.length;
  const countWhere = (test) => matches.reduce((n, m) => n + (test(m) ? 1 : 0), 0);
  const wordWeights = query.map((q, qi) => ({
    exact: rarity(countWhere((m) => m.best[qi] === EXACT), total),
    whole: rarity(countWhere((m) => m.best[qi] >= WHOLE), total),
    prefix: rarity(countWhere((m) => m.best[qi] >= PREFIX), total),
  }));
  const pairWeights = query.map((q, qi) => rarity(countWhere((m) => m.pairs[qi]), total));
  for (const m of matches) {
    let score = 0, exact = 0;
    m.best.forEach((level, qi) => {
      const w = wordWeights[qi];
      if (level === EXACT) { score += w.exact; exact++; }
      else if (level === WHOLE) score += w.whole;
      else if (level === PREFIX) score += PREFIX_WEIGHT * w.prefix;
      else if (m.inContext[qi]) score += CONTEXT_WEIGHT * w.whole;
    });
    m.pairs.forEach((together, qi) => { if (together) score += pairWeights[qi]; });
    m.key = [score, exact, m.longestRun];
  }
}

const TIER = { target: 0, breakthrough: 0, task: 0, paragraph: 0, section: 0, term: 1, page: 2 };

function compareResults(a, b) {
  for (let i = 0; i < a.key.length; i++) {
    if (Math.abs(a.key[i] - b.key[i]) > 1e-9) return b.key[i] - a.key[i];
  }
  const tier = TIER[a.unit.kind] - TIER[b.unit.kind];
  if (tier) return tier;
  if (a.unit.words.length !== b.unit.words.length) return a.unit.words.length - b.unit.words.length;
  return a.unit.order - b.unit.order;
}

/* Units that contain at least one query word, best first: [{unit, key, hits}]. */
export function rankUnits(units, queryText, lang) {
  const query = parseQuery(queryText, lang);
  if (!query.length) return [];
  const matches = units.map((unit) => Object.assign(matchUnit(unit, query), { unit }));
  weigh(matches, query);
  return matches.filter((m) => m.hits.length).sort(compareResults);
}

/* The words to look up in Pagefind, one search each (Pagefind wants every
   word of a search on the page, and does not fold "đ" into "d"). */
export function lookupTerms(queryText, lang) {
  const terms = [];
  for (const q of parseQuery(queryText, lang)) {
    const forms = q.numbers ? [q.folded] : [q.folded, q.folded.replace(/^d/, "đ")];
    for (const form of forms) if (!terms.includes(form)) terms.push(form);
  }
  return terms;
}
