"""Reproducible and safe builds.

In: the repository at its current commit, built with `scripts/build_site.py`.
Out: pass/fail. The sitemap dates must come
from SOURCE_DATE_EPOCH (the last commit) rather than the clock, and a failed
build must leave the previous site folder exactly as it was. (That two builds
of one commit are byte-identical is checked by tests/test_build_cleanup.py,
with the two builds it runs at once.)
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
import struct
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from helpers import CHECKOUT_BUILDS, commit_epoch, differing_files, tree_bytes

ROOT = Path(__file__).resolve().parents[1]
# One worker runs every test that builds this checkout (see conftest.CHECKOUT_BUILDS).
pytestmark = pytest.mark.xdist_group(CHECKOUT_BUILDS)
BUILD_SITE = ROOT / "scripts" / "build_site.py"


def run_build(site_dir: Path, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    env = dict(env, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, str(BUILD_SITE), str(site_dir), *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True)


EPOCH_AT_COLLECTION = int(commit_epoch())


def test_sitemap_dates_come_from_the_last_commit(built_site):
    epochs = {int(os.environ["SOURCE_DATE_EPOCH"])} if os.environ.get("SOURCE_DATE_EPOCH") else {EPOCH_AT_COLLECTION, int(commit_epoch())}
    commit_days = {datetime.fromtimestamp(epoch, timezone.utc).date().isoformat().encode() for epoch in epochs}
    sitemap = (built_site / "sitemap.xml").read_bytes()
    dates = set(re.findall(rb"<lastmod>([^<]+)</lastmod>", sitemap))
    assert len(dates) == 1 and dates <= commit_days, (dates, commit_days)

    compressed = (built_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(compressed) == sitemap
    gzip_mtime = struct.unpack("<I", compressed[4:8])[0]
    assert 0 < gzip_mtime <= max(epochs)  # from the commit's date, never the build clock


def _failing_config(folder: Path) -> Path:
    """The real configuration with one page in the nav that does not exist.

    The strict build writes most of the site and only then fails, which is
    the case where a non-atomic build would leave a half-written site.
    """
    config = folder / "broken-mkdocs.yml"
    config.write_text("\n".join([
        f"INHERIT: {ROOT / 'mkdocs.yml'}",
        f"docs_dir: {ROOT / 'docs'}",
        "theme:",
        "  name: material",
        f"  custom_dir: {ROOT / 'overrides'}",
        "hooks:",
        f"  - {ROOT / 'scripts' / 'mkdocs_hooks.py'}",
        "nav:",
        "  - index.md",
        "  - no-such-page.md",
        "",
    ]), encoding="utf-8")
    return config


def test_a_failed_build_leaves_the_previous_site_untouched(built_site, tmp_path):
    site_dir = tmp_path / "site"
    shutil.copytree(built_site, site_dir)
    before = tree_bytes(site_dir)

    result = run_build(site_dir, dict(os.environ), "--config-file", str(_failing_config(tmp_path)))

    assert result.returncode != 0, result.stdout + result.stderr
    assert "left as it was" in result.stderr
    assert differing_files(before, tree_bytes(site_dir)) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken-mkdocs.yml", "site"]  # no staging left


def test_build_takes_source_date_epoch_from_the_last_commit(monkeypatch):
    import build_site

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_site.build_environment()["SOURCE_DATE_EPOCH"] == commit_epoch()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    assert build_site.build_environment()["SOURCE_DATE_EPOCH"] == "1000000000"  # an explicit value wins
