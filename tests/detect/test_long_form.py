"""Long-form articles (the full content:encoded body): every fresh change of a roundup, each
with its person, organisation, change and destination; the background none."""

from __future__ import annotations

import pytest

from streams.detect import detect_leadership_changes
from streams.models import NewsItem
from tests.detect.fixtures.long_form import ROUNDUP_EN, ROUNDUP_EN_EXPECTED, ROUNDUP_IT, ROUNDUP_IT_EXPECTED


def found(article: dict, lang: str) -> set[tuple]:
    item = NewsItem(item_id="long", title=article["title"], summary=article["summary"], lang=lang,
                    published="2031-06-10T09:00:00Z")
    return {(e.person, e.org, e.change, e.to_org) for e in detect_leadership_changes(item).events}


@pytest.mark.parametrize("article, lang, expected", [
    (ROUNDUP_EN, "en", ROUNDUP_EN_EXPECTED),
    (ROUNDUP_IT, "it", ROUNDUP_IT_EXPECTED),
])
def test_a_roundup_gives_each_fresh_change_and_no_background(article, lang, expected):
    assert len(article["summary"]) > 8_000  # a full article: the later paragraphs are far past any teaser
    assert found(article, lang) == expected


def test_an_article_whose_lead_reports_no_change_is_not_read_for_one_further_down():
    article = {"title": "Kestrel Labs opens a research office in Seoul",
               "summary": "Kestrel Labs opened an office. "
               + "The company has grown fast. " * 40 + "Ivo Marren announced he is leaving Kestrel Labs."}
    assert found(article, "en") == set()
