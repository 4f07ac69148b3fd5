/* ranking.js on small pages of Pagefind data. Run: node --test tests/js/ */
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildUnits, createIndex, search } from "../../docs/assets/ranking.js";
import * as repair from "../../docs/assets/repair.js";

const words = (text) => text.split(/\s+/).length;
function page(name, parts) {
  let location = 0;
  const anchors = [];
  const texts = [];
  for (const [id, element, text] of parts) {
    anchors.push({ id, element, text, location });
    texts.push(text);
    location += words(text);
  }
  return { url: `/${name}/`, content: texts.join(" "), meta: { hp_page: name, title: name }, anchors };
}

const text = page("text", [
  ["iii", "h2", "III. Nhất trí quan điểm"],
  ["iii-3-b", "h3", "Chỉ tiêu xã hội"],
  ["iii-3-b-18", "li", "(18) Phát triển 32.900 căn nhà ở xã hội"],
  ["iii-3-b-19", "li", "(19) Tỷ lệ hộ nghèo giảm; đến năm 2030 không còn hộ nghèo"],
  ["iii-5-2-p1", "p", "Đẩy mạnh đầu tư hạ tầng giao thông đồng bộ, giao thông công cộng hiện đại"],
  ["iii-5-2-p2", "p", "Phát triển năng lượng tái tạo; đạt 230 triệu đồng trên 01 ha"],
  // other paragraphs, so that words have realistic rarities (a word of 2 units in 30 is rare)
  ...Array.from({ length: 22 }, (_, i) => [`x-p${i + 1}`, "p", `Đoạn văn khác về văn hóa, thể thao và quốc phòng số ${i + 1}`]),
]);
const known = { "iii-3-b-18": { kind: "target", number: "(18)" }, "iii-3-b": { kind: "section", number: "III.3.b" },
                "iii-3-b-19": { kind: "target", number: "(19)" }, "iii-5-2-p1": { kind: "paragraph", number: "mục III.5.2, đoạn 1" },
                "iii-5-2-p2": { kind: "paragraph", number: "mục III.5.2, đoạn 2" }, iii: { kind: "section", number: "III" } };
const glossary = page("glossary", [["nha-o-xa-hoi", "dt", "nhà ở xã hội"], ["def", "dd", "nhà cho người thu nhập thấp, xã hội"]]);
const terms = { filler: ["bao nhiêu", "là gì"], fillerEnd: ["không"],
                concepts: [[["xe buýt"], ["giao thông công cộng"]], [["điện mặt trời"], ["năng lượng tái tạo"]]] };
const index = createIndex([text, glossary], "vi", { ids: known, terms }, repair);
const top = (query) => search(index, query).results.map((r) => r.unit.id);

test("kinds and numbers come from the build's data, not from the ids", () => {
  const unit = index.units.find((u) => u.id === "iii-3-b-18");
  assert.equal(unit.kind, "target");
  assert.equal(unit.number, "(18)");
  assert.equal(buildUnits(text, "vi", {}).find((u) => u.id === "iii-3-b-18").number, "");
});

test("a phrase, with or without diacritics, finds its target first", () => {
  assert.equal(top("nhà ở xã hội")[0], "iii-3-b-18");
  assert.equal(top("nha o xa hoi")[0], "iii-3-b-18");
  assert.equal(top("khong con ho ngheo")[0], "iii-3-b-19");
  assert.equal(top("dau tu ha tang")[0], "iii-5-2-p1");
});

test("a number matches in any notation, and with its scale", () => {
  for (const query of ["32900", "32.900", "32,900"]) assert.equal(top(query)[0], "iii-3-b-18", query);
  assert.equal(top("230.000.000 đồng")[0], "iii-5-2-p2");
});

test("headings above a unit count for it: 'chỉ tiêu' + its words", () => {
  assert.equal(top("chi tieu nha o")[0], "iii-3-b-18");
});

test("the typed last word matches as a prefix", () => {
  assert.equal(top("giao thô")[0], "iii-5-2-p1");
});

test("the text comes first; the glossary forms its own group, only for the query's rarest word", () => {
  const answer = search(index, "nha o xa hoi");
  assert.ok(answer.results.every((r) => r.unit.pageName === "text"));
  assert.deepEqual(answer.others.map((r) => r.unit.id), ["nha-o-xa-hoi"]);
  assert.deepEqual(search(index, "đầu tư").others, []);
  assert.deepEqual(search(index, "thu nhập thấp").others.map((r) => r.unit.id), ["def"]);
});

test("question words are dropped, everyday words find the words of the text", () => {
  assert.equal(top("bao nhiêu căn nhà ở xã hội")[0], "iii-3-b-18");
  assert.equal(top("xe buýt")[0], "iii-5-2-p1");
  assert.equal(top("dien mat troi")[0], "iii-5-2-p2");
});

test("Telex leftovers and one-letter typos still find the text", () => {
  assert.equal(top("nhaf owr xax hooij")[0], "iii-3-b-18");
  assert.equal(top("giao thongg")[0], "iii-5-2-p1");
});

test("a query with words the text does not have asks for repair.js, then finds them", () => {
  const bare = createIndex([text, glossary], "vi", { ids: known, terms });
  assert.equal(search(bare, "nhà ở").needsRepair, false);
  assert.equal(search(bare, "nhaf owr").needsRepair, true);
  bare.repair = repair;
  assert.equal(search(bare, "nhaf owr").results[0].unit.id, "iii-3-b-18");
});

test("nothing matches: the closest passages, else the parts of the text, never an empty list", () => {
  const close = search(index, "nghheoo");
  assert.equal(close.fallback, "closest");
  assert.equal(close.results[0].unit.id, "iii-3-b-19");
  const none = search(index, "zzzqqq");
  assert.equal(none.fallback, "outline");
  assert.deepEqual(none.results.map((r) => r.unit.id), ["iii"]);
  assert.equal(search(index, "nha o").fallback, "");
});
