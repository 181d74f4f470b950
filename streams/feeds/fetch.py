"""HTTP for feeds: one GET with validators, timeouts and a cap on decoded bytes. Nothing else."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import aiohttp

from streams.errors import FetchError

USER_AGENT = "shakeup/0.1 (+https://github.com/shakeup/shakeup; leadership-change alerts)"


@dataclass(frozen=True)
class FetchResult:
    url: str  # the final URL after redirects
    status: int  # 200 or 304
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] | None = None


async def fetch_feed(session: aiohttp.ClientSession, url: str, *, etag: str | None = None,
                     last_modified: str | None = None, timeout: float = 30.0,
                     max_bytes: int = 10_000_000) -> FetchResult:
    """GET a feed, conditionally when validators are known.

    Raises:
        FetchError: network failure, timeout, an HTTP error status, or a body over ``max_bytes``
            (counted after decompression, so a gzip bomb stops at the cap).
    """
    headers = {"User-Agent": USER_AGENT,
               "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"}
    if etag:
        headers["If-None-Match"] = etag  # sent back verbatim, quotes and W/ included
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with asyncio.timeout(timeout):
            async with session.get(url, headers=headers, allow_redirects=True, max_redirects=10) as resp:
                if resp.status == 304:
                    return FetchResult(resp.url.human_repr(), 304, b"", etag, last_modified,
                                       dict(resp.headers))
                if resp.status >= 400:
                    raise FetchError(f"HTTP {resp.status}", status=resp.status,
                                     retriable=resp.status >= 500 or resp.status == 429)
                body = await _read_capped(resp, max_bytes)
                return FetchResult(resp.url.human_repr(), resp.status, body,
                                   resp.headers.get("ETag"), resp.headers.get("Last-Modified"),
                                   dict(resp.headers))
    except FetchError:
        raise
    except TimeoutError as exc:
        raise FetchError(f"timed out after {timeout:.0f} s") from exc
    except aiohttp.TooManyRedirects as exc:
        raise FetchError("too many redirects", retriable=False) from exc
    except (aiohttp.ClientError, OSError, ValueError) as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc


async def _read_capped(resp: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    chunks, total = [], 0
    async for chunk in resp.content.iter_chunked(65536):
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"body larger than the {max_bytes}-byte cap", retriable=False)
        chunks.append(chunk)
    return b"".join(chunks)
