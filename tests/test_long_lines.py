"""No regular expression of the overlay code takes quadratic time on a long line (ReDoS).

Each input is one line of about 60 KB (the largest a 64 KB file allows) built to
make a backtracking pattern try every split; each must be checked in well under
a second of this process's CPU time (CPU time, not wall-clock time, so that
a busy machine does not fail the test: a quadratic check on these lines takes
minutes either way).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.merge import merge_overlay
from cvo_protocol.pages.outbound_links import mark_outbound_links
from cvo_protocol.core.overlay import MAX_FILE_BYTES
from cvo_protocol.core.overlay_markdown import parse_rules_markdown, strip_comments

N = MAX_FILE_BYTES - 4096
RULE = "### Regel { #regel-10-1 }\n\n"
LONG_LINES = {
    "heading full of blanks": "### a" + " " * N + "x",
    "heading full of tabs before a brace": "### a" + "\t" * N + "{ x",
    "heading with many braces": "### " + "{ #a" * (N // 4),
    "many unclosed comments": RULE + "<!--" * (N // 4),
    "many link starts": RULE + "](" * (N // 2),
    "many angle brackets and blanks": RULE + "< " * (N // 2),
    "digits as a list marker": RULE + "1" * N + "x",
    "many ampersands": RULE + "&#" * (N // 2),
    "many blockquote markers with blanks": RULE + "> " * 3 + " " * N + "x",
    "many equals signs": RULE + "text\n" + "=" * N + "x",
}


@pytest.mark.parametrize("name", LONG_LINES)
def test_rule_file_checks_are_linear(name: str) -> None:
    start = time.process_time()
    try:
        parse_rules_markdown(LONG_LINES[name], Path("regels.nl.md"))
    except ProtocolError:
        pass
    assert time.process_time() - start < 1.0


def test_comment_stripping_is_linear() -> None:
    start = time.process_time()
    with pytest.raises(ProtocolError):
        strip_comments("<!--" * (N // 4), Path("regels.nl.md"))
    assert time.process_time() - start < 1.0


def test_merge_and_link_marking_are_linear() -> None:
    start = time.process_time()
    merge_overlay("\n" * N + "x\n<!-- cvo:school-contact -->\n<!-- cvo:school-rules -->\n", None, "nl")
    merge_overlay("{" + " " * N + "x\n<!-- cvo:school-contact -->\n<!-- cvo:school-rules -->\n", None, "nl")
    mark_outbound_links("<a " * (N // 3))
    assert time.process_time() - start < 1.0
