"""A figure pasted into its link as a `data:` URI: the course counts it and the graders' page shows it, GitHub does
not. check and html read the link the same way (one classifier): html shows it, check warns that GitHub will not."""

from __future__ import annotations

from pathlib import Path

from conftest import build_report, invoke, line_of, png_bytes, write

PICTURE = "data:image/png;base64," + __import__("base64").b64encode(png_bytes()).decode()


def test_check_warns_that_github_does_not_show_it_and_counts_it(report_dir: Path) -> None:
    text = build_report({20: f"![registry]({PICTURE})"})
    ran = invoke(["check", str(write(report_dir, text))])
    assert ran.exit_code == 0  # a warning: the graders see it, and the course counts it as Question 20's image
    assert ran.stdout.splitlines()[0] == (
        f"{report_dir / 'README.md'}:{line_of(text, PICTURE)}:1: RL420 warning: image 'data:image/png;base64,...' is "
        "a data: URI: the graders' page shows it, but GitHub does not; commit the file under reports/figures/ and link "
        "it to see it there too"
    )


def test_html_shows_it_as_it_is(report_dir: Path) -> None:
    path = write(report_dir, build_report({20: f"![registry]({PICTURE})"}))
    page = invoke(["html", "-o", "-", str(path)]).stdout
    assert f'<img alt="registry" src="{PICTURE}" />' in page and 'class="rl-refused"' not in page
