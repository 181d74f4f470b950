"""OPML import: feeds become feed-list entries; bad entries are named and skipped."""

import pytest

from streams.errors import ConfigError
from streams.feeds.feed_list import parse_feed_list
from streams.feeds.opml_import import import_opml

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Reader export</title></head><body>
  <outline text="Tech" title="Tech">
    <outline type="rss" text="heise" title="heise online" xmlUrl="https://www.heise.de/rss/heise-atom.xml" language="de-DE"/>
    <outline type="rss" text="Broken" xmlUrl="ftp://example.com/feed"/>
    <outline type="rss" text="No address"/>
    <outline text="Italia"><outline type="rss" text="HDblog" xmlUrl="https://www.hdblog.it/feed/"/></outline>
  </outline>
  <outline type="rss" text="Le Monde Informatique" xmlUrl="https://www.lemondeinformatique.fr/flux-rss/x.xml"/>
  <outline type="rss" text="Again" xmlUrl="https://www.hdblog.it/feed/"/>
</body></opml>"""


def test_feeds_are_imported_with_folders_as_tags_and_errors_per_entry():
    result = import_opml(OPML, "export.opml")
    assert [(f.url, f.name, f.lang, f.tags) for f in result.feeds] == [
        ("https://www.heise.de/rss/heise-atom.xml", "heise online", "de", ("Tech",)),
        ("https://www.hdblog.it/feed/", "HDblog", None, ("Tech", "Italia")),
        ("https://www.lemondeinformatique.fr/flux-rss/x.xml", "Le Monde Informatique", None, ()),
    ]
    assert len(result.errors) == 3
    assert "outline #2 ('Broken')" in result.errors[0] and "http(s)" in result.errors[0]
    assert "outline #3 ('No address'): has no xmlUrl" in result.errors[1]
    assert "listed twice" in result.errors[2]


def test_the_yaml_output_is_a_valid_feed_list():
    result = import_opml(OPML, "export.opml")
    assert parse_feed_list(result.to_yaml("export.opml")) == result.feeds


@pytest.mark.parametrize("doc, message", [
    (b"<html><body/></html>", "not an OPML document"),
    (b"<opml><body>", "not valid XML"),
    (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "b">]><opml><body/></opml>', "entities"),
])
def test_documents_that_are_not_opml_are_a_config_error(doc, message):
    with pytest.raises(ConfigError, match=message):
        import_opml(doc, "x.opml")
