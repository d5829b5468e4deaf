"""The sentences the merge writes into a page, in every language of the site.

They are Markdown; the values filled in are escaped for Markdown by the merge.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "rules_heading": "Aanvullende regels van {school}",
        "rules_intro": (
            "Deze regels heeft {school} in {place} zelf opgesteld, zoals regel 10 toestaat. "
            "Ze gelden op deze vestiging naast de regels van dit protocol."
        ),
        "no_rules": (
            "{school} heeft geen aanvullende schoolregels opgesteld. "
            "Op deze vestiging gelden alleen de regels van dit protocol."
        ),
        "cvo_pointer": (
            "Elke vestiging van CVO kan eigen aanvullende schoolregels hebben. "
            "Die staan op de site van de school zelf, direct onder regel 10."
        ),
        "contact": "**Melden op {school}:** meld dit bij {role}{person}{how}.",
        "by_email": " via [{email_text}](mailto:{email})",
        "by_url": " via [de website van de school]({url})",
        "or": " of",
    },
    "en": {
        "rules_heading": "Supplementary rules of {school}",
        "rules_intro": (
            "{school} in {place} drew up these rules itself, as rule 10 allows. "
            "At this school location they apply in addition to the rules of this protocol."
        ),
        "no_rules": (
            "{school} has not drawn up any additional school rules. "
            "At this school location only the rules of this protocol apply."
        ),
        "cvo_pointer": (
            "Every CVO school location may have additional school rules of its own. "
            "They are on the school's own site, directly below rule 10."
        ),
        "contact": "**Reporting at {school}:** report it to {role}{person}{how}.",
        "by_email": " by e-mail to [{email_text}](mailto:{email})",
        "by_url": " through [the school's website]({url})",
        "or": " or",
    },
}


def text(language: str, key: str, **values: str) -> str:
    """One sentence in the given language, with its placeholders filled in."""
    return TEXTS[language][key].format(**values)
