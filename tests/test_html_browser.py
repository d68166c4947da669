"""The written page in a real headless Chromium: every figure loads, linked or embedded, the questions show, and
a hostile report can neither hide the verdicts, nor navigate away, nor load anything.

A copy of the page, beside it so its links resolve the same way, gets a small inline script that writes what it
sees into the DOM; `chromium --dump-dom` prints that DOM. The page's own Content-Security-Policy is kept except
that the copy may run that one script (by its nonce, so nothing from the report runs), so everything else loads
under the real policy. Without Chromium the tests are skipped, unless REPORTLINT_REQUIRE_BROWSER is set (CI sets
it).
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, build_report, invoke, png_bytes
from reportlint.lint import lint
from reportlint.output.page import Figure, page

CHROMIUM = os.environ.get("REPORTLINT_CHROMIUM") or next(
    filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
)

REQUIRED = bool(os.environ.get("REPORTLINT_REQUIRE_BROWSER"))
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED,
    reason="Chromium is not installed (Debian: "
    "apt-get install chromium); CI installs it and sets REPORTLINT_REQUIRE_BROWSER=1",
)

NONCE = "rl-probe"
PROBE = f"""<script nonce="{NONCE}">
window.addEventListener("load", function () {{
  setTimeout(function () {{
    var found = {{
      location: window.location.href,
      images: Array.prototype.map.call(document.images, function (image) {{
        return {{src: image.getAttribute("src").slice(0, 40), complete: image.complete, width: image.naturalWidth}};
      }}),
      headings: Array.prototype.map.call(document.querySelectorAll("main h3[id]"), function (heading) {{
        return {{text: heading.textContent, shown: heading.getBoundingClientRect().height > 0}};
      }}),
      statuses: document.querySelectorAll("aside.rl-status").length,
      seen: Array.prototype.map.call(document.querySelectorAll("#summary, aside.rl-status"), seenOnTop),
      elements: ["style", "meta", "base", "link", "form", "iframe", "object", "embed", "svg", "script"].map(
        function (name) {{ return name + " " + document.getElementsByTagName(name).length; }})
    }};
    var out = document.createElement("pre");
    out.id = "rl-probe";
    out.textContent = JSON.stringify(found);
    document.body.appendChild(out);
  }}, 500);
}});
// Whether a reader sees `element`: it has a size, and at its centre nothing from elsewhere covers it.
function seenOnTop(element) {{
  element.scrollIntoView({{block: "center"}});
  var box = element.getBoundingClientRect();
  var style = window.getComputedStyle(element);
  var top = document.elementFromPoint(box.left + Math.min(box.width / 2, 20), box.top + box.height / 2);
  return box.height > 0 && style.visibility === "visible" && style.opacity === "1" &&
    top !== null && element.contains(top);
}}
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
        html.replace("default-src 'none';", f"default-src 'none'; script-src 'nonce-{NONCE}';", 1).replace(
            "\n</body>", PROBE + "</body>", 1
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
            "--virtual-time-budget=3000",  # time for a refresh or a late load to happen before the DOM is printed
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


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request with nothing and notes its path: what a page sends off itself arrives here."""

    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(204)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A web server on this machine, its address and the paths it was asked for."""
    seen: list[str] = []
    handler = type("Handler", (Recorder,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def hostile_answers(url: str) -> dict[int, str]:
    """Raw HTML a group could put in its answers to hide the verdicts, leave the page or call home."""
    return {
        3: f"Styled. <style>.rl-status, #summary {{ display: none }}</style> <link rel=stylesheet href={url}/css>",
        4: f'Moving on. <meta http-equiv="refresh" content="0;url={url}/refresh"> <base href="{url}/base/">',
        5: f'Ask us. <form action="{url}/form" method="post"><input name="q" autofocus><button>send</button></form>',
        6: f'Framed. <iframe src="{url}/iframe"></iframe> <object data="{url}/object"></object> <embed src="{url}/embed">',
        7: f'Pictures. <img src="figures/fig.png" srcset="{url}/srcset 2x"> <svg><image href="{url}/svg"/></svg>',
        8: f'Covered. <div style="position:fixed;inset:0;z-index:9;background:white url({url}/css-image)">.</div>',
        9: f'Poster. <video poster="{url}/poster"></video> <table background="{url}/table"><tr><td>x</td></tr></table>',
        10: f'Scripts. <img src="figures/fig.png" onerror="location=\'{url}/onerror\'"> <a href="javascript:1">a</a>',
        11: 'Fake pass. <aside class="rl-status rl-pass">passes</aside> <a id="question-12">12</a>',
        12: 'Pale <font color="white">from here on <span style="display:none">hidden',
    }


def write_page(folder: Path, answers: dict[int, str]) -> Path:
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "fig.png").write_bytes(png_bytes())
    text = build_report(answers)
    result = lint(text, "README.md")
    assert result is not None
    path = folder / "report.html"
    path.write_text(page(result, text, Figure, "reports/README.md"), encoding="utf-8")
    return path


def test_a_hostile_report_cannot_hide_the_verdicts_leave_or_load(
    tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    url, requests = listener
    path = write_page(tmp_path / "reports", hostile_answers(url))
    seen = probe(path, tmp_path)
    assert seen["location"].endswith("/reports/probe-report.html")  # not navigated away
    assert requests == []
    assert seen["statuses"] == 31 and all(seen["seen"]), seen["seen"]  # the summary and every status, on top
    assert seen["elements"] == [
        "style 1",  # the page's own
        "meta 4",  # the page's own: policy, charset, viewport, generator
        "base 0",
        "link 0",
        "form 0",
        "iframe 0",
        "object 0",
        "embed 0",
        "svg 0",
        "script 1",  # the probe
    ]


def test_the_hostile_probe_sees_a_page_that_lets_the_report_through(
    tmp_path: Path, listener: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test above is not vacuous: with nothing shown as text, the same report calls home and hides things."""
    from reportlint.output import page as page_module

    monkeypatch.setattr(page_module, "refused", lambda tag: None)
    url, requests = listener
    answers = hostile_answers(url)
    del answers[4]  # the refresh would leave before the probe looks
    path = write_page(tmp_path / "reports", answers)
    seen = probe(path, tmp_path)
    assert requests != []
    assert not all(seen["seen"])
