"""A fresh clone is the whole project, and a build refuses to lose a word.

In: the current commit, cloned into an empty temporary folder with nothing
beside it. Out: pass/fail on issue 10: validation and the fidelity check
pass there (the shared source folder is not beside it), and removing a paragraph makes validation and the
build fail, naming the missing words, with the previous site/ untouched.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def clone(tmp_path: Path) -> Path:
    """`git clone` of HEAD into tmp_path/empty/repo, the only thing in tmp_path/empty."""
    target = tmp_path / "empty" / "repo"
    target.parent.mkdir()
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target)], check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run(["git", "checkout", "--quiet", head], cwd=target, check=True)
    assert sorted(p.name for p in target.parent.iterdir()) == ["repo"]
    return target


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, *args], cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_clone_with_nothing_beside_it_validates_and_matches_the_source(tmp_path):
    repo = clone(tmp_path)
    validated = run(repo, "scripts/build_tables.py", "validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    faithful = run(repo, "scripts/build_tables.py", "fidelity")
    assert faithful.returncode == 0, faithful.stdout + faithful.stderr
    assert "matches the source" in faithful.stdout


def _drop_last_paragraph_of_iii_1(repo: Path) -> None:
    path = repo / "data" / "resolution" / "iii-1.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: iii-1-p6")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - ")), len(lines))
    path.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")


def test_a_lost_paragraph_fails_the_build_names_the_words_and_keeps_site(tmp_path):
    repo = clone(tmp_path)
    _drop_last_paragraph_of_iii_1(repo)
    site = repo / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("<p>previous build</p>\n", encoding="utf-8")
    (site / "en" / "index.html").write_text("<p>previous en</p>\n", encoding="utf-8")
    before = tree_digest(site)

    validated = run(repo, "scripts/build_tables.py", "validate")
    assert validated.returncode == 1
    assert "data/resolution/iii-1.yaml:" in validated.stderr + validated.stdout
    assert "Hoàn thiện thể chế theo hướng kiến tạo" in validated.stderr + validated.stdout

    built = run(repo, "scripts/build_site.py")
    output = built.stdout + built.stderr
    assert built.returncode != 0, output
    assert "Hoàn thiện thể chế theo hướng kiến tạo" in output and "iii-1-p5" in output
    assert tree_digest(site) == before
    assert not [p.name for p in repo.iterdir() if p.name.startswith(".site-build-")]
    assert not (repo / "docs" / "vi").exists() and not (repo / "docs" / "en").exists()  # nothing generated
    assert not list((repo / ".cache").rglob("*.pdf"))  # and no edition drawn from the broken data


@pytest.mark.parametrize("change", ["duplicate", "reorder", "move"])
def test_duplicated_reordered_or_moved_paragraphs_fail_validation(site_data, change):
    import copy
    from sitegen.validate import validate
    data = copy.deepcopy(site_data)
    ids = data.by_id()
    section = ids["iii-1"]
    if change == "duplicate":
        section.children.append(section.children[-1])
    elif change == "reorder":
        section.children[0], section.children[1] = section.children[1], section.children[0]
    else:  # the last item of III.1 moved to the start of III.2
        moved = section.children.pop()
        ids["iii-2"].children.insert(0, moved)
    problems = [p for p in validate(data, []) if "fidelity" in p.message]
    assert len(problems) == 1, problems
    assert problems[0].file.startswith("data/resolution/") and problems[0].line > 0
