/* What to do with the words the text does not have, loaded on first need. No DOM.

   In: a word of the query (words.js makeWord) that is not a word of the
   resolution's text, and the text's vocabulary (query.js vocabulary()). Out:
   the Vietnamese word that Telex or VNI leftovers stand for ("dduowngf" →
   "đường", "ba3o" → "bảo"); the words of the text one edit away (a letter
   added, dropped, changed or two swapped: "truonh" → "truong"); the words of
   the text that look most like it (letter pairs in common), for when nothing
   matches at all. query.js and ranking.js call these through the index
   (index.repair) once search-dialog.js has imported this module: most
   queries never need it, so the first search does not download it. */

import { known } from "./query.js";

// ---------------------------------------------------------------------------
// Telex and VNI
// ---------------------------------------------------------------------------

const VOWELS = "aăâeêioôơuưy";
const TONE_MARKS = { s: "\u0301", f: "\u0300", r: "\u0309", x: "\u0303", j: "\u0323",
                     1: "\u0301", 2: "\u0300", 3: "\u0309", 4: "\u0303", 5: "\u0323" };
const TELEX_PAIRS = { aa: "â", ee: "ê", oo: "ô", dd: "đ" };
const VNI_SHAPES = { 6: { a: "â", e: "ê", o: "ô" }, 7: { o: "ơ", u: "ư" }, 8: { a: "ă" }, 9: { d: "đ" } };

/* "dduowngf" → "đường", "ho65i" → "hội"; null when the word has no Telex or VNI mark. */
export function fromTelex(raw) {
  const word = raw.toLowerCase();
  if (!/^[a-z][a-z0-9]*$/.test(word) || !/(aa|ee|oo|dd|w|[aeiouy][a-z]*[sfrxj]|[a-z][1-9])/.test(word)) return null;
  const letters = [];
  let tone = "";
  for (const ch of word) {
    const last = letters[letters.length - 1];
    const hasVowel = letters.some((l) => VOWELS.includes(l));
    if (TONE_MARKS[ch] && (/\d/.test(ch) || hasVowel)) { tone = TONE_MARKS[ch]; continue; }
    if (/\d/.test(ch)) {
      if (!applyShape(letters, VNI_SHAPES[ch])) return null;
      continue;
    }
    if (ch === "w") {
      if (!applyShape(letters, { a: "ă", o: "ơ", u: "ư" })) letters.push("ư");
      continue;
    }
    const pair = last && TELEX_PAIRS[last + ch];
    if (pair) { letters[letters.length - 1] = pair; continue; }
    letters.push(ch);
  }
  return placeTone(letters, tone);
}

/* The mark goes on the nearest vowel that takes it ("uo" + horn = "ươ"). */
function applyShape(letters, shapes) {
  if (!shapes) return false;
  for (let i = letters.length - 1; i >= 0; i--) {
    if (shapes[letters[i]]) {
      if (letters[i] === "o" && shapes.u && letters[i - 1] === "u") letters[i - 1] = "ư";
      letters[i] = shapes[letters[i]];
      return true;
    }
  }
  return false;
}

function placeTone(letters, tone) {
  const text = letters.join("");
  if (!tone) return text;
  const start = /^(qu|gi)(?=[aăâeêioôơuưy])/.test(text) ? 2 : 0;
  const vowels = [];
  for (let i = start; i < letters.length; i++) if (VOWELS.includes(letters[i])) vowels.push(i);
  if (!vowels.length) return null;
  const shaped = vowels.filter((i) => "ăâêôơư".includes(letters[i]));
  const endsInVowel = vowels[vowels.length - 1] === letters.length - 1;
  let at = vowels[vowels.length - 1];
  if (shaped.length) at = shaped[shaped.length - 1];
  else if (endsInVowel && vowels.length >= 2) at = vowels[vowels.length - 2];
  const marked = letters.slice();
  marked[at] = marked[at] + tone;
  return marked.join("").normalize("NFC");
}

// ---------------------------------------------------------------------------
// One-letter typos
// ---------------------------------------------------------------------------

/* Edit distance at most 1 (a letter added, dropped, changed, or two swapped). */
export function withinOneEdit(a, b) {
  if (a === b) return true;
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/* The words of the text one edit away from an unknown word of five letters or more. */
export function typoAlternatives(word, vocab) {
  if (word.numbers || word.folded.length < 5 || known(word, vocab)) return null;
  const found = vocab.list.filter((v) => v.length >= 4 && withinOneEdit(word.folded, v));
  return found.length ? new Set(found) : null;
}

/* Letter pairs in common (Dice): how close two words look. */
function likeness(a, b) {
  const pairsOf = (w) => { const p = []; for (let i = 0; i <= w.length; i++) p.push((i ? w[i - 1] : "^") + (i < w.length ? w[i] : "$")); return p; };
  const pa = pairsOf(a), pb = pairsOf(b);
  let common = 0;
  const pool = pb.slice();
  for (const p of pa) { const at = pool.indexOf(p); if (at >= 0) { common++; pool.splice(at, 1); } }
  return (2 * common) / (pa.length + pb.length);
}

const CLOSEST_LIKENESS = 0.5;
const CLOSEST_PER_WORD = 5;
const CLOSEST_MARGIN = 0.1;

/* The words of the text that look most like a word (at most five, all nearly
   as alike as the best: "nghheoo" is "nghèo", not "nghệ"), or null. */
export function lookalikes(word, vocab) {
  if (word.numbers || word.folded.length < 3) return null;
  const scored = vocab.list.map((v) => [likeness(word.folded, v), v]).filter(([score]) => score >= CLOSEST_LIKENESS);
  scored.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
  const close = scored.filter(([score]) => score >= scored[0][0] - CLOSEST_MARGIN).slice(0, CLOSEST_PER_WORD);
  return close.length ? new Set(close.map(([, v]) => v)) : null;
}
