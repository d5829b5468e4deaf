"""The root of the published tree: a portal per language and a 404 page per language.

A parent finds their school in at most two clicks: the portal lists the
CVO-wide protocol and every school, each linking to its ``latest`` version.
Beside it, for the policy office, "Schoolregels per vestiging"
(``schoolregels.html``, a file so that no school's folder can take its
name): every school with its contact and its rules' headings (`core.overview`).
Plain HTML with one local stylesheet: no script, nothing from elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from cvo_protocol.core.catalog import sentence, sentence_html
from cvo_protocol.core.languages import Languages
from cvo_protocol.core.overlay import Overlay
from cvo_protocol.core.overview import RuleHeading, rule_headings
from cvo_protocol.core.addresses import LATEST
from cvo_protocol.pages.csp import add_policy

CSS = """\
body { font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
  background: #fff; margin: 0 auto; max-width: 42rem; padding: 1rem 1.25rem 3rem; }
a { color: #2a3990; text-decoration: underline; text-underline-offset: 0.15em; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
ul { list-style: none; padding: 0; }
li { margin: 0 0 0.75rem; }
li a { font-size: 1.1rem; display: inline-block; padding: 0.25rem 0; }
.place { display: block; color: #4a4a4a; }
.language { text-align: right; margin: 0; }
.school { margin: 0 0 0.25rem; }
.contact { margin: 0 0 0.5rem; }
.contact dt { font-weight: 700; }
.contact dd { margin: 0; overflow-wrap: anywhere; }
.rules ul { list-style: disc; padding-left: 1.25rem; }
.rules li { margin: 0 0 0.25rem; }
.rules li a { font-size: 1rem; }
"""
OVERVIEW = "schoolregels.html"


@dataclass(frozen=True)
class PortalFile:
    """One file at the root of the published tree."""

    path: str
    content: str


def portal_files(overlays: list[Overlay], site_url: str, cvo_site: str, languages: Languages) -> list[PortalFile]:
    """The portal and 404 pages in every language (the default's at the root), and their stylesheet."""
    root = urlsplit(site_url).path.rstrip("/") + "/"
    files = [PortalFile("portal.css", CSS)]
    for language in languages.all:
        prefix = languages.folder(language)
        files.append(PortalFile(f"{prefix}index.html", _portal(language, languages, overlays, cvo_site)))
        files.append(PortalFile(f"{prefix}404.html", _not_found(language, languages, root)))
        files.append(PortalFile(f"{prefix}{OVERVIEW}", _overview(language, languages, overlays)))
    return files


def _page(language: str, languages: Languages, title: str, description: str, css: str, base: str, body: str) -> str:
    """One page; ``base`` leads from it to the root of the tree, where each language's folder is."""
    others = " · ".join(
        f'<a href="{base}{languages.folder(other)}" hreflang="{other}" lang="{other}">{escape(languages.name(other))}</a>'
        for other in languages.all if other != language
    )
    return add_policy(f"""<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<meta name="description" content="{escape(description)}">
<link rel="stylesheet" href="{css}">
<link rel="icon" href="data:,">
<link rel="alternate" type="application/atom+xml" href="{css.removesuffix('portal.css')}feed.xml" title="{escape(sentence(language, 'portal.feed'))}">
</head>
<body>
<p class="language">{others}</p>
{body}
</body>
</html>
""")


def _portal(language: str, languages: Languages, overlays: list[Overlay], cvo_site: str) -> str:
    up = "" if language == languages.default else "../"
    suffix = languages.folder(language)
    schools = "\n".join(
        f'<li><a href="{up}{o.slug}/{LATEST}/{suffix}">{escape(o.name[language])}</a>'
        f'<span class="place">{escape(o.place)}</span></li>'
        for o in sorted(overlays, key=lambda o: o.name[language].lower())
    )
    body = f"""<header>
<h1>{escape(sentence(language, 'portal.title'))}</h1>
<p>{escape(sentence(language, 'portal.intro'))}</p>
</header>
<main>
<h2>{escape(sentence(language, 'portal.schools_heading'))}</h2>
<ul>
{schools}
</ul>
<h2>{escape(sentence(language, 'portal.cvo_heading'))}</h2>
<ul>
<li><a href="{up}{cvo_site}/{LATEST}/{suffix}">{escape(sentence(language, 'portal.cvo_link'))}</a></li>
</ul>
<p><a href="{up}feed.xml" type="application/atom+xml">{escape(sentence(language, 'portal.feed'))}</a></p>
<p><a href="{OVERVIEW}">{escape(sentence(language, 'overview.title'))}</a></p>
</main>"""
    return _page(language, languages, sentence(language, "portal.title"), sentence(language, "portal.description"),
                 f"{up}portal.css", up, body)


def _overview(language: str, languages: Languages, overlays: list[Overlay]) -> str:
    """Every school with its contact and the headings of its rules, each linking to the rule in ``latest``."""
    up = "" if language == languages.default else "../"
    sections = [_overview_school(o, f"{up}{o.slug}/{LATEST}/{languages.folder(language)}", language)
                for o in sorted(overlays, key=lambda o: o.name[language].lower())]
    body = f"""<header>
<h1>{escape(sentence(language, 'overview.title'))}</h1>
<p>{escape(sentence(language, 'overview.intro'))}</p>
</header>
<main>
{chr(10).join(sections)}
</main>"""
    title = f"{sentence(language, 'overview.title')} – {sentence(language, 'portal.title')}"
    return _page(language, languages, title, sentence(language, "overview.description"), f"{up}portal.css", up, body)


def _overview_school(overlay: Overlay, site: str, language: str) -> str:
    """One school: its name (to its site), place, contact and its rules' headings (to each rule)."""
    contact = overlay.contact
    details = [escape(contact.name)] if contact.name else []
    if contact.email:
        details.append(f'<a href="mailto:{escape(contact.email)}">{escape(contact.email)}</a>')
    if contact.url:
        details.append(f'<a href="{escape(contact.url)}" rel="noopener noreferrer">{escape(contact.url)}</a>')
    rules = _nested(rule_headings(overlay, language), site)
    return f"""<section aria-labelledby="school-{overlay.slug}">
<h2 id="school-{overlay.slug}"><a href="{escape(site)}">{escape(overlay.name[language])}</a></h2>
<p class="school place">{escape(overlay.place)}</p>
<dl class="contact"><dt>{escape(sentence(language, 'overview.contact'))}</dt>
{''.join(f'<dd>{detail}</dd>' for detail in details)}</dl>
{rules or f"<p>{escape(sentence(language, 'overview.no_rules'))}</p>"}
</section>"""


def _nested(headings: list[RuleHeading], site: str) -> str:
    """The headings as a list: each group's rules in a list inside the group's item; ``""`` for none."""
    if not headings:
        return ""
    lines = ['<ul class="rules">']
    in_group = False
    for heading in headings:
        link = f'<a href="{escape(site)}#{escape(heading.anchor)}">{escape(heading.title)}</a>'
        if in_group and heading.is_group:
            lines.append("</ul></li>")
        if heading.is_group:
            lines.append(f"<li>{link}<ul>")
        else:
            lines.append(f"<li>{link}</li>")
        in_group = in_group or heading.is_group
    if in_group:
        lines.append("</ul></li>")
    lines.append("</ul>")
    return "\n".join(lines)


def _not_found(language: str, languages: Languages, root: str) -> str:
    home = f'<a href="{root}{languages.folder(language)}">{escape(sentence(language, "portal.home"))}</a>'
    body = f"""<main>
<h1>{escape(sentence(language, 'portal.not_found_title'))}</h1>
<p>{sentence_html(language, 'portal.not_found', home=home)}</p>
</main>"""
    title = f"{sentence(language, 'portal.not_found_title')} – {sentence(language, 'portal.title')}"
    return _page(language, languages, title, sentence(language, "portal.description"), f"{root}portal.css", root, body)
