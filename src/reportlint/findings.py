"""The one finding type every check returns and every output format prints, and the code registry."""

from __future__ import annotations

from typing import NamedTuple


class Finding(NamedTuple):
    """One problem at one place; a plain immutable value (a NamedTuple: cheap to create at start-up)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    question: int | None = None

    @property
    def name(self) -> str:
        return RULES[self.code].name


class Rule(NamedTuple):
    code: str
    name: str
    summary: str
    example: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


RULES: dict[str, Rule] = _rules(
    # Structure of the report.
    Rule(
        "RL101",
        "missing-question",
        "A question of the template has no `### Question N` heading.",
        "reports/README.md:191:1: RL101 Question 9 is missing: no `### Question 9` heading between Question 8 and Question 10",
    ),
    Rule(
        "RL102",
        "duplicate-question",
        "The same question number has two headings.",
        "reports/README.md:426:1: RL102 Question 22 appears again (first at line 410): delete or renumber one",
    ),
    Rule(
        "RL103",
        "question-out-of-order",
        "A question heading comes after a higher-numbered one.",
        "reports/README.md:324:1: RL103 Question 15 comes after Question 16: keep the template's order",
    ),
    Rule(
        "RL104",
        "extra-question",
        "A question number beyond the template's last question.",
        "reports/README.md:631:1: RL104 Question 32 is not in dtu-mlops-2025, which has questions 1-31",
    ),
    Rule(
        "RL105",
        "missing-answer-marker",
        "A question has no `Answer:` marker, so nothing counts as its answer.",
        "reports/README.md:128:1: RL105 Question 5 has no `Answer:` line: put `> Answer:` above the answer",
    ),
    Rule(
        "RL106",
        "heading-extra-text",
        "A question heading has text after its number.",
        "reports/README.md:367:17: RL106 Question 18 heading has extra text 'TODO': keep it `### Question 18`",
    ),
    Rule(
        "RL107",
        "heading-in-answer",
        "A level 1-3 heading inside an answer ends the answer there.",
        "reports/README.md:628:1: RL107 heading '### Use of generative AI' ends Question 31's answer, so the text below it counts for no question: use `####` or bold text",
    ),
    # Length.
    Rule(
        "RL201",
        "too-few-words",
        "The answer has fewer words than the template recommends.",
        "reports/README.md:170:1: RL201 Question 7: 32 words, expected 50-100: 18 short",
    ),
    Rule(
        "RL202",
        "too-many-words",
        "The answer has more words than the template recommends.",
        "reports/README.md:264:1: RL202 Question 12: 146 words, expected 50-100: 46 over",
    ),
    Rule(
        "RL203",
        "too-few-images",
        "The answer has fewer images than the template asks for.",
        "reports/README.md:404:1: RL203 Question 19: 0 images, expected 1-2: 1 short",
    ),
    Rule(
        "RL204",
        "too-many-images",
        "The answer has more images than the template allows.",
        "reports/README.md:412:1: RL204 Question 20: 3 images, expected 1-2: 1 over",
    ),
    # Unanswered.
    Rule(
        "RL301",
        "unanswered",
        "The answer is empty or still the template's placeholder.",
        "reports/README.md:521:1: RL301 Question 27 is unanswered: replace `--- question 27 fill here ---` with your answer",
    ),
    Rule(
        "RL302",
        "placeholder-left",
        "A written answer still holds the template's placeholder line.",
        "reports/README.md:185:1: RL302 Question 8 still holds the template's `--- question N fill here ---` beside its answer: delete it",
    ),
    Rule(
        "RL303",
        "dash-wrapped-answer",
        "The answer is still wrapped in the template's `---` dashes.",
        "reports/README.md:211:1: RL303 Question 10's answer is still wrapped in the template's `---`: the dashes count as words and a `---` under a line turns that line into a heading; remove them",
    ),
    # Figures.
    Rule(
        "RL401",
        "image-missing",
        "The linked image file does not exist.",
        "reports/README.md:406:1: RL401 image 'figures/bucket_overview.png' not found (looked for reports/figures/bucket_overview.png)",
    ),
    Rule(
        "RL402",
        "image-case-mismatch",
        "The link differs from the file on disk only in letter case.",
        "reports/README.md:360:1: RL402 image 'figures/Loss.png' is 'figures/loss.png' on disk: the letter case differs, which works on macOS and Windows but breaks on the graders' Linux",
    ),
    Rule(
        "RL403",
        "image-absolute-path",
        "The link starts with `/`: works on GitHub, broken in the graders' copy.",
        "reports/README.md:416:1: RL403 image '/reports/figures/a.png' is an absolute path: it works on GitHub but not in the graders' copy; write it relative to the report, e.g. 'figures/a.png'",
    ),
    Rule(
        "RL404",
        "image-outside-reports",
        "The link leads out of the report's folder, which is all the graders scrape.",
        "reports/README.md:144:1: RL404 image '../outside.png' is outside reports/: only that folder is scraped for grading; copy the file into reports/figures/",
    ),
    Rule(
        "RL405",
        "image-extension",
        "The image's extension is not one the template allows (.png, .jpg, .jpeg).",
        "reports/README.md:574:1: RL405 image 'figures/diagram.svg' has extension '.svg': the template allows .png, .jpg, .jpeg",
    ),
    Rule(
        "RL406",
        "image-not-image",
        "The linked file is not an image (empty, a Git LFS pointer, HTML, ...).",
        "reports/README.md:313:1: RL406 image 'figures/empty.png' is not an image: the file is empty",
    ),
    Rule(
        "RL407",
        "image-remote",
        "The image is a remote URL that the graders' copy may not show.",
        "reports/README.md:427:1: RL407 image 'https://example.org/shot.png' is a remote URL: the graders' copy may not show it; commit the file under reports/figures/ and link it relatively",
    ),
    Rule(
        "RL408",
        "image-template-example",
        "The template's example link was left in the answer.",
        "reports/README.md:561:1: RL408 image 'figures/<image>.<extension>' is the template's example link: link your own figure",
    ),
    Rule(
        "RL409",
        "image-untracked",
        "The image exists but git neither tracks nor stages it.",
        "reports/README.md:412:1: RL409 image 'figures/registry.png' is not tracked by git, so it will be missing from the graders' copy: `git add` it",
    ),
    # Agreement with the course's own checker.
    Rule(
        "RL501",
        "grader-cuts-answer",
        "The course checker cuts this answer at a `##` and counts less.",
        "reports/README.md:291:1: RL501 Question 13: the course checker stops reading this answer at this `##` and counts 66 words, 0 images (reportlint: 131 words, 0 images)",
    ),
    Rule(
        "RL502",
        "grader-crash",
        "The course checker finds a different number of answers and stops with an error.",
        "reports/README.md:628:1: RL502 the course checker finds 32 answers where dtu-mlops-2025 has 31 and stops with an error, checking nothing: a `###` or `##` in the last answer makes it count that answer twice",
    ),
    Rule(
        "RL503",
        "grader-reads-on",
        "The course checker counts text that is not part of this answer.",
        "reports/README.md:628:1: RL503 Question 31: the course checker also reads from here to the end of the file as this answer and counts 398 words, 0 images (reportlint: 101 words, 0 images)",
    ),
    Rule(
        "RL504",
        "grader-counts-hidden-image",
        "The course checker counts image syntax that no reader sees (in code or a comment).",
        "reports/README.md:427:1: RL504 Question 21: the course checker counts this image syntax, but it is in code or a comment and no reader sees an image",
    ),
    Rule(
        "RL505",
        "grader-ignores-html-image",
        "The course checker does not count an HTML `<img>` tag.",
        "reports/README.md:414:1: RL505 Question 20: the course checker does not count this <img> tag: use ![alt](figures/x.png) to have it counted",
    ),
    Rule(
        "RL506",
        "grader-misaligned",
        "The course checker takes another question's answer as this one's.",
        "reports/README.md:451:1: RL506 Question 23: the course checker takes only the text after this `Answer:` as this question's answer and counts 131 words, 0 images (reportlint: 132 words, 0 images)",
    ),
)

# Findings that say a question is not written yet: `--draft` lists them without failing.
DRAFT_CODES = frozenset({"RL301", "RL302"})
