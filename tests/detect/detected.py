"""The events the detector finds in one invented item (published 2031-05-04), for the detector tests."""

from __future__ import annotations

from streams.detect import detect_leadership_changes
from streams.models import LeadershipEvent, NewsItem


def events(title: str, summary: str, lang: str) -> tuple[LeadershipEvent, ...]:
    detection = detect_leadership_changes(NewsItem(item_id="t", title=title, summary=summary, lang=lang,
                                                   published="2031-05-04T10:00:00Z"))
    return detection.events
