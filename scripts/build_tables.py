#!/usr/bin/env python3
"""One CLI for the site's data and pages.

In: data/ (the bilingual YAML). Out: what the chosen subcommand does; each
subcommand's docstring is its one-line `--help` entry. Exit 1 on invalid data.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen.document import DATA_DIR, load_site_data  # noqa: E402
from sitegen.validate import validate  # noqa: E402


def load_valid(data_dir: Path):
    data, problems = load_site_data(data_dir)
    problems = validate(data, problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return None
    return data


def cmd_validate(args) -> int:
    """Report every problem in data/ (data/FILE:LINE: id: message)."""
    return _with_valid_data(args, lambda data: print(f"data/ is valid: {len(data.nodes())} nodes"))


def cmd_build(args) -> int:
    """Render valid data/ to the pages and downloads under docs/."""
    from sitegen.render import write_site
    return _with_valid_data(args, lambda data: print(f"generated pages: {len(write_site(data, args.docs))} file(s) changed"))


def cmd_check(args) -> int:
    """Exit 1 if docs/ differs from a fresh render."""
    from sitegen.render import stale_files

    def report(data) -> int:
        stale = stale_files(data, args.docs)
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale else 0
    return _with_valid_data(args, report)


def _with_valid_data(args, action) -> int:
    """Validate data/ first; run `action(data)` only on valid data (exit 1 otherwise)."""
    data = load_valid(args.data)
    if data is None:
        return 1
    return action(data) or 0


def cmd_fidelity(args) -> int:
    """Compare the Vietnamese text with data/source/."""
    from sitegen.fidelity import compare_with_source
    data, problems = load_site_data(args.data)
    if data.root is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    difference = compare_with_source(data)
    if difference:
        print(difference, file=sys.stderr)
        return 1
    print("the Vietnamese text matches the source word for word")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--docs", type=Path, default=DATA_DIR.parent / "docs", help="docs folder (default: docs/)")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler in (("validate", cmd_validate), ("build", cmd_build), ("check", cmd_check), ("fidelity", cmd_fidelity)):
        summary = handler.__doc__.strip()
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.set_defaults(handler=handler)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
