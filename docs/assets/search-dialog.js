/* Site search results, loaded when the reader opens search (by search.js).

   In: the dialog of overrides/partials/hp-search.html (the Pagefind bundle
   path in data-hp-pagefind, the build's browser data in data-hp-data), the
   page's strings (page.js) and Pagefind's index for the page's <html lang>.
   Out: results in the page's language, one per target, breakthrough, task,
   paragraph or glossary entry, each showing its number and a snippet and
   linking to its id with ?highlight=<query>; on arrival, the query's words
   are marked in the element the link points to. The ranking is ranking.js;
   this module only fetches, renders and handles the keyboard. */

import { buildUnits, lookupTerms, matchWord, parseQuery, rankUnits, NONE } from "./ranking.js";
import { escapeHtml, snippetHtml, unitHeading } from "./results.js";
import { TOKEN, makeWord } from "./words.js";
import { decodeFragment, format, fragmentId, highlightParam, readStrings } from "./page.js";

const dialog = document.getElementById("hp-search-dialog");
const lang = (dialog && dialog.getAttribute("data-hp-lang")) || document.documentElement.lang || "vi";
const strings = readStrings();
let enginePromise = null;
const unitsByPage = {};

// ---------------------------------------------------------------------------
// Engine: Pagefind and the browser data, fetched on first use
// ---------------------------------------------------------------------------

function loadEngine() {
  if (!enginePromise) {
    const base = new URL(dialog.getAttribute("data-hp-pagefind"), document.baseURI).href;
    const dataUrl = new URL(dialog.getAttribute("data-hp-data"), document.baseURI).href;
    const known = fetch(dataUrl).then((response) => (response.ok ? response.json() : {})).catch(() => ({}));
    enginePromise = import(base + "pagefind.js")
      .then((pagefind) => pagefind.options({ basePath: base, noWorker: true }).then(() => pagefind.init()).then(() => pagefind))
      .then((pagefind) => known.then((payload) => ({ pagefind, known: (payload && payload.ids) || {} })));
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

function pageUnits(result, known) {
  if (!unitsByPage[result.id]) unitsByPage[result.id] = result.data().then((data) => buildUnits(data, lang, known));
  return unitsByPage[result.id];
}

/* The pages holding any of the query's words (each page once). */
async function findPages(pagefind, text) {
  const searches = await Promise.all(lookupTerms(text, lang).map((term) => pagefind.search(term)));
  const seen = new Set();
  const pages = [];
  for (const found of searches) {
    for (const result of found.results) if (!seen.has(result.id)) { seen.add(result.id); pages.push(result); }
  }
  return pages;
}

/* Ranked results for a query: [{unit, key, hits}], best first. */
async function run(queryText) {
  const text = queryText.trim();
  if (!text) return [];
  const { pagefind, known } = await loadEngine();
  const pages = await findPages(pagefind, text);
  const units = await Promise.all(pages.map((page) => pageUnits(page, known)));
  return rankUnits(units.flat(), queryText.replace(/^\s+/, ""), lang);
}

function resultHref(unit, queryText) {
  const url = new URL(unit.url, document.baseURI);
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
  const queryText = highlightParam();
  if (!queryText) return;
  markQuery(queryText, fragmentId());
  const params = new URLSearchParams(window.location.search);
  params.delete("highlight");
  const search = params.toString();
  history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
}

function markQuery(queryText, id) {
  const query = parseQuery(queryText.slice(0, 200), lang);
  const root = (id && document.getElementById(id)) || document.querySelector("[data-pagefind-body]");
  unmarkAll();
  if (root && query.length) markWords(root, query);
}

function unmarkAll() {
  document.querySelectorAll("mark.hp-highlight").forEach((mark) => {
    const parent = mark.parentNode;
    parent.replaceChild(document.createTextNode(mark.textContent), mark);
    parent.normalize();
  });
}

function markWords(root, query) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.parentNode.closest(".headerlink, .hp-xref, script, style, mark")) return NodeFilter.FILTER_REJECT;
      return node.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    },
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  nodes.forEach((node) => markTextNode(node, query));
}

function markTextNode(node, query) {
  const text = node.nodeValue;
  const pieces = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const word = makeWord(match[0], lang);
    if (!query.some((q) => matchWord(q, word) !== NONE)) continue;
    pieces.push(document.createTextNode(text.slice(last, match.index)));
    const mark = document.createElement("mark");
    mark.className = "hp-highlight";
    mark.textContent = match[0];
    pieces.push(mark);
    last = match.index + match[0].length;
  }
  if (!pieces.length) return;
  pieces.push(document.createTextNode(text.slice(last)));
  const fragment = document.createDocumentFragment();
  pieces.forEach((piece) => fragment.appendChild(piece));
  node.parentNode.replaceChild(fragment, node);
}

// ---------------------------------------------------------------------------
// The dialog's results (opening and closing are in search.js)
// ---------------------------------------------------------------------------

const MAX_SHOWN = 20;
const input = document.getElementById("hp-search-input");
const list = document.getElementById("hp-search-results");
const status = document.getElementById("hp-search-status");
let latest = 0;

function links() {
  return Array.from(list.querySelectorAll("a"));
}

function resultHtml(result) {
  const unit = result.unit;
  const showSnippet = unit.kind !== "task" && unit.kind !== "section";
  return '<span class="hp-search__where">' +
    (unit.number ? '<span class="hp-search__num">' + escapeHtml(unit.number) + "</span> " : "") +
    escapeHtml(unitHeading(unit)) + "</span>" +
    (showSnippet ? '<span class="hp-search__snippet">' + snippetHtml(unit, result.hits) + "</span>" : "") +
    (unit.pageName !== "text" ? '<span class="hp-search__page">' + escapeHtml(unit.pageTitle) + "</span>" : "");
}

function render(results, queryText) {
  list.textContent = "";
  for (const result of results.slice(0, MAX_SHOWN)) {
    const item = document.createElement("li");
    item.className = "hp-search__result";
    const link = document.createElement("a");
    link.href = resultHref(result.unit, queryText);
    link.innerHTML = resultHtml(result);
    item.appendChild(link);
    list.appendChild(item);
  }
  const count = results.length;
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
  const queryText = input.value;
  const ticket = ++latest;
  if (!queryText.trim()) { clear(queryText); return; }
  run(queryText).then(
    (results) => { if (ticket === latest) render(results, queryText); },
    () => { if (ticket === latest) status.textContent = strings.search_error || ""; });
}

/* Go to a result: close the dialog first (the focus goes back to the page).
   On this very page, mark the words and move to the #fragment without a reload. */
function follow(link) {
  const url = new URL(link.href);
  dialog.close();
  if (url.pathname !== window.location.pathname) {
    window.location.href = link.href;
    return;
  }
  const id = decodeFragment(url.hash);
  markQuery(url.searchParams.get("highlight") || "", id);
  if (window.location.hash === url.hash) {
    const target = document.getElementById(id);
    if (target) target.scrollIntoView();
  } else {
    window.location.hash = url.hash;
  }
}

/* In the box: ↓ goes to the first result, Enter follows it. */
function onInputKeydown(event) {
  const all = links();
  if (event.key === "ArrowDown" && all.length) { event.preventDefault(); all[0].focus(); }
  else if (event.key === "Enter" && all.length) { event.preventDefault(); follow(all[0]); }
}

/* On a result: ↑ ↓ move between results (↑ from the first goes back to the
   box), Home and End to the ends; typing a letter goes back to the box. */
function onListKeydown(event) {
  const all = links();
  const index = all.indexOf(document.activeElement);
  if (index < 0) return;
  let to = null;
  if (event.key === "ArrowDown") to = all[Math.min(index + 1, all.length - 1)];
  else if (event.key === "ArrowUp") to = index === 0 ? input : all[index - 1];
  else if (event.key === "Home") to = all[0];
  else if (event.key === "End") to = all[all.length - 1];
  else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) { input.focus(); return; }
  if (to) { event.preventDefault(); to.focus(); }
}

function onResultClick(event) {
  const link = event.target.closest("a");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  follow(link);
}

/* Called by search.js each time the dialog opens. */
export function opened() {
  if (!enginePromise) status.textContent = strings.search_loading || "";
  loadEngine().then(() => {
    if (status.textContent === strings.search_loading) status.textContent = "";
    if (input.value.trim()) update();
  }, () => { status.textContent = strings.search_error || ""; });
}

if (input && list && status) {
  input.addEventListener("input", update);
  input.addEventListener("keydown", onInputKeydown);
  list.addEventListener("keydown", onListKeydown);
  list.addEventListener("click", onResultClick);
}
