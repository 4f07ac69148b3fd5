#!/usr/bin/env python3
"""Benchmark the site search in Chromium and print the figures (not a test).

In: a built site (`--site`, or a fresh build into a temporary folder with
scripts/build_site.py), served on 127.0.0.1; the queries of the relevance
suites (scripts/search_suites.py: tests/search_queries.yaml, the harder
tests/search_queries_hard.yaml, tests/search_queries_extra.yaml); Debian's
Chromium through Playwright.
Out, printed per language (vi on /text/, en on /en/text/):
  * the bytes transferred for the first search, from opening search to the
    first results, per file and in total, gzipped (the test server does not
    compress: Pagefind's index, fragments and WebAssembly are already gzip
    files and count as they are; other files are gzipped here at level 6);
  * the time from opening search to the first results (cold);
  * the query latency once loaded, median / 90th percentile / max over every
    query of the suites, typed into the search box (input event to results
    rendered), through the real search box (no test hook in the site);
  * hit@1 and hit@3 of each suite, with and without diacritics and per kind
    of query, the misses with --misses, and the bars of tests/search_bars.yaml
    the figures fall short of;
  * with --bars, the figures as bars (YAML for tests/search_bars.yaml) and
    as README's table.
The bars of issues 5 and 16: median latency <= 30 ms; first search <= 150 KB.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml

import search_suites

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu"]
PAGES = {"vi": "/text/", "en": "/en/text/"}
FIRST_QUERY = {"vi": "nha o xa hoi", "en": "social housing"}
LATENCY_BAR_MS = 30
FIRST_SEARCH_BAR_BYTES = 150 * 1024
GZIP_MAGIC = b"\x1f\x8b"

TYPE_AND_WAIT = """async (queries) => {
  const dialog = document.getElementById("hp-search-dialog");
  const input = document.getElementById("hp-search-input");
  const times = [];
  const tops = [];
  for (const query of queries) {
    const rendered = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (dialog.getAttribute("data-hp-query") === query) { observer.disconnect(); resolve(); }
      });
      observer.observe(dialog, { attributes: true, attributeFilter: ["data-hp-query"] });
    });
    const start = performance.now();
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await rendered;
    times.push(performance.now() - start);
    tops.push([...document.querySelectorAll("#hp-search-results a")].slice(0, 3).map((a) => new URL(a.href).hash.slice(1)));
  }
  return { times, tops };
}"""

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site_dir: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def build(site_dir: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(site_dir)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)


def gzipped_size(body: bytes) -> int:
    return len(body) if body[:2] == GZIP_MAGIC else len(gzip.compress(body, compresslevel=6))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def first_search(browser, base: str, lang: str) -> tuple[list[tuple[str, int]], float]:
    """(path, gzipped bytes) of every response from opening search to the first results, and that time in ms."""
    context = browser.new_context()
    page = context.new_page()
    # The load event first: on a busy machine "networkidle" alone can fire before the
    # page has asked for its own scripts, which would then be counted as search.
    page.goto(base + PAGES[lang], wait_until="load")
    page.wait_for_selector("[data-hp-search-open]", state="visible")
    page.wait_for_load_state("networkidle")
    responses = []
    page.on("response", lambda response: responses.append(response))
    start = page.evaluate("performance.now()")
    page.click("[data-hp-search-open]")
    page.fill("#hp-search-input", FIRST_QUERY[lang])
    page.wait_for_function("q => document.getElementById('hp-search-dialog').getAttribute('data-hp-query') === q",
                           arg=FIRST_QUERY[lang])
    elapsed = page.evaluate("performance.now()") - start
    page.wait_for_load_state("networkidle")
    sizes = [(urlsplit(r.url).path, gzipped_size(r.body())) for r in responses if r.status < 300]
    context.close()
    return sizes, elapsed


def latencies(browser, base: str, lang: str, queries: list[dict], rounds: int) -> dict:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + PAGES[lang], wait_until="networkidle")
    page.click("[data-hp-search-open]")
    texts = [q["query"] for q in queries]
    page.evaluate(TYPE_AND_WAIT, texts[:1])  # load the engine and the pages once
    typed, tops = [], None
    for _ in range(rounds):
        measured = page.evaluate(TYPE_AND_WAIT, texts)
        typed += measured["times"]
        tops = measured["tops"]
    context.close()
    return {"typed": typed, "tops": tops}


def report(lang: str, sizes, elapsed, measured) -> None:
    print(f"\n== {lang}: {PAGES[lang]} ==")
    print(f"first search ({FIRST_QUERY[lang]!r}), bytes gzipped:")
    for path, size in sorted(sizes, key=lambda item: -item[1]):
        print(f"  {size:>8}  {path}")
    total = sum(size for _, size in sizes)
    verdict = "within" if total <= FIRST_SEARCH_BAR_BYTES else "OVER"
    print(f"  {total:>8}  total ({total / 1024:.1f} KB; {verdict} the {FIRST_SEARCH_BAR_BYTES // 1024} KB bar)")
    print(f"open search -> first results (cold): {elapsed:.0f} ms")
    values = measured["typed"]
    median = statistics.median(values)
    verdict = "within" if median <= LATENCY_BAR_MS else "OVER"
    print(f"query latency, typed, input to results shown: median {median:.1f} ms, p90 {percentile(values, .9):.1f} ms, "
          f"max {max(values):.1f} ms over {len(values)} queries ({verdict} the {LATENCY_BAR_MS} ms bar)")


def report_relevance(suite: str, rows, show_misses: bool) -> dict:
    table = search_suites.score(rows)
    print(f"\n== relevance, {suite} suite ==")
    for (lang, group), (hit1, hit3, count) in sorted(table.items(), key=lambda item: (item[0][0] != "vi", item[0][1])):
        print(f"  {lang} {group:<19} hit@1 {hit1:>3}/{count:<3} ({100 * hit1 / count:5.1f} %)  "
              f"hit@3 {hit3:>3}/{count:<3} ({100 * hit3 / count:5.1f} %)")
    for problem in search_suites.shortfalls(table, search_suites.load_bars().get(suite, {})):
        print("  BELOW THE BAR:", problem)
    if show_misses:
        for miss in search_suites.misses(rows):
            print("  miss", miss)
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--rounds", type=int, default=3, help="times every query is run (default 3)")
    parser.add_argument("--misses", action="store_true", help="list the queries whose first result is not expected")
    parser.add_argument("--bars", action="store_true", help="print the figures as bars and as README's table")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    suites = {name: search_suites.load_suite(name) for name in search_suites.SUITE_FILES}
    rows: dict = {name: [] for name in suites}
    with tempfile.TemporaryDirectory() as scratch:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(scratch) / "site"
            build(site_dir)
        server, base = serve(site_dir)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for lang in PAGES:
                    queries = [(name, q) for name, suite in suites.items() for q in suite if q["lang"] == lang]
                    sizes, elapsed = first_search(browser, base, lang)
                    measured = latencies(browser, base, lang, [q for _, q in queries], args.rounds)
                    report(lang, sizes, elapsed, measured)
                    for (name, query), top in zip(queries, measured["tops"]):
                        rows[name].append((query, top))
                browser.close()
        finally:
            server.shutdown()
    tables = {name: report_relevance(name, rows[name], args.misses) for name in suites}
    if args.bars:
        bars = {name: search_suites.measured_bars(table, kinds=name == "hard") for name, table in tables.items()}
        print("\n" + yaml.safe_dump(bars, sort_keys=False, default_flow_style=None, allow_unicode=True))
        print(search_suites.readme_table(bars))
    return 0


if __name__ == "__main__":
    sys.exit(main())
