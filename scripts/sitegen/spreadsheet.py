"""The spreadsheet edition of the open data: one .xlsx workbook per language (openpyxl).

In: validated data, a language, the bilingual tables of `opendata.tables`
(URLs for the workbook's folder), SITE_URL or None. Out: the bytes of
targets.xlsx for docs/<lang>/downloads/: a sheet per table (targets,
commitments, units, themes) with that language's text columns, titled in
that language (column titles from schemas/published/tables.json), and a
notes sheet (title, edition and data version, source and issuer, authority
note, rights and licences, how to cite, what each column means).

Numbers are stored as numbers (int/float cells), so Excel shows them in the
reader's own notation (decimal comma in Vietnamese) and nothing is parsed
from text: this is the answer for locales where a CSV's "15.2" or "(18)" is
misread. Text is stored as text: a cell beginning with = + - @ is a string
cell with Excel's quote prefix, never a formula. The bytes are deterministic:
the document dates (docProps/core.xml) and every zip entry's date come from
SOURCE_DATE_EPOCH, else from the edition's date. A workbook is therefore
cached by the hash of everything in it (cache.py), and openpyxl is imported
only to make one that is not cached.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from importlib.metadata import version
from pathlib import Path

from .cache import cached, digest
from .datapackage import columns, published_tables, rights
from .formatting import cited_title, date
from .model import url

WIDE = {"text", "label", "measure_label", "value_text", "period_text", "period_inferred", "url", "reference", "name"}
CORE = "docProps/core.xml"


def timestamp(meta) -> dt.datetime:
    """SOURCE_DATE_EPOCH (UTC, naive as openpyxl stores it), else the edition's date at midnight."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.fromisoformat(meta["edition"]["date"])


def _set(cell, value) -> None:
    """Store a value by its type; text that looks like a formula stays text (quote prefix)."""
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
        cell.quotePrefix = True


def _table_sheet(book, resource: dict, rows: list[dict], lang: str) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(resource["sheet"][lang])
    fields = columns(resource, lang)
    bold = Font(bold=True)
    for index, (_, field, _) in enumerate(fields, start=1):
        header = sheet.cell(row=1, column=index, value=field["title"][lang])
        header.font = bold
        sheet.column_dimensions[get_column_letter(index)].width = 40 if field["name"] in WIDE else 14
    for row_index, row in enumerate(rows, start=2):
        for column_index, (name, _, _) in enumerate(fields, start=1):
            _set(sheet.cell(row=row_index, column=column_index), row[name])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{len(rows) + 1}"


def notes(data, lang: str, package_version: str | None, site_url: str | None) -> list[tuple[str, str]]:
    """(heading, text) rows of the notes sheet, in `lang`."""
    words = published_tables()["workbook"]
    meta = data.side["meta"]
    facts = rights(meta)
    ours, code = facts["translation_and_data"], facts["code"]
    edition = meta["edition"]
    cite = cited_title(meta, data.i18n[lang], lang)
    if site_url:  # a relative address means nothing once the file is downloaded
        cite += f" — {url(lang, 'targets', '', site_url)}"
    out = [
        (words["title"][lang], meta["title"][lang]),
        (words["edition"][lang], f"{edition['number']}, {date(edition['date'], lang)}"),
    ]
    if package_version:
        out.append((words["version"][lang], package_version))
    out += [
        (words["source"][lang], meta["source"]["description"][lang]),
        (words["issuer"][lang], facts["text"]["holder"][lang]),
        (words["authority"][lang], meta["authority"][lang]),
        (words["rights_text"][lang], facts["text"]["statement"][lang]),
        (words["licence_data"][lang], f"{ours['title']} ({ours['id']}), {ours['holder'][lang]} — {ours['url']}"),
        (words["licence_code"][lang], f"{code['title']} ({code['id']}), {code['file']} — {code['url']}"),
        (words["cite"][lang], cite),
        (words["numbers"][lang], words["numbers_text"][lang]),
    ]
    return out


def _notes_sheet(book, data, lang: str, package_version, site_url) -> None:
    from openpyxl.styles import Alignment, Font

    words = published_tables()["workbook"]
    sheet = book.create_sheet(words["notes"][lang])
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 24
    sheet.column_dimensions["D"].width = 90
    row = 1
    for heading, text in notes(data, lang, package_version, site_url):
        sheet.cell(row=row, column=1, value=heading).font = bold
        target = sheet.cell(row=row, column=2)
        _set(target, text)
        target.alignment = wrap
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        row += 1
    row += 1
    sheet.cell(row=row, column=1, value=words["columns"][lang]).font = bold
    row += 1
    for index, key in enumerate(("sheet", "column", "field", "meaning"), start=1):
        sheet.cell(row=row, column=index, value=words[key][lang]).font = bold
    for resource in published_tables()["resources"]:
        for name, field, _ in columns(resource, lang):
            row += 1
            for index, value in enumerate((resource["sheet"][lang], field["title"][lang], name, field["description"][lang]), start=1):
                _set(sheet.cell(row=row, column=index), value)
            sheet.cell(row=row, column=4).alignment = wrap


def fixed_zip(content: bytes, core_xml: bytes, when: dt.datetime) -> bytes:
    """The same archive with every entry dated `when` (at least 1980) and the given core.xml."""
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, core_xml if entry.filename == CORE else source.read(entry.filename))
    return out.getvalue()


def workbook(data, lang: str, tables: dict[str, list[dict]], site_url: str | None,
             package_version: str | None = None) -> bytes:
    """targets.xlsx in `lang` (see the module docstring), from the cache when unchanged."""
    meta = data.side["meta"]
    contents = json.dumps([lang, tables, notes(data, lang, package_version, site_url), published_tables(),
                           meta["site"]["name"][lang], meta["title"][lang], timestamp(meta).isoformat()],
                          ensure_ascii=False, sort_keys=True, default=str)
    key = digest(contents, Path(__file__).read_bytes(), version("openpyxl"), version("et-xmlfile"))
    return cached("xlsx", key, ".xlsx", lambda: make_workbook(data, lang, tables, site_url, package_version))


def make_workbook(data, lang: str, tables: dict[str, list[dict]], site_url: str | None,
                  package_version: str | None = None) -> bytes:
    """targets.xlsx in `lang`, made with openpyxl."""
    from openpyxl import Workbook
    from openpyxl.packaging.core import DocumentProperties
    from openpyxl.xml.functions import tostring

    meta = data.side["meta"]
    when = timestamp(meta)
    book = Workbook()
    book.remove(book.active)
    for resource in published_tables()["resources"]:
        _table_sheet(book, resource, tables[resource["name"]], lang)
    _notes_sheet(book, data, lang, package_version, site_url)
    book.properties = DocumentProperties(creator=meta["site"]["name"][lang], title=meta["title"][lang],
                                         language=lang, created=when, modified=when)
    buffer = io.BytesIO()
    book.save(buffer)
    book.properties.modified = when  # openpyxl's save stamps the clock's time: put ours back
    return fixed_zip(buffer.getvalue(), tostring(book.properties.to_tree()), when)
