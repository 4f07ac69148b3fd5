"""Shared fixtures.

In: the repository. Out: a built site (built once per session into a temp
folder with `scripts/build_site.py`), a loopback HTTP server for it, a Playwright
browser driving Debian's Chromium (never a downloaded browser), and one page
per worker lent to each browser test (ReusedPage). Playwright takes its
caller's stack from frames_of_caller, which skips inspect's source lookups.
"""
from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from filelock import FileLock

from helpers import CHECKOUT_BUILDS, VIEWPORT, static_server, track_network

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
CHROMIUM = "/usr/bin/chromium"
# The session build is a deploy build (canonical, hreflang, sitemap need an address);
# tests/test_deploy_safety.py builds once without SITE_URL. Its address: SITE_URL when the
# run is given one, else a reserved example address.
DEPLOY_URL = (os.environ.get("SITE_URL") or "https://hp.example/").rstrip("/") + "/"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# Builds of this checkout run one at a time (build_site.py's lock), so under pytest-xdist one
# worker takes every test that builds the checkout (the group below; xdist hands out its
# largest group first) while the other runs the tests that need no build. The group starts
# with the build without SITE_URL: it draws the PDF editions that the other worker's
# in-process renders then find in the cache, rather than wait for or draw them; then comes
# the deploy build, which the browser tests need once the other worker reaches them.
NEEDS_A_BUILD = {"built_site", "default_build", "browser"}


def build_rank(fixtures: set[str]) -> int:
    """Within the group: the default build alone, then with the deploy build, then the deploy
    build alone, then the tests that make builds of their own."""
    default, deploy = "default_build" in fixtures, "built_site" in fixtures
    return 0 if default and not deploy else 1 if default else 2 if deploy else 3


def pytest_collection_modifyitems(config, items):
    def order(item):
        marker = item.get_closest_marker("xdist_group")
        in_group = bool(marker and marker.args and marker.args[0] == CHECKOUT_BUILDS)
        fixtures = set(item.fixturenames)
        if in_group:
            return (0, build_rank(fixtures))
        return (1, int(bool(NEEDS_A_BUILD & fixtures)))
    items.sort(key=order)


@pytest.fixture(scope="session")
def site_data():
    from sitegen.document import load_site_data
    from sitegen.validate import validate
    data, problems = load_site_data()
    assert validate(data, problems) == []
    return data


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of data/ to break in one test."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def _run_dir(tmp_path_factory) -> Path:
    """A folder shared by every pytest-xdist worker of this run (the run's own without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_once(tmp_path_factory, name: str, env: dict[str, str]) -> tuple[Path, str]:
    """`scripts/build_site.py` into <run>/<name>/site once per test run, however many
    workers ask; returns the site folder and the build's stderr."""
    folder = _run_dir(tmp_path_factory) / name
    folder.mkdir(exist_ok=True)
    site_dir, log = folder / "site", folder / "stderr.txt"
    with FileLock(folder / ".lock"):
        if not (site_dir / "index.html").is_file():
            result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(site_dir)],
                                    cwd=ROOT, env=dict(env, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
            log.write_text(result.stdout + result.stderr, encoding="utf-8")
    return site_dir, log.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, a deploy build with the strict MkDocs build."""
    site_dir, output = build_once(tmp_path_factory, "deploy", dict(os.environ, SITE_URL=DEPLOY_URL))
    assert "WARNING" not in output, output
    return site_dir


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> tuple[Path, str]:
    """`make build` without SITE_URL, and without SOURCE_DATE_EPOCH (build_site.py takes the
    last commit's): the site folder and what the build printed."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SOURCE_DATE_EPOCH")}
    return build_once(tmp_path_factory, "default", env)


@pytest.fixture(scope="session")
def default_site(default_build) -> Path:
    return default_build[0]


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve the built site on 127.0.0.1 like any static host; yields the base URL."""
    with static_server(built_site) as base_url:
        yield base_url


def frames_of_caller(context: int = 0) -> list[inspect.FrameInfo]:
    """inspect.stack() without source lookups: each frame's own code file and line.

    Playwright's sync API records its caller's stack on every call
    (`inspect.stack(0)`), only to name the call in error messages and traces.
    inspect finds each frame's module by file, and for a frame with no file
    (pytest-xdist's workers run from `<string>` frames) it scans every loaded
    module, on every call: about a millisecond, thousands of times per worker.
    The frames and their code's file names are the same, so the names are too
    (tests/test_playwright_stacks.py).
    """
    assert context == 0, "no source lines are read"  # Playwright asks for none
    frame, frames = sys._getframe(1), []
    while frame is not None:
        frames.append(inspect.FrameInfo(frame, frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name, None, None))
        frame = frame.f_back
    return frames


class _InspectWithCheapStack(types.ModuleType):
    """The inspect module, but with frames_of_caller as `stack`."""

    stack = staticmethod(frames_of_caller)

    def __getattr__(self, name):
        return getattr(inspect, name)


def use_cheap_stacks_in_playwright() -> None:
    """Point the Playwright modules that take a stack per call at frames_of_caller."""
    from playwright._impl import _connection, _network, _sync_base
    for module in (_connection, _network, _sync_base):
        module.inspect = _InspectWithCheapStack("inspect")


@pytest.fixture(scope="session")
def browser():
    try:
        import playwright.sync_api as playwright_sync
    except ImportError:  # a failure, never a silent skip
        pytest.fail("Playwright for Python is missing: run `make test` (pip install -r requirements-test.txt)")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required: apt-get install -y chromium")
    use_cheap_stacks_in_playwright()
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        new_context = browser.new_context
        # Every context counts its requests in flight, for helpers.settle.
        browser.new_context = lambda **options: track_network(new_context(**options),
                                                              options.get("java_script_enabled", True))
        yield browser
        browser.close()


class ReusedPage:
    """One page per worker, lent to one test at a time and reset after it.

    A new page costs about a CPU-second on this machine (a renderer process, and
    every script compiled and every stylesheet parsed anew), against about 0.25 s
    to load a page in one that exists: with about 150 tests that open one page,
    that is most of what the browser tests cost. Each test starts with an empty
    HTTP cache, as in a new context: its first load requests everything, and
    `page.requests` sees it; within the test the cache works as in any browser.
    After each test: the listeners it added are removed, the HTTP cache, storage
    and permissions are cleared, media emulation and the viewport are reset, and the
    page is left on about:blank. A page that cannot be reset is closed, and the
    next test gets a new one. Tests that need context options or init scripts
    make their own context.
    """

    def __init__(self, browser):
        self.browser = browser
        self.context = self.page = self.session = None

    def lend(self):
        if self.page is None or self.page.is_closed():
            self._open()
        page = self.page
        page.requests = []
        page.hp_listeners = []

        def on(event, handler):  # records what the test adds, to remove it afterwards
            page.hp_listeners.append((event, handler))
            return type(page).on(page, event, handler)
        page.on = on  # the instance attribute shadows the method until give_back
        return page

    def _open(self):
        self.close()
        self.context = self.browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.session = self.context.new_cdp_session(self.page)
        self.session.send("Network.enable")  # without it, this session's setCacheDisabled does nothing
        page = self.page
        page.requests = []
        type(page).on(page, "request", lambda request: page.requests.append(request.url))

    def give_back(self):
        page = self.page
        try:
            del page.on
            for event, handler in page.hp_listeners:
                page.remove_listener(event, handler)
            origins = {f"{u.scheme}://{u.netloc}" for u in map(urlsplit, page.requests) if u.scheme in ("http", "https")}
            page.goto("about:blank")
            # As Playwright empties a context's cache: disabling the cache empties the page's
            # in-memory one, clearBrowserCache the HTTP cache.
            self.session.send("Network.setCacheDisabled", {"cacheDisabled": True})
            self.session.send("Network.setCacheDisabled", {"cacheDisabled": False})
            self.session.send("Network.clearBrowserCache")
            for origin in sorted(origins):
                self.session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            self.context.clear_permissions()
            self.context.clear_cookies()
            page.unroute_all(behavior="ignoreErrors")
            page.emulate_media(media="null", color_scheme="null", reduced_motion="null", forced_colors="null")
            page.set_viewport_size(VIEWPORT)
        except Exception:  # a page left in a state we cannot undo: the next test gets a new one
            self.close()

    def close(self):
        if self.context is not None:
            try:
                self.context.close()
            except Exception:
                pass
        self.context = self.page = self.session = None


@pytest.fixture(scope="session")
def _reused_page(browser):
    holder = ReusedPage(browser)
    yield holder
    holder.close()


@pytest.fixture
def page(_reused_page):
    """A page with nothing left of earlier tests (see ReusedPage), 1280×900, whose HTTP cache
    starts empty, that records every request URL in `page.requests`."""
    yield _reused_page.lend()
    _reused_page.give_back()
