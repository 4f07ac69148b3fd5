/* Site behaviour, progressive enhancement only: everything works without it.
   - glossary terms show their explanation in a tooltip on hover and keyboard focus;
   - the language switcher keeps the #fragment (the same id exists in both languages).
   Copy-link and cite live in cite.js; search in search.js; the targets table in
   targets.js, imported here only on a page that has one (the other pages stay lighter).
   An ES module: nothing is put on window. */
if (document.querySelector("table[data-hp-table]")) import("./targets.js");
{
  // Glossary terms: one shared role=tooltip bubble on hover and keyboard focus,
  // dismissed with Escape (WCAG 1.4.13). Lighter than Material's content.tooltips,
  // which costs ~1 s of main-thread time on a phone for the full text's links.
  var tip = null;
  function bubble() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "hp-tooltip";
      tip.className = "hp-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }
  function showTip(term) {
    if (term.hasAttribute("title")) {  // keep the native title for no-JS only
      term.setAttribute("data-tip", term.getAttribute("title"));
      term.removeAttribute("title");
    }
    var box = term.getBoundingClientRect(), el = bubble();
    el.textContent = term.getAttribute("data-tip");
    el.hidden = false;
    el.style.left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - el.offsetWidth - 8)) + "px";
    el.style.top = (box.bottom + window.scrollY + 6) + "px";
    el.classList.add("hp-tooltip--active");
    term.setAttribute("aria-describedby", el.id);
  }
  function hideTip(term) {
    if (tip) { tip.hidden = true; tip.classList.remove("hp-tooltip--active"); }
    if (term) term.removeAttribute("aria-describedby");
  }
  function termOf(event) { return event.target.closest ? event.target.closest("a.hp-term") : null; }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) { var t = termOf(event); if (t) showTip(t); });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) { var t = termOf(event); if (t) hideTip(t); });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && tip && !tip.hidden) hideTip(document.querySelector("a.hp-term[aria-describedby]"));
  });

  // Language switch: carry the reader's place (#fragment) to the other language.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-hp-lang]");
    if (!link || !window.location.hash) return;
    event.preventDefault();
    window.location.href = link.href.split("#")[0] + window.location.hash;
  });
}
