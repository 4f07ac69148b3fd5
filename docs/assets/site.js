/* Site behaviour, progressive enhancement only: everything works without it.
   - the language switcher keeps the #fragment (the same id exists in both languages);
   - copy-link and cite buttons for every element with data-cite. */
(function () {
  "use strict";
  var strings = window.HP_STRINGS || {};

  // Language switch: carry the reader's place (#fragment) to the other language.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-hp-lang]");
    if (!link || !window.location.hash) return;
    event.preventDefault();
    window.location.href = link.href.split("#")[0] + window.location.hash;
  });
})();
