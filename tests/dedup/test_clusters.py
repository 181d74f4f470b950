"""The pure dedup step, driven report by report as the Faust agent and `classify` drive it."""

import dataclasses

import pytest

from streams.dedup import dedup_key, normalize_org
from streams.dedup.offline import OfflineDeduplicator, assign_alert_ids
from streams.models import LeadershipEvent, LeadershipReport, NewsItem


def report(item_id, person, org, change, lang="en", published="2031-03-02T10:00:00Z", link=None,
           to_org=None, role="CEO"):
    event = LeadershipEvent(person=person, person_norm=person.lower(), role=role, org=org,
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


def test_a_syndicated_copy_under_another_link_is_a_duplicate():
    dedup = OfflineDeduplicator()
    first = report("i1", "Ilse Vandermeer", "Zorblax", "departure")
    first = dataclasses.replace(first, item=dataclasses.replace(
        first.item, title="Zorblax chief executive Ilse Vandermeer resigns"))
    copy = dataclasses.replace(first, item=dataclasses.replace(
        first.item, item_id="i2", link="https://elsewhere.example/zorblax", source="Aggregator",
        title="Zorblax Chief Executive Ilse Vandermeer resigns!"))
    translated = dataclasses.replace(copy, language="de", item=dataclasses.replace(
        copy.item, item_id="i3", link="https://de.example/zorblax", lang="de"))
    assert dedup.add(first).kind == "new"
    decision = dedup.add(copy)
    assert decision.kind == "duplicate" and decision.alert_id == dedup.state[first.dedup_key][0]["alert_id"]
    assert dedup.add(translated).kind == "update"  # another language is another report


def test_different_people_changes_and_windows_stay_apart():
    ids = assign_alert_ids([
        report("a", "Ilse Vandermeer", "Zorblax", "departure"),
        report("b", "Tomasz Okafor", "Zorblax", "departure"),            # other person
        report("c", "Ilse Vandermeer", "Zorblax", "return"),             # later return: new change
        report("d", "Ilse Vandermeer", "Zorblax", "departure",
               published="2031-05-01T10:00:00Z"),                        # outside the window
        report("e", "Vandermeer", "Quellwerk", "departure"),             # a surname at another organisation
        report("f", "Tomasz Okafor", "Quellwerk", "appointment"),        # someone else's change there
    ])
    assert len(set(ids)) == 6


def test_one_persons_change_reported_under_two_organisations_is_one_alert():
    # "steps down as chairman of Zorblax and Quellwerk": outlets name one, the other or both
    dedup = OfflineDeduplicator()
    first = dedup.add(report("a", "Ilse Vandermeer", "Zorblax", "retirement"))
    other = dedup.add(report("b", "Ilse Vandermeer", "Quellwerk", "departure", lang="de"))
    assert other.kind == "update" and other.alert_id == first.alert_id
    assert other.key == first.key == "org:zorblax" and other.routed_from == "org:quellwerk"
    assert "person" in other.alert.merged_on
    # a surname alone routes nowhere: "Vandermeer" at Quellwerk may be someone else
    assert dedup.add(report("c", "Vandermeer", "Quellwerk", "departure", lang="it")).alert_id != first.alert_id
    # nor does another kind of change, or the same one outside the window
    assert dedup.add(report("d", "Ilse Vandermeer", "Quellwerk", "appointment")).alert_id != first.alert_id
    later = dedup.add(report("e", "Ilse Vandermeer", "Quellwerk", "departure", published="2031-05-01T10:00:00Z"))
    assert later.kind == "new" and later.key == "org:quellwerk"


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


# --- which reports are one change ----------------------------------------------------------
# (first report, later report): person, org, change, language; the later one a day after.
ONE_CHANGE = [
    (("Jürgen Müller", "Quellwerk AG", "departure", "de"), ("Juergen Mueller", "Quellwerk", "departure", "en")),
    (("Ilse Vandermeer", "Zorblax", "departure", "en"), ("Vandermeer", "Zorblax", "departure", "it")),
    (("Vandermeer", "Zorblax", "departure", "it"), ("Ilse Vandermeer", "Zorblax", "departure", "en")),
    (("Liang Xiaoru", "Brightwave", "appointment", "en"), ("Xiaoru Liang", "Brightwave", "appointment", "fr")),
    (("Сергей Волконов", "Norvane", "firing", "ru"), ("Sergej Volkonow", "Norvane", "firing", "de")),
    (("Sergey Volkonov", "Norvane", "firing", "en"), ("Serguei Volkonov", "Norvane", "firing", "fr")),
    (("José Ñúñez", "Fiorelli S.p.A.", "retirement", "es"), ("Jose Nunez", "Fiorelli", "retirement", "it")),
    (("Ilse Vandermeer", "Facebook", "departure", "en"), ("Ilse Vandermeer", "Meta Platforms", "departure", "de")),
    (("Ilse Vandermeer", "Facebook's parent", "departure", "en"), ("Vandermeer", "Meta", "departure", "de")),
    (("Ilse Vandermeer", "Instagram", "departure", "en"), ("Ilse Vandermeer", "Meta", "departure", "es")),
    (("Ilse Vandermeer", "Zorblax", "departure", "en"), ("Vandermeer", "Zorblax Deutschland", "departure", "de")),
    (("Ilse Vandermeer", "Zorblax", "departure", "en"), ("Ilse Vandermeer", "Zorblax", "firing", "fr")),
    (("Ilse Vandermeer", "Zorblax", "retirement", "en"), ("Ilse Vandermeer", "Zorblax", "departure", "it")),
    (("Ilse Vandermeer", "Zorblax", "return", "en"), ("Ilse Vandermeer", "Zorblax", "appointment", "it")),
    (("", "Zorblax", "appointment", "en"), ("Marisol Quintero", "Zorblax", "appointment", "es")),
    (("", "Zorblax", "appointment", "en"), ("Quintero", "Zorblax Inc.", "appointment", "es")),
    # one report reads the wrong organisation inside the group: the person and change decide
    (("Ilse Vandermeer", "Zorblax", "departure", "en"), ("Ilse Vandermeer", "Zorblax Labs", "departure", "de")),
]

SEPARATE_CHANGES = [
    # two people with one surname
    (("Tim Okafor", "Zorblax", "departure", "en"), ("Tom Okafor", "Zorblax", "departure", "en")),
    (("Tim Okafor", "Zorblax", "departure", "en"), ("Tom Okafor", "Quellwerk", "departure", "de")),
    (("Tim Okafor", "Zorblax", "departure", "en"), ("Okafor", "Quellwerk", "departure", "de")),
    (("Anna Berg", "Norvane", "appointment", "en"), ("Anna Borg", "Norvane", "appointment", "nl")),
    # one person, two changes: a leave and then the resignation; an exit and then a return
    (("Ilse Vandermeer", "Zorblax", "leave", "en"), ("Ilse Vandermeer", "Zorblax", "departure", "en")),
    (("Ilse Vandermeer", "Zorblax", "departure", "en"), ("Ilse Vandermeer", "Zorblax", "return", "en")),
    (("Ilse Vandermeer", "Zorblax", "departure", "en"), ("Ilse Vandermeer", "Zorblax", "appointment", "en")),
    # one person moving: the exit from one company and the start at the next
    (("Ilse Vandermeer", "Zorblax", "departure", "en"), ("Ilse Vandermeer", "Quellwerk", "appointment", "en")),
    # nobody named, and the organisations differ
    (("", "Zorblax", "appointment", "en"), ("Marisol Quintero", "Quellwerk", "appointment", "es")),
    (("", "Nordlicht Bank", "appointment", "en"), ("Marisol Quintero", "Nordlicht Energie", "appointment", "de")),
]


def _reports(first, second, gap="2031-03-03T10:00:00Z", **kw):
    (p1, o1, c1, l1), (p2, o2, c2, l2) = first, second
    return (report("i1", p1, o1, c1, l1, published="2031-03-02T10:00:00Z", **kw),
            report("i2", p2, o2, c2, l2, published=gap, **kw))


@pytest.mark.parametrize("first, second", ONE_CHANGE)
def test_reports_of_one_change_make_one_alert(first, second):
    a, b = _reports(first, second)
    dedup = OfflineDeduplicator()
    new, update = dedup.add(a), dedup.add(b)
    assert (new.kind, update.kind) == ("new", "update")
    assert update.alert.alert_id == new.alert.alert_id
    assert update.alert.languages == tuple(sorted({a.language, b.language}))
    assert "time-window" in update.alert.merged_on


@pytest.mark.parametrize("first, second", SEPARATE_CHANGES)
def test_different_changes_make_separate_alerts(first, second):
    a, b = _reports(first, second)
    ids = assign_alert_ids([a, b])
    assert ids[0] != ids[1]


# The id comes from the first report's surname: a first report that names nobody, gives the
# name in the other order, or is one of two namesakes in one window gives another (stable) id.
ORDER_SENSITIVE = {
    ("", "Zorblax", "appointment", "en"), ("Liang Xiaoru", "Brightwave", "appointment", "en"),
    ("Tim Okafor", "Zorblax", "departure", "en"),
}


@pytest.mark.parametrize("first, second", [
    pair for pair in ONE_CHANGE + SEPARATE_CHANGES if pair[0] not in ORDER_SENSITIVE])
def test_the_alert_id_does_not_depend_on_which_report_arrives_first(first, second):
    a, b = _reports(first, second, gap="2031-03-02T11:00:00Z")
    assert assign_alert_ids([a, b]) == assign_alert_ids([b, a])[::-1]


@pytest.mark.parametrize("hours, merged", [(24, False), (96, True)])
def test_the_window_is_a_setting(hours, merged):
    a, b = _reports(("Ilse Vandermeer", "Zorblax", "departure", "en"),
                    ("Ilse Vandermeer", "Zorblax", "departure", "de"), gap="2031-03-04T16:00:00Z")
    ids = assign_alert_ids([a, b], window_hours=hours)
    assert (ids[0] == ids[1]) is merged


@pytest.mark.parametrize("later, reasons", [
    (("Ilse Vandermeer", "Zorblax Inc.", "departure", "de"), {"person", "org", "change", "time-window"}),
    (("Vandermeer", "Zorblax", "firing", "de"), {"surname", "org", "change-family", "time-window"}),
    (("Ilse Vandermeer", "Zorblax Cloud", "departure", "de"), {"person", "org-parent", "change", "time-window"}),
])
def test_every_update_says_what_matched(later, reasons):
    a, b = _reports(("Ilse Vandermeer", "Zorblax", "departure", "en"), later)
    dedup = OfflineDeduplicator()
    assert dedup.add(a).alert.merged_on == ("first-report",)
    assert set(dedup.add(b).alert.merged_on) == reasons


def test_an_unnamed_report_says_so_and_the_alert_takes_the_name_given_later():
    a, b = _reports(("", "Zorblax", "appointment", "en"), ("Marisol Quintero", "Zorblax", "appointment", "es"))
    dedup = OfflineDeduplicator()
    first = dedup.add(a)
    assert first.alert.person["name"] == ""
    update = dedup.add(b)
    assert update.alert.person["name"] == "Marisol Quintero"
    assert "person-unnamed" in update.alert.merged_on


def test_an_unnamed_report_does_not_join_a_different_role():
    dedup = OfflineDeduplicator()
    named = dedup.add(report("i1", "Marisol Quintero", "Zorblax", "appointment", role="CEO"))
    unnamed = dedup.add(report("i2", "", "Zorblax", "appointment", role="chief financial officer"))
    assert unnamed.kind == "new" and unnamed.alert.alert_id != named.alert.alert_id


def test_the_alert_keeps_the_fullest_name():
    dedup = OfflineDeduplicator()
    dedup.add(report("i1", "Vandermeer", "Zorblax", "departure"))
    update = dedup.add(report("i2", "Ilse Vandermeer", "Zorblax", "departure", "de"))
    assert update.alert.person["name"] == "Ilse Vandermeer"


def test_a_surname_joins_the_person_it_names_not_her_namesake():
    dedup = OfflineDeduplicator()
    tim = dedup.add(report("i1", "Tim Okafor", "Zorblax", "departure"))
    tom = dedup.add(report("i2", "Tom Okafor", "Zorblax Labs", "departure", "de"))
    later = dedup.add(report("i3", "Okafor", "Zorblax Labs", "departure", "fr"))
    assert tim.alert.alert_id != tom.alert.alert_id
    assert later.alert.alert_id == tom.alert.alert_id  # the same organisation decides


def test_an_item_with_the_wrong_organisation_for_one_mention_makes_one_alert():
    """A succession item the detector read as four events, two with 'Cloud' as organisation."""
    item = [report("i1", "Ilse Vandermeer", "Zorblax", "departure"),
            report("i1", "Tomasz Okafor", "Cloud", "appointment"),
            report("i1", "Ilse Vandermeer", "Cloud", "departure"),
            report("i1", "Tomasz Okafor", "Zorblax", "appointment")]
    later = [report("i2", "Ilse Vandermeer", "Zorblax", "departure", "de"),
             report("i2", "Tomasz Okafor", "Zorblax", "appointment", "de")]
    ids = assign_alert_ids([*item, *later])
    vandermeer, okafor = {ids[0], ids[2], ids[4]}, {ids[1], ids[3], ids[5]}
    assert len(vandermeer) == 1 and len(okafor) == 1 and vandermeer != okafor


def test_a_re_polled_report_stays_a_duplicate_when_another_alert_now_fits_it_better():
    dedup = OfflineDeduplicator()
    named = dedup.add(report("i1", "Marisol Quintero", "Zorblax", "appointment", role="CEO"))
    unnamed = report("i2", "", "Zorblax", "appointment", "de", role="")
    assert dedup.add(unnamed).alert.alert_id == named.alert.alert_id
    dedup.add(report("i3", "Tomasz Okafor", "Zorblax", "appointment", "fr", role=""))
    again = dedup.add(unnamed)
    assert again.kind == "duplicate" and again.alert_id == named.alert.alert_id


# --- the forms real reports take ---------------------------------------------------------------

def test_the_unit_and_its_parent_are_one_change():
    a = report("i1", "Ilse Vandermeer", "AWS", "departure", published="2031-03-02T10:00:00Z")
    b = report("i2", "Vandermeer", "Amazon", "departure", lang="de", published="2031-03-03T08:00:00Z")
    assert len(set(assign_alert_ids([a, b]))) == 1


def test_the_same_change_reported_over_several_days_is_one_alert():
    days = [report(f"i{n}", "Ilse Vandermeer", "Zorblax", "departure", published=f"2031-03-0{n}T10:00:00Z")
            for n in (2, 3, 5)]
    assert len(set(assign_alert_ids(days))) == 1


def test_an_exit_and_the_arrival_where_it_said_the_person_goes_are_one_move():
    from streams.dedup.offline import reports_for
    item = NewsItem(item_id="m1", title="Ilse Vandermeer leaves Zorblax to join Quellwerk", link="https://n/m1",
                    lang="en", published="2031-03-02T10:00:00Z", source="outlet")
    events = [LeadershipEvent(person="Ilse Vandermeer", person_norm="ilse vandermeer", role="CEO", org="Zorblax",
                              change="departure", to_org="Quellwerk", confidence=0.9),
              LeadershipEvent(person="Ilse Vandermeer", person_norm="ilse vandermeer", role="CEO", org="Quellwerk",
                              change="appointment", confidence=0.9)]
    reports = reports_for(item, events, "en")
    assert len({r.dedup_key for r in reports}) == 1
    dedup = OfflineDeduplicator()
    first, second = (dedup.add(r) for r in reports)
    assert first.kind == "new" and second.alert_id == first.alert_id  # one item: the same alert


def test_an_arrival_then_the_exit_that_names_it_are_one_move_in_either_order():
    arrive = report("i1", "Ilse Vandermeer", "Quellwerk", "appointment", published="2031-03-02T10:00:00Z")
    leave = dataclasses.replace(report("i2", "Vandermeer", "Zorblax", "departure", to_org="Quellwerk",
                                       published="2031-03-02T12:00:00Z"), dedup_key=arrive.dedup_key)
    dedup = OfflineDeduplicator()
    new, update = dedup.add(arrive), dedup.add(leave)
    assert (new.kind, update.kind) == ("new", "update") and update.alert_id == new.alert_id
    assert "move" in update.alert.merged_on


def test_an_exit_and_the_arrival_it_named_reported_apart_are_one_move_across_keys():
    leave = report("i1", "Ilse Vandermeer", "Zorblax", "departure", to_org="Quellwerk")
    arrive = report("i2", "Ilse Vandermeer", "Quellwerk", "appointment", published="2031-03-02T15:00:00Z")
    assert leave.dedup_key != arrive.dedup_key  # each under its own organisation
    dedup = OfflineDeduplicator()
    new, update = dedup.add(leave), dedup.add(arrive)
    assert update.kind == "update" and update.alert_id == new.alert_id and "move" in update.alert.merged_on
    assert update.routed_from == "org:quellwerk"
    # in the other order, the exit goes to the arrival's key
    dedup = OfflineDeduplicator()
    new, update = dedup.add(dataclasses.replace(arrive, item=leave.item)), dedup.add(
        dataclasses.replace(leave, item=arrive.item))
    assert update.alert_id == new.alert_id and update.routed_from == "org:zorblax"
    # an arrival somewhere else is another change
    dedup = OfflineDeduplicator()
    dedup.add(leave)
    assert dedup.add(report("i3", "Ilse Vandermeer", "Brightwave", "appointment")).routed_from == ""


def test_a_report_that_names_no_company_joins_the_person_s_alert():
    # "Brenn retires; his son will succeed him as head of the media empire": no company named
    named = report("i1", "Halvard Brenn", "Brenn Media", "retirement")
    orgless = report("i2", "Halvard Brenn", "", "retirement", published="2031-03-02T16:00:00Z")
    assert orgless.dedup_key == "person:brenn"
    dedup = OfflineDeduplicator()
    first, second = dedup.add(named), dedup.add(orgless)
    assert second.kind == "update" and second.alert_id == first.alert_id
    assert second.routed_from == "person:brenn"
    # ... and his son's appointment, in the same report, is another change
    son = report("i2", "Ingmar Brenn", "", "appointment", published="2031-03-02T16:00:00Z")
    assert dedup.add(son).alert_id != first.alert_id
