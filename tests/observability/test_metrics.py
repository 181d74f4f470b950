"""Poll outcome labels: few values, one per kind of failure a person would act on differently."""

import pytest

from streams.observability.metrics import poll_labels


@pytest.mark.parametrize("status, error, labels", [
    ("ok", None, ("ok", "")),
    ("not-modified", None, ("not_modified", "")),
    ("error", "HTTP 404 Not Found", ("error", "http_404")),
    ("error", "HTTP 503 Service Unavailable", ("error", "http_503")),
    ("error", "HTTP 599", ("error", "http_599")),
    ("error", "server timeout: no data (limit 15 s of silence, 10 s to connect)", ("error", "timeout")),
    ("error", "fetch took longer than 25 s", ("error", "timeout")),
    ("error", "cannot connect to example.com:443: [Errno 111] Connection refused", ("error", "connect")),
    ("error", "body of 20000000 bytes is over the 10000000-byte cap", ("error", "too_large")),
    ("error", "body over the 10000000-byte cap (decoded)", ("error", "too_large")),
    ("error", "more than 5 redirects (last to http://x/)", ("error", "redirects")),
    ("error", "network guard: 127.0.0.1 is a loopback address (host localhost)", ("error", "blocked")),
    ("error", "not a usable feed: no entries and no feed element", ("error", "not_a_feed")),
    ("error", "invalid URL: http://", ("error", "invalid_url")),
    ("error", "ClientPayloadError: Response payload is not completed", ("error", "other")),
    ("error", None, ("error", "other")),
])
def test_poll_labels(status, error, labels):
    assert poll_labels(status, error) == labels
