"""Shared fixtures.

In: the repository. Out: a built site (built once per session into a temp
folder with `scripts/build_site.py`), a loopback HTTP server for it, and a
Playwright browser driving Debian's Chromium (never a downloaded browser).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import static_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
CHROMIUM = "/usr/bin/chromium"
# The session build is a deploy build (canonical, hreflang, sitemap need an address);
# tests/test_deploy_safety.py builds once without SITE_URL.
DEPLOY_URL = "https://hp.example/"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built with the strict MkDocs build."""
    site_dir = tmp_path_factory.mktemp("build") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=os.environ.get("SITE_URL") or DEPLOY_URL)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(site_dir)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve the built site on 127.0.0.1 like any static host; yields the base URL."""
    with static_server(built_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    try:
        import playwright.sync_api as playwright_sync
    except ImportError:  # a failure, never a silent skip
        pytest.fail("Playwright for Python is missing: run `make test` (pip install -r requirements-test.txt)")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required: apt-get install -y chromium")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every request URL in `page.requests`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()
