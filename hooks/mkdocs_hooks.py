"""The one hook file named in ``mkdocs.yml``: each MkDocs event goes to one `SiteHooks` object.

All the logic is in `cvo_protocol.adapter.site_hooks`; this file only wires
the events, so the order of entries in ``mkdocs.yml`` cannot matter.
"""

from cvo_protocol.adapter.site_hooks import SiteHooks

_site = SiteHooks()

on_config = _site.on_config
on_env = _site.on_env
on_files = _site.on_files
on_page_markdown = _site.on_page_markdown
on_page_content = _site.on_page_content
on_post_page = _site.on_post_page
on_post_template = _site.on_post_template
on_serve = _site.on_serve
on_post_build = _site.on_post_build
