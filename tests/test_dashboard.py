"""`summary --html DIR`: a static grading dashboard, one row per group and one coloured cell per question, each
row leading to the group's page; checked as HTML, on disk, and in a real headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

import scrape as generated
from conftest import FIXTURES, build_report, invoke
from reportlint.lint import lint
from reportlint.output.dashboard import CSP, index, index_name, index_pages
from reportlint.output.table import SORTS, Row, error_row, row, sort_rows
from test_html_browser import CHROMIUM, REQUIRED

DEADLINE = generated.DEADLINE


@pytest.fixture(scope="module")
def scraped(tmp_path_factory: pytest.TempPathFactory) -> generated.Scrape:
    return generated.shared(tmp_path_factory)


class Page(HTMLParser):
    """What the tests read of a page: its rows (the cells' classes, text and links), every link, every id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[dict[str, Any]]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts = 0
        self._section = ""
        self._cell: dict[str, Any] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "script":
            self.scripts += 1
        if tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "tr" and self._section == "tbody":
            self.rows.append([])
        elif tag in ("td", "th") and self._section == "tbody":
            self._cell = {"class": found.get("class") or "", "text": "", "href": None, "title": found.get("title")}
            self.rows[-1].append(self._cell)
        elif tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
            if self._cell is not None:
                self._cell["href"] = found["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None
        if tag in ("thead", "tbody", "tfoot"):
            self._section = ""

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data


def checked_rows(*kinds: str) -> list[Row]:
    rows = []
    for number, kind in enumerate(kinds, start=1):
        text = (FIXTURES / kind / "README.md").read_text(encoding="utf-8")
        result = lint(text, f"s/g{number}/reports/README.md")
        assert result is not None
        rows.append(row(result.outcome(), f"g{number}"))
    return rows


# --- the index, from rows ---------------------------------------------------------------------------


def test_the_index_has_a_row_per_group_and_a_cell_per_question_coloured_by_status() -> None:
    rows = [*checked_rows("fail-length", "pass-2023"), error_row("g3", "s/g3", "no report in this folder")]
    page = Page(index(rows, {"s/g1/reports/README.md": "g1.html"}, "group", None, None))
    assert [r[0]["text"] for r in page.rows] == ["g1", "g2", "g3"]
    questions = [[cell for cell in r if cell["class"].startswith("q")] for r in page.rows]
    assert [len(cells) for cells in questions] == [31, 31, 0]  # the 2023 group's four extra cells are blank
    assert [cell["class"] for cell in questions[1][26:]] == ["q rl-pass", "q", "q", "q", "q"]
    seventh = questions[0][6]
    assert (seventh["class"], seventh["text"], seventh["href"]) == ("q rl-fail", "✗", "g1.html#question-7")
    assert seventh["title"] == "Question 7: fails (RL201 too-few-words)"
    assert page.rows[0][0]["href"] == "g1.html" and page.rows[1][0]["href"] is None  # g2 has no page given
    notes = [cell for cell in page.rows[2] if "note" in cell["class"]]
    assert [(cell["class"], cell["text"]) for cell in notes] == [("note rl-error", "no report in this folder")]


def test_the_index_shows_the_courses_count_and_totals() -> None:
    rows = checked_rows("fail-length", "fail-grader-crash", "pass-2025")
    html = index(rows, {}, "group", None, None)
    page = Page(html)
    assert [r[2]["text"] for r in page.rows] == ["27/31", "stops", "31/31"]
    totals = html.split("<tfoot>")[1]
    assert '<td class="num">58/62</td>' in totals and '<td class="num">6</td>' in totals  # errors: 4 + 2 + 0
    assert 'title="Question 7: 2 of 3 pass">2</td>' in totals


def test_each_sort_is_a_page_of_its_own_linked_from_its_header() -> None:
    rows = checked_rows("pass-2025", "fail-length", "fail-grader-crash", "fail-structure")
    pages = index_pages(rows, {}, None, None)
    assert sorted(pages) == sorted(index_name(sort) for sort in SORTS)
    assert index_name("group") == "index.html" and index_name("course") == "index-by-course.html"
    for sort, html in ((sort, pages[index_name(sort)]) for sort in SORTS):
        assert [r[0]["text"] for r in Page(html).rows] == [r.group for r in sort_rows(rows, sort)]
        assert set(Page(html).links) == {index_name(other) for other in SORTS}
        assert f'aria-sort="{"ascending" if sort == "group" else "descending"}"' in html


def test_the_index_runs_no_script_and_escapes_what_groups_name(tmp_path: Path) -> None:
    rows = [error_row('<script>alert("x")</script>', "s/x/reports/README.md", "<b>bold</b> reason")]
    html = index(rows, {}, "group", None, None)
    assert f'content="{CSP}"' in html and "default-src 'none'" in CSP and "script" not in CSP
    assert Page(html).scripts == 0 and "&lt;script&gt;" in html and "&lt;b&gt;bold" in html


def test_the_same_rows_give_the_same_bytes() -> None:
    rows = checked_rows("pass-2025", "fail-length")
    assert index_pages(rows, {}, None, None) == index_pages(list(rows), {}, None, None)


# --- the dashboard on disk ----------------------------------------------------------------------------


def dashboard(root: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, over the scrape, on every core."""
    return subprocess.run(
        [sys.executable, "-m", "reportlint", "summary", "--format", "json", "--html", str(folder), *args, "groups"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def written(scraped: generated.Scrape, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("dashboard")
    done = dashboard(scraped.root, folder)
    assert done.returncode == 2, done.stderr  # the group without a report and the unreadable one
    return folder, json.loads(done.stdout)


@pytest.fixture(scope="module")
def deadline(scraped: generated.Scrape, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("deadline")
    done = dashboard(scraped.root, folder, "--before", DEADLINE)
    return folder, json.loads(done.stdout)


def test_the_index_has_one_row_per_group_in_the_order_of_the_table(written: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, rows = written
    page = Page((folder / "index.html").read_text(encoding="utf-8"))
    assert [r[0]["text"] for r in page.rows] == [r["group"] for r in rows]
    assert len(page.rows) == generated.GROUPS + 5


def test_every_link_of_the_index_resolves(written: tuple[Path, list[dict[str, Any]]]) -> None:
    """Each group's name and each question's cell lead to its page and the question's heading there."""
    folder, rows = written
    pages = {path.name: Page(path.read_text(encoding="utf-8")) for path in folder.glob("*.html")}
    linked = 0
    for name in (index_name(sort) for sort in SORTS):
        for link in pages[name].links:
            target, _, anchor = unquote(link).partition("#")
            assert target in pages, f"{name} links {link}"
            assert not anchor or anchor in pages[target].ids, f"{name} links {link}"
            linked += 1
    with_counts = [r for r in rows if r["error"] is None]
    assert len(pages) == len(with_counts) + len(SORTS)  # a page per report, and the sorted indexes
    assert linked > len(SORTS) * len(with_counts) * 25
    assert all(page.links[0] == "index.html" for name, page in pages.items() if not name.startswith("index"))


def test_each_group_page_is_the_graders_page_with_a_line_back(written: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, rows = written
    html = (folder / "group1.html").read_text(encoding="utf-8")
    assert '<p class="rl-mode"><a href="index.html">All groups</a> · the report as it is now</p>' in html
    first = next(r for r in rows if r["group"] == "group1")
    assert f"<strong>{first['passing']} of {first['questions']}</strong> questions pass" in html
    assert "Grader view" in html and html.count('<aside class="rl-status') > 0
    page = (folder / "group-5.html").read_text(encoding="utf-8")  # `group 5`, named safely
    assert "<title>group 5/reports/README.md - reportlint</title>" in page


def test_pages_of_odd_groups_have_names_of_their_own(written: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, _ = written
    two, other = generated.name(generated.TWO_REPORTS), generated.name(generated.OTHER_NAME)
    assert (folder / f"{two}.html").read_text(encoding="utf-8").count(f"{two}/reports/README.md") >= 1
    assert f"<title>{two}/README.md - " in (folder / f"{two}-2.html").read_text(encoding="utf-8")
    assert (folder / f"{other}-report.html").is_file()
    assert not (folder / f"{generated.name(generated.NO_REPORT)}.html").exists()


def git_group(kind: str) -> str:
    """A group that is a clone holding `kind` at the deadline and the passing report after it."""
    index = next(
        i
        for i in range(1, generated.GROUPS + 1)
        if generated.in_git(i) and generated.kind(i) == kind and i not in (generated.LATECOMER, generated.UNTRACKED)
    )
    return generated.name(index)


def test_the_pages_with_before_show_the_committed_report(deadline: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, rows = deadline
    index_html = (folder / "index.html").read_text(encoding="utf-8")
    assert "as committed before 2026-01-23 23:59 +01:00" in index_html
    group = git_group("fail-length")
    late = next(r for r in rows if r["group"] == group)
    html = (folder / f"{group}.html").read_text(encoding="utf-8")
    assert f"the report as committed in commit {late['commit'][:7]} of 2026-01-22 12:00" in html
    assert f"changed after the deadline, last in {late['after_commit'][:7]}" in html
    assert late["passing"] == 27 and "<strong>27 of 31</strong> questions pass" in html
    cells = Page(index_html).rows[[r["group"] for r in rows].index(group)]
    assert any("rl-late" in cell["class"] for cell in cells)


def test_a_second_run_writes_the_same_bytes_and_touches_nothing(
    scraped: generated.Scrape, written: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, _ = written
    before = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.iterdir()}
    again = dashboard(scraped.root, folder)
    elsewhere = dashboard(scraped.root, tmp_path / "copy")
    assert again.returncode == elsewhere.returncode == 2
    assert {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.iterdir()} == before
    assert {path.name: path.read_bytes() for path in (tmp_path / "copy").iterdir()} == {
        name: data for name, (data, _) in before.items()
    }


def test_a_dashboard_folder_that_cannot_be_made_exits_2(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "pass-2025", tmp_path / "g1" / "reports")
    (tmp_path / "taken").write_text("a file", encoding="utf-8")
    ran = invoke(["summary", "--html", str(tmp_path / "taken"), str(tmp_path / "g1")])
    assert ran.exit_code == 2 and "cannot write the dashboard there" in ran.stderr


def test_a_page_is_written_only_for_a_report(tmp_path: Path) -> None:
    (tmp_path / "g1" / "reports").mkdir(parents=True)
    (tmp_path / "g1" / "reports" / "README.md").write_text(build_report(), encoding="utf-8")
    (tmp_path / "g1" / "reports" / "notes.md").write_text("# notes\n", encoding="utf-8")
    assert invoke(["summary", "--html", str(tmp_path / "out"), str(tmp_path)]).exit_code == 0
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(
        ["g1.html", *(index_name(sort) for sort in SORTS)]
    )


# --- in a real browser --------------------------------------------------------------------------------

browser = pytest.mark.skipif(CHROMIUM is None and not REQUIRED, reason="Chromium is not installed")

PROBE = """<script>
window.addEventListener("load", function () {
  var rows = document.querySelectorAll("table.rl-groups tbody tr");
  var found = {
    rows: rows.length,
    groups: Array.prototype.map.call(rows, function (row) { return row.cells[0].textContent; }),
    cells: document.querySelectorAll("tbody td.q.rl-pass, tbody td.q.rl-warn, tbody td.q.rl-fail, " +
      "tbody td.q.rl-unanswered, tbody td.q.rl-missing").length,
    coloured: (function (cell) { return cell && getComputedStyle(cell).backgroundColor; })(
      document.querySelector("tbody td.q.rl-fail")),
    pages: Array.prototype.map.call(document.querySelectorAll("tbody th a"), function (a) { return a.href; }),
    images: Array.prototype.map.call(document.images, function (image) {
      return image.complete && image.naturalWidth > 0;
    }),
    headings: document.querySelectorAll("main h3[id]").length
  };
  var out = document.createElement("pre");
  out.id = "rl-probe";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
});
</script>
"""


def probe(page: Path, tmp_path: Path) -> dict[str, Any]:
    """Open a copy of `page` (beside it, so links resolve alike) in headless Chromium with a probe script that
    the copy's policy allows; what the probe saw."""
    if CHROMIUM is None:
        pytest.fail("REPORTLINT_REQUIRE_BROWSER is set but no Chromium was found (apt-get install chromium)")
    html = page.read_text(encoding="utf-8")
    copy = page.with_name(f"probe-{page.name}")
    copy.write_text(
        html.replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", 1).replace(
            "</body>", PROBE + "</body>", 1
        ),
        encoding="utf-8",
    )
    try:
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
                f"--user-data-dir={tmp_path / 'chromium-profile'}",
                "--dump-dom",
                copy.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        copy.unlink()
    found = re.search(r'<pre id="rl-probe">(.*?)</pre>', done.stdout, re.DOTALL)
    assert found, f"no probe output; chromium said:\n{done.stderr[-2000:]}"
    result: dict[str, Any] = json.loads(
        found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )
    return result


@browser
def test_chromium_shows_one_row_per_group_each_linking_a_page_that_exists(
    written: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, rows = written
    seen = probe(folder / "index.html", tmp_path)
    assert seen["rows"] == len(rows) and seen["groups"] == [r["group"] for r in rows]
    assert seen["cells"] == sum(r["questions"] or 0 for r in rows)
    assert seen["coloured"] == "rgb(207, 34, 46)"  # a failing question is red
    pages = [Path(unquote(href.removeprefix("file://"))) for href in seen["pages"]]
    assert len(pages) == len([r for r in rows if r["error"] is None])
    assert all(page.is_file() and page.parent == folder for page in pages)


@browser
def test_chromium_shows_the_index_sorted_by_the_course_from_its_header(
    written: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, rows = written
    seen = probe(folder / "index-by-course.html", tmp_path)
    stops = [r["group"] for r in rows if r["course_stops"]]
    assert seen["groups"][: len(stops)] == sorted(stops, key=[r["group"] for r in rows].index)
    assert seen["groups"][-2:] == [generated.name(generated.NO_REPORT), generated.name(generated.UNREADABLE)]


@browser
@pytest.mark.parametrize("which", ["written", "deadline"])
def test_chromium_shows_a_group_page_with_every_figure_from_the_folder_alone(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    folder, _ = request.getfixturevalue(which)
    alone = tmp_path / "moved"
    shutil.copytree(folder, alone)  # nothing outside the folder is needed
    seen = probe(alone / f"{git_group('fail-length')}.html", tmp_path)  # fail-length at the deadline, passing now
    assert seen["headings"] == 31 and len(seen["images"]) >= 8 and all(seen["images"])
