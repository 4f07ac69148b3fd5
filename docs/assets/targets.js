/* The targets tables: filter, theme chips, sorting and row permalinks.

   In: the generated targets page: tables [data-hp-table] whose rows
   tr.hp-row carry data-theme and data-search (the row's words folded at build
   time by model.Record.search_text: number, label, text, theme, measure
   labels, values with their unit names such as "percent" / "phần trăm",
   periods), cells with data-sort-value, headers with data-sort
   ("number" or "text"); the hidden filter block [data-hp-filters] with its
   input, theme chips and role="status" count (data-template-some/none).
   Out: the filter block shown; rows filtered as the reader types, with or
   without Vietnamese diacritics, numbers in any notation (32900, 32.900 and
   32,900 are one number), and by theme (several chips = any of them);
   group headers hidden when their group is empty; the count announced;
   sortable columns (header buttons, aria-sort); the row named by the URL
   fragment opened, highlighted and scrolled into view. Without JavaScript
   the full table simply shows. */
import { fold, numberKeys, numbersIn } from "./words.js";
import { fragmentId, readStrings } from "./page.js";

function start() {
  var lang = document.documentElement.lang || "vi";
  var collator = new Intl.Collator(lang, { numeric: true });  // = localeCompare(b, lang, {numeric: true})
  var counter = new Intl.NumberFormat(lang);

  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  var tables = toArray(document.querySelectorAll("table[data-hp-table]"));
  if (!tables.length) return;
  var strings = readStrings();
  var rows = [];
  tables.forEach(function (table) {
    toArray(table.querySelectorAll("tr.hp-row")).forEach(function (row, index) {
      row.setAttribute("data-hp-order", String(index));
      rows.push(row);
    });
  });

  /* ---- filtering */

  var filters = document.querySelector("[data-hp-filters]");
  var input = filters && filters.querySelector("input");
  var chips = filters ? toArray(filters.querySelectorAll(".hp-chip[data-theme]")) : [];
  var count = filters && filters.querySelector("[role=status]");

  function pressedThemes() {
    return chips.filter(function (chip) { return chip.getAttribute("aria-pressed") === "true"; })
      .map(function (chip) { return chip.getAttribute("data-theme"); });
  }

  /* The numbers of each row, in any notation (words.js): "32900", "32.900"
     and "32,900" all find the row that says 32.900. */
  var rowNumbers = new Map();
  function numbersOf(row) {
    if (!rowNumbers.has(row)) rowNumbers.set(row, numbersIn(row.getAttribute("data-search") || ""));
    return rowNumbers.get(row);
  }

  function wordMatches(row, word) {
    var haystack = row.getAttribute("data-search") || "";
    if (haystack.indexOf(word) >= 0) return true;
    var keys = /\d/.test(word) ? numberKeys(word) : [];
    return keys.some(function (key) { return numbersOf(row).has(key); });
  }

  function rowMatches(row, words, themes) {
    if (themes.length && themes.indexOf(row.getAttribute("data-theme")) < 0) return false;
    return words.every(function (word) { return wordMatches(row, word); });
  }

  function updateGroupRows() {
    tables.forEach(function (table) {
      toArray(table.tBodies).forEach(function (body) {
        var visible = body.querySelector("tr.hp-row:not([hidden])") !== null;
        toArray(body.querySelectorAll("tr.hp-group-row")).forEach(function (groupRow) {
          groupRow.hidden = !visible;
        });
      });
    });
  }

  function announce(shown) {
    if (!count) return;
    var template = count.getAttribute(shown ? "data-template-some" : "data-template-none") || "";
    count.textContent = template.replace("{shown}", counter.format(shown)).replace("{total}", counter.format(rows.length));
  }

  function applyFilters() {
    var words = input ? fold(input.value).split(/\s+/).filter(Boolean) : [];
    var themes = pressedThemes();
    var shown = 0;
    rows.forEach(function (row) {
      var match = rowMatches(row, words, themes);
      row.hidden = !match;
      if (match) shown += 1;
    });
    updateGroupRows();
    announce(shown);
  }

  function resetFilters() {
    if (input) input.value = "";
    chips.forEach(function (chip) { chip.setAttribute("aria-pressed", "false"); });
    applyFilters();
  }

  if (filters) {
    filters.hidden = false;
    if (input) input.addEventListener("input", applyFilters);
    chips.forEach(function (chip) {
      chip.addEventListener("click", function () {
        chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
        applyFilters();
      });
    });
    applyFilters();
  }

  /* ---- sorting */

  function sortKey(row, column, kind) {
    var cell = row.cells[column];
    var value = cell ? cell.getAttribute("data-sort-value") || cell.textContent : "";
    if (kind !== "number") return value;
    var number = parseFloat(value);
    return isNaN(number) ? Infinity : number;
  }

  function compareKeys(a, b, kind) {
    if (kind === "number") return a < b ? -1 : a > b ? 1 : 0;
    return collator.compare(a, b);
  }

  function sortTable(table, header, column, kind) {
    var direction = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    toArray(header.parentNode.cells).forEach(function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", direction);
    var sign = direction === "ascending" ? 1 : -1;
    toArray(table.tBodies).forEach(function (body) {
      var keyed = toArray(body.querySelectorAll("tr.hp-row")).map(function (row) {
        return { row: row, key: sortKey(row, column, kind), order: Number(row.getAttribute("data-hp-order")) };
      });
      keyed.sort(function (a, b) {
        return sign * compareKeys(a.key, b.key, kind) || a.order - b.order;
      });
      keyed.forEach(function (item) { body.appendChild(item.row); });
    });
  }

  function makeSortable(table) {
    if (!table.tHead || !table.tHead.rows.length) return;
    toArray(table.tHead.rows[0].cells).forEach(function (header, column) {
      var kind = header.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hp-sort";
      if (strings.action_sort) button.title = strings.action_sort;
      while (header.firstChild) button.appendChild(header.firstChild);
      var icon = document.createElement("span");
      icon.className = "hp-sort-icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      header.appendChild(button);
      button.addEventListener("click", function () { sortTable(table, header, column, kind); });
    });
  }

  tables.forEach(makeSortable);

  /* ---- the row named by the URL fragment */

  var HIGHLIGHT = "hp-row--highlight";

  function showTargetRow() {
    toArray(document.querySelectorAll("tr." + HIGHLIGHT)).forEach(function (row) { row.classList.remove(HIGHLIGHT); });
    var id = fragmentId();
    var row = id && document.getElementById(id);
    if (!row || !row.classList.contains("hp-row")) return;
    if (row.hidden) resetFilters();
    row.classList.add(HIGHLIGHT);
    var details = row.querySelector("details");
    if (details) details.open = true;
    row.scrollIntoView({ block: "center" });
  }

  window.addEventListener("hashchange", showTargetRow);
  showTargetRow();
  // Layout can still move until everything has loaded; keep the row in view.
  window.addEventListener("load", function () {
    if (document.querySelector("tr." + HIGHLIGHT)) document.querySelector("tr." + HIGHLIGHT).scrollIntoView({ block: "center" });
  });
}

start();
