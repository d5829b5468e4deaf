"""Hostile overlays: one named case per file in ``hostile/``, each run through the real command.

Staff at some forty school locations write the overlays and parents' browsers
show them, so every overlay is untrusted input. Each case ends with exit code 1
and ONE message (``error: …``, no traceback) naming the file and the problem,
with no site written; or, where the input is harmless, with a valid build.

A case file holds ``description``, the overlay's files and ``expect``:

- ``from``: start from the files of a shipped overlay; ``files``: files to
  write (UTF-8); ``append``: text appended to a file; ``delete``: files to remove;
  ``latin-1``, ``bom``: files to write in Latin-1 or with a byte-order mark;
  ``repeat``: ``{file: [text, times]}`` appended; ``link-outside``: files that
  become symbolic links to a copy outside the project; ``folder-link-outside``:
  the overlay folder itself is such a link; ``slug``: the ``--school`` argument,
  instead of the case's own folder;
- ``command``: instead of building the overlay, run this ``cvo-protocol``
  command (publish's version name, title and site address are inputs too);
- ``expect``: ``builds``, or ``{file: …, words: […]}`` for the error.

The ``matrix-…`` cases put a payload fit for each output context (HTML text
and attributes, title, JSON, Atom/XML, CSS) into each input field; the
browser test ``test_browser_hostile.py`` loads the site they build.

Speed: the command runs in-process (`cli.main`) for every case, on one copy of
the project whose overlay is replaced per case; the cases marked ``subprocess:
true`` and every ``builds`` case also run as a real ``cvo-protocol`` process.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_project, run_cli
from cvo_protocol.commands import cli

CASES = sorted((Path(__file__).parent / "hostile").glob("*.yml"))
SLUG = "hostile-case"
UNSAFE_TAGS = {"script", "iframe", "img", "object", "embed", "style", "link", "meta", "base", "form"}
SCHOOL_SECTION = re.compile(r'<section class="cvo-school-(?:rules|contact)">.*?</section>', re.DOTALL)


def load_case(case_file: Path) -> dict:
    return yaml.safe_load(case_file.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project for every case; each case replaces the overlay folder."""
    return copy_project(tmp_path_factory.mktemp("hostile") / "project")


def write_overlay(project: Path, case: dict) -> str:
    """Write the case's overlay into ``project``; return the ``--school`` argument."""
    overlays = project / "overlays"
    folder = overlays / SLUG
    outside = project.parent / "outside"
    for path in (folder, outside, project / "site"):
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)
    folder.mkdir()
    if "from" in case:
        for source in (REPO / "overlays" / case["from"]).iterdir():
            shutil.copy(source, folder / source.name)
    for name, text in (case.get("files") or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, text in (case.get("append") or {}).items():
        with (folder / name).open("a", encoding="utf-8") as file:
            file.write(text)
    for name, (text, times) in (case.get("repeat") or {}).items():
        with (folder / name).open("a", encoding="utf-8") as file:
            file.write(text * times)
    for name in case.get("delete") or []:
        (folder / name).unlink()
    for name in case.get("latin-1") or []:
        (folder / name).write_bytes((folder / name).read_text(encoding="utf-8").encode("latin-1"))
    for name in case.get("bom") or []:
        (folder / name).write_bytes(b"\xef\xbb\xbf" + (folder / name).read_bytes())
    for name in case.get("link-outside") or []:
        outside.mkdir(exist_ok=True)
        (folder / name).replace(outside / name)
        (folder / name).symlink_to(outside / name)
    if case.get("folder-link-outside"):
        folder.rename(outside)
        folder.symlink_to(outside, target_is_directory=True)
    return case.get("slug", SLUG)


def run_in_process(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(list(args))
    return code, capsys.readouterr().err


def assert_one_clear_error(code: int, stderr: str, case: dict, project: Path) -> None:
    expect = case["expect"]
    assert code == 1, stderr
    assert "Traceback" not in stderr
    assert stderr.startswith("error: "), stderr
    messages = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(messages) == 1, f"more than one message:\n{stderr}"
    if "file" in expect:
        assert expect["file"] in stderr.splitlines()[0], stderr
    for words in expect["words"]:
        assert words in stderr, stderr
    site = project / "site"
    assert not site.exists() or not any(site.iterdir()), "a failed build wrote output"


def assert_valid_build(project: Path, slug: str) -> None:
    for page in ("index.html", "en/index.html"):
        html = (project / "site" / slug / page).read_text(encoding="utf-8")
        assert 'id="aanvullende-schoolregels"' in html
        for section in SCHOOL_SECTION.findall(html):
            for tag, name, value in attributes(section):  # text may say anything; markup may not
                assert tag not in UNSAFE_TAGS, section
                assert not (name == "href" and value.strip().lower().startswith(("javascript:", "data:"))), section
            for tag in re.findall(r'<a [^>]*href="https?://[^>]*>', section):
                assert 'rel="noopener noreferrer"' in tag, tag
    for page in (project / "site" / slug).rglob("*.html"):
        assert_no_injected_attributes(page.read_text(encoding="utf-8"), page)


class _Attributes(HTMLParser):
    """Every element with each of its attributes, as a browser's parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs] or [(tag, "", "")]

    handle_startendtag = handle_starttag


def attributes(html: str) -> list[tuple[str, str, str]]:
    """``(tag, attribute, value)`` for every attribute (``(tag, "", "")`` for an element without)."""
    parser = _Attributes()
    parser.feed(html)
    return parser.found


def assert_no_injected_attributes(html: str, where: object) -> None:
    """No event handler, autofocus or style fetch anywhere; the payloads stay text."""
    for tag, name, value in attributes(html):
        assert not name.startswith("on") and name not in ("autofocus", "x"), f"{where}: <{tag} {name}={value!r}>"
        assert not (name == "style" and "url(" in value), f"{where}: <{tag} style={value!r}>"
        assert not (name == "http-equiv" and value.lower() == "content-security-policy"
                    and "default-src 'self'" not in html), where


@pytest.mark.slow  # builds each case's site with the real command, in-process and as a process
@pytest.mark.parametrize("case_file", CASES, ids=[case.stem for case in CASES])
def test_hostile_case(
    case_file: Path, shared_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = load_case(case_file)
    slug = write_overlay(shared_project, case)
    monkeypatch.chdir(shared_project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    if "command" in case:
        code, stderr = run_in_process(shared_project, capsys, *case["command"])
        assert_one_clear_error(code, stderr, case, shared_project)
        return
    if case["expect"] == "builds":
        result = run_cli(shared_project, "build", "--school", slug)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert_valid_build(shared_project, slug)
        assert run_cli(shared_project, "check").returncode == 0
        return
    code, stderr = run_in_process(shared_project, capsys, "build", "--school", slug)
    assert_one_clear_error(code, stderr, case, shared_project)
    if "slug" not in case:
        code, stderr = run_in_process(shared_project, capsys, "check")
        assert code == 1 and stderr.startswith("error: ") and "Traceback" not in stderr
        assert case["expect"].get("file", "") in stderr
        for words in case["expect"]["words"]:
            assert words in stderr, stderr
    if case.get("subprocess"):
        result = run_cli(shared_project, "build", "--school", slug)
        assert_one_clear_error(result.returncode, result.stderr, case, shared_project)


def test_the_corpus_has_at_least_thirty_named_cases() -> None:
    assert len(CASES) >= 30
    for case_file in CASES:
        case = load_case(case_file)
        assert case.get("description"), f"{case_file.name} needs a description"
        assert case["expect"] == "builds" or case["expect"].get("words"), case_file.name


def test_the_matrix_covers_every_input_field() -> None:
    """Each field a person types has at least one hostile case of its own."""
    names = {case.stem for case in CASES}
    fields = ["name", "place", "website", "contact-name", "contact-url", "contact-email",
              "rule-payloads", "title", "version", "site-url"]
    for field in fields:
        assert any(name.startswith(f"matrix-{field}") for name in names), field
