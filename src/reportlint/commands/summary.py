"""`reportlint summary`: the edge around output/table.py. Finds reports in folders, checks them on every core
(as they are now, or as committed before a deadline), prints one table, writes the dashboard, and shows a
progress bar only where a person is watching.

The summary is a report, not a gate: findings never change the exit code. It exits 0 when every group
has a row with counts, 2 when a row has none (a file that cannot be read, a folder with no report, no
commit before the deadline: the row says why and the run goes on), when nothing found is a report, or
on a usage error.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Callable, TextIO, TypeVar

from reportlint.commands.console import unescaped
from reportlint.commands.context import RunContext
from reportlint.config import ConfigError
from reportlint.edge import batch
from reportlint.edge.git import work_tree
from reportlint.edge.history import (
    Commit,
    Entry,
    GitError,
    Snapshot,
    SnapshotFigures,
    last_before,
    last_changes,
    list_tree,
)
from reportlint.edge.textfile import ReadError, read_text
from reportlint.lint import Result, lint
from reportlint.output.page import Resolver
from reportlint.output.table import (
    NOT_A_REPORT,
    Row,
    Zone,
    csv_text,
    error_row,
    json_text,
    moment,
    questions_csv,
    questions_json,
    row,
    sort_rows,
    table,
)
from reportlint.records import NamedTuple

EXIT_CLEAN, EXIT_ERROR = 0, 2
# Folders never searched: tools' and environments' copies of other people's markdown, and hidden ones.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
VENV_MARKER = "pyvenv.cfg"  # any virtual environment, whatever it is called
REPORTS = "reports"  # the folder the course's scraper fetches, and the name it fetches from it
SCRAPED = "README.md"
PROGRESS_FROM = 100  # fewer reports take well under a second: a bar would only flicker
PROGRESS_STEPS = 20
PROGRESS_WIDTH = 30
TABLE_WIDTH = 120  # what the table fits when standard output is not a terminal
T = TypeVar("T")


def run(options: argparse.Namespace) -> int:
    try:
        context = RunContext(
            options.template,
            use_config=not options.no_config,
            config_file=options.config,
            select=options.select,
            ignore=options.ignore,
        )
    except ConfigError as error:
        print(f"reportlint: {error}", file=sys.stderr)
        return EXIT_ERROR
    if options.html:
        try:
            os.makedirs(options.html, exist_ok=True)
        except OSError as error:
            print(f"reportlint: {options.html}: cannot write the dashboard there: {error.strerror}", file=sys.stderr)
            return EXIT_ERROR
    deadline: datetime | None = options.before
    zone = None if deadline is None else deadline.tzinfo
    shown = None if deadline is None else when(deadline)
    rows, pages, problems = summarize(options, context, zone, shown)
    if options.html:
        problems += write_dashboard(options.html, rows, pages, zone, shown)
    for r in rows:
        if r.error is not None:
            print(f"reportlint: {r.path}: {r.error}", file=sys.stderr)
    for problem in problems:
        print(f"reportlint: {problem}", file=sys.stderr)
    if not rows:
        print(
            f"reportlint: no report found in {', '.join(options.paths)} (a report has `### Question N` headings)",
            file=sys.stderr,
        )
    sys.stdout.write(printed(options, rows, zone, shown))
    return EXIT_ERROR if problems or not rows or any(r.error is not None for r in rows) else EXIT_CLEAN


def summarize(
    options: argparse.Namespace, context: RunContext, zone: Zone, shown: str | None
) -> tuple[list[Row], dict[str, str], list[str]]:
    """Every row, sorted; the dashboard page of each report whose page was written; what went wrong writing."""
    targets, rows = find_reports(options.paths)
    paths = sorted(targets)  # a repository's reports side by side, so a worker asks git about it once
    pages = page_names(paths) if options.html else {}
    deadline = None if options.before is None else (int(options.before.timestamp()), shown or "")
    html = os.path.abspath(options.html) if options.html else None
    job = Job(context, located(paths), deadline, zone, html, pages)
    problems: list[str] = []
    for path, done in zip(paths, checked(job, paths, unescaped(sys.stderr))):
        if done.row is not None:
            rows.append(done.row)
        elif targets[path]:
            rows.append(error_row(group_name(path), path, NOT_A_REPORT))
        if done.problem is not None:
            problems.append(done.problem)
            del pages[path]
    rows.extend(groups_without_report(options.paths, rows, options.html))
    return sort_rows(with_notes(rows), options.sort), pages, problems


def printed(options: argparse.Namespace, rows: Sequence[Row], zone: Zone, deadline: str | None) -> str:
    if options.per_question:
        return questions_json(rows) if options.output == "json" else questions_csv(rows)
    if options.output == "csv":
        return csv_text(rows, zone)
    if options.output == "json":
        return json_text(rows, zone)
    import shutil

    width = shutil.get_terminal_size((TABLE_WIDTH, 24)).columns if sys.stdout.isatty() else TABLE_WIDTH
    return table(rows, zone, width, deadline)


def when(deadline: datetime) -> str:
    """`2026-01-23 23:59 +01:00`: the deadline as staff wrote it, with the offset it was taken in."""
    offset = deadline.strftime("%z")
    return f"{deadline:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


# --- finding the reports and naming the groups ------------------------------------------------------


def find_reports(paths: Iterable[str]) -> tuple[dict[str, bool], list[Row]]:
    """Every markdown file to check, mapped to whether it was named (True) or found in a folder (False),
    each file once; and a row for each folder that could not be listed, so no group drops out unseen."""
    targets: dict[str, bool] = {}
    by_real: dict[str, str] = {}
    folder_errors: list[Row] = []

    def add(path: str, explicit: bool) -> None:
        first = by_real.setdefault(os.path.realpath(path), path)
        targets[first] = targets.get(first, False) or explicit

    for path in paths:
        if os.path.isdir(path):
            files, unlisted = markdown_files(path)
            for found in files:
                add(found, False)
            folder_errors.extend(
                error_row(os.path.basename(os.path.abspath(folder)), folder, f"folder cannot be read: {reason}")
                for folder, reason in unlisted
            )
        else:
            add(path, True)
    return targets, folder_errors


def _searched(entry: os.DirEntry[str]) -> bool:
    return not entry.name.startswith(".") and entry.name not in SKIPPED_FOLDERS and entry.is_dir(follow_symlinks=False)


def markdown_files(top: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The `.md` files under `top`, skipping hidden folders (`.git`, `.venv`), virtual environments and
    `node_modules`; symbolic links to folders are not followed, so a link loop cannot hang the run."""
    found: list[str] = []
    unlisted: list[tuple[str, str]] = []
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            unlisted.append((folder, error.strerror or str(error)))
            continue
        if folder != top and any(entry.name == VENV_MARKER for entry in entries):
            continue
        for entry in entries:
            if _searched(entry):
                stack.append(entry.path)
            elif not entry.name.startswith(".") and entry.name.lower().endswith(".md") and _file_or_broken(entry):
                found.append(entry.path)
    return found, unlisted


def _file_or_broken(entry: os.DirEntry[str]) -> bool:
    """A file to check, or to give a row saying why it cannot be: anything but a folder. A link that leads
    nowhere or loops, a FIFO, device or socket named `.md` is a group's report gone wrong, and the reader
    refuses it by its type without opening it, so it never blocks the run."""
    try:
        return not entry.is_dir()
    except OSError:  # a link loop, or a folder on the way that cannot be searched
        return True


def group_folder(path: str) -> str:
    """The group's folder: the one above `reports/`, or the report's own folder."""
    folder = os.path.dirname(os.path.abspath(path))
    return os.path.dirname(folder) if os.path.basename(folder).lower() == REPORTS else folder


def group_name(path: str) -> str:
    return os.path.basename(group_folder(path)) or path


def groups_without_report(given: Iterable[str], rows: Sequence[Row], dashboard: str | None) -> list[Row]:
    """A row for each folder that holds no report, inside a folder named on the command line whose folders
    are groups (some report's group folder is directly inside it): a group that handed in nothing. The
    dashboard's own folder is none."""
    holding: set[str] = set()  # every folder that holds a row's file, however deep
    for r in rows:
        folder = os.path.dirname(os.path.abspath(r.path))
        while folder not in holding and os.path.dirname(folder) != folder:
            holding.add(folder)
            folder = os.path.dirname(folder)
    folders = {group_folder(r.path) for r in rows if r.error is None or os.path.isfile(r.path)}
    skipped = os.path.abspath(dashboard) if dashboard else None
    empty: list[Row] = []
    for top in dict.fromkeys(path for path in given if os.path.isdir(path)):
        if not any(os.path.dirname(folder) == os.path.abspath(top) for folder in folders):
            continue
        try:
            with os.scandir(top) as listing:
                groups = sorted(entry.path for entry in listing if _searched(entry))
        except OSError:
            continue  # its row is there already
        for folder in groups:
            inside = os.path.abspath(folder)
            if inside != skipped and inside not in holding and not _is_venv(folder):
                empty.append(error_row(os.path.basename(inside), folder, "no report in this folder"))
    return empty


def _is_venv(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, VENV_MARKER))


def with_notes(rows: Sequence[Row]) -> list[Row]:
    """What staff should know beyond the counts: a report the course's scraper will not fetch (it fetches
    `reports/README.md` exactly), and a group with more than one report."""
    counts: dict[str, int] = {}
    for r in rows:
        if r.error is None:
            counts[group_folder(r.path)] = counts.get(group_folder(r.path), 0) + 1
    noted = []
    for r in rows:
        notes = list(r.notes)
        name = os.path.basename(r.path)
        if r.error is None and name != SCRAPED:
            notes.append(f"named {name}: the course fetches only {SCRAPED}")
        others = counts.get(group_folder(r.path), 0)
        if r.error is None and others > 1:
            notes.append(f"one of {others} reports of this group")
        noted.append(r._replace(notes=tuple(notes)) if notes != list(r.notes) else r)
    return noted


_UNSAFE = re.compile(r"[^\w.-]+")


def _scraped(path: str) -> bool:
    """Whether the file is where the course's scraper looks: `reports/README.md`, exactly."""
    return os.path.basename(path) == SCRAPED and os.path.basename(os.path.dirname(os.path.abspath(path))) == REPORTS


def page_names(paths: Sequence[str]) -> dict[str, str]:
    """Each file's page in the dashboard: `<group>.html` for the group's `reports/README.md`, `<group>-<name>.html`
    for a report of another name; unique whatever the letter case (`-2`, `-3`, ...), never an index page's name."""
    wanted = []
    for path in paths:
        stem = _UNSAFE.sub("-", group_name(path)).strip(".-") or "group"
        if stem.lower().startswith("index"):
            stem = f"group-{stem}"
        scraped = _scraped(path)
        if os.path.basename(path) != SCRAPED:
            stem += "-" + _UNSAFE.sub("-", os.path.splitext(os.path.basename(path))[0]).strip(".-")
        wanted.append((not scraped, group_folder(path), path, stem))
    names: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, path, stem in sorted(wanted):
        name, count = stem, 1
        while name.lower() in taken:
            count += 1
            name = f"{stem}-{count}"
        taken.add(name.lower())
        names[path] = f"{name}.html"
    return names


def located(paths: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Each file inside a git work tree: its top and its path there (with '/'), for asking git about it."""
    roots: dict[str, str | None] = {}
    found = {}
    for path in paths:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in roots:
            roots[folder] = work_tree(folder)
        root = roots[folder]
        if root is not None:
            inside = os.path.relpath(os.path.realpath(path), os.path.realpath(root)).replace(os.sep, "/")
            found[path] = (root, inside)
    return found


# --- checking them ----------------------------------------------------------------------------------


class Done(NamedTuple):
    """A file's row (None when it is not a report) and, with the dashboard, why its page was not written."""

    row: Row | None
    problem: str | None = None


class Repository:
    """What one repository's history says about its reports, asked of git once per worker process."""

    def __init__(self, root: str, reports: Sequence[str], deadline: int | None) -> None:
        self.root = root
        self.before: Commit | None = None
        self.entries: dict[str, dict[str, Entry]] = {}
        if deadline is None:
            self.changes = last_changes(root, reports)
            return
        self.before = last_before(root, deadline)
        folders = sorted({os.path.dirname(report).replace(os.sep, "/") for report in reports})
        if self.before is None:
            self.changes = {}
            return
        self.changes = last_changes(root, [folder or "." for folder in folders], since=self.before.sha)
        for name, entry in list_tree(root, self.before.sha, folders).items():
            for folder in _ancestors(name):
                if folder in folders:
                    self.entries.setdefault(folder, {})[name[len(folder) + 1 if folder else 0 :]] = entry

    def after(self, folder: str) -> Commit | None:
        return self.changes.get(folder or ".")


def _ancestors(name: str) -> Iterable[str]:
    while name:
        name = name.rpartition("/")[0]
        yield name


_REPOSITORIES: dict[str, dict[str, Repository | GitError]] = {}  # run -> work tree -> what git said


class Job:
    """Checks one file for the summary, in whatever process runs it: picklable, with git's answers kept per
    repository in each process (never sent between them)."""

    def __init__(
        self,
        context: RunContext,
        where: dict[str, tuple[str, str]],
        deadline: tuple[int, str] | None,
        zone: Zone,
        html: str | None,
        pages: dict[str, str],
    ) -> None:
        self.context = context
        self.where = where  # path -> (work tree, path inside it) for files inside a git work tree
        self.reports: dict[str, list[str]] = {}  # work tree -> the paths inside it, asked about together
        for root, inside in where.values():
            self.reports.setdefault(root, []).append(inside)
        self.deadline = deadline  # (seconds since the epoch, as shown); None: the files as they are now
        self.zone = zone
        self.html = html  # the dashboard's folder, absolute; None: no pages
        self.pages = pages
        self.run = f"{os.getpid()}.{time.monotonic_ns()}"  # this run, told apart from earlier ones in a process

    def repository(self, root: str) -> Repository:
        """The repository's answers, asked of git once per process in a run: worker processes get the job anew
        with every slice of files, so the answers are kept beside it, for this run only."""
        if self.run not in _REPOSITORIES:
            _REPOSITORIES.clear()
            _REPOSITORIES[self.run] = {}
        known = _REPOSITORIES[self.run]
        if root not in known:
            try:
                known[root] = Repository(root, self.reports[root], None if self.deadline is None else self.deadline[0])
            except GitError as error:
                known[root] = error
        found = known[root]
        if isinstance(found, GitError):
            raise found
        return found

    def __call__(self, path: str) -> Done:
        group = group_name(path)
        where = self.where.get(path)
        try:
            if self.deadline is not None and where is not None:
                return self._committed(path, group, *where)
            text = read_text(path)
            result = self.context.lint(path, text)
        except (ReadError, ConfigError, GitError) as error:
            return Done(error_row(group, path, str(error)))
        except OSError as error:  # whatever else the disk says of this file is its row, not the run's end
            return Done(error_row(group, path, error.strerror or str(error)))
        if result is None:
            return Done(None)
        found = row(result.outcome(), group)
        if where is not None:
            found = self._last_change(found, *where)
        elif self.deadline is not None:
            found = found._replace(notes=("not in git: as it is now",))
        return Done(found, self._page(result, text, path, found, None))

    def _last_change(self, found: Row, root: str, inside: str) -> Row:
        try:
            change = self.repository(root).changes.get(inside)
        except GitError as error:
            return found._replace(notes=(str(error),))
        if change is None:
            return found._replace(notes=("never committed",))
        return found._replace(commit=change.sha, commit_time=change.time)

    def _committed(self, path: str, group: str, root: str, inside: str) -> Done:
        """The report as the last commit before the deadline holds it, with that commit's figures."""
        repository = self.repository(root)
        before = repository.before
        if before is None:
            reason = "no commit before the deadline"
            return Done(error_row(group, path, reason) if _is_report(path) else None)
        folder, _, name = inside.rpartition("/")
        with Snapshot(root, repository.entries.get(folder, {})) as snapshot:
            text = snapshot.text(name)
            result = None if text is None else self._lint(path, text, snapshot)
            if result is None:
                if not _is_report(path):
                    return Done(None)
                absent = "not in" if text is None else "not yet a report in"
                when = moment(before.time, self.zone)
                return Done(
                    error_row(group, path, f"{absent} commit {before.sha[:7]} of {when}, the last before the deadline")
                )
            assert text is not None
            after = repository.after(folder)
            found = row(result.outcome(), group)._replace(commit=before.sha, commit_time=before.time)
            if after is not None:
                found = found._replace(after_commit=after.sha, after_time=after.time)
            return Done(found, self._page(result, text, path, found, SnapshotFigures(snapshot, before.sha)))

    def _lint(self, path: str, text: str, snapshot: Snapshot) -> Result | None:
        folder = os.path.dirname(os.path.abspath(path))
        config = self.context.config(folder)
        name = os.path.basename(folder) + "/"
        return lint(text, path, self.context.template, snapshot, name, config)

    def _page(self, result: Result, text: str, path: str, found: Row, figures: Resolver | None) -> str | None:
        """Write the group's page into the dashboard; why not, when it cannot be written."""
        if self.html is None:
            return None
        from reportlint.commands.render import shown_name
        from reportlint.edge.figurefiles import Figures
        from reportlint.edge.pagefile import WriteError, write_if_changed
        from reportlint.output.dashboard import group_page

        if figures is None:
            folder = os.path.dirname(os.path.abspath(path))
            figures = Figures(folder, work_tree(folder) or folder, None, embed=True)
        name = os.path.relpath(os.path.abspath(path), os.path.dirname(group_folder(path))).replace(os.sep, "/")
        target = os.path.join(self.html, self.pages[path])
        try:
            page = group_page(result, text, figures, shown_name(name), self._about(found))
            write_if_changed(target, page.encode("utf-8", "backslashreplace"), durable=False)
        except WriteError as error:
            return str(error)
        return None

    def _about(self, found: Row) -> str:
        """Which version of the report the page shows, in words."""
        if found.commit is None:
            return "the report as it is now" + ("" if self.deadline is None else ", not in a git repository")
        stamp = f"commit {found.commit[:7]} of {moment(found.commit_time, self.zone)}"
        if self.deadline is None:
            return f"the report as it is now; last changed in {stamp}"
        about = f"the report as committed in {stamp}, the last commit before {self.deadline[1]}"
        if found.after_commit is not None:
            about += f"; changed after the deadline, last in {found.after_commit[:7]} of {moment(found.after_time, self.zone)}"
        return about


def _is_report(path: str) -> bool:
    """Whether the file on disk now is a report: to tell a report missing from a commit from other markdown.
    Raises ReadError for a file that cannot be read, so its row says why."""
    from reportlint.reading.report import read

    return bool(read(read_text(path)).questions)


def checked(job: Callable[[str], T], paths: Sequence[str], stream: TextIO) -> list[T]:
    """`job` over `paths` with batch.run; in slices behind a progress bar when `stream` is a terminal and
    the run is long, never in a pipe or a log."""
    if len(paths) < PROGRESS_FROM or not stream.isatty():
        return batch.run(job, paths)
    results: list[T] = []
    parts = slices(paths, batch.PARALLEL_FROM)
    for done, part in enumerate(parts, start=1):
        results.extend(batch.run(job, part))
        _progress(stream, len(results), len(paths), last=done == len(parts))
    return results


def _progress(stream: TextIO, done: int, total: int, last: bool) -> None:
    filled = PROGRESS_WIDTH * done // total
    bar = "#" * filled + "-" * (PROGRESS_WIDTH - filled)
    stream.write(f"\rreportlint summary [{bar}] {done}/{total}" + ("\n" if last else ""))
    stream.flush()


def slices(paths: Sequence[str], parallel_from: int) -> list[Sequence[str]]:
    """About PROGRESS_STEPS slices, but each big enough to run on every core when the whole run is."""
    count = PROGRESS_STEPS if len(paths) < parallel_from else max(1, min(PROGRESS_STEPS, len(paths) // parallel_from))
    size = math.ceil(len(paths) / count)
    return [paths[start : start + size] for start in range(0, len(paths), size)]


def write_dashboard(
    folder: str, rows: Sequence[Row], pages: dict[str, str], zone: Zone, deadline: str | None
) -> list[str]:
    """Write every sorted copy of the index, linking the pages that were written; what could not be written."""
    from reportlint.edge.pagefile import WriteError, write_if_changed
    from reportlint.output.dashboard import index_pages

    linked = {r.path: pages[r.path] for r in rows if r.error is None and r.path in pages}
    problems = []
    for name, html in index_pages(rows, linked, zone, deadline).items():
        try:
            write_if_changed(os.path.join(folder, name), html.encode("utf-8", "backslashreplace"), durable=False)
        except WriteError as error:
            problems.append(str(error))
    return problems
