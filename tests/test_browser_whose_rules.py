"""At phone size (390 × 844) every protocol page shows whose rules these are above rule 1.

The header cuts the site's name short on a phone ("CVO Protocol Social M…"),
so a parent who scans the poster needs the school's name in the page itself.
Also: the translation notice is visible at the top of a page in another language.
"""

from __future__ import annotations

import pytest
from browser import PHONE, PageCase
from conftest import SHIPPED_SCHOOLS
from test_trustworthy_text import LANGUAGES, school_name

CASES = [
    PageCase(f"{site}-{language}", site, "/" + LANGUAGES.folder(language))
    for site in ["cvo", *SHIPPED_SCHOOLS]
    for language in LANGUAGES.all
]


def _language(case: PageCase) -> str:
    return case.name.rsplit("-", 1)[1]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_school_is_named_visibly_above_rule_1_on_a_phone(open_page, case: PageCase) -> None:
    page = open_page(case, "phone")
    assert page.viewport_size == PHONE
    whose = page.locator(".cvo-whose")
    assert whose.count() == 1 and whose.is_visible()
    assert whose.inner_text().strip() == school_name(case.site, _language(case))
    box, rule = whose.bounding_box(), page.locator("#regel-1").bounding_box()
    assert box is not None and rule is not None
    assert box["y"] + box["height"] <= rule["y"], (box, rule)
    # Not cut short: the whole name fits in the page's width.
    assert whose.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("case", [c for c in CASES if _language(c) != LANGUAGES.default], ids=str)
def test_a_translation_says_so_visibly_at_the_top_on_a_phone(open_page, case: PageCase) -> None:
    page = open_page(case, "phone")
    notice = page.locator(".cvo-translation")
    assert notice.is_visible()
    box, heading = notice.bounding_box(), page.locator("h1").bounding_box()
    assert box is not None and heading is not None and box["y"] < heading["y"]
    assert notice.locator(f"a[hreflang='{LANGUAGES.default}']").is_visible()
