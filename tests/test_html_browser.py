"""The written page in a real headless Chromium: every figure loads, linked or embedded, and the questions show.

A copy of the page, beside it so its links resolve the same way, gets a small inline script that writes each
image's natural width and the question headings into the DOM; `chromium --dump-dom` prints that DOM. The page's
own Content-Security-Policy is kept except that the copy may run that one script, so images load under the real
policy. Without Chromium the tests are skipped, unless REPORTLINT_REQUIRE_BROWSER is set (CI sets it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, invoke

CHROMIUM = os.environ.get("REPORTLINT_CHROMIUM") or next(
    filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
)

REQUIRED = bool(os.environ.get("REPORTLINT_REQUIRE_BROWSER"))
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED,
    reason="Chromium is not installed (Debian: "
    "apt-get install chromium); CI installs it and sets REPORTLINT_REQUIRE_BROWSER=1",
)

PROBE = """<script>
window.addEventListener("load", function () {
  var found = {
    images: Array.prototype.map.call(document.images, function (image) {
      return {src: image.getAttribute("src").slice(0, 40), complete: image.complete, width: image.naturalWidth};
    }),
    headings: Array.prototype.map.call(document.querySelectorAll("main h3[id]"), function (heading) {
      return {text: heading.textContent, shown: heading.getBoundingClientRect().height > 0};
    }),
    statuses: document.querySelectorAll("aside.rl-status").length
  };
  var out = document.createElement("pre");
  out.id = "rl-probe";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
});
</script>
"""


def probe(page: Path, tmp_path: Path) -> dict[str, Any]:
    """Open a probing copy of `page` in headless Chromium and return what the probe saw."""
    if CHROMIUM is None:
        pytest.fail("REPORTLINT_REQUIRE_BROWSER is set but no Chromium was found (apt-get install chromium)")
    html = page.read_text(encoding="utf-8")
    assert "default-src 'none';" in html
    copy = page.with_name(f"probe-{page.name}")
    copy.write_text(
        html.replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", 1).replace(
            "</body>", PROBE + "</body>", 1
        ),
        encoding="utf-8",
    )
    profile = tmp_path / f"chromium-profile-{page.parent.name}"
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--dump-dom",
            copy.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = re.search(r'<pre id="rl-probe">(.*?)</pre>', done.stdout, re.DOTALL)
    assert found, f"no probe output; chromium said:\n{done.stderr[-2000:]}"
    result: dict[str, Any] = json.loads(
        found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )
    return result


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A group's repository holding the passing 2025 report (8 figures, one name with a space, one JPEG)."""
    repository = tmp_path / "group"
    shutil.copytree(FIXTURES / "pass-2025", repository / "reports")
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    return repository / "reports"


def render(*args: str) -> None:
    result = invoke(["html", *args])
    # written anew: 0 for a page git does not track, 1 outside any git work tree
    assert result.exit_code in (0, 1) and "reportlint: wrote" in result.stdout, result.stdout + result.stderr


def loaded(image: dict[str, Any]) -> bool:
    return bool(image["complete"]) and int(image["width"]) > 0


QUESTIONS = [{"text": f"Question {number}", "shown": True} for number in range(1, 32)]


@pytest.mark.parametrize("where", ["beside the report", "in another folder"])
def test_relative_links_load_every_figure(reports: Path, tmp_path: Path, where: str) -> None:
    page = reports / "report.html" if where == "beside the report" else reports.parent / "site" / "deep" / "x.html"
    render(str(reports / "README.md"), *([] if where == "beside the report" else ["-o", str(page)]))
    seen = probe(page, tmp_path)
    assert len(seen["images"]) == 8
    assert [image for image in seen["images"] if not loaded(image)] == []
    assert not any(str(image["src"]).startswith("data:") for image in seen["images"])
    assert seen["headings"] == QUESTIONS and seen["statuses"] == 31


@pytest.mark.parametrize("pretty", [[], ["--pretty"]])
def test_embedded_page_loads_every_figure_on_its_own(reports: Path, tmp_path: Path, pretty: list[str]) -> None:
    alone = tmp_path / "mailed"  # far from any figure: only the data URIs can show them
    render(str(reports / "README.md"), "--embed-images", "-o", str(alone / "report.html"), *pretty)
    shutil.rmtree(reports / "figures")
    seen = probe(alone / "report.html", tmp_path)
    assert len(seen["images"]) == 8
    assert [image for image in seen["images"] if not loaded(image)] == []
    assert all(str(image["src"]).startswith("data:image/") for image in seen["images"])
    assert seen["headings"] == QUESTIONS and seen["statuses"] == 31


def test_the_probe_sees_a_broken_figure(reports: Path, tmp_path: Path) -> None:
    """The check above is not vacuous: a page moved away from its figures shows none of them."""
    render(str(reports / "README.md"))
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copy(reports / "report.html", moved / "report.html")
    seen = probe(moved / "report.html", tmp_path)
    assert len(seen["images"]) == 8 and all(image["width"] == 0 for image in seen["images"])
