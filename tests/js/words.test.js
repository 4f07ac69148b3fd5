/* words.js against the table Python is checked on too (tests/fold_number_cases.json).
   Run: node --test tests/js/ */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { exactKey, fold, numberKeys, numbersIn, readNumber, stem, tokenize } from "../../docs/assets/words.js";

const cases = JSON.parse(readFileSync(new URL("../fold_number_cases.json", import.meta.url), "utf-8"));

test("fold agrees with render.fold on the shared table", () => {
  for (const [input, folded] of cases.fold) assert.equal(fold(input), folded, input);
});

test("each language reads a number as sitegen/numbers.py does", () => {
  for (const { token, vi, en } of cases.numbers) {
    assert.equal(readNumber(token, "vi"), vi, `${token} vi`);
    assert.equal(readNumber(token, "en"), en, `${token} en`);
  }
});

test("search keys of a number hold one language's reading of it, whatever the notation", () => {
  for (const { token, vi, en } of cases.numbers) {
    const keys = numberKeys(token);
    assert.ok(keys.includes(vi) || keys.includes(en), token);
  }
  assert.deepEqual(numberKeys("32.900"), ["32900", "32.9"]);
  assert.deepEqual([...numbersIn("đạt 32.900 căn")], ["32900", "32.9"]);
  assert.ok(numbersIn("32.900").has(numberKeys("32,900")[0]));
});

test("old and new tone placement give one exact key", () => {
  for (const [a, b] of cases.same_exact_key) assert.equal(exactKey(a), exactKey(b), `${a} ${b}`);
  assert.notEqual(exactKey("hóa"), exactKey("hòa"));
});

test("stems agree with sitegen/search_terms.py on the shared table", () => {
  for (const [word, stemmed] of cases.stems) assert.equal(stem(word, "en"), stemmed, word);
});

test("a number followed by nghìn, triệu, tỷ, thousand, million, billion also stands for its value", () => {
  const keys = (text, lang) => tokenize(text.split(" "), lang).filter((w) => w.numbers).map((w) => w.numbers);
  assert.ok(keys("230 triệu đồng", "vi")[0].includes("230000000"));
  assert.ok(keys("245.500 tỷ đồng", "vi")[0].includes("245500000000000"));
  assert.ok(keys("245,5 nghìn tỷ", "vi")[0].includes("245500000000000"));
  assert.ok(keys("VND 2.4 million billion", "en")[0].includes("2400000000000000"));
  assert.ok(keys("VND 2,400 trillion", "en")[0].includes("2400000000000000"));
  assert.deepEqual(keys("32.900 căn", "vi"), [["32900", "32.9"]]);
});

test("English stems: word forms and British/American spellings meet, Vietnamese is untouched", () => {
  assert.equal(stem("investing", "en"), stem("investment", "en"));
  assert.equal(stem("centre", "en"), stem("center", "en"));
  assert.equal(stem("decentralization", "en"), stem("Decentralise".toLowerCase(), "en"));
  assert.equal(stem("labor", "en"), stem("labour", "en"));
  assert.equal(stem("organizations", "en"), stem("organisation", "en"));
  assert.equal(stem("units", "en"), "unit");
  assert.equal(stem("status", "en"), "status");
  assert.equal(stem("nhung", "vi"), "nhung");
});
