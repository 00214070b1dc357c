"""The seed memo's HTML in headless Chromium: a screenshot, and every citation clicked.

    .venv/bin/python bench/memo_browser.py [--results DIR]   # bench/results/memo.png + .json

Needs Debian's `chromium` and `chromium-driver` and `pip install selenium` in the venv; the
driver is /usr/bin/chromedriver, so selenium-manager never downloads anything. The seed
summaries are replayed from the seed cassettes (or read from a `summarizer run` output dir with
--results). For each citation marker the script clicks it and reads the DOM: the highlighted
<mark> must hold exactly source.text[start:end] of the cited source, the marker must be the
active one, and the viewer must name the source. It also counts network requests (none allowed:
the page is self-contained) and browser console errors (a blocked inline script would show up
there as a Content-Security-Policy violation).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.memo.merge import build_memo  # noqa: E402
from summarizer.memo.render import render_html  # noqa: E402
from summarizer.models import ArticleSummary  # noqa: E402

from bench.cluster_eval import seed_summaries  # noqa: E402

RESULTS = ROOT / "bench" / "results"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


def stored_summaries(folder: Path) -> list[ArticleSummary]:
    lines = (folder / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    return [ArticleSummary.model_validate_json(line) for line in lines if line.strip()]


def start_browser(profile: str) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # selenium-manager: never fetch a driver or a browser
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def check_citations(driver: Any, texts: dict[int, str]) -> dict[str, Any]:
    from selenium.webdriver.common.by import By

    markers = driver.find_elements(By.CSS_SELECTOR, "a.cite")
    failures = []
    for marker in markers:
        source = int(marker.get_attribute("data-source"))
        start, end = int(marker.get_attribute("data-start")), int(marker.get_attribute("data-end"))
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", marker)
        marker.click()
        shown = driver.execute_script(
            "var m = document.getElementById('highlight'); return m ? m.textContent : null;"
        )
        active = "active" in (marker.get_attribute("class") or "")
        heading = driver.find_element(By.ID, "viewer-title").text
        in_view = driver.execute_script(
            "var m = document.getElementById('highlight').getBoundingClientRect();"
            "var b = document.getElementById('viewer-text').getBoundingClientRect();"
            "return m.height === 0 || (m.top >= b.top && m.top <= b.bottom);"
        )
        expected = texts[source][start:end]
        if shown != expected or not active or f"[{source}]" not in heading or not in_view:
            failures.append({"source": source, "start": start, "end": end, "shown": shown})
    return {"citations_clicked": len(markers), "mismatches": failures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, help="a `summarizer run` output dir")
    args = parser.parse_args(argv)
    summaries = stored_summaries(args.results) if args.results else seed_summaries()
    memo = build_memo(summaries)
    texts = {s.number: s.text for s in memo.sources}
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "memo.html"
        page.write_text(render_html(memo), encoding="utf-8")
        driver = start_browser(str(Path(tmp) / "profile"))
        try:
            driver.get(page.as_uri())
            report = check_citations(driver, texts)
            # The screenshot shows the memo with one quote open: the first participant's.
            driver.execute_script("window.scrollTo(0, 0);")
            first = driver.execute_script(
                "var a = document.querySelector('.event table a.cite'); if (a) a.click();"
                "window.scrollTo(0, 0); return a ? a.textContent : null;"
            )
            driver.save_screenshot(str(RESULTS / "memo.png"))
            requests = driver.execute_script(
                "return performance.getEntriesByType('resource').length;"
            )
            errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        finally:
            driver.quit()
    report |= {
        "network_requests": requests,
        "console_errors": [e.get("message", "")[:300] for e in errors],
        "screenshot": "bench/results/memo.png",
        "screenshot_citation": first,
        "events": len(memo.events),
        "sources": len(memo.sources),
    }
    ok = not report["mismatches"] and requests == 0 and not errors
    report["ok"] = ok
    (RESULTS / "memo_browser.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(" ".join(["$ .venv/bin/python bench/memo_browser.py", *(argv or sys.argv[1:])]))
    print(
        f"citations clicked: {report['citations_clicked']}, highlight mismatches: "
        f"{len(report['mismatches'])}, network requests: {requests}, console errors: "
        f"{len(errors)}; screenshot: bench/results/memo.png -> {'OK' if ok else 'FAILED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
