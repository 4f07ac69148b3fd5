/* Query understanding: what a reader typed in, the terms to look for out. No DOM.

   In: the query text, the page's language, the build's search terms (the
   "terms" of assets/search-data.<lang>.json: filler words and the concept
   map of data/search-terms.yaml, see scripts/sitegen/search_terms.py) and the
   vocabulary of the pages searched (vocabulary()). Out: { terms, pairs,
   unknown } for ranking.js: each term a word (words.js makeWord) with a
   weight (1; less for the words a concept or a synonym stands for), `fuzzy`
   (the words of the text one letter away from an unknown word), `typing`
   (the last word, perhaps unfinished), `slot`/`phrase` (the word typed, or
   the concept and which of its phrases, it answers) or, for an extra
   (synonym, compound), `covers` (the slots it answers when all the terms
   of its `alt` are found); pairs are [i, j] when term j should follow term i
   (phrases); unknown: some word is not a word of the text.
   Steps, in order (1 and 6 need repair.js, which search-dialog.js imports
   the first time a query has a word the text does not have):
     1. Telex and VNI leftovers ("dduowngf", "ba3o") become Vietnamese letters
        ("đường", "bảo"), only when the word is not itself a word of the text
        and the result is;
     2. English number words become digits ("five" → 5); "9 200" is also 9200;
     3. filler and question words are dropped ("bao nhiêu", "là gì", "how
        many", "phần trăm", "percent": "35 phần trăm" = "35 percent" = "35%"),
        unless nothing would remain;
     4. everyday phrases become the words of the text ("xe buýt" → "giao
        thông công cộng"), unless the text has them as typed: a word of the
        text is never remapped ("hoc nghe" is "học nghệ" there; the build
        checks data/search-terms.yaml with the diacritics); a phrase of the
        text also finds its synonyms ("sân bay": "cảng hàng không");
     5. English function words are dropped, and phrases read through them
        ("units by 2030"); compounds: "sea port" is also "seaport",
        "building ships" also "shipbuilding";
     6. an unknown word of five letters or more also matches the words of
        the text one edit away (ranked below exact words). */

import { TOKEN, fold, makeWord, scaleNumbers } from "./words.js";

export const CONCEPT_WEIGHT = 0.9;
const NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " +
  "fifteen sixteen seventeen eighteen nineteen twenty").split(" ");
const TENS = { thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100 };

/* The words of the pages searched: folded, exact (with diacritics) and as
   English stems, and the pairs of neighbouring words (to tell a phrase of the text). */
export function vocabulary(units) {
  const folded = new Set(), stems = new Set(), exact = new Set(), pairs = new Set(), exactPairs = new Set();
  for (const unit of units) {
    unit.words.forEach((word, i) => {
      folded.add(word.folded);
      stems.add(word.stem);
      exact.add(word.exact);
      const next = unit.words[i + 1];
      if (next) { pairs.add(word.stem + " " + next.stem); exactPairs.add(word.exact + " " + next.exact); }
    });
  }
  return { folded, stems, exact, pairs, exactPairs, list: Array.from(folded) };
}

/* Do these words, as typed (with their diacritics if they have some), occur in the text? */
function inText(words, vocab) {
  if (!vocab) return false;
  if (words.length === 1) return words[0].marked ? vocab.exact.has(words[0].exact) : vocab.stems.has(words[0].stem);
  return words.slice(1).every((word, i) => {
    const previous = words[i];
    return previous.marked && word.marked ? vocab.exactPairs.has(previous.exact + " " + word.exact)
      : vocab.pairs.has(previous.stem + " " + word.stem);
  });
}

export function known(word, vocab) {
  return vocab.folded.has(word.folded) || vocab.stems.has(word.stem);
}

// ---------------------------------------------------------------------------
// The steps
// ---------------------------------------------------------------------------

function tokens(text) {
  const found = [];
  for (const match of text.normalize("NFC").matchAll(TOKEN)) found.push({ raw: match[0], index: match.index });
  return found;
}

function numberWord(folded) {
  const index = NUMBER_WORDS.indexOf(folded);
  return index >= 0 ? String(index) : TENS[folded] ? String(TENS[folded]) : null;
}

/* The key a phrase of the concept map or the filler list is compared on. */
function keyOf(word, lang) {
  return lang === "en" ? word.stem : word.folded;
}

function phraseKeys(phrase, lang, vocab, strict) {
  const found = tokens(phrase);
  const single = found.length === 1 && found[0].raw;
  if (single && /^[A-Z]{2,}$/.test(single) && vocab && vocab.folded.has(fold(single))) return ["=" + single];
  const word = single && makeWord(single, lang);
  if (strict && word && word.marked) return ["~" + word.exact];
  return found.map((t) => keyOf(makeWord(t.raw, lang), lang));
}

/* The build's terms made ready to compare: phrases as lists of keys. An
   abbreviation in capitals that the text has in small letters ("IT": "it")
   only matches the word typed in capitals; a filler word of one syllable
   only with its diacritics ("đâu" is filler, "dau" may be "đầu"). */
export function prepareTerms(terms, lang, vocab) {
  const list = (phrases, strict) => (phrases || []).map((p) => phraseKeys(p, lang, vocab, strict)).filter((k) => k.length);
  return {
    filler: list(terms && terms.filler, true),
    fillerEnd: list(terms && terms.fillerEnd),
    concepts: ((terms && terms.concepts) || []).map(([everyday, text]) => ({ keys: list(everyday), text })),
    synonyms: ((terms && terms.synonyms) || []).map((phrases) => ({ keys: phrases.map((p) => phraseKeys(p, lang, vocab)), phrases })),
  };
}

function matchesAt(words, at, keys) {
  if (at + keys.length > words.length) return false;
  return keys.every((key, k) => {
    const word = words[at + k];
    if (key[0] === "=") return word.raw === key.slice(1);
    if (key[0] === "~") return word.exact === key.slice(1);
    return word.key === key || word.typedKey === key;
  });
}

function longestAt(words, at, phrases) {
  return bestAt(words, at, phrases).length;
}

/* The longest phrase of the list found at `at` (its keys), or []. */
function bestAt(words, at, phrases) {
  let best = [];
  for (const keys of phrases) if (keys.length > best.length && matchesAt(words, at, keys)) best = keys;
  return best;
}

function dropFiller(words, prepared) {
  const kept = [];
  for (let at = 0; at < words.length;) {
    const length = longestAt(words, at, prepared.filler);
    const endLength = longestAt(words, at, prepared.fillerEnd);
    if (endLength && at + endLength === words.length) break;
    if (length) { at += length; continue; }
    kept.push(words[at++]);
  }
  return kept.length ? kept : words;
}

/* The words typed, Telex leftovers converted (with repair.js), number words and spaced thousands read. */
function readWords(text, lang, vocab, repair) {
  const raw = tokens(text);
  return scaleNumbers(raw.map((token, index) => {
    let form = token.raw;
    const plain = makeWord(form, lang);
    if (lang === "vi" && vocab && repair && !known(plain, vocab)) {
      const converted = repair.fromTelex(form);
      if (converted && vocab.folded.has(fold(converted))) form = converted;
    }
    const word = Object.assign(makeWord(form, lang), { raw: token.raw, typedKey: keyOf(plain, lang) });
    word.key = keyOf(word, lang);
    const next = raw[index + 1];
    if (lang === "en" && !word.numbers && numberWord(word.folded)) word.numbers = [numberWord(word.folded)];
    if (word.numbers && next && /^\d{1,3}$/.test(token.raw) && /^\d{3}$/.test(next.raw) &&
        text.slice(token.index + token.raw.length, next.index) === " ") word.numbers.push(token.raw + next.raw);
    return word;
  }));
}

/* The longest concept (or synonym group) whose phrases start at `at`: [group, keys]. */
function groupAt(words, at, groups) {
  let group = null, keys = [];
  for (const candidate of groups) {
    const found = bestAt(words, at, candidate.keys);
    if (found.length > keys.length) { group = candidate; keys = found; }
  }
  return [group, keys];
}

/* The query's terms and pairs, and whether it has words the text does not
   (`unknown`: worth repair.js). `prepared` is prepareTerms() output, `repair`
   the repair.js module once loaded. */
export function understand(text, lang, prepared, vocab, repair) {
  prepared = prepared || { filler: [], fillerEnd: [], concepts: [], synonyms: [] };
  const words = dropFiller(readWords(text, lang, vocab, repair), prepared);
  const onlyGlue = words.every((word) => word.glue);
  const terms = [], pairs = [], used = new Set();
  let previous = -1, slots = 0, alts = 0;
  const add = (word, fields, follows) => {
    terms.push(Object.assign(word, fields));
    if (follows >= 0) pairs.push([follows, terms.length - 1]);
    return terms.length - 1;
  };
  const addPhrase = (phrase, fields) => {
    let last = -1;
    for (const token of tokens(phrase)) last = add(makeWord(token.raw, lang), { ...fields }, last);
  };
  for (let at = 0; at < words.length;) {
    const [concept, keys] = groupAt(words, at, prepared.concepts);
    if (concept && (keys[0][0] === "=" || !inText(words.slice(at, at + keys.length), vocab))) {
      at += keys.length;
      if (used.has(concept)) continue;
      used.add(concept);
      const slot = slots++;
      concept.text.forEach((phrase, p) => addPhrase(phrase, { weight: CONCEPT_WEIGHT, slot, phrase: p }));
      previous = -1;
      continue;
    }
    const [synonyms, same] = groupAt(words, at, prepared.synonyms);
    const end = at + Math.max(1, same.length), covers = [];
    for (; at < end; at++) {
      if (words[at].glue && !onlyGlue) continue;  // "units by 2030": a phrase reads through "by"
      covers.push(slots);
      previous = add(words[at], { weight: 1, slot: slots++, phrase: 0 }, previous);
    }
    if (synonyms) {  // the group's other phrases, each answering the words typed once all found
      synonyms.phrases.forEach((phrase, i) => {
        if (synonyms.keys[i] !== same) addPhrase(phrase, { weight: CONCEPT_WEIGHT, slot: -1, phrase: 0, covers, alt: alts++ });
      });
    }
  }
  const last = terms[terms.length - 1];
  if (last && !/\s$/.test(text) && last === words[words.length - 1]) last.typing = true;
  if (vocab && lang === "en") addCompounds(terms, pairs, vocab);
  const unknown = Boolean(vocab) && terms.some((term) => term.weight === 1 && term.slot >= 0 && !term.numbers && !known(term, vocab));
  if (vocab && repair) for (const term of terms) if (term.weight === 1) term.fuzzy = repair.typoAlternatives(term, vocab);
  return { terms, pairs, unknown };
}

/* "sea port" → "seaport"; "building ships" → "shipbuilding" (a word of the
   text): found, the compound answers both words and counts as their phrase. */
function addCompounds(terms, pairs, vocab) {
  pairs.slice().forEach(([i, j], pairIndex) => {
    const a = terms[i], b = terms[j];
    if (a.numbers || b.numbers || a.weight !== 1 || b.weight !== 1) return;
    const joined = [a.folded + b.folded, b.stem + a.folded].find((word) => vocab.folded.has(word));
    if (joined) terms.push(Object.assign(makeWord(joined, "en"), { weight: 1, slot: -1, phrase: 0, covers: [a.slot, b.slot], pairIndex, alt: -1 - pairIndex }));
  });
}
