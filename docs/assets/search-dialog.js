/* Site search results, loaded when the reader opens search (by search.js).

   In: the dialog of overrides/partials/hp-search.html (the Pagefind bundle
   path in data-hp-pagefind, the build's browser data in data-hp-data), the
   page's strings (page.js) and Pagefind's index for the page's <html lang>.
   Out: results in the page's language, one per target, breakthrough, task,
   paragraph, then, in their own labelled group, glossary entries and the
   about page; each shows its number and a snippet and links to its id with
   ?highlight=<query>; on arrival, the query's words are marked in the
   element the link points to. When nothing matches, the closest passages
   (or the parts of the text) with a line saying so. Understanding the query
   is query.js, the ranking ranking.js; this module only fetches, renders and
   handles the keyboard. */

import { NONE, createIndex, matchWord, search } from "./ranking.js";
import { prepareTerms, understand, vocabulary } from "./query.js";
import { escapeHtml, snippetHtml, unitHeading } from "./results.js";
import { TOKEN, makeWord, tokenize } from "./words.js";
import { decodeFragment, format, fragmentId, highlightParam, readStrings } from "./page.js";

const dialog = document.getElementById("hp-search-dialog");
const lang = (dialog && dialog.getAttribute("data-hp-lang")) || document.documentElement.lang || "vi";
const strings = readStrings();
let enginePromise = null;
let payloadPromise = null;

// ---------------------------------------------------------------------------
// Engine: Pagefind's pages of this language and the browser data, fetched on first use
// ---------------------------------------------------------------------------

function loadPayload() {
  if (!payloadPromise) {
    const dataUrl = new URL(dialog.getAttribute("data-hp-data"), document.baseURI).href;
    payloadPromise = fetch(dataUrl).then((response) => (response.ok ? response.json() : {})).catch(() => ({}));
  }
  return payloadPromise;
}

/* Every page of the language (Pagefind's search(null)); the ranking reads them all. */
function loadEngine() {
  if (!enginePromise) {
    const base = new URL(dialog.getAttribute("data-hp-pagefind"), document.baseURI).href;
    enginePromise = import(base + "pagefind.js")
      .then((pagefind) => pagefind.options({ basePath: base, noWorker: true }).then(() => pagefind.init()).then(() => pagefind))
      .then((pagefind) => pagefind.search(null))
      .then((found) => Promise.all([Promise.all(found.results.map((result) => result.data())), loadPayload()]))
      .then(([pages, payload]) => createIndex(pages, lang, payload));
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

/* repair.js (Telex, typos, lookalikes), imported the first time a query needs it. */
let repairPromise = null;
function loadRepair() {
  if (!repairPromise) {
    repairPromise = import("./repair.js");
    repairPromise.catch(() => { repairPromise = null; });
  }
  return repairPromise;
}

/* The answer to a query: { results, others, fallback }. */
async function run(queryText) {
  const index = await loadEngine();
  const text = queryText.replace(/^\s+/, "");
  const answer = search(index, text);
  if (!answer.needsRepair) return answer;
  index.repair = await loadRepair().catch(() => null);
  return index.repair ? search(index, text) : answer;
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
  const rest = params.toString();
  history.replaceState(history.state, "", window.location.pathname + (rest ? "?" + rest : "") + window.location.hash);
}

/* The words to mark: the query understood as search understood it, against
   the words of the page (with the build's concept map, fetched if search has
   not been opened, and repair.js if the query needs it). */
let markTicket = 0;
async function markQuery(queryText, id) {
  const ticket = ++markTicket;
  const body = document.querySelector("[data-pagefind-body]");
  const root = (id && document.getElementById(id)) || body;
  if (!root) { unmarkAll(); return; }
  const payload = await loadPayload();
  const vocab = vocabulary([{ words: tokenize((body || root).textContent.split(/\s+/), lang) }]);
  const prepared = prepareTerms(payload.terms, lang, vocab);
  const text = queryText.slice(0, 200);
  let query = understand(text, lang, prepared, vocab);
  if (query.unknown) query = understand(text, lang, prepared, vocab, await loadRepair().catch(() => null));
  if (ticket !== markTicket) return;  // a later search's marks win
  unmarkAll();
  if (query.terms.length) markWords(root, query.terms);
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
    if (!query.some((term) => matchWord(term, word) !== NONE)) continue;
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
const MAX_OTHERS = 5;
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

function resultItem(result, queryText) {
  const item = document.createElement("li");
  item.className = "hp-search__result";
  const link = document.createElement("a");
  link.href = resultHref(result.unit, queryText);
  link.innerHTML = resultHtml(result);
  item.appendChild(link);
  return item;
}

/* The glossary and the about page: their own labelled list after the text's results. */
function othersGroup(others, queryText) {
  const group = document.createElement("li");
  group.className = "hp-search__group";
  const label = document.createElement("p");
  label.id = "hp-search-others";
  label.className = "hp-search__group-label";
  label.textContent = strings.search_others || "";
  const inner = document.createElement("ul");
  inner.className = "hp-search__results";
  inner.setAttribute("aria-labelledby", label.id);
  others.forEach((result) => inner.appendChild(resultItem(result, queryText)));
  group.append(label, inner);
  return group;
}

const FALLBACK_LINES = { closest: "search_closest", outline: "search_outline" };

function render(answer, queryText) {
  list.textContent = "";
  answer.results.slice(0, MAX_SHOWN).forEach((result) => list.appendChild(resultItem(result, queryText)));
  const others = answer.others.slice(0, MAX_OTHERS);
  if (others.length) list.appendChild(othersGroup(others, queryText));
  const count = answer.results.length + answer.others.length;
  status.textContent = answer.fallback
    ? format(strings[FALLBACK_LINES[answer.fallback]], { query: queryText.trim() })
    : format(count === 1 ? strings.search_count_one : strings.search_count_other, { n: count });
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
    (answer) => { if (ticket === latest) render(answer, queryText); },
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
