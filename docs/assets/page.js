/* What a page gives its scripts, read safely.

   In: the page's one strings blob (<script id="hp-strings" type="application/json">,
   written by the MkDocs hook from data/i18n in the page's language) and the
   address. Out: the strings ({} when missing or broken), the id named by the
   #fragment and the ?highlight= query ("" when absent or malformed): no
   address, however malformed, makes a caller throw. */

let strings = null;

export function readStrings() {
  if (strings) return strings;
  strings = {};
  const node = document.getElementById("hp-strings");
  try {
    const parsed = node ? JSON.parse(node.textContent) : {};
    if (parsed && typeof parsed === "object") strings = parsed;
  } catch (error) { /* a broken blob leaves the defaults */ }
  return strings;
}

/* "#%E0%A4%A" and other broken escapes name no element: "". */
export function decodeFragment(hash) {
  const raw = String(hash || "").replace(/^#/, "");
  try { return decodeURIComponent(raw); } catch (error) { return ""; }
}

export function fragmentId() {
  return decodeFragment(window.location.hash);
}

export function highlightParam() {
  try { return new URLSearchParams(window.location.search).get("highlight") || ""; } catch (error) { return ""; }
}

export function format(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, (_, name) => (values[name] !== undefined ? values[name] : ""));
}
