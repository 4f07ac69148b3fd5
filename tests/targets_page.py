"""The targets page as a test reads and drives it: rows shown, the filter, sorting.

In: a Playwright page on the built site. Out: the ids of the rows shown, the
filter's result, the sort values of a column, a column's sort button; the
expected citation of target (18), and each target's theme from data/.
"""
from __future__ import annotations

from helpers import wait_for_js

CITATIONS = {
    "vi": "Nghị quyết Đại hội Đảng bộ thành phố Hải Phòng lần thứ I, nhiệm kỳ 2025–2030, bản 1.2, mục III.3.b, chỉ tiêu (18)",
    "en": "Resolution of the 1st Congress of the Hai Phong City Party Organisation, 2025–2030, edition 1.2, section III.3.b, target (18)",
}
PREFIX = {"vi": "", "en": "/en"}
VISIBLE_IDS = "rows => rows.filter(r => r.getClientRects().length > 0).map(r => r.id)"


def visible_rows(page, selector: str = "#targets-table tr.hp-row") -> list[str]:
    return page.eval_on_selector_all(selector, VISIBLE_IDS)


def all_rows(page, selector: str = "tr.hp-row") -> list[str]:
    return page.eval_on_selector_all(selector, "rows => rows.map(r => r.id)")


def open_targets(page, base: str, lang: str = "vi", fragment: str = "") -> None:
    page.goto(f"{base}{PREFIX[lang]}/targets/" + (f"#{fragment}" if fragment else ""))
    page.wait_for_load_state("load")
    # targets.js has run: it writes the count of shown rows (the page arrives with none).
    wait_for_js(page, "document.getElementById('hp-filter-count').textContent !== ''")


def filter_for(page, text: str) -> list[str]:
    page.fill("#hp-filter-input", text)
    return visible_rows(page)


def sort_values(page, body_id: str, column: str) -> list[str]:
    return page.eval_on_selector_all(f"#{body_id} tr.hp-row td.{column}", "cells => cells.map(c => c.dataset.sortValue)")


def header_button(page, table: str, index: int):
    return page.locator(f"{table} thead th").nth(index).locator("button.hp-sort")


def themes_of(site_data) -> dict[str, str]:
    """{target or commitment id: theme id}, from data/."""
    out = {t.id: t.raw["theme"] for g in ("iii-3-a", "iii-3-b") for t in site_data.by_id()[g].children}
    out.update({c["id"]: c["theme"] for c in site_data.side["commitments"]["commitments"]})
    return out
