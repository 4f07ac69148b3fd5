"""The corrections log's checks, each proved by a small broken fixture.

In: a copy of data/ with one deliberate defect in data/corrections.yaml.
Out: the exact `data/corrections.yaml:LINE: ids: message` problem.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import edit, problems_of
from sitegen.corrections import build_date, correction_problems, entries_newest_first, marker_map
from sitegen.document import load_site_data

ROOT = Path(__file__).resolve().parents[1]


def test_real_log_is_valid_and_lists_this_issue():
    data, problems = load_site_data(ROOT / "data")
    assert correction_problems(data, build_date()) == []
    ids = {c.node_id for e in entries_newest_first(data, "en") for c in e.changes}
    assert {"iii-5-3-p1", "viii-p2", "i", "ii", "iii", "iv", "v"} <= ids


def test_unknown_id(data_copy):
    line = edit(data_copy / "corrections.yaml", "  - iii-5-3-p1\n", "  - iii-5-3-p99\n")
    found = problems_of(data_copy)
    assert any(p.startswith(f"data/corrections.yaml:{line - 1}: iii-5-3-p99: id 'iii-5-3-p99' does not exist") for p in found), found


def test_date_later_than_build(data_copy, monkeypatch):
    text = (data_copy / "corrections.yaml").read_text(encoding="utf-8")
    last = text.rindex("- date: '2026-12-02'")
    (data_copy / "corrections.yaml").write_text(text[:last] + text[last:].replace("2026-12-02", "2026-12-09", 1), encoding="utf-8")
    line = text[:last].count("\n") + 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 2, tzinfo=dt.timezone.utc).timestamp())))
    assert f"data/corrections.yaml:{line}: viii-p2: date 2026-12-09 is later than the build (2026-12-02)" in problems_of(data_copy)


def test_entries_out_of_order(data_copy, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc).timestamp())))
    line = edit(data_copy / "corrections.yaml", "- date: '2026-12-02'", "- date: '2026-12-30'")
    found = problems_of(data_copy)
    assert any(p.startswith("data/corrections.yaml:") and ": ii: entry dated 2026-12-02 comes after one dated 2026-12-30" in p for p in found), found
    assert line == 5


def test_previous_equal_to_current(data_copy):
    path = data_copy / "corrections.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    viii-p2: ")
    current = "the Party's two 100-year strategic goals"
    # Replace the previous wording of viii-p2 by its current wording.
    data, _ = load_site_data(ROOT / "data")
    now = " ".join(data.by_id()["viii-p2"].raw["en"].split())
    assert current in now
    path.write_text(text.replace(text[start:], f"    viii-p2: {now!r}\n".replace("\\'", "''")), encoding="utf-8")
    line = text[:start].count("\n") + 1
    assert f"data/corrections.yaml:{line}: viii-p2: previous wording of 'viii-p2' is the same as the current en text" in problems_of(data_copy)


def test_markers_point_to_latest_entry():
    data, _ = load_site_data(ROOT / "data")
    markers = marker_map(data)
    newest = entries_newest_first(data, "vi")
    by_anchor = {e.anchor: e for e in newest}
    assert any(c.node_id == "iii-5-3-p1" for c in by_anchor[markers["iii-5-3-p1"]].changes)
    assert newest[0].anchor == f"c{len(newest)}"
