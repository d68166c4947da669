"""Files whose deletion is staged in git: pre-commit passes a hook only the files that still exist, so a
`git rm` of a figure reaches reportlint through this question alone."""

from __future__ import annotations

import os

from reportlint.edge.git import TIMEOUT, work_tree


def staged_deletions(folder: str = ".") -> list[str]:
    """Paths (relative to `folder`) of the files the next commit deletes; empty outside a work tree, before
    the first commit, or when git cannot be run. Inside `git commit` git names the index being committed in
    GIT_INDEX_FILE, which `git diff-index` reads too."""
    top = work_tree(folder)
    if top is None:
        return []
    import subprocess  # only a commit that may delete a linked figure pays for it

    try:
        listed = subprocess.run(
            ["git", "diff-index", "--cached", "--name-only", "--diff-filter=D", "-z", "HEAD", "--"],
            cwd=top,
            capture_output=True,
            check=False,
            timeout=TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if listed.returncode != 0:  # no HEAD yet: nothing can be deleted
        return []
    names = (os.fsdecode(name) for name in listed.stdout.split(b"\0") if name)
    return [os.path.relpath(os.path.join(top, name), folder) for name in names]
