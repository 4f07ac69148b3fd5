"""MkDocs hooks: keep the site in step with data/.

In: the MkDocs build events. Out: pages regenerated from data/ before every
build, once for both languages (the checks run on a second core while the
pages are rendered in memory; a build with invalid data fails, listing every
problem, and writes nothing), per-language site name, <html lang> and page descriptions, data/
and the generator watched by `mkdocs serve` (the pages it writes are not), and
post-build work (postbuild.py): one 404 page per language, no unused assets,
minified assets, the CSP and the search index (on a thread under serve).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen.browser_data import write_browser_data  # noqa: E402
from sitegen.document import DATA_DIR, ROOT, load_site_data  # noqa: E402
from sitegen.formatting import cited_title  # noqa: E402
from sitegen.minify import palette_colours  # noqa: E402
from sitegen.postbuild import finish_site  # noqa: E402
from sitegen.parallel_validation import InvalidData, PendingValidation  # noqa: E402
from sitegen.render import page_meta, render_pages, write_files  # noqa: E402
from sitegen.search_index import background_index  # noqa: E402

log = get_plugin_logger("site")
_state: dict = {}


def _i18n(config):
    return config.plugins.get("i18n")


def _language(config) -> str:
    plugin = _i18n(config)
    return plugin.current_language if plugin and plugin.current_language else "vi"


def _data_fingerprint() -> tuple:
    """Every file of data/ with its size and modification time: equal means unchanged."""
    return tuple(sorted((str(path.relative_to(DATA_DIR)), path.stat().st_mtime_ns, path.stat().st_size)
                        for path in DATA_DIR.rglob("*") if path.is_file()))


def _load_data():
    # on_config runs once per language: load, check and render data/ only when it changed.
    # The checks run in a forked child while the pages are rendered in memory (the two
    # cores overlap); nothing is written or drawn before they passed.
    fingerprint = _data_fingerprint()
    if _state.get("data_fingerprint") == fingerprint:
        return _state["data"]
    data, load_problems = load_site_data(DATA_DIR)
    checks = PendingValidation(data, load_problems)
    reuse_pdfs = Path(_state["docs_dir"]) if _serving() else None
    try:
        rendered = render_pages(data, reuse_pdfs, before_drawing=checks.require_valid)
    except InvalidData:
        raise
    except Exception:
        checks.require_valid()  # broken data explains the failure: report it, not a traceback
        raise
    checks.require_valid()
    _state.update(data_fingerprint=fingerprint, rendered=rendered)
    return data


@event_priority(-110)  # after mkdocs-static-i18n has chosen the language
def on_config(config):
    _state["docs_dir"] = config.docs_dir
    try:
        data = _load_data()
    except InvalidData as invalid:
        raise PluginError("data/ is invalid:\n" + str(invalid)) from None
    lang = _language(config)
    _state["data"] = data
    # Theme templates do not autoescape: hand them data/ strings already
    # escaped (Markup), so every `{{ }}` is safe in text and attributes.
    config.site_name = escape(data.side["meta"]["site"]["name"][lang])
    config.site_description = escape(data.side["meta"]["site"]["description"][lang])
    config.theme["language"] = lang
    config.extra["hp"] = {key: escape(value) for key, value in data.i18n[lang].items()}
    config.extra["hp_lang"] = lang
    config.extra["hp_citation_title"] = cited_title(data.side["meta"], data.i18n[lang], lang)
    config.extra["hp_js_strings"] = {k: v for k, v in data.i18n[lang].items() if k.startswith(("action_", "cite_dialog_", "search_"))}
    _name_palette_toggles(config, data.i18n[lang])
    return config


def _name_palette_toggles(config, strings) -> None:
    # mkdocs.yml names each colour-scheme toggle by an i18n key; say it in the build's language.
    keys = _state.setdefault("palette_keys", [o.get("toggle", {}).get("name") for o in config.theme["palette"] or []])
    for option, key in zip(config.theme["palette"] or [], keys):
        if key:
            option["toggle"]["name"] = escape(strings[key])  # Material writes it into attributes unescaped


def on_startup(command, dirty):
    # `mkdocs serve` reloads this module (and _state) for every rebuild, but calls
    # on_startup once: the process environment is what survives.
    os.environ["HP_MKDOCS_COMMAND"] = command


def on_pre_build(config):
    # MkDocs runs on_config right before this in every build, so the data is fresh.
    # Under `mkdocs serve` the PDF editions already written are kept: an edit shows in
    # about a second, not after three PDFs are drawn again (`make build` draws them).
    _finish_background_index()  # the previous serve build's, before MkDocs cleans the site folder
    if _state.get("generated_from") == _state["data_fingerprint"]:
        return  # mkdocs-static-i18n's build of the next language: the pages are written
    changed = write_files(_state.pop("rendered"), Path(config.docs_dir))
    _state["generated_from"] = _state["data_fingerprint"]
    if changed:
        log.info(f"regenerated {len(changed)} file(s) from data/")


def _serving() -> bool:
    return os.environ.get("HP_MKDOCS_COMMAND") == "serve"


def _finish_background_index() -> None:
    error = background_index.wait()
    if error is not None:
        log.error(f"the search index of the previous build failed: {error}")


def on_shutdown():
    _finish_background_index()


def on_serve(server, config, builder):
    # docs/vi and docs/en are written by on_pre_build: watching them would start a
    # second, needless rebuild after every rebuild. Their sources are watched instead.
    server.unwatch(config.docs_dir)
    for path in (Path(config.docs_dir) / "assets", DATA_DIR, ROOT / "scripts" / "templates", ROOT / "scripts" / "sitegen"):
        server.watch(str(path))
    return server


def on_page_markdown(markdown, page, config, files):
    lang = _language(config)
    name = Path(page.file.src_uri).stem
    meta = page_meta(_state["data"], lang, name)
    page.meta.setdefault("description", escape(meta["description"]))
    # Short navigation titles from data/i18n; the page's H1 stays the long title.
    page.title = escape(meta["nav_title"])
    page.meta["hp_page"] = name
    return markdown


def on_page_content(html, page, config, files):
    # The toc extension's ¶ title is one setting for all languages; say it in the page's.
    title = escape(_state["data"].i18n[_language(config)]["permalink_section"])
    return html.replace('title="Permanent link"', f'title="{title}" aria-label="{title}"')


def on_post_template(output_content, template_name, config):
    # mkdocs-static-i18n renders 404.html once per language into the same
    # place; keep each language's copy so that both can be written at the end.
    if template_name == "404.html":
        _state.setdefault("not_found_pages", {})[_language(config)] = output_content
    return output_content


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    plugin = _i18n(config)
    if plugin and plugin.building:
        return  # an inner build of one language; the outer build finishes the site
    write_browser_data(Path(config.site_dir), _state["data"])
    finish_site(Path(config.site_dir), _state["data"], _state.get("not_found_pages", {}),
                palette_colours(config.theme.get("palette")), serving=_serving())
