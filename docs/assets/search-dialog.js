/* Site search, loaded when the reader opens search (by assets/search.js).

   In: the dialog of overrides/partials/hp-search.html (strings in
   #hp-search-strings, the Pagefind bundle path in data-hp-pagefind, both in
   the page's language) and Pagefind's index for the page's <html lang>.
   Out: results in the page's language, one per target, breakthrough, task,
   paragraph or glossary entry, each showing its number and a snippet and
   linking to its id with ?highlight=<query>; on arrival, the query's words
   are marked in the element the link points to.

   Pagefind finds the pages that hold the query's words (one lookup per word,
   with "d" also looked up as "đ": Pagefind wants every word of one search on
   the page, and does not fold "đ"), and hands over their text and every
   element with an id. This module cuts each page into those elements and
   ranks them itself, best first, by:
     1. the query words each element holds, each weighing by its rarity among
        the elements (inverse document frequency): found whole with the
        query's own diacritics (the rarer, exact form), or found whole with
        diacritics folded (đ→d), or, for the last word (the one being typed),
        found as the start of a word (half weight), or found only in the
        headings above the element (half weight: "chỉ tiêu 18");
     2. plus each pair of neighbouring query words found side by side, by its
        rarity: phrases ("nhà ở xã hội") beat scattered syllables;
     3. then the number of words matched with their diacritics, the longest
        run of consecutive query words, the text before the glossary and the
        about page, the shorter element, the document order.
   Numbers match by value: "32.900", "32,900" and "32900" are one number,
   "0,8" and "0.8" another. */

// ---------------------------------------------------------------------------
// Words: folding, exact keys, numbers
// ---------------------------------------------------------------------------

var TOKEN = /[\p{L}\p{M}\p{N}]+(?:[.,]\p{N}+)*/gu;
var TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
var DIGITS = /\p{N}/u;

var fold = window.hpFold;  // site.js, loaded on every page: the folding render.py uses too

/* The word with its diacritics, the tone mark moved to the end, so the old
   and new spellings of a syllable ("hoá"/"hóa", "thuỷ"/"thủy") are equal. */
function exactKey(lower) {
  var decomposed = lower.normalize("NFD");
  var tones = (decomposed.match(TONES) || []).join("");
  return decomposed.replace(TONES, "").normalize("NFC") + "|" + tones;
}

function stripZeros(digits) {
  return digits.replace(/^0+(?=\d)/, "");
}

/* The values a written number can stand for: "32.900" → 32900 (thousands)
   and 32.9 (decimal); "0,8" → 0.8; "01" → 1. */
function numberKeys(token) {
  var keys = [];
  if (/^\d+$/.test(token)) keys.push(stripZeros(token));
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(token)) keys.push(stripZeros(token.replace(/[.,]/g, "")));
  if (/^\d+[.,]\d+$/.test(token)) keys.push(stripZeros(token.replace(",", ".")));
  return keys;
}

/* English plurals ("units"/"unit"); Vietnamese words do not inflect. */
function stem(folded, lang) {
  if (lang === "en" && folded.length > 3 && /[^s]s$/.test(folded)) return folded.slice(0, -1);
  return folded;
}

function makeWord(raw, lang) {
  var lower = raw.toLowerCase();
  var folded = fold(raw);
  return {
    lower: lower.normalize("NFC"),
    folded: folded,
    stem: stem(folded, lang),
    exact: exactKey(lower),
    marked: folded !== lower.normalize("NFC"),
    numbers: DIGITS.test(raw) ? numberKeys(folded) : null,
  };
}

/* Words of a text, each with the index of the whitespace-separated chunk it
   came from (Pagefind's word locations count those chunks). */
function tokenize(chunks, lang) {
  var words = [];
  chunks.forEach(function (chunk, chunkIndex) {
    var found = chunk.match(TOKEN) || [];
    found.forEach(function (raw) {
      var word = makeWord(raw, lang);
      word.chunk = chunkIndex;
      words.push(word);
    });
  });
  return words;
}

// ---------------------------------------------------------------------------
// Matching one query word against one word of the text
// ---------------------------------------------------------------------------

var NONE = 0, PREFIX = 1, WHOLE = 2, EXACT = 3;

function numbersMatch(query, word) {
  if (!query.numbers || !word.numbers) return NONE;
  for (var i = 0; i < query.numbers.length; i++) {
    if (word.numbers.indexOf(query.numbers[i]) !== -1) return EXACT;
  }
  var typed = query.numbers[0];
  if (query.typing && typed && typed.length >= 2 && /^\d+$/.test(typed)) {
    for (var j = 0; j < word.numbers.length; j++) {
      if (word.numbers[j].indexOf(typed) === 0) return PREFIX;
    }
  }
  return NONE;
}

/* Only the last query word may match the start of a word (it may be the
   word being typed); typed with diacritics, it must keep them. */
function matchWord(query, word) {
  if (query.numbers && query.numbers.length) return numbersMatch(query, word);
  if (query.folded === word.folded || query.stem === word.stem) {
    return query.marked && query.exact === word.exact ? EXACT : WHOLE;
  }
  if (!query.typing || query.folded.length < 2) return NONE;
  var started = query.marked ? word.lower.indexOf(query.lower) === 0 : word.folded.indexOf(query.folded) === 0;
  return started ? PREFIX : NONE;
}

// ---------------------------------------------------------------------------
// Pages → units (one per element with an id)
// ---------------------------------------------------------------------------

function unitKind(anchor, pageName) {
  var id = anchor.id;
  if (pageName === "glossary") return anchor.element === "dt" ? "term" : "page";
  if (pageName !== "text") return "page";
  if (/^iii-3-[a-z]-\d+$/.test(id)) return "target";
  if (/^iii-4-\d+$/.test(id)) return "breakthrough";
  if (/^iii-5-\d+$/.test(id)) return "task";
  if (/-p\d+$/.test(id)) return "paragraph";
  if (/^h[1-6]$/.test(anchor.element) && id !== "top") return "section";
  if (anchor.element === "p") return "paragraph";
  return "page";
}

function headingLevel(element) {
  var match = /^h([1-6])$/.exec(element);
  return match ? Number(match[1]) : 0;
}

/* Cut a page's text at its anchors; each unit keeps the text of the
   headings above it as context. */
function buildUnits(data, lang) {
  var chunks = data.content.split(/\s+/).filter(Boolean);
  var pageName = (data.meta && data.meta.hp_page) || "";
  var anchors = (data.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
  var headings = [];
  var units = [];
  anchors.forEach(function (anchor, index) {
    var end = index + 1 < anchors.length ? anchors[index + 1].location : chunks.length;
    if (end <= anchor.location) return;
    var unitChunks = chunks.slice(anchor.location, end);
    var level = headingLevel(anchor.element);
    if (level) headings = headings.filter(function (h) { return h.level < level; });
    var context = headings.map(function (h) { return h.words; });
    var unit = {
      id: anchor.id,
      url: data.url,
      pageTitle: (data.meta && data.meta.title) || "",
      pageName: pageName,
      title: anchor.text || "",
      kind: unitKind(anchor, pageName),
      order: units.length,
      chunks: unitChunks,
      words: tokenize(unitChunks, lang),
      context: [].concat.apply([], context),
      parentHeading: headings.length ? headings[headings.length - 1].text : "",
    };
    units.push(unit);
    if (level) headings.push({ level: level, words: unit.words, text: unitChunks.join(" ") });
  });
  return units;
}

// ---------------------------------------------------------------------------
// Ranking
// ---------------------------------------------------------------------------

/* The query's words; the last one counts as being typed unless a space follows it. */
function parseQuery(text, lang) {
  var raw = text.normalize("NFC").match(TOKEN) || [];
  var words = raw.map(function (token) { return makeWord(token, lang); });
  if (words.length && !/\s$/.test(text)) words[words.length - 1].typing = true;
  return words;
}

/* How one unit matches the query: the best match of each query word, which
   neighbouring query words stand side by side, the longest such run, and
   the query words found only in the headings above the unit. */
function matchUnit(unit, query) {
  var best = query.map(function () { return NONE; });
  var pairs = query.map(function () { return false; });
  var hits = [];
  var previousLevels = [];
  var previousRun = [];
  var longestRun = 0;
  unit.words.forEach(function (word) {
    var levels = [];
    var run = [];
    query.forEach(function (q, qi) {
      var level = matchWord(q, word);
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
  });
  var inContext = query.map(function (q, qi) {
    return best[qi] === NONE && unit.context.some(function (w) { return matchWord(q, w) >= WHOLE; });
  });
  return { best: best, pairs: pairs, inContext: inContext, hits: hits, longestRun: longestRun };
}

/* Rarer words and word pairs weigh more (inverse document frequency over
   the units searched), so "căn" beats "đến" and "nhà ở" beats "nhà". */
function rarity(count, total) {
  return Math.log(1 + (total - count + 0.5) / (count + 0.5));
}

var PREFIX_WEIGHT = 0.5;
var CONTEXT_WEIGHT = 0.5;

function weigh(matches, query) {
  var total = matches.length;
  function countWhere(test) {
    return matches.reduce(function (n, m) { return n + (test(m) ? 1 : 0); }, 0);
  }
  var wordWeights = query.map(function (q, qi) {
    return {
      exact: rarity(countWhere(function (m) { return m.best[qi] === EXACT; }), total),
      whole: rarity(countWhere(function (m) { return m.best[qi] >= WHOLE; }), total),
      prefix: rarity(countWhere(function (m) { return m.best[qi] >= PREFIX; }), total),
    };
  });
  var pairWeights = query.map(function (q, qi) {
    return rarity(countWhere(function (m) { return m.pairs[qi]; }), total);
  });
  matches.forEach(function (m) {
    var score = 0, exact = 0;
    m.best.forEach(function (level, qi) {
      var w = wordWeights[qi];
      if (level === EXACT) { score += w.exact; exact++; }
      else if (level === WHOLE) score += w.whole;
      else if (level === PREFIX) score += PREFIX_WEIGHT * w.prefix;
      else if (m.inContext[qi]) score += CONTEXT_WEIGHT * w.whole;
    });
    m.pairs.forEach(function (together, qi) { if (together) score += pairWeights[qi]; });
    m.key = [score, exact, m.longestRun];
  });
}

var TIER = { target: 0, breakthrough: 0, task: 0, paragraph: 0, section: 0, term: 1, page: 2 };

function compareResults(a, b) {
  for (var i = 0; i < a.key.length; i++) {
    if (Math.abs(a.key[i] - b.key[i]) > 1e-9) return b.key[i] - a.key[i];
  }
  var tier = TIER[a.unit.kind] - TIER[b.unit.kind];
  if (tier) return tier;
  if (a.unit.words.length !== b.unit.words.length) return a.unit.words.length - b.unit.words.length;
  return a.unit.order - b.unit.order;
}

/* Units that contain at least one query word, best first. */
function rankUnits(units, queryText, lang) {
  var query = parseQuery(queryText, lang);
  if (!query.length) return [];
  var matches = units.map(function (unit) {
    var m = matchUnit(unit, query);
    m.unit = unit;
    return m;
  });
  weigh(matches, query);
  return matches.filter(function (m) { return m.hits.length; }).sort(compareResults);
}

/* The words to look up in Pagefind, one search each (Pagefind wants every
   word of a search on the page, and does not fold "đ" into "d"). */
function lookupTerms(queryText, lang) {
  var terms = [];
  parseQuery(queryText, lang).forEach(function (q) {
    var forms = q.numbers ? [q.folded] : [q.folded, q.folded.replace(/^d/, "đ")];
    forms.forEach(function (form) { if (terms.indexOf(form) === -1) terms.push(form); });
  });
  return terms;
}

// ---------------------------------------------------------------------------
// Labels and snippets
// ---------------------------------------------------------------------------

function format(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, function (_, name) {
    return values[name] !== undefined ? values[name] : "";
  });
}

/* "iii-5-2" → "III.5.2": the numbering the ids are made of. */
function refFromId(id) {
  return id.split("-").map(function (part, index) {
    return index === 0 ? part.toUpperCase() : part;
  }).join(".");
}

function unitNumber(unit) {
  var id = unit.id;
  var tail = id.split("-").pop();
  if (unit.kind === "target" || unit.kind === "breakthrough") return "(" + tail + ")";
  if (unit.kind === "task") return id.split("-").slice(1).join(".");
  if (unit.kind === "paragraph") {
    var match = /^(.*)-p(\d+)$/.exec(id);
    if (!match) return "";
    var where = match[1] === "preamble" ? strings.cite_preamble : format(strings.cite_section, { ref: refFromId(match[1]) });
    return where + ", " + format(strings.cite_paragraph, { n: match[2] });
  }
  if (unit.kind === "section") return refFromId(id);
  return "";
}

function unitHeading(unit) {
  if (unit.kind === "term") return unit.title;
  if (unit.kind === "task" || unit.kind === "section") return unit.chunks.join(" ");
  return unit.parentHeading || unit.pageTitle;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
}

var SNIPPET_CHUNKS = 28;

/* The stretch of the element with the most matched words, matches in <mark>. */
function snippetHtml(unit, hits) {
  var chunks = unit.chunks;
  var marked = {};
  hits.forEach(function (chunk) { marked[chunk] = true; });
  var start = 0, bestCount = -1;
  for (var s = 0; s <= Math.max(0, chunks.length - SNIPPET_CHUNKS); s++) {
    var count = 0;
    for (var k = s; k < Math.min(chunks.length, s + SNIPPET_CHUNKS); k++) if (marked[k]) count++;
    if (count > bestCount) { bestCount = count; start = s; }
  }
  var end = Math.min(chunks.length, start + SNIPPET_CHUNKS);
  var parts = [];
  for (var i = start; i < end; i++) {
    var text = escapeHtml(chunks[i]);
    parts.push(marked[i] ? "<mark>" + text + "</mark>" : text);
  }
  return (start > 0 ? "… " : "") + parts.join(" ") + (end < chunks.length ? " …" : "");
}

// ---------------------------------------------------------------------------
// Engine: Pagefind, imported on first use
// ---------------------------------------------------------------------------

var dialog = document.getElementById("hp-search-dialog");
var lang = dialog.getAttribute("data-hp-lang") || document.documentElement.lang || "vi";
var strings = readStrings();
var enginePromise = null;
var unitsByPage = {};

function readStrings() {
  try {
    return JSON.parse(document.getElementById("hp-search-strings").textContent);
  } catch (error) {
    return {};
  }
}

function loadEngine() {
  if (!enginePromise) {
    var base = new URL(dialog.getAttribute("data-hp-pagefind"), document.baseURI).href;
    enginePromise = import(base + "pagefind.js").then(function (pagefind) {
      return pagefind.options({ basePath: base, noWorker: true }).then(function () {
        return pagefind.init();
      }).then(function () { return pagefind; });
    });
    enginePromise.catch(function () { enginePromise = null; });
  }
  return enginePromise;
}

function pageUnits(result) {
  if (!unitsByPage[result.id]) {
    unitsByPage[result.id] = result.data().then(function (data) { return buildUnits(data, lang); });
  }
  return unitsByPage[result.id];
}

/* The pages holding any of the query's words (each page once). */
function findPages(pagefind, text) {
  return Promise.all(lookupTerms(text, lang).map(function (term) {
    return pagefind.search(term);
  })).then(function (searches) {
    var seen = {};
    var pages = [];
    searches.forEach(function (found) {
      found.results.forEach(function (result) {
        if (!seen[result.id]) { seen[result.id] = true; pages.push(result); }
      });
    });
    return pages;
  });
}

/* Ranked results for a query: [{unit, key, hits}], best first. */
export function run(queryText) {
  var text = queryText.trim();
  if (!text) return Promise.resolve([]);
  return loadEngine().then(function (pagefind) {
    return findPages(pagefind, text);
  }).then(function (pages) {
    return Promise.all(pages.map(pageUnits));
  }).then(function (units) {
    return rankUnits([].concat.apply([], units), queryText.replace(/^\s+/, ""), lang);
  });
}

function resultHref(unit, queryText) {
  var url = new URL(unit.url, document.baseURI);
  url.searchParams.set("highlight", queryText.trim());
  url.hash = unit.id;
  return url.href;
}

// ---------------------------------------------------------------------------
// Highlight on arrival: ?highlight=<query>#<id>
// ---------------------------------------------------------------------------

/* Mark the query's words in the element named by the #fragment (or in the
   page's content), then drop ?highlight= from the address so that a copied
   link stays clean. */
export function highlightOnArrival() {
  var params = new URLSearchParams(window.location.search);
  var queryText = params.get("highlight");
  if (!queryText) return;
  markQuery(queryText, decodeURIComponent(window.location.hash.slice(1)));
  params.delete("highlight");
  var search = params.toString();
  history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
}

function markQuery(queryText, id) {
  var query = parseQuery(queryText, lang);
  var root = (id && document.getElementById(id)) || document.querySelector("[data-pagefind-body]");
  unmarkAll();
  if (root && query.length) markWords(root, query);
}

function unmarkAll() {
  document.querySelectorAll("mark.hp-highlight").forEach(function (mark) {
    var parent = mark.parentNode;
    parent.replaceChild(document.createTextNode(mark.textContent), mark);
    parent.normalize();
  });
}

function markWords(root, query) {
  var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      if (node.parentNode.closest(".headerlink, .hp-xref, script, style, mark")) return NodeFilter.FILTER_REJECT;
      return node.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    },
  });
  var nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  nodes.forEach(function (node) { markTextNode(node, query); });
}

function markTextNode(node, query) {
  var text = node.nodeValue;
  var pieces = [];
  var last = 0;
  text.replace(TOKEN, function (raw, offset) {
    var word = makeWord(raw, lang);
    if (query.some(function (q) { return matchWord(q, word) !== NONE; })) {
      pieces.push(document.createTextNode(text.slice(last, offset)));
      var mark = document.createElement("mark");
      mark.className = "hp-highlight";
      mark.textContent = raw;
      pieces.push(mark);
      last = offset + raw.length;
    }
    return raw;
  });
  if (!pieces.length) return;
  pieces.push(document.createTextNode(text.slice(last)));
  var fragment = document.createDocumentFragment();
  pieces.forEach(function (piece) { fragment.appendChild(piece); });
  node.parentNode.replaceChild(fragment, node);
}

// ---------------------------------------------------------------------------
// The dialog's results (opening and closing are in assets/search.js)
// ---------------------------------------------------------------------------

var MAX_SHOWN = 20;
var input = document.getElementById("hp-search-input");
var list = document.getElementById("hp-search-results");
var status = document.getElementById("hp-search-status");
var latest = 0;

function links() {
  return Array.prototype.slice.call(list.querySelectorAll("a"));
}

function resultHtml(result) {
  var unit = result.unit;
  var number = unitNumber(unit);
  var showSnippet = unit.kind !== "task" && unit.kind !== "section";
  return '<span class="hp-search__where">' +
    (number ? '<span class="hp-search__num">' + escapeHtml(number) + "</span> " : "") +
    escapeHtml(unitHeading(unit)) + "</span>" +
    (showSnippet ? '<span class="hp-search__snippet">' + snippetHtml(unit, result.hits) + "</span>" : "") +
    (unit.pageName !== "text" ? '<span class="hp-search__page">' + escapeHtml(unit.pageTitle) + "</span>" : "");
}

function render(results, queryText) {
  list.textContent = "";
  results.slice(0, MAX_SHOWN).forEach(function (result) {
    var item = document.createElement("li");
    item.className = "hp-search__result";
    var link = document.createElement("a");
    link.href = resultHref(result.unit, queryText);
    link.innerHTML = resultHtml(result);
    item.appendChild(link);
    list.appendChild(item);
  });
  var count = results.length;
  status.textContent = count
    ? format(count === 1 ? strings.search_count_one : strings.search_count_other, { n: count })
    : format(strings.search_none, { query: queryText.trim() });
  dialog.setAttribute("data-hp-query", queryText);
}

function clear(queryText) {
  list.textContent = "";
  status.textContent = "";
  dialog.setAttribute("data-hp-query", queryText);
}

function update() {
  var queryText = input.value;
  var ticket = ++latest;
  if (!queryText.trim()) { clear(queryText); return; }
  run(queryText).then(function (results) {
    if (ticket === latest) render(results, queryText);
  }, function () {
    if (ticket === latest) status.textContent = strings.search_error || "";
  });
}

/* Go to a result: close the dialog first (the focus goes back to the page).
   On this very page, mark the words and move to the #fragment without a reload. */
function follow(link) {
  var url = new URL(link.href);
  dialog.close();
  if (url.pathname !== window.location.pathname) {
    window.location.href = link.href;
    return;
  }
  var id = decodeURIComponent(url.hash.slice(1));
  markQuery(url.searchParams.get("highlight") || "", id);
  if (window.location.hash === url.hash) {
    var target = document.getElementById(id);
    if (target) target.scrollIntoView();
  } else {
    window.location.hash = url.hash;
  }
}

/* In the box: ↓ goes to the first result, Enter follows it. */
function onInputKeydown(event) {
  var all = links();
  if (event.key === "ArrowDown" && all.length) { event.preventDefault(); all[0].focus(); }
  else if (event.key === "Enter" && all.length) { event.preventDefault(); follow(all[0]); }
}

/* On a result: ↑ ↓ move between results (↑ from the first goes back to the
   box), Home and End to the ends; typing a letter goes back to the box. */
function onListKeydown(event) {
  var all = links();
  var index = all.indexOf(document.activeElement);
  if (index < 0) return;
  var to = null;
  if (event.key === "ArrowDown") to = all[Math.min(index + 1, all.length - 1)];
  else if (event.key === "ArrowUp") to = index === 0 ? input : all[index - 1];
  else if (event.key === "Home") to = all[0];
  else if (event.key === "End") to = all[all.length - 1];
  else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) { input.focus(); return; }
  if (to) { event.preventDefault(); to.focus(); }
}

function onResultClick(event) {
  var link = event.target.closest("a");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  follow(link);
}

/* Called by assets/search.js each time the dialog opens. */
export function opened() {
  if (!enginePromise) status.textContent = strings.search_loading || "";
  loadEngine().then(function () {
    if (status.textContent === strings.search_loading) status.textContent = "";
    if (input.value.trim()) update();
  }, function () {
    status.textContent = strings.search_error || "";
  });
}

input.addEventListener("input", update);
input.addEventListener("keydown", onInputKeydown);
list.addEventListener("keydown", onListKeydown);
list.addEventListener("click", onResultClick);

// For scripts/bench_search.py: hpSearch.run(query) → [{id, url, key}], best first.
window.hpSearch = {
  run: function (queryText) {
    return run(queryText).then(function (results) {
      return results.map(function (r) { return { id: r.unit.id, url: r.unit.url, key: r.key }; });
    });
  },
};
