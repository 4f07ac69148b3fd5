/* Site search, the part every page loads: open and close the dialog.

   In: the header button and dialog of overrides/partials/hp-search.html.
   Out: the button shown (it stays hidden without JavaScript); the dialog opens
   with the button, "/" or "s", closes with Esc, the close button or a click
   outside, and gives the focus back to where it was. The first time it opens,
   assets/search-dialog.js (ranking, results, keyboard in the list) is
   imported, and that imports Pagefind: nothing for search is downloaded
   before the reader opens it, except to mark the words of a followed result
   (?highlight=). */
import { highlightParam } from "./page.js";

function start() {
  var opener = document.querySelector("[data-hp-search-open]");
  var dialog = document.getElementById("hp-search-dialog");
  if (!opener || !dialog || typeof dialog.showModal !== "function") return;

  var input = document.getElementById("hp-search-input");
  var modulePromise = null;
  var returnFocusTo = null;

  function loadModule() {
    if (!modulePromise) {
      modulePromise = import("./search-dialog.js");
      modulePromise.catch(function () { modulePromise = null; });
    }
    return modulePromise;
  }

  function open() {
    if (dialog.open) return;
    returnFocusTo = document.activeElement;
    dialog.showModal();
    input.focus();
    input.select();
    loadModule().then(function (search) { search.opened(); }, function () {
      document.getElementById("hp-search-status").textContent = opener.getAttribute("data-hp-error") || "";
    });
  }

  function isTyping(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])");
  }

  opener.hidden = false;
  opener.addEventListener("click", open);
  dialog.querySelector("[data-hp-search-close]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();  // a click on the backdrop
  });
  dialog.addEventListener("close", function () {
    var target = returnFocusTo && document.contains(returnFocusTo) && returnFocusTo !== document.body ? returnFocusTo : opener;
    returnFocusTo = null;
    target.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.key === "/" || event.key === "s") && !isTyping(event.target)) {
      event.preventDefault();
      open();
    }
  });
  // The form never submits: Enter follows the first result (search-dialog.js).
  input.form.addEventListener("submit", function (event) { event.preventDefault(); });
  if (highlightParam()) {
    loadModule().then(function (search) { search.highlightOnArrival(); });
  }
}

start();
