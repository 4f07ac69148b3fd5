"""Builds clean up after signals and do not corrupt each other.

In: scripts/build_site.py run on this checkout into temporary folders. Out:
pass/fail on issue 11.6: SIGTERM and SIGINT leave no `.site-build-*` folder
and no site; two builds at once both succeed, and (issue 4) their bytes equal
those of the session's default build: builds of one commit are reproducible,
whether SOURCE_DATE_EPOCH is set (as CI does, here) or left to build_site.py
(conftest's `default_build`).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import CHECKOUT_BUILDS, commit_epoch, differing_files, tree_bytes

ROOT = Path(__file__).resolve().parents[1]
# One worker runs every test that builds this checkout (see conftest.CHECKOUT_BUILDS).
pytestmark = pytest.mark.xdist_group(CHECKOUT_BUILDS)


def start_build(site_dir: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env = dict(env, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=commit_epoch())
    return subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(site_dir)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def staged_files(folder: Path) -> list[Path]:
    return [path for staging in folder.glob(".site-build-*") for path in staging.rglob("*") if path.is_file()]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_removes_its_staging_folder(tmp_path, signum):
    build = start_build(tmp_path / "site")
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(iter(build.stdout.readline, "")), daemon=True)
    reader.start()
    # The signal goes once MkDocs has written into the staging folder, whatever the build's
    # speed (with warm caches the whole build can take less than a fixed wait would).
    deadline = time.monotonic() + 120
    while not staged_files(tmp_path) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert build.poll() is None and staged_files(tmp_path), "the build never wrote into its staging folder"
    build.send_signal(signum)
    build.wait(timeout=60)
    reader.join(timeout=10)
    printed = "".join(output)
    assert build.returncode != 0 and "site written" not in printed, printed
    assert sorted(p.name for p in tmp_path.iterdir()) == [], printed


def test_two_builds_at_once_both_succeed_identically_to_any_build_of_the_commit(tmp_path, default_site):
    first, second = start_build(tmp_path / "a"), start_build(tmp_path / "b")
    outputs = [first.communicate(timeout=300)[0], second.communicate(timeout=300)[0]]
    assert first.returncode == 0 and second.returncode == 0, outputs
    a, b, default = tree_bytes(tmp_path / "a"), tree_bytes(tmp_path / "b"), tree_bytes(default_site)
    assert len(a) > 20
    assert differing_files(a, b) == [] and differing_files(a, default) == []
    assert (tmp_path / "a" / "pagefind" / "pagefind-entry.json").stat().st_size > 0
