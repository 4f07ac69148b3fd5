"""The GRDP-growth-by-sector chart as an inline SVG, built at build time.

In: target iii-3-b-1 (overall growth and four sector rates) from the model.
Out: an accessible SVG string (role="img", <title>, <desc>) and the rows of
the table printed beside it. No chart library and no network.
"""
from __future__ import annotations

from markupsafe import escape

GRDP_TARGET = "iii-3-b-1"
BAR_HEIGHT, GAP, LABEL_WIDTH, CHART_WIDTH, VALUE_WIDTH = 26, 14, 250, 330, 130


def grdp_chart_rows(data, lang, view) -> list[dict]:
    """[{label, value, display}] for the overall rate and each sector."""
    rows = []
    target = next(record for record in view.document.targets if record.id == GRDP_TARGET)
    for measure in target.measures:
        rows.append({
            "label": measure.label[lang] or view.t["chart_sector"],
            "value": measure.upper,
            "display": measure.value[lang],
        })
    return rows


def grdp_chart_svg(data, lang, view) -> str:
    rows = grdp_chart_rows(data, lang, view)
    top = max(max(row["value"] for row in rows), 1)
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + CHART_WIDTH + VALUE_WIDTH
    items = "; ".join(f"{row['label']}: {row['display']}" for row in rows)
    parts = [
        f'<svg class="hp-chart" role="img" aria-labelledby="grdp-chart-title grdp-chart-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="grdp-chart-title">{escape(view.t["chart_caption"])}</title>',
        f'<desc id="grdp-chart-desc">{escape(view.t["chart_alt"].format(items=items))}</desc>',
    ]
    for index, row in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bar = round(CHART_WIDTH * row["value"] / top, 1)
        css = "hp-bar hp-bar--total" if index == 0 else "hp-bar"
        parts.append(
            f'<g><text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7}" text-anchor="end" class="hp-chart-label">{escape(row["label"])}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" class="{css}"/>'
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + BAR_HEIGHT * 0.7}" class="hp-chart-value">{escape(view.format.number(row["value"]))}%</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
