"""A word-level diff whose cost is bounded, for the 'what changed' page.

The words compared come from schools' rule files: untrusted input of up to
64 KB (about 10,000 words) per file, compared while publishing holds the
repository's lock. ``difflib.SequenceMatcher`` is cubic in the worst case
(2,000 words took 78 s), so this module does its own, bounded diff:

1. the common prefix and suffix are trimmed (linear);
2. the rest, S = N+M words, is compared with Myers' greedy algorithm. Level d
   (d edits) visits d+1 diagonals and a diagonal's snakes never match the same
   words twice, so searching up to D edits takes at most 2·(D+1)·S steps;
3. D is capped at ``budget // (2·S) - 1``, so one diff takes at most its
   budget in steps. The diffs of one page share one `Budget`, so a file of many
   rules costs no more than one. Beyond the cap the changed middle is shown as
   replaced whole: less precise, never slow.

``PAGE_BUDGET`` is about a third of a second in CPython at its worst (see
``benchmarks/word_diff.py``); ordinary edits take a few hundred steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Steps (diagonals visited plus words matched) for all the diffs of one page.
PAGE_BUDGET = 1_000_000

Opcode = tuple[str, int, int, int, int]


@dataclass
class Budget:
    """The steps that the diffs of one page may still take between them."""

    steps: int = PAGE_BUDGET


@dataclass(frozen=True)
class WordDiff:
    """Opcodes like ``difflib``'s (tag, i1, i2, j1, j2), and what they cost."""

    opcodes: list[Opcode]
    steps: int  # diagonals visited plus words matched along them
    capped: bool  # the middle needed more edits than the budget allowed: replaced whole


def edit_cap(size: int, steps: int) -> int:
    """The most edits to search for in ``size`` words (both sides) within ``steps``: -1 for none."""
    return steps // (2 * max(size, 1)) - 1


def diff_words(old: Sequence[str], new: Sequence[str], budget: Budget | None = None) -> WordDiff:
    """Opcodes turning ``old`` into ``new``, taking the steps from ``budget`` (a fresh one if none)."""
    budget = budget if budget is not None else Budget()
    start = _common_prefix(old, new)
    end = _common_suffix(old, new, start)
    a, b = old[start:len(old) - end], new[start:len(new) - end]
    trace, steps = _forward(a, b, edit_cap(len(a) + len(b), budget.steps)) if a and b else ([], 0)
    budget.steps = max(0, budget.steps - steps)
    capped = bool(a and b) and not trace
    middle = _backtrack(trace, len(a), len(b)) if trace else [(0, 0, len(a), len(b))]
    return WordDiff(_opcodes(middle, start, len(old), len(new)), steps, capped)


def _common_prefix(old: Sequence[str], new: Sequence[str]) -> int:
    """How many words both sequences start with."""
    count, limit = 0, min(len(old), len(new))
    while count < limit and old[count] == new[count]:
        count += 1
    return count


def _common_suffix(old: Sequence[str], new: Sequence[str], prefix: int) -> int:
    """How many words both end with, not counting the first ``prefix``."""
    count, limit = 0, min(len(old), len(new)) - prefix
    while count < limit and old[-1 - count] == new[-1 - count]:
        count += 1
    return count


def _forward(a: Sequence[str], b: Sequence[str], cap: int) -> tuple[list[list[int]], int]:
    """Myers' furthest points per level, until the end is reached; ``[]`` if past ``cap``.

    Row d holds, for the diagonals k = -d, -d+2, …, d (k = x - y), the furthest
    x a path with d edits reaches, or -1 where none stays inside the grid.
    """
    n, m = len(a), len(b)
    trace: list[list[int]] = []
    steps = 0
    for d in range(cap + 1):
        previous = trace[-1] if trace else []
        row: list[int] = []
        for k in range(-d, d + 1, 2):
            x = _entry(previous, d, k, n, m)[0] if d else 0
            steps += 1
            if x >= 0:
                y = x - k
                while x < n and y < m and a[x] == b[y]:
                    x, y = x + 1, y + 1
                    steps += 1
                if x == n and y == m:
                    trace.append(row + [x])
                    return trace, steps
            row.append(x)
        trace.append(row)
    return [], steps


def _entry(previous: list[int], d: int, k: int, n: int, m: int) -> tuple[int, int]:
    """The x where level d enters diagonal k with one edit, and the diagonal it came from.

    An insertion comes down from k+1, a deletion right from k-1; the one that
    gets further wins (the insertion on a tie). x is -1 if neither is in the grid.
    """
    best, origin = -1, k
    if k + 1 <= d - 1 and (x := previous[(k + d) // 2]) >= 0 and x - k <= m:
        best, origin = x, k + 1
    if k - 1 >= 1 - d and (x := previous[(k + d) // 2 - 1]) >= 0 and x + 1 <= n and x + 1 > best:
        best, origin = x + 1, k - 1
    return best, origin


def _backtrack(trace: list[list[int]], n: int, m: int) -> list[tuple[int, int, int, int]]:
    """The changed blocks (i1, j1, i2, j2) of the path that ``_forward`` found, in order."""
    blocks: list[tuple[int, int, int, int]] = []
    k = n - m
    for d in range(len(trace) - 1, 0, -1):
        # Level d entered diagonal k at x = entry with one edit, then matched words.
        entry, origin = _entry(trace[d - 1], d, k, n, m)
        x_before = entry if origin == k + 1 else entry - 1
        blocks.append((x_before, x_before - origin, entry, entry - k))
        k = origin
    return _merge(blocks[::-1])


def _merge(blocks: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Adjacent single-word edits joined into one block each."""
    merged: list[tuple[int, int, int, int]] = []
    for i1, j1, i2, j2 in blocks:
        if merged and merged[-1][2:] == (i1, j1):
            merged[-1] = (*merged[-1][:2], i2, j2)
        else:
            merged.append((i1, j1, i2, j2))
    return merged


def _opcodes(blocks: list[tuple[int, int, int, int]], offset: int, n: int, m: int) -> list[Opcode]:
    """difflib-style opcodes for changed ``blocks`` of the middle, which starts at ``offset``."""
    opcodes: list[Opcode] = []
    i = j = 0
    for block in blocks:
        i1, j1, i2, j2 = (value + offset for value in block)
        if i1 == i2 and j1 == j2:
            continue
        if i1 > i:
            opcodes.append(("equal", i, i1, j, j1))
        tag = "replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert"
        opcodes.append((tag, i1, i2, j1, j2))
        i, j = i2, j2
    if i < n or j < m:
        opcodes.append(("equal", i, n, j, m))
    return opcodes
