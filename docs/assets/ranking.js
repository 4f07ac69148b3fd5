/* Search ranking: Pagefind's page data in, ranked elements out. No DOM.

   In: every page of the reader's language as Pagefind stores it (its text,
   its anchors: every element with an id and where it starts), the language,
   and the build's browser data (assets/search-data.<lang>.json: for each id
   of the text its kind and the number a result shows, and the search terms;
   scripts/sitegen/browser_data.py). Out: an index (createIndex) and, for a
   query (understood by query.js), { results, others, fallback }: the units
   of the resolution's text that match, best first; the glossary and about
   page entries that hold the query's rarest word, in their own group after
   the text; and, when nothing matches, the closest passages ("closest") or
   the parts of the text ("outline"). Tested by tests/js/ranking.test.js;
   driven by search-dialog.js.

   The order, best first:
     1. the query's terms each unit holds, each weighing by its rarity among
        the units (inverse document frequency): found whole with the query's
        own diacritics (the rarer, exact form), or whole with diacritics
        folded (đ→d) or as the same English stem, or one letter away (a typo,
        half weight), or, for the last word (the one being typed), as the
        start of a word (half weight), or only in the headings above the unit
        (half weight: "chỉ tiêu 18"); the words a concept or a synonym
        stands for weigh a little less than the words typed;
     2. plus each pair of neighbouring terms found side by side, by its
        rarity: phrases ("nhà ở xã hội") beat scattered syllables (English
        function words do not part them: "units in the 2026–2030 period");
     3. that score times the share of the query the unit answers (a word typed
        or a concept, by its rarity: coverage());
     4. then the number of words matched with their diacritics, the longest
        run of consecutive terms, the resolution's decisions (Part III: its
        objectives, targets, breakthroughs and tasks) before its review of
        the past term and its closing parts, the shorter unit, the document order.
   Numbers match by value: "32.900", "32,900" and "32900" are one number. */

import { tokenize } from "./words.js";
import { prepareTerms, understand, vocabulary } from "./query.js";

export const NONE = 0, PREFIX = 1, FUZZY = 2, WHOLE = 3, EXACT = 4;

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
  if (query.numbers && query.numbers.length) {
    const level = numbersMatch(query, word);
    if (level || /\d/.test(query.folded)) return level;  // "five" may still be the word five
  }
  if (query.folded === word.folded || query.stem === word.stem) {
    return query.marked && query.exact === word.exact ? EXACT : WHOLE;
  }
  if (query.fuzzy && query.fuzzy.has(word.folded)) return FUZZY;
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
      level,
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

/* Every page of one language, cut into units, with the vocabulary of its
   text and its terms; `repair` is repair.js once loaded (null until then). */
export function createIndex(pages, lang, payload, repair = null) {
  const known = (payload && payload.ids) || {};
  const units = pages.flatMap((data) => buildUnits(data, lang, known));
  const vocab = vocabulary(units.filter((unit) => unit.pageName === "text"));
  return { lang, units, vocab, terms: prepareTerms(payload && payload.terms, lang, vocab), repair };
}

/* How one unit matches the query: the best match of each term, which pairs
   of terms stand side by side, the longest such run, and the terms found
   only in the headings above the unit. */
function matchUnit(unit, terms, pairs) {
  const best = terms.map(() => NONE);
  const paired = pairs.map(() => false);
  const hits = [];
  let previous = null, previousRun = null, longestRun = 0;
  for (const word of unit.words) {
    const levels = terms.map((term) => matchWord(term, word));
    const run = levels.map((level) => (level ? 1 : 0));
    levels.forEach((level, ti) => { if (level > best[ti]) best[ti] = level; });
    if (run.includes(1)) hits.push(word.chunk);
    if (word.glue) continue;  // "units in the 2026–2030 period": a phrase reads through "in the"
    if (previous) {
      pairs.forEach(([a, b], pi) => {
        if (previous[a] && levels[b]) { paired[pi] = true; run[b] = Math.max(run[b], previousRun[a] + 1); }
      });
    }
    for (const length of run) if (length > longestRun) longestRun = length;
    previous = levels;
    previousRun = run;
  }
  terms.forEach((term, ti) => { if (term.pairIndex !== undefined && best[ti] >= WHOLE) paired[term.pairIndex] = true; });
  const inContext = terms.map((term, ti) => best[ti] === NONE && unit.context.some((w) => matchWord(term, w) >= WHOLE));
  return { best, paired, inContext, hits, longestRun };
}

/* Rarer words and word pairs weigh more (inverse document frequency over
   the units searched), so "căn" beats "đến" and "nhà ở" beats "nhà". */
function rarity(count, total) {
  return Math.log(1 + (total - count + 0.5) / (count + 0.5));
}

const PREFIX_WEIGHT = 0.5;
const FUZZY_WEIGHT = 0.5;
const CONTEXT_WEIGHT = 0.5;
const COVERAGE_SHARE = 0.5;

function weigh(matches, terms, pairs) {
  const total = matches.length;
  const countWhere = (test) => matches.reduce((n, m) => n + (test(m) ? 1 : 0), 0);
  const weights = terms.map((term, ti) => ({
    share: countWhere((m) => m.best[ti] >= FUZZY) / total,
    exact: rarity(countWhere((m) => m.best[ti] === EXACT), total),
    whole: rarity(countWhere((m) => m.best[ti] >= WHOLE), total),
    fuzzy: rarity(countWhere((m) => m.best[ti] >= FUZZY), total),
    prefix: rarity(countWhere((m) => m.best[ti] >= PREFIX), total),
  }));
  const pairWeights = pairs.map((pair, pi) => rarity(countWhere((m) => m.paired[pi]), total));
  for (const m of matches) {
    let score = 0, exact = 0;
    m.best.forEach((level, ti) => {
      const w = weights[ti], factor = terms[ti].weight || 1;
      if (level === EXACT) { score += factor * w.exact; exact++; }
      else if (level === WHOLE) score += factor * w.whole;
      else if (level === FUZZY) score += factor * FUZZY_WEIGHT * w.fuzzy;
      else if (level === PREFIX) score += factor * PREFIX_WEIGHT * w.prefix;
      else if (m.inContext[ti]) score += factor * CONTEXT_WEIGHT * w.whole;
    });
    m.paired.forEach((together, pi) => { if (together) score += pairWeights[pi]; });
    m.key = [score * (1 - COVERAGE_SHARE + COVERAGE_SHARE * coverage(m, terms, weights)), exact, m.longestRun];
  }
  return weights;
}

/* The share of the query a unit answers: each word typed (or concept) by its
   rarity, a concept by the best of its phrases; a word found only in the
   headings above counts. "chỉ tiêu 18" is about target (18), not any heading
   that says "chỉ tiêu". */
function coverage(m, terms, weights) {
  const slots = new Map();
  const covered = new Set(), missing = new Set();
  terms.forEach((term, ti) => { if (term.covers && m.best[ti] < FUZZY) missing.add(term.alt); });
  terms.forEach((term) => { if (term.covers && !missing.has(term.alt)) term.covers.forEach((slot) => covered.add(slot)); });
  terms.forEach((term, ti) => {
    if (term.slot < 0) return;
    const found = m.best[ti] >= FUZZY || m.inContext[ti] || covered.has(term.slot);
    const slot = slots.get(term.slot) || slots.set(term.slot, { weight: 0, phrases: new Map() }).get(term.slot);
    const phrase = slot.phrases.get(term.phrase) || [0, 0];
    phrase[0] += found ? weights[ti].whole : 0;
    phrase[1] += weights[ti].whole;
    slot.phrases.set(term.phrase, phrase);
    slot.weight = Math.max(slot.weight, weights[ti].whole);
  });
  let have = 0, all = 0;
  for (const slot of slots.values()) {
    const share = Math.max(...Array.from(slot.phrases.values(), ([found, total]) => (total ? found / total : 0)));
    have += slot.weight * share;
    all += slot.weight;
  }
  return all ? have / all : 1;
}

const TIER = { target: 0, breakthrough: 0, task: 0, paragraph: 0, section: 0, term: 1, page: 2 };

const decision = (unit) => (unit.pageName === "text" && /^iii(-|$)/.test(unit.id) ? 1 : 0);

function compareResults(a, b) {
  for (let i = 0; i < a.key.length; i++) {
    if (Math.abs(a.key[i] - b.key[i]) > 1e-9) return b.key[i] - a.key[i];
  }
  const tier = TIER[a.unit.kind] - TIER[b.unit.kind] || decision(b.unit) - decision(a.unit);
  if (tier) return tier;
  if (a.unit.words.length !== b.unit.words.length) return a.unit.words.length - b.unit.words.length;
  return a.unit.order - b.unit.order;
}

/* Units that hold at least one term, best first: [{unit, key, hits, best}],
   and the weight of each term. */
export function rankUnits(units, query) {
  if (!query.terms.length) return { ranked: [], weights: [] };
  const matches = units.map((unit) => Object.assign(matchUnit(unit, query.terms, query.pairs), { unit }));
  const weights = weigh(matches, query.terms, query.pairs);
  return { ranked: matches.filter((m) => m.hits.length).sort(compareResults), weights };
}

/* The glossary and the about page hold definitions and examples that merely
   contain a common word: they are shown, after the text, only when they hold
   the query's rarest term, that term is rare (in at most a tenth of all
   units), and they score at least half as well as the best match. */
const RARE_SHARE = 0.1;

function splitOthers(ranked, weights) {
  const results = ranked.filter((m) => m.unit.pageName === "text");
  const rarest = weights.reduce((best, w, ti) => (best < 0 || w.whole > weights[best].whole ? ti : best), -1);
  if (rarest < 0 || weights[rarest].share > RARE_SHARE) return { results, others: [] };
  const top = ranked.length ? ranked[0].key[0] : 0;
  const others = ranked.filter((m) => m.unit.pageName !== "text" && m.best[rarest] >= FUZZY && m.key[0] >= top / 2);
  return { results, others };
}

/* Nothing matched: each word also stands for the words of the text that look most like it. */
function closest(index, query) {
  for (const term of query.terms) term.fuzzy = index.repair.lookalikes(term, index.vocab);
  return rankUnits(index.units, query);
}

/* The answer to a query: { results, others, fallback, query, needsRepair }.
   needsRepair: the query has words the text does not have and index.repair
   (repair.js) is not loaded yet; search again once it is. */
export function search(index, text) {
  const query = understand(text, index.lang, index.terms, index.vocab, index.repair);
  const needsRepair = query.unknown && !index.repair;
  let { ranked, weights } = rankUnits(index.units, query);
  let fallback = "";
  if (!ranked.length && query.terms.length && index.repair) {
    ({ ranked, weights } = closest(index, query));
    fallback = "closest";
  }
  const { results, others } = splitOthers(ranked, weights);
  if (!results.length && !others.length && query.terms.length) {
    const outline = index.units.filter((u) => u.pageName === "text" && u.kind === "section" && u.level === 2);
    return { results: outline.map((unit) => ({ unit, hits: [], key: [0] })), others: [], fallback: "outline", query, needsRepair };
  }
  return { results, others, fallback, query, needsRepair };
}
