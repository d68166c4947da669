"""reportlint: per-question checks for question-and-answer markdown reports."""

__version__ = "0.1.0"
