/* query.js: what a typed query becomes. Run: node --test tests/js/ */
import { test } from "node:test";
import assert from "node:assert/strict";
import { prepareTerms, understand as understandWith, vocabulary } from "../../docs/assets/query.js";
import * as repair from "../../docs/assets/repair.js";
import { fromTelex, withinOneEdit } from "../../docs/assets/repair.js";
import { tokenize } from "../../docs/assets/words.js";

const understand = (text, lang, prepared, vocab) => understandWith(text, lang, prepared, vocab, repair);
const vocab = (text, lang) => vocabulary([{ words: tokenize(text.split(" "), lang) }]);
const vi = vocab("Hoàn thành 32.900 căn nhà ở xã hội; đường sắt tốc độ cao; bảo hiểm xã hội; văn học nghệ thuật; " +
                 "giao thông công cộng; giáo dục nghề nghiệp; chuyển đổi số toàn diện; sân bay; cảng hàng không", "vi");
const en = vocab("seaport shipbuilding services; public transport; information technology; it is; 5 modes; 9,200 enterprises; social insurance", "en");
const viTerms = prepareTerms({ filler: ["bao nhiêu", "là gì", "phần trăm", "đâu"], fillerEnd: ["không"],
                               concepts: [[["xe buýt", "xe bus"], ["giao thông công cộng"]], [["học nghề"], ["giáo dục nghề nghiệp"]]],
                               synonyms: [["cảng hàng không", "sân bay"]] }, "vi", vi);
const enTerms = prepareTerms({ filler: ["how many", "what", "is", "the", "percent", "per cent"], fillerEnd: [],
                               concepts: [[["buses", "bus"], ["public transport"]], [["IT"], ["information technology"]]] }, "en", en);
const folded = (query, lang = "vi") => understand(query, lang, lang === "vi" ? viTerms : enTerms, lang === "vi" ? vi : en)
  .terms.map((t) => t.folded);

test("Telex and VNI leftovers become Vietnamese letters", () => {
  const pairs = { hoanf: "hoàn", nhaf: "nhà", owr: "ở", xax: "xã", hooij: "hội", dduowngf: "đường", sawts: "sắt",
                  nuwowcs: "nước", giair: "giải", chuyeenr: "chuyển", hust: "hút", ba3o: "bảo", hie63m: "hiểm",
                  ho65i: "hội", tho6ng: "thông", DDoof: "đồ" };
  for (const [typed, word] of Object.entries(pairs)) assert.equal(fromTelex(typed), word, typed);
  assert.equal(fromTelex("nha"), null);
  assert.equal(fromTelex("online"), null);
});

test("a Telex word is converted only when it is not a word of the text and the result is", () => {
  assert.deepEqual(folded("hoanf thanhf cawn nhaf owr xax hooij"), ["hoan", "thanh", "can", "nha", "o", "xa", "hoi"]);
  assert.deepEqual(folded("ba3o hie63m xa4 ho65i"), ["bao", "hiem", "xa", "hoi"]);
  assert.deepEqual(folded("xyzf"), ["xyzf"]);
});

test("question and filler words are dropped, unless nothing would remain", () => {
  assert.deepEqual(folded("bao nhiêu căn nhà ở xã hội"), ["can", "nha", "o", "xa", "hoi"]);
  assert.deepEqual(folded("có đường sắt tốc độ cao không"), ["co", "duong", "sat", "toc", "do", "cao"]);
  assert.deepEqual(folded("không còn"), ["khong", "con"]);
  assert.deepEqual(folded("bao nhiêu"), ["bao", "nhieu"]);
  assert.deepEqual(folded("nhà ở đâu"), ["nha", "o"]);
  assert.deepEqual(folded("dau tu"), ["dau", "tu"]);  // "đầu tư", not "đâu"
  assert.deepEqual(folded("how many buses", "en"), ["public", "transport"]);
});

test("percent, per cent, phần trăm and % are all nothing but the number", () => {
  const numbers = (query, lang) => understand(query, lang, lang === "vi" ? viTerms : enTerms, lang === "vi" ? vi : en)
    .terms.map((t) => (t.numbers ? t.numbers[0] : t.folded));
  assert.deepEqual(numbers("35 phần trăm", "vi"), ["35"]);
  assert.deepEqual(numbers("35%", "vi"), ["35"]);
  assert.deepEqual(numbers("35 percent", "en"), ["35"]);
  assert.deepEqual(numbers("35 per cent", "en"), ["35"]);
});

test("everyday words become the words of the text; words of the text as typed never do", () => {
  assert.deepEqual(folded("xe buýt"), ["giao", "thong", "cong", "cong"]);
  assert.deepEqual(folded("xe bus"), ["giao", "thong", "cong", "cong"]);
  assert.deepEqual(folded("học nghề"), ["giao", "duc", "nghe", "nghiep"]);
  assert.deepEqual(folded("hoc nghe"), ["hoc", "nghe"]);  // "học nghệ" is in the text
  assert.deepEqual(folded("buses", "en"), ["public", "transport"]);
  assert.deepEqual(folded("IT", "en"), ["information", "technology"]);
  assert.deepEqual(folded("it", "en"), ["it"]);  // "it" is a word of the text: only "IT" is the abbreviation
  const concept = understand("xe buýt", "vi", viTerms, vi).terms[0];
  assert.ok(concept.weight < 1);
});

test("a phrase of the text also finds its synonyms, after itself", () => {
  const { terms } = understand("san bay Cat Bi", "vi", viTerms, vi);
  assert.deepEqual(terms.map((t) => t.folded), ["san", "bay", "cang", "hang", "khong", "cat", "bi"]);
  assert.deepEqual(terms.map((t) => t.weight < 1), [false, false, true, true, true, false, false]);
  assert.deepEqual(terms[2].covers, [0, 1]);
});

test("English function words are dropped; a phrase reads through them", () => {
  const { terms, pairs } = understand("social insurance by 2030", "en", enTerms, en);
  assert.deepEqual(terms.map((t) => t.folded), ["social", "insurance", "2030"]);
  assert.deepEqual(pairs, [[0, 1], [1, 2]]);
  assert.deepEqual(folded("of and", "en"), ["of", "and"]);
});

test("English number words and spaced thousands are numbers", () => {
  const first = (query) => understand(query, "en", enTerms, en).terms[0].numbers;
  assert.deepEqual(first("five modes"), ["5"]);
  assert.ok(first("9 200 enterprises").includes("9200"));
});

test("English compounds: sea port = seaport, building ships = shipbuilding", () => {
  assert.ok(folded("sea port", "en").includes("seaport"));
  assert.ok(folded("building ships", "en").includes("shipbuilding"));
});

test("without repair.js, a query with a word the text does not have says so", () => {
  assert.equal(understandWith("nhaf owr", "vi", viTerms, vi).unknown, true);
  assert.deepEqual(understandWith("nhaf owr", "vi", viTerms, vi).terms.map((t) => t.folded), ["nhaf", "owr"]);
  assert.equal(understandWith("nhà ở xã hội", "vi", viTerms, vi).unknown, false);
  assert.equal(understandWith("xe buýt", "vi", viTerms, vi).unknown, false);
});

test("one-letter typos in words of five letters or more match the words of the text", () => {
  assert.ok(withinOneEdit("truonh", "truong"));
  assert.ok(withinOneEdit("socal", "social"));
  assert.ok(withinOneEdit("coruption", "corruption"));
  assert.ok(withinOneEdit("tourits", "tourist"));
  assert.ok(!withinOneEdit("social", "socials2"));
  const [typo] = understand("insurnce", "en", enTerms, en).terms;
  assert.deepEqual([...typo.fuzzy], ["insurance"]);
  const [short] = understand("soci", "en", enTerms, en).terms;
  assert.equal(short.fuzzy, null);
});
