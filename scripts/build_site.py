#!/usr/bin/env python3
"""Build the whole site safely.

In: data/, docs/, overrides/, mkdocs.yml. Out: site/ (or the folder given),
replaced only after `mkdocs build --strict` succeeded in a temporary folder
beside it, so a failed build leaves the previous site untouched.
SOURCE_DATE_EPOCH is taken from the last commit when it is not set, so two
builds of the same commit are byte-identical (sitemap dates included).
One build of a checkout runs at a time (an fcntl lock around generation,
MkDocs and Pagefind), and SIGINT/SIGTERM remove the staging folder.
"""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import signal
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / ".site-build.lock"


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived during a build."""


def _raise_interrupted(signum, frame):
    raise Interrupted(signal.Signals(signum).name)


@contextlib.contextmanager
def build_lock():
    """Wait for any other build of this checkout: docs/ and Pagefind are shared."""
    with open(LOCK, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def last_commit_epoch() -> str | None:
    """Seconds since the epoch of the last commit, or None outside a git checkout."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                                capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip() or None


def build_environment() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if "SOURCE_DATE_EPOCH" not in env:
        epoch = last_commit_epoch()
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
    return env


def leave_out_absolute_urls(staging: Path) -> None:
    """Without SITE_URL no address is known: publish no sitemap, and say so once."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        for path in staging.rglob(name):
            path.unlink()
    print("SITE_URL is not set: canonical links, og:url, og:image, hreflang alternates and "
          "sitemap.xml were left out; set it for a deploy: make build SITE_URL=https://example.org/path/",
          file=sys.stderr)


def build(site_dir: Path, config_file: Path | None = None) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    previous = {sig: signal.signal(sig, _raise_interrupted) for sig in (signal.SIGINT, signal.SIGTERM)}
    staging = None
    try:
        with build_lock():
            staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
            return _build_into(staging, site_dir, config_file)
    except Interrupted as signal_name:
        print(f"build interrupted ({signal_name}); {site_dir} left as it was", file=sys.stderr)
        return 130
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run_mkdocs(command: list[str], env: dict[str, str]) -> int:
    child = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        return child.wait()
    except Interrupted:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        raise


def _build_into(staging: Path, site_dir: Path, config_file: Path | None) -> int:
    env = build_environment()
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(staging)]
    if config_file:
        command += ["--config-file", str(config_file.resolve())]
    returncode = _run_mkdocs(command, env)
    if returncode != 0:
        print(f"build failed; {site_dir} left as it was", file=sys.stderr)
        return returncode
    if not env.get("SITE_URL"):
        leave_out_absolute_urls(staging)
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"site written to {site_dir}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site_dir", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--config-file", type=Path, default=None,
                        help="MkDocs configuration to build with (default: mkdocs.yml)")
    args = parser.parse_args(argv)
    return build(args.site_dir, args.config_file)


if __name__ == "__main__":
    sys.exit(main())
