"""The ``cvo-protocol`` command: build, serve, check and scaffold the sites."""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from cvo_protocol.build.templatecache import compiled_templates_kept
from cvo_protocol.core.catalog import sentence
from cvo_protocol.core.errors import ProtocolError
from cvo_protocol.core.merge import merge_overlay
from cvo_protocol.core.overlay import load_overlay
from cvo_protocol.adapter.request import SCHOOL_ENV
from cvo_protocol.core.addresses import CVO_WIDE, LATEST
from cvo_protocol.core.project import Project
from cvo_protocol.core.release import TITLE_LIMIT, Release, parse_date, parse_site_url
from cvo_protocol.commands.annotations import error_annotation
from cvo_protocol.commands.ownership import project_codeowners
from cvo_protocol.commands.preview import build_preview, changed_paths
from cvo_protocol.core.overview import overview_csv, overview_text
from cvo_protocol.commands.scaffold import new_school
from cvo_protocol.core.languages import incomplete_error
from cvo_protocol.core.owners import CODEOWNERS_FILE
from cvo_protocol.build.fastbuild import build_all
from cvo_protocol.build.sitebuild import build_site, quiet_mkdocs_info, show_mkdocs_log

DEFAULT_SITE_DIR = "site"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return its exit code (0 ok, 1 a problem the user can fix)."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except ProtocolError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away ("cvo-protocol publish --dry-run | head"): stop quietly, as
        # a shell tool does on SIGPIPE, with stdout on /dev/null so exit's flush cannot fail.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def run_build(args: argparse.Namespace) -> int:
    project = Project.find()
    languages = project.check_languages()
    quiet_mkdocs_info()
    site_root = Path(args.site_dir)
    start = time.perf_counter()
    if args.all:
        built = build_all(project, site_root)
    else:
        build_site(project, args.school, site_root / (args.school or CVO_WIDE))
        built = [args.school or CVO_WIDE]
    seconds = time.perf_counter() - start
    for name in built:
        folders = [f"{site_root / name}/ ({languages.default})",
                   *(f"{site_root / name}/{language}/" for language in languages.others)]
        print("built " + (f"{', '.join(folders[:-1])} and {folders[-1]}" if len(folders) > 1 else folders[0]))
    print(f"{len(built)} site(s) in {seconds:.2f} s")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    project = Project.find()
    project.check_languages()
    if args.school:
        load_overlay(project.overlays, args.school)
    show_mkdocs_log(logging.INFO)
    from mkdocs.commands.serve import serve  # here: livereload and watchdog are for serve only

    options = {"dev_addr": args.dev_addr} if args.dev_addr else {}
    # In this process rather than as `mkdocs serve`, so that each rebuild after
    # a save reuses the compiled templates (Material's take most of a build).
    # The live-reload server rebuilds in its own thread, so the school is named
    # the way a plain `mkdocs serve` names it: in the environment.
    os.environ[SCHOOL_ENV] = args.school or ""
    with compiled_templates_kept():
        serve(str(project.config_file), livereload=True, **options)
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Validate every overlay; list every problem found (each overlay's first), not only the first one.

    Missing translations are one message, as for every command; with ``--format github`` one annotation each.
    """
    github = args.format == "github"
    project = Project.find()

    def report(error: ProtocolError) -> None:
        if github:
            print(error_annotation(error, project.root))
        else:
            print(f"error: {error}", file=sys.stderr)

    try:
        languages = project.languages()
        gaps = project.language_gaps(languages)
    except ProtocolError as error:
        report(error)
        return 1
    if gaps and not github:
        raise incomplete_error(gaps, languages, project.config_file)  # one message, as every command gives
    for gap in gaps:  # on the pull request: each at its own file
        report(ProtocolError(gap.problem, file=gap.file, fix=gap.fix))
    if any(not gap.file.resolve().is_relative_to(project.overlays) for gap in gaps):
        return 1  # the pages or catalogs themselves lack a language: no overlay can be checked against them
    incomplete = {gap.file.resolve().relative_to(project.overlays).parts[0] for gap in gaps}
    base = {language: project.protocol_page(language).read_text(encoding="utf-8") for language in languages.all}
    slugs = project.slugs()
    failures = len(incomplete)
    for slug in slugs:
        if slug in incomplete:
            continue
        try:
            overlay = load_overlay(project.overlays, slug)
            for language in languages.all:
                merge_overlay(base[language], overlay, language)
        except ProtocolError as error:
            failures += 1
            report(error)
        else:
            rules = overlay.rules[languages.default].rule_count if overlay.rules else 0
            print(f"ok: {slug} ({rules} supplementary rule(s))")
    print(f"{len(slugs) - failures} of {len(slugs)} overlay(s) valid")
    return 1 if failures else 0


def run_codeowners(args: argparse.Namespace) -> int:
    project = Project.find()
    path = project.root / CODEOWNERS_FILE
    text = project_codeowners(project)
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current != text:
            raise ProtocolError(
                "is missing" if current is None else "is out of date (owners.yml or a school's maintainers changed)",
                file=path, fix="run 'cvo-protocol codeowners' and commit .github/CODEOWNERS",
            )
        print(f"ok: {CODEOWNERS_FILE.as_posix()} is up to date")
        return 0
    if current == text:
        print(f"{CODEOWNERS_FILE.as_posix()} is up to date")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)  # whole or not at all
    print(f"wrote {CODEOWNERS_FILE.as_posix()}")
    return 0


def run_preview(args: argparse.Namespace) -> int:
    project = Project.find()
    project.check_languages()
    quiet_mkdocs_info()
    changed = changed_paths(project, args.since)
    preview = build_preview(project, changed, Path(args.site_dir))
    if preview.sites:
        print(f"built {', '.join(preview.sites)} into {args.site_dir}/ for the artifact {preview.name}")
    else:
        print(f"no site to preview: the {len(changed)} changed file(s) are not part of any site")
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as output:
            output.write(f"name={preview.name}\nsites={' '.join(preview.sites)}\n")
    return 0


def run_overview(args: argparse.Namespace) -> int:
    """Every school's contact and rule headings, as CSV (``--csv``) or as plain text, to stdout or a file."""
    project = Project.find()
    languages = project.check_languages()
    language = args.language or languages.default
    if language not in languages.all:
        raise ProtocolError(f"unknown language '{language}'", fix=f"use one of: {', '.join(languages.all)}")
    base_url = parse_site_url(args.site_url, "--site-url") if args.site_url else project.site_url()
    overlays = [load_overlay(project.overlays, slug, languages) for slug in project.slugs()]
    if args.csv:
        text = overview_csv(overlays, language, languages, base_url)
    else:
        text = overview_text(overlays, language, languages, base_url)
    if args.output:
        output = Path(args.output)
        temporary = output.with_name(f".{output.name}.tmp")
        temporary.write_text(text, encoding="utf-8-sig" if args.csv else "utf-8", newline="")
        temporary.replace(output)
        print(f"wrote {output} ({len(overlays)} school(s))")
    else:
        sys.stdout.write(text)
    return 0


def run_publish(args: argparse.Namespace) -> int:
    from cvo_protocol.publishing.publish import publish  # here: mike and git are for publishing only

    project = Project.find()
    languages = project.check_languages()
    title = args.title
    if args.school and not title and args.school != CVO_WIDE:
        # A school's revision says whose it is in the version selector and the banners.
        school = load_overlay(project.overlays, args.school).name[languages.default]
        title = sentence(languages.default, "revision.title", version=args.version, school=school)
        title = title if len(title) <= TITLE_LIMIT else None
    release = Release.parse(args.version, title, args.effective)
    today = _today(args)
    quiet_mkdocs_info()
    site_url = parse_site_url(args.site_url, "--site-url") if args.site_url else project.site_url()
    if args.dry_run:
        return _dry_run(project, release, site_url, today, args.school)
    start = time.perf_counter()
    result = publish(project, release, aliases=args.alias, site_url=site_url, today=today, school=args.school,
                     push=args.push)
    seconds = time.perf_counter() - start
    print(f"published {release.version} ({release.title}, effective {release.effective}) for {len(result.sites)} site(s):")
    for site in result.sites:
        print(f"  {site}/{release.version}/" + "".join(f", {site}/{alias}/" for alias in result.aliases))
    if result.coming and LATEST in args.alias:
        print(f"not yet in force: {LATEST} stays on the version in force until "
              f"'cvo-protocol activate' runs on or after {release.effective}")
    print(f"gh-pages is at {result.commit[:12]}{' and pushed' if args.push else ''} ({seconds:.1f} s)")
    return 0


def _dry_run(project: Project, release: Release, site_url: str, today: datetime.date, school: str | None) -> int:
    """``publish --dry-run``: per site what would change and the id check; exit 0 if the publish would succeed."""
    from cvo_protocol.publishing.dryrun import dry_run

    result = dry_run(project, release, site_url=site_url, today=today, school=school)
    when = "coming: latest stays on the version in force" if result.coming else "in force"
    print(f"dry run: {release.version} ({release.title}, effective {release.effective}, {when}); gh-pages untouched")
    for site in result.sites:
        if site.changes is None:
            print(f"{site.site}: first version")
        else:
            changes = site.changes
            print(f"{site.site}: compared with {site.previous}: {len(changes.added)} added, "
                  f"{len(changes.removed)} removed, {len(changes.reworded)} reworded")
            for label, ids in changes.ids().items():
                if ids:
                    print(f"  {label}: {', '.join(ids)}")
        print(f"  ids: {'ok' if not site.dropped else f'{len(site.dropped)} dropped'}")
        for problem in site.dropped:
            print(f"    {problem}")
    if result.pdf_error is not None:
        print(f"error: {result.pdf_error}", file=sys.stderr)
    if result.would_succeed:
        print("the publish would succeed")
        return 0
    print("the publish would be refused", file=sys.stderr)
    return 1


def run_activate(args: argparse.Namespace) -> int:
    from cvo_protocol.publishing.activate import activate

    project = Project.find()
    today = _today(args)
    moves = activate(project, today, push=args.push)
    for move in moves:
        print(f"{move.site}: {LATEST} {move.old or '(none)'} -> {move.new}")
    print(f"{len(moves)} site(s) moved to the version in force on {today}" if moves
          else f"every site's {LATEST} is already the version in force on {today}")
    return 0


def _today(args: argparse.Namespace) -> datetime.date:
    """The day publish and activate judge by: ``--today`` (tests, a rehearsal), else the system's date."""
    return parse_date(args.today, "--today") if args.today else datetime.date.today()


def run_versions(args: argparse.Namespace) -> int:
    from cvo_protocol.publishing.publish import published_sites, published_versions

    project = Project.find()
    sites = [args.school] if args.school else published_sites(project)
    if not sites:
        print("nothing published yet (no gh-pages branch)")
    for site in sites:
        print(f"{site}:")
        versions = list(published_versions(project, site))
        if not versions:
            print("  (no versions)")
        for info in versions:
            effective = (info.properties or {}).get("effective", "?")
            aliases = f" [{', '.join(sorted(info.aliases))}]" if info.aliases else ""
            print(f"  {info.version}  {info.title}  effective {effective}{aliases}")
    return 0


def run_new_school(args: argparse.Namespace) -> int:
    project = Project.find()
    for path in new_school(project.overlays, args.slug):
        print(f"created {path.relative_to(project.root)}")
    print(f"next: edit these files, then run 'cvo-protocol check' and 'cvo-protocol serve --school {args.slug}'")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cvo-protocol",
        description="Build, preview and check the CVO Protocol Social Media sites.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the CVO-wide site, one school's, or all of them")
    which = build.add_mutually_exclusive_group()
    which.add_argument("--school", metavar="SLUG", help="build this school's site (default: the CVO-wide site)")
    which.add_argument("--all", action="store_true", help="build the CVO-wide site and every school's site")
    build.add_argument(
        "--site-dir", default=DEFAULT_SITE_DIR, help="output folder; each site goes to SITE_DIR/<slug>/ (default: site)"
    )
    build.set_defaults(run=run_build)

    serve = commands.add_parser("serve", help="preview a site with live reload")
    serve.add_argument("--school", metavar="SLUG", help="preview this school's site (default: the CVO-wide site)")
    serve.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="address to serve on (default: 127.0.0.1:8000)")
    serve.set_defaults(run=run_serve)

    publish_cmd = commands.add_parser(
        "publish", help="publish every site of one version (or one school's revision) to gh-pages (all or nothing)"
    )
    publish_cmd.add_argument("version", help="the version's name in the address, e.g. 2025.03 (a school's revision: 2025.03-1)")
    publish_cmd.add_argument("--title", help="the version's title as readers see it, e.g. 'Maart 2025'")
    publish_cmd.add_argument("--effective", metavar="YYYY-MM-DD",
                             help="the date it takes effect (required; after today: published as coming)")
    publish_cmd.add_argument(
        "--alias", action="append", default=[], help="an alias to point at this version, e.g. latest (repeatable)"
    )
    publish_cmd.add_argument("--school", metavar="SLUG",
                             help="publish only this school's site: a revision YYYY.MM-N; every other site stays as it is")
    publish_cmd.add_argument("--dry-run", action="store_true",
                             help="build and check everything, print what would change, publish nothing (exit 0 or 1)")
    publish_cmd.add_argument("--push", action="store_true", help="push gh-pages to origin afterwards")
    publish_cmd.add_argument("--site-url", help="where gh-pages is served (default: site_url of mkdocs.yml)")
    publish_cmd.add_argument("--today", metavar="YYYY-MM-DD", help="judge 'in force' as on this day (default: today)")
    publish_cmd.set_defaults(run=run_publish)

    activate_cmd = commands.add_parser(
        "activate", help="move latest of every site to the newest version in force (atomic, safe to run daily)"
    )
    activate_cmd.add_argument("--today", metavar="YYYY-MM-DD", help="judge 'in force' as on this day (default: today)")
    activate_cmd.add_argument("--push", action="store_true", help="push gh-pages to origin if anything moved")
    activate_cmd.set_defaults(run=run_activate)

    versions = commands.add_parser("versions", help="list the published versions")
    versions.add_argument("--school", metavar="SLUG", help="only this school (or 'cvo')")
    versions.set_defaults(run=run_versions)

    check = commands.add_parser("check", help="validate every overlay without building")
    check.add_argument(
        "--format", choices=("text", "github"), default="text",
        help="github: each problem as a GitHub workflow error annotation, shown on the pull request",
    )
    check.set_defaults(run=run_check)

    preview = commands.add_parser("preview", help="build the sites that the changes since a commit affect")
    preview.add_argument("--since", required=True, metavar="REV", help="compare HEAD with this commit, e.g. HEAD^1")
    preview.add_argument("--site-dir", default="preview", help="output folder, one site per subfolder (default: preview)")
    preview.add_argument("--github-output", metavar="FILE", help="append name=<artifact> and sites=<sites> to FILE")
    preview.set_defaults(run=run_preview)

    overview = commands.add_parser("overview", help="every school's contact and rule headings, for the policy office")
    overview.add_argument("--csv", action="store_true", help="write CSV (one row per heading) instead of plain text")
    overview.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    overview.add_argument("--language", help="the language of names and headings (default: the site's default)")
    overview.add_argument("--site-url", help="where gh-pages is served, for the links (default: site_url of mkdocs.yml)")
    overview.set_defaults(run=run_overview)

    owners = commands.add_parser("codeowners", help="write .github/CODEOWNERS from owners.yml and each school's maintainers")
    owners.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is out of date")
    owners.set_defaults(run=run_codeowners)

    scaffold = commands.add_parser("new-school", help="create a valid overlay for a new school")
    scaffold.add_argument("slug", help="lowercase letters, digits and hyphens, e.g. de-linde-assen")
    scaffold.set_defaults(run=run_new_school)
    return parser


if __name__ == "__main__":
    sys.exit(main())
