"""The code keeps the shape issue 12 set: small files, ES modules, no globals.

In: the repository's code (the Python of scripts/ and tests/, the browser
code and styles of docs/assets/, the templates of scripts/templates/ and
overrides/, the JS tests), and mkdocs.yml. Out: pass/fail: no source file is
longer than 400 lines; no browser script assigns a property of window/globalThis/self (navigation
through window.location excepted) or carries a test hook; every script
MkDocs loads is an ES module.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 400
GLOBAL_ASSIGNMENT = re.compile(r"\b(?:window|globalThis|self)\.(?!location\b)[\w$]+\s*=(?!=)")


SOURCE_GLOBS = ["scripts/**/*.py", "scripts/templates/**/*.j2", "scripts/templates/**/*.css", "tests/**/*.py",
                "tests/js/*.js", "docs/assets/**/*.js", "docs/assets/**/*.css", "overrides/**/*.html"]


def sources() -> list[Path]:
    return sorted({path for pattern in SOURCE_GLOBS for path in ROOT.glob(pattern)})


def test_no_source_file_is_longer_than_400_lines():
    assert all(any(ROOT.glob(pattern)) for pattern in SOURCE_GLOBS)  # no pattern that matches nothing
    long = {p.relative_to(ROOT).as_posix(): n for p in sources()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_no_browser_script_assigns_a_global_or_ships_a_test_hook():
    for path in ROOT.glob("docs/assets/*.js"):
        text = path.read_text(encoding="utf-8")
        assert not GLOBAL_ASSIGNMENT.findall(text), path.name
        assert "hpSearch" not in text and "__test" not in text, path.name


def test_every_script_mkdocs_loads_is_a_module():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    scripts = config["extra_javascript"]
    assert scripts and all(isinstance(s, dict) and s.get("type") == "module" for s in scripts), scripts


def test_the_global_pattern_catches_what_it_should():
    assert GLOBAL_ASSIGNMENT.findall("window.hpFold = fold;")
    assert GLOBAL_ASSIGNMENT.findall("globalThis.x=1")
    assert not GLOBAL_ASSIGNMENT.findall("window.location.href = url;")
    assert not GLOBAL_ASSIGNMENT.findall("if (window.scrollY === 0) {}")
