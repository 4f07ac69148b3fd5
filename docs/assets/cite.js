/* Copy link and cite: one implementation for every element carrying data-cite.

   In: elements with an id and a data-cite reference ("mục III.3.b, chỉ tiêu (18)"):
   target rows and group bodies on the targets page, paragraphs and headings on
   the full-text page; the resolution's title from <meta name="hp:citation-title">
   and the interface strings from <script id="hp-strings"> (both generated from
   data/ by the MkDocs hook, in the page's language).
   Out: two buttons per element. "Copy link" copies origin + path + "#id" and
   confirms in a role="status" notice that also shows the link. "Cite" shows
   "<title>, <data-cite> — <URL>" in a dialog with the text selected and copies
   it. Without a usable clipboard the text stays selected in the dialog for the
   reader to copy. Where the browser has the Web Share API (phones), a third
   button, "Share", opens the phone's share sheet with the place's title, its
   citation and its URL; elsewhere copy link stays as it is. Progressive
   enhancement: without JavaScript nothing changes. */
import { readStrings } from "./page.js";

{
  var ICONS = {
    link: '<svg class="hp-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7"/><path d="M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7"/></svg>',
    cite: '<svg class="hp-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 7h6v6c0 3-2 5-5 5"/><path d="M14 7h6v6c0 3-2 5-5 5"/></svg>',
    share: '<svg class="hp-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="18" cy="5" r="3"/><circle cx="6" cy="12" r="3"/><circle cx="18" cy="19" r="3"/><path d="M8.6 13.5l6.8 4M15.4 6.5l-6.8 4"/></svg>'
  };
  var CAN_SHARE = typeof navigator.share === "function";
  var HEADING = /^H[1-6]$/;

  function readTitle() {
    var meta = document.querySelector('meta[name="hp:citation-title"]');
    return meta ? meta.getAttribute("content") : "";
  }

  var strings = readStrings();
  var title = readTitle();

  /* ---- what is copied */

  function linkTo(id) {
    return window.location.origin + window.location.pathname + "#" + id;
  }

  function citationFor(element) {
    return title + ", " + element.getAttribute("data-cite") + " \u2014 " + linkTo(element.id);
  }

  /* ---- where the buttons go: inside the element, except for headings, table rows and bilingual rows */

  function toolsHost(element) {
    if (element.tagName === "TR") return element.querySelector(".hp-col-number") || element.cells[0];
    if (element.tagName === "TBODY") return element.querySelector(".hp-group-row th");
    var cells = element.classList.contains("hp-compare__row") ? element.querySelectorAll(":scope > [lang]") : [];  // side by side: the last side
    if (cells.length) return cells[cells.length - 1];
    if (HEADING.test(element.tagName)) {
      var next = element.nextElementSibling;
      if (next && next.classList.contains("hp-section-tools")) return next;
      var host = document.createElement("p");
      host.className = "hp-section-tools";
      element.insertAdjacentElement("afterend", host);
      return host;
    }
    return element;
  }

  function makeButton(action, label, targetId) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hp-cite-btn hp-cite-btn--" + action;
    button.setAttribute("data-hp-action", action);
    button.setAttribute("data-hp-for", targetId);
    button.title = label;
    button.innerHTML = ICONS[action];
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = label;
    button.appendChild(name);
    return button;
  }

  function addTools(element) {
    if (!element.id || element.hasAttribute("data-hp-cite-ready")) return;
    var host = toolsHost(element);
    if (!host) return;
    element.setAttribute("data-hp-cite-ready", "");
    var tools = document.createElement("span");
    tools.className = "hp-cite-tools";
    tools.lang = document.documentElement.lang;  // labels are in the page language, even inside a lang="en" cell
    tools.appendChild(makeButton("link", strings.action_copy_link, element.id));
    tools.appendChild(makeButton("cite", strings.action_cite, element.id));
    if (CAN_SHARE && strings.action_share) tools.appendChild(makeButton("share", strings.action_share, element.id));
    host.appendChild(document.createTextNode(" "));
    host.appendChild(tools);
  }

  /* ---- clipboard, with the selected text as the fallback */

  function writeClipboard(text) {
    if (!navigator.clipboard || !navigator.clipboard.writeText) return Promise.resolve(false);
    return navigator.clipboard.writeText(text).then(
      function () { return true; },
      function () { return false; }
    );
  }

  function copySelection() {
    try { return document.execCommand("copy"); } catch (error) { return false; }
  }

  /* ---- the notice (copy link) and the dialog (cite, and copy-link fallback) */

  var notice, noticeTimer, dialog, opener;

  function makeNotice() {
    notice = document.createElement("div");
    notice.className = "hp-toast";
    notice.setAttribute("role", "status");
    notice.setAttribute("aria-live", "polite");
    notice.setAttribute("aria-atomic", "true");
    document.body.appendChild(notice);
  }

  function showNotice(text) {
    notice.textContent = text;
    notice.classList.add("hp-toast--visible");
    window.clearTimeout(noticeTimer);
    noticeTimer = window.setTimeout(function () {
      notice.classList.remove("hp-toast--visible");
      notice.textContent = "";
    }, 5000);
  }

  function dialogPart(name) {
    return dialog.querySelector("[data-hp-dialog-part='" + name + "']");
  }

  function makeDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "hp-cite-dialog md-typeset";
    dialog.setAttribute("aria-labelledby", "hp-cite-dialog-title");
    dialog.innerHTML =
      '<h2 id="hp-cite-dialog-title" data-hp-dialog-part="title"></h2>' +
      '<textarea class="hp-cite-text" data-hp-dialog-part="text" readonly rows="4" aria-labelledby="hp-cite-dialog-title"></textarea>' +
      '<p class="hp-cite-status" data-hp-dialog-part="status" role="status" aria-live="polite"></p>' +
      '<p class="hp-cite-actions"><button type="button" class="md-button md-button--primary" data-hp-dialog-part="copy"></button> ' +
      '<button type="button" class="md-button" data-hp-dialog-part="close"></button></p>';
    dialogPart("copy").textContent = strings.action_copy;
    dialogPart("close").textContent = strings.action_close;
    dialogPart("copy").addEventListener("click", function () {
      selectDialogText();
      copyShownText();
    });
    dialogPart("close").addEventListener("click", closeDialog);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) closeDialog();  // a click on the backdrop
    });
    dialog.addEventListener("close", function () {
      if (opener && document.contains(opener)) opener.focus();
    });
    document.body.appendChild(dialog);
  }

  function selectDialogText() {
    var text = dialogPart("text");
    text.focus();
    text.select();
  }

  function setDialogStatus(copied) {
    dialogPart("status").textContent = copied ? strings.action_copied : strings.action_copy_manual;
  }

  function copyShownText() {
    var text = dialogPart("text").value;
    return writeClipboard(text).then(function (copied) {
      if (!copied) {
        selectDialogText();
        copied = copySelection();
      }
      setDialogStatus(copied);
      return copied;
    });
  }

  function openDialog(heading, text) {
    if (!dialog) makeDialog();
    dialogPart("title").textContent = heading;
    dialogPart("text").value = text;
    dialogPart("status").textContent = "";
    if (!dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    }
    selectDialogText();
  }

  function closeDialog() {
    if (typeof dialog.close === "function") dialog.close();
    else { dialog.removeAttribute("open"); if (opener) opener.focus(); }
  }

  /* ---- actions */

  function copyLink(element) {
    var url = linkTo(element.id);
    writeClipboard(url).then(function (copied) {
      if (copied) {
        showNotice(strings.action_copied + ": " + url);
        return;
      }
      openDialog(strings.cite_dialog_link_title, url);
      setDialogStatus(copySelection());
    });
  }

  /* The phone's share sheet; a cancelled share is no error, any other falls back to copy link. */
  function share(element) {
    var place = title + ", " + element.getAttribute("data-cite");
    navigator.share({ title: place, text: place, url: linkTo(element.id) }).catch(function (error) {
      if (!error || error.name !== "AbortError") copyLink(element);
    });
  }

  function cite(element) {
    openDialog(strings.cite_dialog_title, citationFor(element));
    copyShownText();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-hp-action]");
    if (!button) return;
    var element = document.getElementById(button.getAttribute("data-hp-for"));
    if (!element) return;
    opener = button;
    var action = button.getAttribute("data-hp-action");
    if (action === "link") copyLink(element);
    else if (action === "share") share(element);
    else cite(element);
  });

  function init() {
    if (!title || !strings.action_cite) return;
    var elements = document.querySelectorAll("[data-cite][id]");
    if (!elements.length) return;
    if (!notice) makeNotice();
    Array.prototype.forEach.call(elements, addTools);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}
