#!/usr/bin/env python3
"""Benchmarks for `make bench`: figures to read, not a pass/fail test.

In: the repository (data/, docs/assets/, overrides/, scripts/, mkdocs.yml).
Out, printed:
  (a) the generation time (load + validate data/, render and write the pages,
      what `scripts/build_tables.py build` does) and (b) the `mkdocs build`
      time, for the real resolution and (c) for a synthetic resolution 20×
      larger, with the cost ratios set against the size ratio; and
  (d) Lighthouse scores (mobile profile) for the home, full-text and targets
      pages in both languages, if the npm package can be installed; and
  (e) the three PDF editions' sizes and drawing time against their budgets
      (≤ 1.5 MB each, ≤ 20 s for all three); (a)–(c) leave the PDFs out.

Every build runs on a copy of the project in a temporary folder, so the
working tree is never touched. The synthetic resolution repeats Parts I–VIII
19 more times: Part `iii` becomes `iii-x2` … `iii-x20`, and every id below it
is renamed the same way (`iii-5-2-p3` → `iii-x2-5-2-p3`), which keeps the id
scheme of every descendant. The copies keep their Part numbers (III. again),
so, for those copies only, the Part-level numbering checks (id from the
number, and the I, II, III… sequence) and the rule that targets sit in
groups iii-3-a/b are relaxed; every other check runs.
"""
from __future__ import annotations

import argparse
import copy
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from build_site import last_commit_epoch

ROOT = Path(__file__).resolve().parents[1]
FACTOR = 20
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "overrides", "scripts")
GENERATED = ("docs/vi", "docs/en", "docs/downloads")
SYNTHETIC_ID = re.compile(r"^[ivx]+-x\d+(-|$)")
RELAXED_MESSAGES = ("numbering", "breaks the sequence", "a target must sit in group")
LIGHTHOUSE = "lighthouse@13.5.0"
LIGHTHOUSE_PAGES = (("home", ""), ("full text", "text/"), ("targets", "targets/"), ("side by side", "compare/"),
                    ("glossary", "glossary/"), ("about", "about/"), ("corrections", "corrections/"))
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
CHROME_FLAGS = "--headless --no-sandbox --disable-background-networking"


# ------------------------------------------------------------ project copies

def copy_project(dest: Path) -> Path:
    """The parts of the project a build reads, copied to `dest` (generated pages left out)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", ".site-*")
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            shutil.copy2(source, dest / name)
    for generated in GENERATED:
        shutil.rmtree(dest / generated, ignore_errors=True)
    return dest


def read_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, value) -> None:
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def inline_includes(node: dict, folder: Path) -> dict:
    """A node with every `include:` child replaced by the included file's node."""
    children = []
    for child in node.get("children", []):
        if set(child) == {"include"}:
            child = read_yaml(folder / child["include"])
        children.append(inline_includes(child, folder))
    if children:
        node = dict(node, children=children)
    return node


def renamed(node: dict, old: str, new: str) -> dict:
    """A deep copy of `node` with ids under Part `old` moved under `new`."""
    clone = copy.deepcopy(node)
    stack = [clone]
    while stack:
        current = stack.pop()
        node_id = current.get("id")
        if isinstance(node_id, str) and (node_id == old or node_id.startswith(old + "-")):
            current["id"] = new + node_id[len(old):]
        stack.extend(current.get("children", []))
    return clone


def enlarge(data_dir: Path, factor: int) -> None:
    """Repeat Parts I–VIII `factor` − 1 more times in the resolution under `data_dir`."""
    folder = data_dir / "resolution"
    document = read_yaml(folder / "document.yaml")
    parts = []
    for entry in document["children"]:
        if set(entry) == {"include"}:
            node = read_yaml(folder / entry["include"])
            if node.get("kind") == "part":
                parts.append(inline_includes(node, folder))
    for copy_number in range(2, factor + 1):
        for part in parts:
            new_id = f"{part['id']}-x{copy_number}"
            write_yaml(folder / f"{new_id}.yaml", renamed(part, part["id"], new_id))
            document["children"].append({"include": f"{new_id}.yaml"})
    write_yaml(folder / "document.yaml", document)


# ------------------------------------------------------------ worker (runs inside a copy)

def relax_part_numbering() -> None:
    """Drop the problems that only come from repeating Parts, for the copies only.

    Those are: the Part's id and number out of the I, II, III… sequence, and
    targets outside groups iii-3-a and iii-3-b (the copies of those groups).
    """
    from sitegen import validate as checks

    strict_validate = checks.validate

    def validate(data, load_problems):
        return [p for p in strict_validate(data, load_problems)
                if not (SYNTHETIC_ID.match(p.node_id) and any(m in p.message for m in RELAXED_MESSAGES))]

    checks.validate = validate


def worker(task: str, project: Path, site_dir: str | None, synthetic: bool) -> dict:
    sys.path.insert(0, str(project / "scripts"))
    os.chdir(project)
    if synthetic:
        relax_part_numbering()
    from sitegen import pdf_edition  # page timings leave the PDFs out: bench_pdf_editions times them
    pdf_edition.build_editions = lambda data, document=None, **options: {}
    from sitegen.document import load_site_data
    from sitegen.render import write_site
    from sitegen.validate import validate

    if task == "generate":
        start = time.perf_counter()
        data, problems = load_site_data(project / "data")
        problems = validate(data, problems)
        if problems:
            raise SystemExit("\n".join(str(p) for p in problems))
        write_site(data, project / "docs")
        seconds = time.perf_counter() - start
        words = sum(len(str(n.raw.get("vi", "")).split()) + len(str(n.raw.get("en", "")).split()) for n in data.nodes())
        return {"seconds": seconds, "nodes": len(data.nodes()), "words": words}
    from mkdocs.__main__ import cli
    start = time.perf_counter()
    cli(["build", "--strict", "--clean", "--quiet", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", site_dir], standalone_mode=False)
    seconds = time.perf_counter() - start
    html = sum(p.stat().st_size for p in Path(site_dir).rglob("*.html"))
    return {"seconds": seconds, "html_bytes": html}


def run_worker(task: str, project: Path, site_dir: Path | None = None, synthetic: bool = False) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "_worker", task, str(project)]
    if site_dir:
        command.append(str(site_dir))
    if synthetic:
        command.append("--synthetic")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.setdefault("SOURCE_DATE_EPOCH", commit_epoch())
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{task} failed in {project}:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def commit_epoch() -> str:
    return last_commit_epoch() or "0"


# ------------------------------------------------------------ build benchmark

def measure(project: Path, synthetic: bool, repeat: int) -> dict:
    """Best of `repeat` generation runs, then best of `repeat` mkdocs builds."""
    generation = min((run_worker("generate", project, synthetic=synthetic) for _ in range(repeat)),
                     key=lambda r: r["seconds"])
    builds = []
    for attempt in range(repeat):
        site_dir = project / f"site-{attempt}"
        builds.append(run_worker("mkdocs", project, site_dir, synthetic))
    build = min(builds, key=lambda r: r["seconds"])
    return {**generation, "generation": generation["seconds"], "mkdocs": build["seconds"],
            "html_bytes": build["html_bytes"], "site": project / "site-0"}


def print_build_table(real: dict, big: dict) -> None:
    size_ratio = big["words"] / real["words"]
    print(f"\nBuild benchmark (best of runs; synthetic = Parts I–VIII repeated {FACTOR}×)")
    print(f"{'':22}{'nodes':>8}{'words':>10}{'HTML':>10}{'generation':>12}{'mkdocs build':>14}")
    for name, row in (("real resolution", real), (f"synthetic {FACTOR}×", big)):
        print(f"{name:22}{row['nodes']:>8}{row['words']:>10}{row['html_bytes'] / 1e6:>8.1f}MB"
              f"{row['generation']:>11.2f}s{row['mkdocs']:>13.2f}s")
    gen_ratio, build_ratio = big["generation"] / real["generation"], big["mkdocs"] / real["mkdocs"]
    print(f"{'ratio':22}{big['nodes'] / real['nodes']:>8.1f}{size_ratio:>10.1f}"
          f"{big['html_bytes'] / real['html_bytes']:>10.1f}{gen_ratio:>12.1f}{build_ratio:>14.1f}")
    for name, ratio in (("generation", gen_ratio), ("mkdocs build", build_ratio)):
        verdict = "no faster than linear" if ratio <= size_ratio else "FASTER THAN LINEAR"
        print(f"  {name}: cost ×{ratio:.1f} for text ×{size_ratio:.1f} → {verdict}")


# ------------------------------------------------------------ PDF editions

PDF_BUDGET_BYTES, PDF_BUDGET_SECONDS = 1_500_000, 20.0


def bench_pdf_editions() -> None:
    """Draw the three PDF editions (no cache, nothing written) and print sizes and time against the budgets."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from sitegen.document import load_site_data
    from sitegen.pdf_edition import build_editions

    data, _ = load_site_data()
    start = time.perf_counter()
    pdfs = build_editions(data, cache=False)
    seconds = time.perf_counter() - start
    print(f"\nPDF editions (WeasyPrint, drawn anew; budgets ≤ {PDF_BUDGET_BYTES / 1e6:.1f} MB each, "
          f"≤ {PDF_BUDGET_SECONDS:.0f} s for all three)")
    for name, content in pdfs.items():
        verdict = "ok" if len(content) <= PDF_BUDGET_BYTES else "OVER BUDGET"
        print(f"  {name:26}{len(content) / 1e6:>8.3f} MB  {verdict}")
    verdict = "ok" if seconds <= PDF_BUDGET_SECONDS else "OVER BUDGET"
    print(f"  {'all three':26}{seconds:>8.2f} s   {verdict}", flush=True)


# ------------------------------------------------------------ Lighthouse

class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """A static host as browsers meet it: text sent gzipped, like any real web server."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in self.COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "") or not self.path.split("?")[0].endswith(("/", *self.COMPRESSIBLE))):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _BytesFile(body)


class _BytesFile:
    def __init__(self, body: bytes):
        self.body = body

    def read(self, *args):
        body, self.body = self.body, b""
        return body

    def close(self):
        pass


def lighthouse_command() -> list[str] | None:
    local = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not local.exists():
        if not shutil.which("npm"):
            return None
        print(f"installing {LIGHTHOUSE} into node_modules (not saved to package.json)…", flush=True)
        result = subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", LIGHTHOUSE], cwd=ROOT)
        if result.returncode != 0 or not local.exists():
            return None
    return [str(local)]


def lighthouse_scores(command: list[str], url: str, output: Path) -> dict[str, int]:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    subprocess.run([*command, url, "--quiet", "--output=json", f"--output-path={output}",
                    f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
                    f"--chrome-flags={CHROME_FLAGS}"], env=env, check=True, capture_output=True)
    report = json.loads(output.read_text(encoding="utf-8"))
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def run_lighthouse(site_dir: Path, reports: Path) -> None:
    """Score each page; the full JSON reports are kept in `reports` (bench-results/)."""
    command = lighthouse_command()
    if command is None:
        print("\nLighthouse: not available (npm missing or install failed); skipped")
        return
    handler = functools.partial(CompressingHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"\nLighthouse {LIGHTHOUSE.split('@')[1]}, mobile profile, served gzipped from 127.0.0.1")
    print(f"{'page':24}{'accessibility':>15}{'best practices':>16}{'SEO':>6}{'performance':>13}")
    try:
        for lang, prefix in (("vi", ""), ("en", "en/")):
            for name, path in LIGHTHOUSE_PAGES:
                label = f"{name} ({lang})"
                try:
                    report = reports / f"lighthouse-{lang}-{path.strip('/') or 'home'}.json"
                    scores = lighthouse_scores(command, base + prefix + path, report)
                except subprocess.CalledProcessError as error:
                    print(f"{label:24} failed: {error.stderr.decode(errors='replace').strip()[-200:]}")
                    continue
                print(f"{label:24}{scores['accessibility']:>15}{scores['best-practices']:>16}"
                      f"{scores['seo']:>6}{scores['performance']:>13}", flush=True)
    finally:
        server.shutdown()


# ------------------------------------------------------------ entry

def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_worker"]:
        parser = argparse.ArgumentParser()
        parser.add_argument("task", choices=["generate", "mkdocs"])
        parser.add_argument("project", type=Path)
        parser.add_argument("site_dir", nargs="?")
        parser.add_argument("--synthetic", action="store_true")
        args = parser.parse_args(argv[1:])
        print(json.dumps(worker(args.task, args.project, args.site_dir, args.synthetic)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure; the best is kept (default 2)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--lighthouse-only", action="store_true", help="build the real site once and score it")
    args = parser.parse_args(argv)
    reports = ROOT / "bench-results"
    reports.mkdir(exist_ok=True)
    print(f"load average before the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPU(s);"
          " timings and Lighthouse performance suffer on a busy machine", flush=True)
    with tempfile.TemporaryDirectory(prefix="hp-bench-") as scratch:
        scratch = Path(scratch)
        real_project = copy_project(scratch / "real")
        if args.lighthouse_only:
            site_dir = real_project / "site-0"
            run_worker("mkdocs", real_project, site_dir)
            run_lighthouse(site_dir, reports)
            return 0
        big_project = copy_project(scratch / "synthetic")
        enlarge(big_project / "data", FACTOR)
        bench_pdf_editions()
        real = measure(real_project, False, args.repeat)
        print(f"real resolution: generation {real['generation']:.2f}s, mkdocs build {real['mkdocs']:.2f}s", flush=True)
        big = measure(big_project, True, max(1, args.repeat - 1))
        print_build_table(real, big)
        if not args.no_lighthouse:
            run_lighthouse(real["site"], reports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
