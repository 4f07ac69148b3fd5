"""Helpers shared by the tests: one HTML parser, one static server, one axe runner.

In: built pages, a site folder, a Playwright page. Out: a page's ids, links,
loaded resources and <html lang> (parsed once per path: pages don't change
within a session); a loopback HTTP server for a folder (optionally under a
sub-path); axe-core's WCAG violations of a page in a real browser.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest


class PageCollector(HTMLParser):
    """Collects what the site tests check in one pass over a page."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.resources, self.html_lang = set(), [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for key in ("src", "href"):
            if tag in ("script", "link", "img", "source", "iframe") and attrs.get(key):
                self.resources.append(attrs[key])


@functools.lru_cache(maxsize=None)
def parse(path: Path) -> PageCollector:
    """The parsed page (cached per path: callers must not mutate the result)."""
    collector = PageCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


# -- one static server ---------------------------------------------------------

class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory`, under `sub_path` only when one is given (like a project page).

    With `not_found_pages`, a missing path gets its language's 404 page
    (en/404.html under en/, 404.html elsewhere) with status 404, as hosts do.
    """

    sub_path = ""
    not_found_pages = False

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404 or not self.not_found_pages:
            return super().send_error(code, message, explain)
        inside = self.path[len(self.sub_path):] if self.path.startswith(self.sub_path + "/") else self.path
        page = Path(self.directory) / ("en/404.html" if inside.startswith("/en/") else "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def translate_path(self, path):
        if self.sub_path:
            if not path.startswith(self.sub_path + "/"):
                return str(Path(self.directory) / "__not_here__")
            path = path[len(self.sub_path):]
        return super().translate_path(path)


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that navigates away closes connections mid-response: not an error."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def static_server(directory: Path, sub_path: str = "", port: int = 0, not_found_pages: bool = False):
    """Serve `directory` on 127.0.0.1 like any static host; yields the base URL (no trailing /)."""
    handler_class = type("Handler", (_StaticHandler,), {"sub_path": sub_path.rstrip("/"),
                                                        "not_found_pages": not_found_pages})
    handler = functools.partial(handler_class, directory=str(directory))
    server = _QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{sub_path.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()


# -- one axe runner --------------------------------------------------------------

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@functools.lru_cache(maxsize=None)
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


SCHEME_OF = {"light": "default", "dark": "slate"}  # the device's preference → Material's scheme


def in_scheme(page, scheme: str) -> None:
    """Make the device prefer `scheme` ("light" or "dark") and wait until the site follows."""
    page.emulate_media(color_scheme=scheme)
    wait_for_js(page, f"document.body.getAttribute('data-md-color-scheme') === '{SCHEME_OF[scheme]}'")


# Every animation and CSS transition of the page finished (at most 3 s: an animation
# can stall when the page paints no frame for a while).
ANIMATIONS_DONE = ("() => Promise.race([Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),"
                   " new Promise(done => setTimeout(done, 3000))])")


def transitions_done(page) -> None:
    """Wait two frames (a style change starts its transitions then), then for every animation to end."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.evaluate(ANIMATIONS_DONE)


def axe_violations(page, within: list[str] | None = None) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line each.

    `within`: only the elements these selectors match (a dialog just opened, a tooltip
    just shown) when the rest of the page is unchanged since a whole-page run; axe's
    page-level rules (landmarks, title, headings) run only on the whole page."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    # Contrast is judged on the settled page: a button fading in (Material's back-to-top)
    # blends with the page until its transition ends.
    transitions_done(page)
    # DevTools evaluation: the page CSP (rightly) blocks an injected script tag. Once per page.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result = page.evaluate("([tags, within]) => axe.run(within ? {include: within} : document,"
                           " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", [WCAG_TAGS, within])
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"]]


# -- waiting under the site's Content-Security-Policy ------------------------------

def wait_for_js(page, expression: str, arg=None, timeout: float = 15.0):
    """Poll a JS expression (or `arg => …` function) until it is truthy; return its value.

    Playwright's wait_for_function polls inside the page with a string it
    evaluates there, which the site's CSP (no 'unsafe-eval') rightly refuses;
    page.evaluate goes through DevTools and is not subject to the page's CSP.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression, arg) if arg is not None else page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for: {expression}")
        page.wait_for_timeout(50)


VIEWPORT = {"width": 1280, "height": 900}  # the desktop the browser tests read the site on


def in_viewport(page, element_id: str, wholly: bool = False) -> bool:
    """Whether the element is in view: its top edge (where a followed link puts it), or
    with `wholly` the whole of it."""
    return page.evaluate(
        """([id, wholly]) => { const r = document.getElementById(id).getBoundingClientRect();
                              return wholly ? r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0
                                            : r.top >= 0 && r.top < window.innerHeight && r.bottom > 0; }""",
        [element_id, wholly],
    )


# -- waiting for a page to settle ---------------------------------------------------

QUIET = 0.03  # seconds with no request in flight before the page is asked whether it is idle
IDLE = "() => new Promise(done => requestIdleCallback(() => done(), {timeout: 1000}))"


class NetworkActivity:
    """Requests in flight in one browser context, how many have started, and when that last
    changed; `scripts`: whether the context runs JavaScript."""

    def __init__(self, context, scripts: bool = True):
        self.scripts = scripts
        self.in_flight = 0
        self.started = 0
        self.changed = time.monotonic()
        context.on("request", self._started)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)

    def _started(self, request):
        self.in_flight += 1
        self.started += 1
        self.changed = time.monotonic()

    def _ended(self, request):
        self.in_flight -= 1
        self.changed = time.monotonic()


def track_network(context, scripts: bool = True):
    """Count the context's requests in flight (conftest does this for every context)."""
    context.hp_network = NetworkActivity(context, scripts)
    return context


def settle(page, timeout: float = 15.0) -> None:
    """Wait for the load event, then until no request is in flight and the page has
    nothing left to run that could start one.

    Lazily imported modules start around the load event, and each one that
    arrives is compiled and run on the page's main thread, where it may import
    the next: a request can follow a finished one after a gap. Rather than a
    fixed silence (Playwright's "networkidle" waits 500 ms), wait for a short
    one, then for the main thread to go idle (requestIdleCallback: no task
    left); if a request started meanwhile, wait again. Without JavaScript no
    script can start one, and the page would never run the idle callback.
    """
    page.wait_for_load_state("load")
    network = page.context.hp_network
    deadline = time.monotonic() + timeout
    while True:
        while network.in_flight > 0 or time.monotonic() - network.changed < QUIET:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{network.in_flight} request(s) still in flight after {timeout:.0f} s")
            page.wait_for_timeout(10)
        if not network.scripts:
            return
        started = network.started
        page.evaluate(IDLE)
        if network.in_flight == 0 and network.started == started:
            return


def goto(page, url: str):
    """Open `url` and wait until it has settled; return the main response."""
    response = page.goto(url)
    settle(page)
    return response


# -- builds -------------------------------------------------------------------------

# The xdist group of the tests that build this checkout (conftest orders them).
CHECKOUT_BUILDS = "checkout-builds"


def commit_epoch() -> str:
    """The last commit's time, asked of git here (the oracle for build_site.py's own reading)."""
    return subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=Path(__file__).resolve().parents[1],
                          capture_output=True, text=True, check=True).stdout.strip()


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` as {relative path: content}."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differing_files(first: dict, second: dict) -> list[str]:
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


# -- broken-data fixtures ---------------------------------------------------------------

def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text in a fixture file; return the 1-based line of the edit."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def problems_of(data_dir: Path) -> list[str]:
    """Every validation problem of a data folder, as printed."""
    from sitegen.document import load_site_data
    from sitegen.validate import validate
    data, problems = load_site_data(data_dir)
    return [str(p) for p in validate(data, problems)]
