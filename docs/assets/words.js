/* Words as the site compares them: folding, tone placement, numbers.

   In: text typed by a reader or read from the page. Out: pure functions, no
   DOM, imported by the search (ranking.js) and the targets filter
   (targets.js), and checked against the Python side (render.fold,
   sitegen/numbers.py) by tests/js/words.test.js and tests/test_fold_numbers.py
   on the shared table tests/fold_number_cases.json. */

export const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[.,]\p{N}+)*/gu;
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const DIGITS = /\p{N}/u;

/* Lower-case, đ → d, no combining marks: the same folding as render.py fold(). */
export function fold(text) {
  return String(text).toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "");
}

/* The word with its diacritics, the tone mark moved to the end, so the old
   and new spellings of a syllable ("hoá"/"hóa", "thuỷ"/"thủy") are equal. */
export function exactKey(text) {
  const decomposed = String(text).toLowerCase().normalize("NFD");
  const tones = (decomposed.match(TONES) || []).join("");
  return decomposed.replace(TONES, "").normalize("NFC") + "|" + tones;
}

function stripZeros(digits) {
  return digits.replace(/^0+(?=\d)/, "");
}

/* The values a written number can stand for, in any notation:
   "32.900" → 32900 (thousands) and 32.9 (decimal); "0,8" → 0.8; "01" → 1. */
export function numberKeys(token) {
  const keys = [];
  const add = (key) => { if (!keys.includes(key)) keys.push(key); };
  if (/^\d+$/.test(token)) add(stripZeros(token));
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(token)) add(stripZeros(token.replace(/[.,]/g, "")));
  if (/^\d+[.,]\d+$/.test(token)) add(canonicalDecimal(token.replace(",", ".")));
  return keys;
}

function canonicalDecimal(text) {
  const [whole, fraction = ""] = text.split(".");
  const digits = fraction.replace(/0+$/, "");
  return stripZeros(whole) + (digits ? "." + digits : "");
}

/* One number as a language writes it: Vietnamese groups with "." and
   decimals with ","; English the other way round (as Babel reads them). */
export function readNumber(token, lang) {
  const group = lang === "vi" ? "." : ",";
  const decimal = lang === "vi" ? "," : ".";
  const ungrouped = token.split(group).join("");
  // A decimal separator written twice can only be grouping ("1.000.000" in English), as Babel reads it.
  const parts = ungrouped.split(decimal);
  return canonicalDecimal(parts.length > 2 ? parts.join("") : parts.join("."));
}

/* English word forms: plurals and common suffixes, British spellings as American. */
const BRITISH = [[/tre$/, "ter"], [/our$/, "or"], [/ise$/, "ize"], [/isation$/, "ization"], [/yse$/, "yze"]];
export function stem(folded, lang) {
  if (lang !== "en" || folded.length <= 3 || /\d/.test(folded)) return folded;
  let word = folded;
  for (const [pattern, replacement] of BRITISH) if (pattern.test(word)) { word = word.replace(pattern, replacement); break; }
  word = firstRule(word, PLURALS);
  word = firstRule(word, SUFFIXES);
  return word.length > 4 ? word.replace(/e$/, "") : word;
}

const PLURALS = [[/ies$/, "y"], [/sses$/, "ss"], [/([^su])s$/, "$1"]];
const SUFFIXES = [[/ments?$/, ""], [/ing$/, ""], [/ed$/, ""], [/ation$/, "ate"], [/er$/, ""]];

function firstRule(word, rules) {
  for (const [pattern, replacement] of rules) {
    const next = word.replace(pattern, replacement);
    if (next !== word) return next.length >= 4 ? next : word;
  }
  return word;
}

export function makeWord(raw, lang) {
  const lower = raw.toLowerCase().normalize("NFC");
  const folded = fold(raw);
  return {
    lower,
    folded,
    stem: stem(folded, lang),
    exact: exactKey(lower),
    marked: folded !== lower,
    numbers: DIGITS.test(raw) ? numberKeys(folded) : null,
  };
}

/* Words of a text, each with the index of the whitespace-separated chunk it
   came from (Pagefind's word locations count those chunks). */
export function tokenize(chunks, lang) {
  const words = [];
  chunks.forEach((chunk, chunkIndex) => {
    for (const raw of chunk.match(TOKEN) || []) {
      const word = makeWord(raw, lang);
      word.chunk = chunkIndex;
      words.push(word);
    }
  });
  return words;
}

/* Does a folded text hold a number, in any notation? (the targets filter) */
export function numbersIn(text) {
  const keys = new Set();
  for (const token of fold(text).match(TOKEN) || []) {
    if (DIGITS.test(token)) numberKeys(token).forEach((key) => keys.add(key));
  }
  return keys;
}
