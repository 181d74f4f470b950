"""Organisation names across legal suffixes, aliases, renames, parents and regional branches."""

import pytest

from streams.dedup.orgs import DIFFERENT, RELATED, SAME, UNKNOWN, compare_orgs, normalize_org, \
    org_group, resolve_org


@pytest.mark.parametrize("a, b", [
    ("Zorblax Corp.", "zorblax"), ("Brenntag SE", "Brenntag"), ("Fiorelli S.p.A.", "Fiorelli"),
    ("Quellwerk AG", "Quellwerk"), ("Qubitry's", "Qubitry"), ("Norvane GmbH & Co. KG", "Norvane"),
    ("Pellucid Holdings plc", "Pellucid"), ("The Brightwave Company", "Brightwave"),
    ("Meta Platforms, Inc.", "Meta"),
    # renames and other names of one company
    ("Facebook", "Meta"), ("Meta Platforms", "Facebook"), ("VW", "Volkswagen AG"),
    ("TIM", "Telecom Italia"), ("Square", "Block"), ("Twitter", "X Corp."),
    ("The Walt Disney Company", "Disney"), ("Open AI", "OpenAI"),
    # a company named by its subsidiary, in several languages
    ("Facebook's parent", "Meta"), ("Facebook’s parent company", "Meta"),
    ("la casa madre di Facebook", "Meta"), ("die Facebook-Mutter", "Meta"),
    ("la maison mère de Google", "Alphabet"), ("la matriz de Google", "Alphabet"),
    ("TikTok-Mutter", "ByteDance"),
])
def test_names_of_one_organisation_agree(a, b):
    assert normalize_org(a) == normalize_org(b) != ""
    assert compare_orgs(resolve_org(a), resolve_org(b)) == SAME


@pytest.mark.parametrize("a, b", [
    ("Instagram", "Meta"), ("WhatsApp", "Facebook"), ("YouTube", "Google"),
    ("Amazon Web Services", "Amazon"), ("Google Cloud Platform", "Alphabet"),
    ("Nintendo of America", "Nintendo"), ("Zorblax Deutschland", "Zorblax"),
    ("Zorblax Cloud Services", "Zorblax"), ("Audi", "Porsche"),  # two units of one parent
])
def test_parents_subsidiaries_and_branches_are_related_and_share_a_group(a, b):
    assert compare_orgs(resolve_org(a), resolve_org(b)) == RELATED
    assert org_group(a) == org_group(b) != ""


@pytest.mark.parametrize("a, b", [
    ("Zorblax", "Quellwerk"), ("Nordlicht Bank", "Nordlicht Energie"), ("Bank of China", "Bank of America"),
    ("Renault", "Nissan"), ("Meta", "Alphabet"),
])
def test_different_organisations_are_different(a, b):
    assert compare_orgs(resolve_org(a), resolve_org(b)) == DIFFERENT
    assert normalize_org(a) != normalize_org(b)


def test_a_missing_organisation_is_unknown():
    assert resolve_org("") is None and resolve_org(None) is None
    assert compare_orgs(resolve_org(""), resolve_org("Zorblax")) == UNKNOWN
    assert normalize_org("") == "" and org_group(None) == ""
