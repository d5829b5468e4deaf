"""``cvo-protocol new-school``: a valid overlay with comments that explain each field."""

from __future__ import annotations

from pathlib import Path

from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.languages import CONFIG_FILE, Languages, read_languages
from cvo_protocol.core.overlay import SCHOOL_FILE, check_slug, rules_file_name

SCHOOL_YML = """\
# The details of one CVO school location (vestiging). Every field is checked
# by 'cvo-protocol check'. Text may not contain < > & {{ }} [ ] ` * _ | \\ #.

# The school's name as parents know it, in each language of the site.
name:
{names}

# The town or village where this school location is.
place: Plaatsnaam

# The school's own website (https://).
website: https://www.{slug}.example

# Rule 8: reports go to the vestigingsdirecteur (the rule says so; the site
# writes the role itself, so there is no 'role:'). How reports reach them:
contact:
  # Optional: the vestigingsdirecteur's name.
  # name: mevrouw A. Jansen
  # At least one of the two: an e-mail address, or a page of the school's website.
  email: info@{slug}.example
  # url: https://www.{slug}.example/contact

# Optional: the GitHub accounts (or a team, 'organisation/team') whose review a
# change to this folder needs; without it, the policy office reviews. After a
# change, run 'cvo-protocol codeowners' (see README, "Who may change what").
# maintainers:
#   - j-jansen
#   - cvo-org/webteam-{slug}
"""

# Examples in the languages we have them in; any other language starts from
# the English one, to be translated (see `_example`).
RULES = {
    "nl": """\
<!--
  Aanvullende schoolregels van deze vestiging (regel 10 van het protocol).
  - '## Titel { #regel-10-… }' is een groep (bijvoorbeeld Examens, Excursies);
    groepen zijn niet verplicht.
  - '### Titel { #regel-10-… }' is een regel. Elke id begint met 'regel-10-',
    blijft altijd hetzelfde (scholen linken ernaar) en staat in het Engelse
    bestand in dezelfde volgorde.
  - Geen HTML, geen afbeeldingen; links alleen naar https://, mailto: of tel:.
  - Heeft de school geen aanvullende regels? Verwijder dan beide regelbestanden.
-->

## Mobiele telefoons { #regel-10-telefoon }

### Telefoon tijdens de les { #regel-10-1 }

VOORBEELD, vervang deze tekst: tijdens de les liggen telefoons in het kluisje.
""",
    "en": """\
<!--
  This school location's additional school rules (rule 10 of the protocol), in
  {name}. Same groups and rules, with the same ids, in the same order as in
  regels.{default}.md.
-->

## Mobile phones { #regel-10-telefoon }

### Phones during lessons { #regel-10-1 }

EXAMPLE, replace this text: during lessons, phones stay in the locker.
""",
}


def new_school(overlays_dir: Path, slug: str, languages: Languages | None = None) -> list[Path]:
    """Create ``overlays/<slug>/`` with a commented ``school.yml`` and a rule file per language.

    ``languages``: by default those of the ``mkdocs.yml`` beside ``overlays_dir``.
    """
    languages = languages or read_languages(overlays_dir.parent / CONFIG_FILE)
    check_slug(slug, languages.all)
    folder = overlays_dir / slug
    if folder.exists():
        raise ProtocolError(
            "already exists", file=folder, fix="choose another slug, or edit the files that are there"
        )
    folder.mkdir(parents=True)
    title = slug.replace("-", " ").title()
    school = SCHOOL_YML.format(
        title=title,
        slug=slug,
        names="\n".join(f"  {language}: {title}" for language in languages.all),
    )
    written = [folder / SCHOOL_FILE]
    written[0].write_text(school, encoding="utf-8")
    for language in languages.all:
        path = folder / rules_file_name(language)
        text = _example(RULES, language).replace("{name}", languages.name(language))
        path.write_text(text.replace("{default}", languages.default), encoding="utf-8")
        written.append(path)
    return written


def _example(examples: dict[str, str], language: str) -> str:
    """The example in ``language``, or the English one to translate."""
    return examples.get(language, examples["en"])
