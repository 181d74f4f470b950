"""HTTP for feeds, and nothing else: one conditional GET, redirects, timeouts and size caps.

The fetcher reports what the server said (any status, its validators and caching headers); the
handler decides what that means and the scheduler when to ask again. It raises only when there
is no usable HTTP answer: network failure, a timeout, a cap, the network guard, a redirect loop.

Limits (all from settings, see :class:`FetchLimits`):
- connect timeout per connection, read timeout per silence (headers or body), and a total
  timeout over the whole fetch including redirects — the last one is what stops a slowloris;
- a cap on *decoded* body bytes, so a gzip bomb stops at the cap, and a declared Content-Length
  over the cap is refused before reading;
- ``max_redirects`` hops, each URL re-checked by the network guard, whose connector checks
  every resolved address again at connect time.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import aiohttp
from yarl import URL

from streams.errors import FetchError
from streams.feeds.network_guard import BlockedAddress, GuardedConnector, NetworkGuard, check_url
from streams.settings import Settings

USER_AGENT = "shakeup/0.1 (+https://github.com/shakeup/shakeup; leadership-change alerts)"
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
# the response headers the handler and the scheduler use; the rest is dropped
KEPT_HEADERS = ("etag", "last-modified", "cache-control", "expires", "retry-after",
                "content-type", "date")


@dataclass(frozen=True)
class FetchLimits:
    total_timeout: float = 30.0
    connect_timeout: float = 10.0
    read_timeout: float = 15.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5

    @classmethod
    def from_settings(cls, settings: Settings) -> "FetchLimits":
        return cls(total_timeout=settings.fetch_timeout,
                   connect_timeout=settings.fetch_connect_timeout,
                   read_timeout=settings.fetch_read_timeout,
                   max_bytes=settings.max_feed_bytes, max_redirects=settings.max_redirects)


@dataclass(frozen=True)
class FetchResult:
    """The server's answer to one fetch (after redirects)."""

    url: str  # the final URL
    status: int  # the final HTTP status: 200, 304, 404, 429, 503, ...
    body: bytes = b""  # read only for 2xx
    headers: dict[str, str] = field(default_factory=dict)  # KEPT_HEADERS, lower-case names
    permanent_url: str | None = None  # where the leading 301/308 hops lead, if any
    requests: int = 1

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def open_session(settings: Settings, *, guard: NetworkGuard | None = None) -> aiohttp.ClientSession:
    """The HTTP session every feed fetch goes through: guarded connector, no cookies, no env proxy."""
    connector = GuardedConnector(guard or NetworkGuard.from_settings(settings),
                                 limit=0, ttl_dns_cache=300, enable_cleanup_closed=True)
    return aiohttp.ClientSession(
        connector=connector, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        cookie_jar=aiohttp.DummyCookieJar(), trust_env=False, auto_decompress=True,
        timeout=aiohttp.ClientTimeout(total=None))


async def fetch_feed(session: aiohttp.ClientSession, url: str, *, etag: str | None = None,
                     last_modified: str | None = None, limits: FetchLimits = FetchLimits(),
                     guard: NetworkGuard | None = None) -> FetchResult:
    """GET a feed, conditionally when validators are known, following redirects by hand.

    Args:
        etag, last_modified: the validators of the last 200, sent back verbatim.
        guard: for the early URL check; the session's connector enforces at connect time.
    Raises:
        FetchError: no usable answer (network, timeout, cap, guard, too many redirects).
    """
    guard = guard or getattr(session.connector, "guard", None) or NetworkGuard()
    headers = {}
    if etag:
        headers["If-None-Match"] = etag  # verbatim: quotes and W/ included
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=limits.connect_timeout,
                                    sock_read=limits.read_timeout)
    try:
        async with asyncio.timeout(limits.total_timeout):
            return await _follow(session, url, headers, timeout, limits, guard)
    except FetchError:
        raise
    except BlockedAddress as exc:
        raise FetchError(str(exc), retriable=False) from exc
    except aiohttp.ClientConnectorError as exc:
        if isinstance(exc.os_error, BlockedAddress) or isinstance(exc.__cause__, BlockedAddress):
            blocked = exc.os_error if isinstance(exc.os_error, BlockedAddress) else exc.__cause__
            raise FetchError(f"{blocked} (host {exc.host})", retriable=False) from exc
        raise FetchError(f"cannot connect to {exc.host}:{exc.port}: {exc.os_error}") from exc
    except aiohttp.ServerTimeoutError as exc:
        raise FetchError(f"server timeout: {exc or 'no data'} (limit {limits.read_timeout:g} s "
                         f"of silence, {limits.connect_timeout:g} s to connect)") from exc
    except TimeoutError as exc:
        raise FetchError(f"fetch took longer than {limits.total_timeout:g} s") from exc
    except aiohttp.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}", retriable=False) from exc
    except (aiohttp.ClientError, OSError, ValueError, UnicodeError) as exc:
        # servers put anything in their errors (aiohttp quotes the offending bytes): keep it short
        raise FetchError(f"{type(exc).__name__}: {_shorten(str(exc))}") from exc


async def _follow(session: aiohttp.ClientSession, url: str, headers: dict[str, str],
                  timeout: aiohttp.ClientTimeout, limits: FetchLimits,
                  guard: NetworkGuard) -> FetchResult:
    current, permanent, still_permanent = URL(url, encoded=False), None, True
    for request_number in range(1, limits.max_redirects + 2):
        check_url(str(current), guard)
        async with session.get(current, headers=headers, allow_redirects=False,
                               timeout=timeout) as resp:
            if resp.status in REDIRECTS and "Location" in resp.headers:
                target = current.join(URL(resp.headers["Location"]))
                still_permanent = still_permanent and resp.status in PERMANENT_REDIRECTS
                if still_permanent:
                    permanent = str(target)
                current = target
                continue
            kept = {name: resp.headers[name] for name in KEPT_HEADERS if name in resp.headers}
            body = await _read_capped(resp, limits.max_bytes) if 200 <= resp.status < 300 else b""
            return FetchResult(url=str(current), status=resp.status, body=body, headers=kept,
                               permanent_url=permanent, requests=request_number)
    raise FetchError(f"more than {limits.max_redirects} redirects (last to {current})",
                     retriable=False)


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


async def _read_capped(resp: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    declared = resp.content_length
    if declared is not None and declared > max_bytes:
        raise FetchError(f"body of {declared} bytes is over the {max_bytes}-byte cap",
                         retriable=False)
    chunks, total = [], 0
    async for chunk in resp.content.iter_chunked(65_536):  # decoded bytes: gzip counts inflated
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"body over the {max_bytes}-byte cap (decoded)", retriable=False)
        chunks.append(chunk)
    return b"".join(chunks)
