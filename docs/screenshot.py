"""Remake docs/report-html.png, the README's picture of a rendered page. Run from the repository root:

    python docs/screenshot.py

Needs `reportlint` on PATH and Debian's `chromium`. It renders the failing fixture `fixtures/fail-length` with
its figures embedded, then photographs a copy of the page in headless Chromium in which a small script leaves
out the report between the summary and Question 7 (headless screenshots start at the top of the page), so the
picture shows the summary and one failing question with its status line.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPORT = "fixtures/fail-length/README.md"
OUTPUT = Path("docs/report-html.png")
SHOWN = "question-7"
CUT = f"""<script>
(function () {{
  var shown = document.getElementById("{SHOWN}"), node = shown.previousElementSibling;
  while (node) {{ var before = node.previousElementSibling; node.remove(); node = before; }}
  var note = document.createElement("p");
  note.className = "rl-mode";
  note.textContent = "(the report down to Question 7 is left out of this picture)";
  shown.before(note);
}})();
</script>
</body>"""


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "report.html"
        subprocess.run(
            ["reportlint", "html", "--template", "dtu-mlops-2025", "--embed-images", "-o", str(page), REPORT],
            check=False,
        )  # exits 1: a page was written
        html = page.read_text(encoding="utf-8")
        cut = page.with_name("cut.html")
        cut.write_text(
            html.replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", 1).replace(
                "</body>", CUT, 1
            ),
            encoding="utf-8",
        )
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={scratch}/profile",
                "--hide-scrollbars",
                "--window-size=1000,1150",
                f"--screenshot={OUTPUT.resolve()}",
                cut.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
