/* What a search result shows: its heading and its snippet. No DOM.

   In: a ranked result ({unit, hits}) from ranking.js. Out: the heading text
   and the snippet as HTML (the text escaped, the matched words in <mark>). */

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

export function unitHeading(unit) {
  if (unit.kind === "term") return unit.title;
  if (unit.kind === "task" || unit.kind === "section") return unit.chunks.join(" ");
  return unit.parentHeading || unit.pageTitle;
}

const SNIPPET_CHUNKS = 28;

/* The stretch of the unit with the most matched words, matches in <mark>. */
export function snippetHtml(unit, hits) {
  const chunks = unit.chunks;
  const marked = new Set(hits);
  let start = 0, bestCount = -1;
  for (let s = 0; s <= Math.max(0, chunks.length - SNIPPET_CHUNKS); s++) {
    let count = 0;
    for (let k = s; k < Math.min(chunks.length, s + SNIPPET_CHUNKS); k++) if (marked.has(k)) count++;
    if (count > bestCount) { bestCount = count; start = s; }
  }
  const end = Math.min(chunks.length, start + SNIPPET_CHUNKS);
  const parts = [];
  for (let i = start; i < end; i++) {
    const text = escapeHtml(chunks[i]);
    parts.push(marked.has(i) ? "<mark>" + text + "</mark>" : text);
  }
  return (start > 0 ? "… " : "") + parts.join(" ") + (end < chunks.length ? " …" : "");
}
