#!/usr/bin/env python3
"""Build the whole site safely.

In: data/, docs/, overrides/, mkdocs.yml. Out: site/ (or the folder given),
replaced only after `mkdocs build --strict` succeeded in a temporary folder
beside it, so a failed build leaves the previous site untouched.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(site_dir: Path) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(staging)]
    result = subprocess.run(command, cwd=ROOT, env=env)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build failed; {site_dir} left as it was", file=sys.stderr)
        return result.returncode
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
    return build(parser.parse_args(argv).site_dir)


if __name__ == "__main__":
    sys.exit(main())
