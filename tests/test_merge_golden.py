"""Golden cases for the merge: base page + overlay files -> expected page, or error.

Each ``merge_cases/*.yml`` holds ``base`` (Markdown), ``language``, ``files``
(the overlay's files, or no key for the CVO-wide site) and either ``expected``
(the merged Markdown) or ``error`` (words the error message must contain).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.merge import merge_overlay
from cvo_protocol.core.overlay import load_overlay

CASES = sorted((Path(__file__).parent / "merge_cases").glob("*.yml"))
# The site's languages, which an overlay must have, are those of the project's mkdocs.yml.
CONFIG = Path(__file__).parent.parent / "mkdocs.yml"
SLUG = "testschool"


def run_case(case: dict, tmp_path: Path) -> str:
    overlay = None
    if "files" in case:
        shutil.copy(CONFIG, tmp_path / "mkdocs.yml")
        folder = tmp_path / "overlays" / SLUG
        folder.mkdir(parents=True)
        for name, content in case["files"].items():
            (folder / name).write_text(content, encoding="utf-8")
        overlay = load_overlay(tmp_path / "overlays", SLUG)
    return merge_overlay(case["base"], overlay, case.get("language", "nl"))


@pytest.mark.parametrize("case_file", CASES, ids=[case.stem for case in CASES])
def test_merge_case(case_file: Path, tmp_path: Path) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    if "error" in case:
        with pytest.raises(ProtocolError) as raised:
            run_case(case, tmp_path)
        for words in case["error"]:
            assert words in str(raised.value)
    else:
        merged = run_case(case, tmp_path)
        assert merged.strip() == case["expected"].strip()
        assert merge_overlay(merged, load_overlay(tmp_path / "overlays", SLUG) if "files" in case else None,
                             case.get("language", "nl")) == merged, "merging twice must change nothing"


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 6
