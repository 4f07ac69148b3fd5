/* ranking.js on a small page of Pagefind data. Run: node --test tests/js/ */
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildUnits, lookupTerms, rankUnits } from "../../docs/assets/ranking.js";

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
  ["iii-3-b", "h3", "Chỉ tiêu xã hội"],
  ["iii-3-b-18", "li", "Phát triển 32.900 căn nhà ở xã hội"],
  ["iii-3-b-19", "li", "Tỷ lệ hộ nghèo giảm; đến năm 2030 không còn hộ nghèo"],
  ["iii-5-2-p1", "p", "Đẩy mạnh đầu tư hạ tầng giao thông đồng bộ"],
]);
const known = { "iii-3-b-18": { kind: "target", number: "(18)" }, "iii-3-b": { kind: "section", number: "III.3.b" },
                "iii-3-b-19": { kind: "target", number: "(19)" }, "iii-5-2-p1": { kind: "paragraph", number: "mục III.5.2, đoạn 1" } };
const units = buildUnits(text, "vi", known);
const top = (query) => rankUnits(units, query, "vi").map((r) => r.unit.id);

test("kinds and numbers come from the build's data, not from the ids", () => {
  const unit = units.find((u) => u.id === "iii-3-b-18");
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

test("a number matches in any notation", () => {
  for (const query of ["32900", "32.900", "32,900"]) assert.equal(top(query)[0], "iii-3-b-18", query);
});

test("headings above a unit count for it: 'chỉ tiêu' + its words", () => {
  assert.equal(top("chi tieu nha o")[0], "iii-3-b-18");
});

test("nothing matches: no results; the typed last word matches as a prefix", () => {
  assert.deepEqual(top("zzzqqq"), []);
  assert.equal(top("giao thô")[0], "iii-5-2-p1");
});

test("the text ranks before a glossary entry that says the same", () => {
  const glossary = buildUnits(page("glossary", [["nha-o-xa-hoi", "dt", "nhà ở xã hội"]]), "vi");
  const ranked = rankUnits(units.concat(glossary), "nha o xa hoi 32900", "vi").map((r) => r.unit.id);
  assert.equal(ranked[0], "iii-3-b-18");
});

test("Pagefind lookups: one per word, a leading d also as đ", () => {
  assert.deepEqual(lookupTerms("dau tu", "vi"), ["dau", "đau", "tu"]);
  assert.deepEqual(lookupTerms("32.900", "vi"), ["32.900"]);
});
