/* Words as the site compares them: folding, tone placement, numbers, English stems.

   In: text typed by a reader or read from the page. Out: pure functions, no
   DOM, imported by the search (query.js, ranking.js) and the targets filter
   (targets.js), and checked against the Python side (render.fold,
   sitegen/numbers.py, sitegen/search_terms.py stem) by tests/js/words.test.js
   and tests/test_fold_numbers.py on the shared table tests/fold_number_cases.json. */

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

/* English word forms, the same on both sides of a match (not a dictionary
   form): plurals dropped, British spellings as American, then one suffix:
   "investing", "investment", "investors" → "invest"; "centre", "centres",
   "center" → "cent"; "organisations" → "organiz"; "tourist" → "tourism". Mirrored by
   sitegen/search_terms.py stem() on the shared table. */
const PLURALS = [[/ies$/, "y"], [/(ss|sh|ch|x)es$/, "$1"], [/([^siu])s$/, "$1"]];
const SPELLINGS = [[/isation$/, "ization"], [/is(e|ed|ing)$/, "iz$1"], [/yse$/, "yze"], [/tre$/, "ter"], [/our$/, "or"]];
const SUFFIXES = [[/ization$/, "iz"], [/iz(e|ed|ing)$/, "iz"], [/ments?$/, ""], [/at(ion|ive|e)$/, "at"],
  [/([bdfgmnprt])\1(ing|ed)$/, "$1"], [/(ing|ed|er)$/, ""], [/(st|at)or$/, "$1"], [/(\w{4})ist$/, "$1ism"]];

export function stem(folded, lang) {
  if (lang !== "en" || folded.length <= 3 || /\d/.test(folded)) return folded;
  let word = firstRule(folded, PLURALS);
  word = firstRule(word, SPELLINGS);
  word = firstRule(word, SUFFIXES);
  return word.length > 4 ? word.replace(/e$/, "") : word;
}

function firstRule(word, rules) {
  for (const [pattern, replacement] of rules) {
    const next = word.replace(pattern, replacement);
    if (next !== word) return next.length >= 4 ? next : word;
  }
  return word;
}

/* English function words: a phrase reads through them ("units by 2030" is
   "units 2030", "7 of 20" is "7 20"), though they still match themselves. */
const GLUE = new Set("a an the of in on at by for to and or with from as into its their this that these those".split(" "));

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
    glue: lang === "en" && GLUE.has(folded),
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
  return scaleNumbers(words);
}

/* A number followed by "nghìn", "triệu", "tỷ", "thousand", "million",
   "billion"… also stands for its value: "230 triệu" = 230.000.000,
   "245.500 tỷ" = "245,5 nghìn tỷ", "2.4 million billion" = "2,400 trillion". */
const SCALES = { nghin: 1e3, ngan: 1e3, trieu: 1e6, ty: 1e9, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

export function scaleNumbers(words) {
  words.forEach((word, index) => {
    if (!word.numbers || !word.numbers.length) return;
    let scale = 1;
    for (let next = index + 1; next < words.length && SCALES[words[next].folded]; next++) scale *= SCALES[words[next].folded];
    if (scale === 1) return;
    for (const key of word.numbers.slice()) {
      const value = Math.round(Number(key) * scale);
      if (Number.isSafeInteger(value) && !word.numbers.includes(String(value))) word.numbers.push(String(value));
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
