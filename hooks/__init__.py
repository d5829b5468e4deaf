"""The CVO Protocol Social Media site: overlays, merge, build and publish.

Installed as the package ``cvo_protocol`` (mapped onto this ``hooks/`` folder).

- ``errors``            the one error type a person can fix (`ProtocolError`)
- ``overlay``           a school's overlay: ``school.yml`` loaded and validated
- ``overlay_markdown``  a school's rule files: parsed and checked for safety
- ``merge``             where rule 10 is merged: base page + overlay -> page
- ``outbound_links``    ``rel="noopener noreferrer"`` on links to other sites
- ``texts``             the Dutch and English sentences the merge writes
- ``mkdocs_hooks``      the thin MkDocs adapter named in ``mkdocs.yml``
- ``search_languages``  one search index per language (a hook file of its own)
- ``rules_extract``     the rules of a built protocol page, read back from its HTML
- ``changes``           "what changed": one version against the previous, rule by rule
- ``worddiff``          the words changed in a rule: a diff whose cost is bounded
- ``opendata``          ``protocol.json``, every rule of a site in one language
- ``permalinks``        ids a published page had stay reachable (``permalinks.yml``)
- ``csp``               a Content-Security-Policy per page, inline scripts by hash
- ``alternates``        language alternates declared in sitemap.xml, not in the head
- ``reader_hooks``      the second adapter: copy links, poster, PDF link, print heading
- ``copylinks``         a "copy link" button on every rule, to its ``latest`` address
- ``poster``            a school's A4 poster with QR codes (segno)
- ``printing``          the heading of a printed page and the PDF link
- ``pdf``               a PDF per site and language, printed by headless Chromium
- ``sitebuild``         builds one site or all of them, atomically
- ``fastbuild``         builds many sites: a warmed-up process forked into workers
- ``buildcache``        what MkDocs builds share within one run (templates, theme files, copies)
- ``hardlinks``         identical files of built sites stored once
- ``release``           a version's name, title and effective date
- ``publish``           every site of one version to ``gh-pages`` with mike, all or nothing
- ``gitrepo``           the git operations publishing needs beyond mike (refs, lock)
- ``portal``            the root of the published tree: portal and 404 pages
- ``feeds``             Atom feeds of published versions
- ``project``           the project's layout, site names, environment for one build
- ``scaffold``          ``new-school``: a valid, commented overlay
- ``cli``               the ``cvo-protocol`` command
"""
