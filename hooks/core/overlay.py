"""A school's overlay (``overlays/<slug>/``): loaded once and validated at the edge.

An overlay is ``school.yml`` (who the school is and whom to contact for rule 8)
plus, optionally, the school's rules: ``regels.nl.md`` in the default language
and ``regels.<language>.md`` for any other language of the site that the
school writes them in (the languages are those of ``mkdocs.yml``, see
`languages`). A language the school did not write gets its text in another
(`Languages.text_language`): every value here is given for every language,
with the language it is written in beside it.
Every problem becomes a `ProtocolError` naming the file, the line where known,
the field and the fix.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.languages import CONFIG_FILE, DOCS_DIR, Gap, Languages, read_languages
from cvo_protocol.core.owners import HANDLE_FORM, parse_handle
from cvo_protocol.core.overlay_markdown import RulesDocument, check_against_base, find_unsafe_character, parse_rules_markdown
from cvo_protocol.core.plaintext import MARKUP_CHARACTERS, describe, unneeded_character

SCHOOL_FILE = "school.yml"
MAX_FILE_BYTES = 64 * 1024
# school.yml needs two levels (name.nl, contact.email); deeper nesting only costs time.
MAX_YAML_DEPTH = 8
MAX_MAINTAINERS = 20
# The protocol page (docs/index.md, docs/index.<language>.md beside overlays/,
# as in project.Project), and the id the merge gives the school's block.
PROTOCOL_PAGE = "index"
RESERVED_IDS = ("aanvullende-schoolregels",)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Slugs that name folders of the published tree itself; each language's
# portal folder (en/) is reserved too, see check_slug.
RESERVED_SLUGS = frozenset({"cvo", "assets", "search", "versions"})

_DEFAULT_RULES = "the rules in the default language are the school's own text: add {name}, or delete all rule files"
# Rule 8 of the protocol, word for word: it names whom reports go to, so an overlay does not.
RULE_8 = "Als we zien of weten dat dit toch gebeurt dan wordt hiervan melding gemaakt bij de vestigingsdirecteur."
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
# No quotes, brackets or '*': an address is written into HTML attributes and Markdown links.
_WEB_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%!$+,;=:@/?#-]*)?$")


def rules_file_name(language: str) -> str:
    """The file name of a school's rules in one language."""
    return f"regels.{language}.md"


@dataclass(frozen=True)
class Contact:
    """How reports under rule 8 reach the vestigingsdirecteur: optionally their name, and email or url."""

    name: str | None
    email: str | None
    url: str | None


@dataclass(frozen=True)
class Overlay:
    """One school location: its details and its supplementary rules per language.

    ``name`` and ``rules`` hold a value for every language of the site; where
    the school did not write that language, the value of another, and
    ``name_language`` / ``rules_language`` say which (page language -> the
    language the text is in).
    """

    slug: str
    folder: Path
    name: dict[str, str]
    place: str
    website: str
    contact: Contact
    rules: dict[str, RulesDocument] | None
    name_language: dict[str, str]
    rules_language: dict[str, str]
    # The site's languages the overlay was loaded for (their names and directions).
    languages: Languages
    # GitHub handles (no '@') who own overlays/<slug>/ in CODEOWNERS; none: the policy office.
    maintainers: tuple[str, ...] = ()


def check_slug(slug: str, languages: Iterable[str] = ()) -> None:
    """Refuse a slug that is not lowercase letters, digits and single hyphens, or names a folder of the tree.

    ``languages``: the site's languages, whose portal folders (``en/``) sit beside the schools'.
    """
    if not SLUG.fullmatch(slug):
        raise ProtocolError(
            f"'{slug}' is not a valid school slug",
            fix="use lowercase letters, digits and hyphens only, e.g. 'de-linde-assen'",
        )
    reserved = RESERVED_SLUGS | set(languages)
    if slug in reserved:
        raise ProtocolError(
            f"'{slug}' is reserved for the published site itself",
            fix=f"choose another slug (not one of: {', '.join(sorted(reserved))})",
        )


def known_slugs(overlays_dir: Path) -> list[str]:
    """The slugs of every folder in ``overlays/`` that holds a ``school.yml``."""
    if not overlays_dir.is_dir():
        return []
    return sorted(p.name for p in overlays_dir.iterdir() if (p / SCHOOL_FILE).is_file())


def load_overlay(overlays_dir: Path, slug: str, languages: Languages | None = None) -> Overlay:
    """Load and validate the overlay of one school, in every language of the site.

    ``languages``: by default those of the ``mkdocs.yml`` beside ``overlays_dir``.
    """
    languages = languages or read_languages(overlays_dir.parent / CONFIG_FILE)
    folder = overlays_dir / slug
    try:
        check_slug(slug, languages.all)
    except ProtocolError as error:
        if folder.name == slug and slug not in (".", "..") and folder.is_dir():
            error = ProtocolError(f"the folder name {error.problem}", file=folder, fix=error.fix)
        raise error from None
    if folder.is_symlink():
        raise ProtocolError(
            "is a link to another folder (links are not allowed in overlays)",
            file=folder,
            fix="make it a normal folder with the school's files in it",
        )
    if not (folder / SCHOOL_FILE).exists():
        known = ", ".join(known_slugs(overlays_dir)) or "none yet"
        raise ProtocolError(
            f"unknown school '{slug}' (known schools: {known})",
            file=folder / SCHOOL_FILE,
            fix="check the spelling, or create it with 'cvo-protocol new-school " + slug + "'",
        )
    _check_no_unknown_files(folder, languages)
    data, lines = _load_school_yaml(folder / SCHOOL_FILE)
    school_file = folder / SCHOOL_FILE
    fields = _Fields(school_file, lines, languages)
    fields.only(data, ("name", "place", "website", "contact", "maintainers"), "")
    name, name_language = fields.translated(data, "name")
    contact_data = fields.mapping(data, "contact")
    _refuse_role(contact_data, fields)
    fields.only(contact_data, ("name", "email", "url"), "contact.")
    contact = Contact(
        name=fields.optional_text(contact_data, "name", prefix="contact."),
        email=fields.email(contact_data, "email", prefix="contact."),
        url=fields.optional_url(contact_data, "url", prefix="contact."),
    )
    if not contact.email and not contact.url:
        raise ProtocolError(
            "the field 'contact' needs 'email' or 'url' (or both): how parents reach the contact for rule 8",
            file=school_file,
            line=lines.get("contact"),
            fix="add 'email: …@…' or 'url: https://…' under 'contact:'",
        )
    rules, rules_language = _load_rules(folder, languages)
    return Overlay(
        slug=slug,
        folder=folder,
        name=name,
        place=fields.text(data, "place"),
        website=fields.url(data, "website"),
        contact=contact,
        rules=rules,
        name_language=name_language,
        rules_language=rules_language,
        languages=languages,
        maintainers=fields.handles(data, "maintainers"),
    )


def _refuse_role(contact: dict[str, Any], fields: _Fields) -> None:
    """Refuse ``contact.role``: rule 8 fixes the role, and the site writes it from the catalog."""
    if "role" in contact:
        raise fields.error(
            "contact.role",
            f"is not allowed: rule 8 already says whom reports go to: \"{RULE_8}\"",
            "remove 'role:' (the site names the vestigingsdirecteur itself); under 'contact:' give "
            "the vestigingsdirecteur's 'name:' if you like, and 'email:' or 'url:' for how reports reach them",
        )


def translation_gaps(folder: Path, languages: Languages) -> list[Gap]:
    """What one overlay lacks in the default language: ``name.nl`` and ``regels.nl.md``.

    Only the default language is required: any other language the school has
    not written falls back (`Languages.text_language`). A field that is
    missing in every language, or a file that cannot be read, is left to
    `load_overlay`, which names it.
    """
    if folder.is_symlink():
        return []
    school_file = folder / SCHOOL_FILE
    data = _school_data(school_file)
    gaps = []
    name = data.get("name")
    language = languages.default
    if isinstance(name, dict) and name.get(language) is None:
        gaps.append(Gap(
            school_file, f"name.{language}", f"the field 'name.{language}' is missing",
            f"add '{language}: …' under 'name:', in {languages.name(language)} (the other languages are optional)",
        ))
    missing = _missing_default_rules(folder, _present_rules(folder, languages), languages)
    if missing is not None:
        gaps.append(missing)
    return gaps


def _missing_default_rules(folder: Path, present: list[str], languages: Languages) -> Gap | None:
    """Rules written in some language but not in the default one, which every other language falls back to."""
    if not present or languages.default in present:
        return None
    path = folder / rules_file_name(languages.default)
    return Gap(path, None, f"the school has rules in {', '.join(present)} but not in {languages.default}",
               _DEFAULT_RULES.format(name=path.name))


def _present_rules(folder: Path, languages: Languages) -> list[str]:
    """The languages of the site in which ``folder`` has a rule file, in mkdocs.yml's order."""
    return [language for language in languages.all
            if (path := folder / rules_file_name(language)).exists() or path.is_symlink()]


def _school_data(path: Path) -> dict[str, Any]:
    """The fields of ``school.yml``, or nothing when `load_overlay` would refuse the file."""
    try:
        stat = path.lstat()
    except OSError:
        return {}
    return _school_data_of(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _school_data_of(path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    # Keyed by modification time and size: every build checks every overlay's
    # languages, and parsing YAML is most of that check's cost.
    try:
        return _load_school_yaml(Path(path))[0]
    except ProtocolError:
        return {}


def _check_no_unknown_files(folder: Path, languages: Languages) -> None:
    """Refuse files the overlay format does not have: they would be silently ignored."""
    expected = {SCHOOL_FILE, *(rules_file_name(language) for language in languages.all)}
    for entry in sorted(folder.iterdir()):
        if entry.name not in expected and not entry.name.startswith("."):
            raise ProtocolError(
                "is not a file of the overlay format, so it would be ignored",
                file=entry,
                fix=f"rename or remove it; an overlay holds only: {', '.join(sorted(expected))}",
            )


def read_text_file(path: Path) -> str:
    """Read a UTF-8 overlay file safely: a regular file, not too large, no byte-order mark."""
    if path.is_symlink() or not path.is_file():
        raise ProtocolError(
            "is not a regular file (links are not allowed in overlays)",
            file=path,
            fix="replace it by a normal file with the content itself",
        )
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ProtocolError(
            f"cannot be read ({error.strerror or error})", file=path, fix="check the file's permissions"
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        size = max(path.stat().st_size, len(raw))
        raise ProtocolError(
            f"is {size} bytes; overlay files may be at most {MAX_FILE_BYTES // 1024} KB ({MAX_FILE_BYTES} bytes)",
            file=path,
            fix="shorten the file: a school's rules fit in a few kilobytes",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProtocolError(
            f"is not UTF-8 text (byte {error.start} cannot be read)",
            file=path,
            line=line,
            fix="save the file as UTF-8 in your editor",
        ) from None
    return text.removeprefix("\ufeff")


def _load_rules(folder: Path, languages: Languages) -> tuple[dict[str, RulesDocument] | None, dict[str, str]]:
    """The school's rules for every language of the site, and the language each page shows them in.

    The default language's file is required once there is any; every other
    file has its headings and ids. A language without a file shows another's
    (`Languages.text_language`).
    """
    present = _present_rules(folder, languages)
    shown = {language: languages.text_language(language, present) for language in languages.all}
    if not present:
        return None, shown
    missing = _missing_default_rules(folder, present, languages)
    if missing is not None:
        raise ProtocolError(missing.problem, file=missing.file, fix=missing.fix)
    written = {
        language: parse_rules_markdown(read_text_file(path), path)
        for language in present
        for path in [folder / rules_file_name(language)]
    }
    reference = written[languages.default]
    for language in present:
        if language != languages.default:
            _check_same_outline(reference, written[language])
    documents = {language: written[shown[language]] for language in languages.all}
    _check_against_protocol(folder.parent.parent, documents, languages)
    return documents, shown


def _check_against_protocol(root: Path, documents: dict[str, RulesDocument], languages: Languages) -> None:
    """Check ids and ``#`` links against the protocol pages now, not halfway through a build."""
    for language, document in documents.items():
        page = root / DOCS_DIR / languages.page_file(PROTOCOL_PAGE, language)
        if page.is_file():
            check_against_base(page.read_text(encoding="utf-8"), document, reserved=RESERVED_IDS)


def _check_same_outline(reference: RulesDocument, other: RulesDocument) -> None:
    if reference.outline == other.outline:
        return
    for index, (mine, theirs) in enumerate(zip(reference.headings, other.headings)):
        if (mine.level, mine.anchor) != (theirs.level, theirs.anchor):
            raise ProtocolError(
                f"heading {index + 1} is '{'#' * theirs.level} {{ #{theirs.anchor} }}' here but "
                f"'{'#' * mine.level} {{ #{mine.anchor} }}' in {reference.path.name}",
                file=other.path,
                line=theirs.line,
                fix="both languages need the same groups and rules, with the same ids, in the same order",
            )
    longer, shorter = (reference, other) if len(reference.headings) > len(other.headings) else (other, reference)
    extra = longer.headings[len(shorter.headings)]
    raise ProtocolError(
        f"the id '{extra.anchor}' is in {longer.path.name} but not in {shorter.path.name}",
        file=shorter.path,
        fix="both languages need the same groups and rules, with the same ids, in the same order",
    )


def _load_school_yaml(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse ``school.yml``; return the data and the line of each (dotted) key."""
    text = read_text_file(path)
    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            if depth > MAX_YAML_DEPTH:
                raise ProtocolError(
                    f"fields nested more than {MAX_YAML_DEPTH} levels deep",
                    file=path,
                    line=_line(event),
                    fix="start from 'cvo-protocol new-school <slug>' for the fields and their indentation",
                )
            if (tag := getattr(event, "tag", None)) is not None:
                raise ProtocolError(
                    f"YAML tags such as '{tag}' are not allowed",
                    file=path,
                    line=_line(event),
                    fix="write the value as plain text, without '!'",
                )
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ProtocolError(
                    "YAML anchors and aliases (& and *) are not allowed",
                    file=path,
                    line=_line(event),
                    fix="write each value out in full",
                )
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.reader.ReaderError as error:
        raise ProtocolError(
            f"contains the control character U+{error.character:04X}, which YAML does not allow",
            file=path,
            line=text.count("\n", 0, error.position) + 1,
            fix="delete it (retype the line in a plain text editor)",
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        raise ProtocolError(
            f"YAML syntax error: {problem}",
            file=path,
            line=mark.line + 1 if mark else None,
            fix="check the indentation and quote values that contain ':' or '#'",
        ) from None
    except yaml.YAMLError as error:
        raise ProtocolError(f"YAML error: {error}", file=path, fix="check the file's syntax") from None
    if not isinstance(data, dict):
        raise ProtocolError(
            "must be a mapping of fields (name, place, website, contact)",
            file=path,
            fix="start from 'cvo-protocol new-school <slug>' for a valid example",
        )
    return data, _key_lines(node, path)


def _line(event: yaml.Event) -> int | None:
    """The line (from 1) where a YAML event starts, if the parser says."""
    return event.start_mark.line + 1 if event.start_mark is not None else None


def _key_lines(node: yaml.Node | None, path: Path, prefix: str = "") -> dict[str, int]:
    """The line of each (dotted) key; a key given twice in one mapping is an error."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            if key in lines:
                raise ProtocolError(
                    f"the field '{key}' is given twice (first on line {lines[key]})",
                    file=path,
                    line=key_node.start_mark.line + 1,
                    fix="keep one of them",
                )
            lines[key] = key_node.start_mark.line + 1
            lines.update(_key_lines(value_node, path, key + "."))
    return lines


class _Fields:
    """Typed access to ``school.yml`` fields with file-and-line error messages."""

    def __init__(self, path: Path, lines: dict[str, int], languages: Languages) -> None:
        self.path = path
        self.lines = lines
        self.languages = languages

    def error(self, key: str, problem: str, fix: str) -> ProtocolError:
        return ProtocolError(
            f"the field '{key}' {problem}", file=self.path, line=self.lines.get(key), fix=fix
        )

    def only(self, data: dict[str, Any], allowed: tuple[str, ...], prefix: str) -> None:
        for key in data:
            if key not in allowed:
                raise self.error(
                    f"{prefix}{key}", "is unknown", f"remove it; allowed here: {', '.join(allowed)}"
                )

    def mapping(self, data: dict[str, Any], key: str, prefix: str = "") -> dict[str, Any]:
        if key not in data:
            raise ProtocolError(
                f"the field '{prefix}{key}' is missing", file=self.path, fix=f"add '{key}:' to the file"
            )
        value = data[key]
        if not isinstance(value, dict):
            raise self.error(f"{prefix}{key}", "must be a mapping of fields", "indent its fields below it")
        return value

    def translated(self, data: dict[str, Any], key: str, prefix: str = "") -> tuple[dict[str, str], dict[str, str]]:
        """A text per language: the default's is required, another language's falls back when absent.

        Returns the text shown in each language and the language it is written in.
        """
        value = self.mapping(data, key, prefix)
        self.only(value, self.languages.all, f"{prefix}{key}.")
        texts = {language: self.optional_text(value, language, prefix=f"{prefix}{key}.")
                 for language in self.languages.all}
        written = [language for language, text in texts.items() if text is not None]
        self.text(value, self.languages.default, prefix=f"{prefix}{key}.")  # required: names the gap
        shown = {language: self.languages.text_language(language, written) for language in self.languages.all}
        return {language: texts[shown[language]] or "" for language in self.languages.all}, shown

    def text(self, data: dict[str, Any], key: str, prefix: str = "", plain: bool = True) -> str:
        value = self.optional_text(data, key, prefix, plain)
        if value is None:
            raise ProtocolError(
                f"the field '{prefix}{key}' is missing", file=self.path, fix=f"add '{key}: …' to the file"
            )
        return value

    def optional_text(self, data: dict[str, Any], key: str, prefix: str = "", plain: bool = True) -> str | None:
        full = f"{prefix}{key}"
        if key not in data or data[key] is None:
            return None
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            raise self.error(full, "must be a line of text", "write it as text, in quotes if needed")
        if find_unsafe_character(value) is not None or any(c in value.strip() for c in "\t\n\r"):
            raise self.error(
                full, "contains a line break, tab or other invisible control character",
                "write it on one line, as plain text",
            )
        if len(value) > 200:
            raise self.error(full, "must be one short line (at most 200 characters)", "shorten it")
        if plain and any(character in MARKUP_CHARACTERS for character in value):
            raise self.error(
                full,
                "contains a character with a meaning in Markdown or HTML (< > & { } [ ] ` * _ | \\ #)",
                "write it as plain text without those characters",
            )
        if plain and (character := unneeded_character(value.strip())) is not None:
            raise self.error(
                full,
                f"contains {describe(character)}, which a name does not need",
                "use letters, digits, spaces and only these marks: ' - . , ( ) / :",
            )
        return value.strip()

    def url(self, data: dict[str, Any], key: str, prefix: str = "") -> str:
        value = self.optional_url(data, key, prefix)
        if value is None:
            raise ProtocolError(
                f"the field '{prefix}{key}' is missing", file=self.path, fix=f"add '{key}: https://…' to the file"
            )
        return value

    def optional_url(self, data: dict[str, Any], key: str, prefix: str = "") -> str | None:
        value = self.optional_text(data, key, prefix, plain=False)
        if value is not None and not _WEB_URL.match(value):
            raise self.error(
                f"{prefix}{key}", f"is not a web address starting with https:// ('{value}')",
                "write the full address, e.g. https://www.school.nl/contact",
            )
        return value

    def email(self, data: dict[str, Any], key: str, prefix: str = "") -> str | None:
        value = self.optional_text(data, key, prefix, plain=False)
        if value is not None and not _EMAIL.match(value):
            raise self.error(
                f"{prefix}{key}", f"is not an e-mail address ('{value}')", "write it as name@school.nl"
            )
        return value

    def handles(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        """An optional list of GitHub handles (written with or without '@'), each once."""
        value = data.get(key)
        if value is None:
            return ()
        example = f"list them one per line below '{key}:', e.g. '  - j-jansen'"
        if not isinstance(value, list) or not value:
            raise self.error(key, "must be a list of GitHub handles", example)
        if len(value) > MAX_MAINTAINERS:
            raise self.error(key, f"lists {len(value)} handles; at most {MAX_MAINTAINERS}",
                             "name a few people, or a GitHub team ('organisation/team')")
        handles: list[str] = []
        for item in value:
            handle = parse_handle(item)
            if handle is None:
                raise self.error(key, f"holds '{item}', which is not a GitHub handle", f"write {HANDLE_FORM}")
            if handle.lower() in (known.lower() for known in handles):
                raise self.error(key, f"names '{handle}' twice", "keep one of them")
            handles.append(handle)
        return tuple(handles)
