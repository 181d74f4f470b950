"""The pure dedup step, driven report by report as the Faust agent and `classify` drive it."""

import pytest

from streams.dedup import dedup_key, normalize_org
from streams.dedup.offline import OfflineDeduplicator, assign_alert_ids
from streams.models import LeadershipEvent, LeadershipReport, NewsItem


def report(item_id, person, org, change, lang="en", published="2031-03-02T10:00:00Z", link=None,
           to_org=None):
    event = LeadershipEvent(person=person, person_norm=person.lower(), role="CEO", org=org,
                            change=change, to_org=to_org, confidence=0.9, evidence="...")
    item = NewsItem(item_id=item_id, title=f"title {item_id}", link=link or f"https://n/{item_id}",
                    lang=lang, published=published, source=f"outlet-{lang}")
    return LeadershipReport(item=item, event=event, language=lang, dedup_key=dedup_key(event))


@pytest.mark.parametrize("a, b", [
    ("Meta Platforms, Inc.", "Meta"), ("Zorblax Corp.", "zorblax"), ("Brenntag SE", "Brenntag"),
    ("Fiorelli S.p.A.", "Fiorelli"), ("Quellwerk AG", "Quellwerk"), ("Qubitry's", "Qubitry"),
])
def test_org_names_normalise_across_suffixes(a, b):
    assert normalize_org(a) == normalize_org(b)


def test_same_change_in_several_languages_is_one_alert_with_updates():
    dedup = OfflineDeduplicator()
    first = dedup.add(report("i1", "Ilse Vandermeer", "Zorblax", "departure", "en"))
    second = dedup.add(report("i2", "Ilse Vandermeer", "Zorblax Inc.", "firing", "de",
                              published="2031-03-03T08:00:00Z"))
    third = dedup.add(report("i3", "Vandermeer", "Zorblax", "departure", "it"))
    assert first.kind == "new" and second.kind == "update" and third.kind == "update"
    assert first.alert.alert_id == second.alert.alert_id == third.alert.alert_id
    assert third.alert.languages == ("de", "en", "it")
    assert len(third.alert.sources) == 3
    assert "person" in second.alert.merged_on and "org" in second.alert.merged_on


def test_a_repeated_item_or_link_is_a_duplicate():
    dedup = OfflineDeduplicator()
    dedup.add(report("i1", "Ilse Vandermeer", "Zorblax", "departure"))
    assert dedup.add(report("i1", "Ilse Vandermeer", "Zorblax", "departure")).kind == "duplicate"
    syndicated = report("i9", "Ilse Vandermeer", "Zorblax", "departure", link="https://n/i1")
    assert dedup.add(syndicated).kind == "duplicate"


def test_different_people_changes_and_windows_stay_apart():
    ids = assign_alert_ids([
        report("a", "Ilse Vandermeer", "Zorblax", "departure"),
        report("b", "Tomasz Okafor", "Zorblax", "departure"),            # other person
        report("c", "Ilse Vandermeer", "Zorblax", "return"),             # later return: new change
        report("d", "Ilse Vandermeer", "Zorblax", "departure",
               published="2031-05-01T10:00:00Z"),                        # outside the window
        report("e", "Ilse Vandermeer", "Quellwerk", "departure"),        # other organisation
    ])
    assert len(set(ids)) == 5


def test_unnamed_person_merges_with_the_later_named_report():
    dedup = OfflineDeduplicator()
    first = dedup.add(report("i1", "", "Zorblax", "appointment"))
    second = dedup.add(report("i2", "Marisol Quintero", "Zorblax", "appointment", "es"))
    assert second.kind == "update" and second.alert.alert_id == first.alert.alert_id
    assert second.alert.person["name"] == "Marisol Quintero"


def test_alert_id_is_deterministic_across_runs():
    reports = [report("i1", "Ilse Vandermeer", "Zorblax", "departure"),
               report("i2", "Ilse Vandermeer", "Zorblax", "departure", "fr")]
    assert assign_alert_ids(reports) == assign_alert_ids(reports)


def test_alerts_nothing_touched_within_the_retention_expire():
    from streams.dedup.clusters import expire_clusters

    dedup = OfflineDeduplicator()
    dedup.add(report("i1", "Ilse Vandermeer", "Zorblax", "departure"), now=1_000.0)
    dedup.add(report("i2", "Tomasz Okafor", "Zorblax", "appointment"), now=5_000.0)
    clusters = dedup.state[dedup_key(report("x", "", "Zorblax", "departure").event)]
    kept = expire_clusters(clusters, now=6_000.0, retention_s=2_000.0)
    assert [c["person"] for c in kept] == ["Tomasz Okafor"]
    assert expire_clusters(clusters, now=10_000.0, retention_s=2_000.0) == []


def test_an_older_change_arriving_after_a_newer_one_still_merges():
    """Feeds deliver out of order: a September report must not evict August's open alert."""
    dedup = OfflineDeduplicator()
    first = dedup.add(report("a1", "Ilse Vandermeer", "Zorblax", "departure", published="2031-03-02T10:00:00Z"))
    dedup.add(report("b1", "Tomasz Okafor", "Zorblax", "appointment", published="2031-09-20T10:00:00Z"))
    late = dedup.add(report("a2", "Ilse Vandermeer", "Zorblax", "departure", "it",
                            published="2031-03-03T10:00:00Z"))
    assert late.kind == "update" and late.alert.alert_id == first.alert.alert_id
