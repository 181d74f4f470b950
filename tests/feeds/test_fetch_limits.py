"""RELIABILITY.md 18-20 and 22: size caps, time caps and redirect caps against hostile servers."""

import asyncio
import time
import tracemalloc
import zlib

import pytest
from aiohttp import web

from streams.errors import FetchError
from streams.feeds.fetcher import FetchLimits, fetch_feed, open_session
from streams.settings import Settings
from tests.feeds.conftest import FAST, raw_server, rss, web_server

LIMITS = FetchLimits(total_timeout=2.0, connect_timeout=1.0, read_timeout=1.0,
                     max_bytes=10_000_000, max_redirects=Settings().max_redirects)


def _bomb_blocks() -> tuple[bytes, bytes]:
    """The gzip header + first MB of zeros, and the (identical) deflate block of each next MB."""
    gzip, zeros = zlib.compressobj(9, zlib.DEFLATED, 31), b"\0" * 1_048_576
    first, second, third = (gzip.compress(zeros) + gzip.flush(zlib.Z_SYNC_FLUSH) for _ in range(3))
    assert second == third  # a window of zeros compresses the same way every time
    return first, second


async def _gzip_bomb(request):
    """10 GB of zeros as ~10 MB of gzip, streamed: ~1 KB on the wire per MB inflated."""
    first, block = _bomb_blocks()
    resp = web.StreamResponse(headers={"Content-Encoding": "gzip",
                                       "Content-Type": "application/rss+xml"})
    await resp.prepare(request)
    await resp.write(first)
    for _ in range(10_239):
        await resp.write(block * 16)  # 16 MB inflated per write
    return resp


async def test_gzip_bomb_stops_at_the_decoded_cap_with_little_memory():
    async with web_server({"/bomb": _gzip_bomb}) as base:
        async with open_session(Settings(**FAST)) as session:
            tracemalloc.start()
            try:
                tracemalloc.reset_peak()
                with pytest.raises(FetchError, match="cap"):
                    await fetch_feed(session, base + "/bomb", limits=LIMITS)
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
    assert peak < 50_000_000


def _endless_body(content_length: int | None, chunk_size: int = 65_536):
    async def handle(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        length = f"Content-Length: {content_length}\r\n" if content_length is not None else ""
        writer.write(f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n{length}"
                     f"Connection: close\r\n\r\n".encode())
        chunk = b"x" * chunk_size
        for _ in range(1_073_741_824 // chunk_size):  # 1 GB
            writer.write(chunk)
            await writer.drain()
    return handle


@pytest.mark.parametrize("content_length", [None, 1_073_741_824])
async def test_a_1gb_body_is_aborted_at_the_cap(content_length):
    async with raw_server(_endless_body(content_length)) as (base, _):
        async with open_session(Settings(**FAST)) as session:
            started = time.monotonic()
            with pytest.raises(FetchError, match="cap"):
                await fetch_feed(session, base + "/huge", limits=LIMITS)
    assert time.monotonic() - started < 2.0


async def test_a_false_small_content_length_reads_no_more_than_declared():
    async with raw_server(_endless_body(1_000)) as (base, _):
        async with open_session(Settings(**FAST)) as session:
            try:
                result = await fetch_feed(session, base + "/liar", limits=LIMITS)
            except FetchError as exc:  # aiohttp may notice the extra bytes: a short, clear error
                assert len(str(exc)) < 300
            else:
                assert len(result.body) == 1_000


def _slowloris(reader_writer_delay: float):
    async def handle(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n")
        while True:  # one byte at a time, fast enough to never trip the read timeout
            writer.write(b"<")
            await writer.drain()
            await asyncio.sleep(reader_writer_delay)
    return handle


async def _header_stall(reader, writer):
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n")  # ... and never the rest
    await writer.drain()
    await asyncio.sleep(3600)


def _endless_chunked(delay: float):
    async def handle(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/xml\r\n\r\n")
        while True:
            writer.write(b"4000\r\n" + b"y" * 0x4000 + b"\r\n")
            await writer.drain()
            await asyncio.sleep(delay)
    return handle


@pytest.mark.parametrize("name, handler, limit, message", [
    ("slowloris", _slowloris(0.25), 2.0, "longer than"),
    ("header stall", _header_stall, 1.0, "timeout"),
    ("endless chunked, fast", _endless_chunked(0), 2.0, "cap"),
    ("endless chunked, slow", _endless_chunked(0.1), 2.0, "longer than"),
])
async def test_slow_and_endless_servers_are_aborted_within_the_limit_and_others_go_on(
        name, handler, limit, message):
    async def good_feed(request):
        return web.Response(body=rss(2), content_type="application/rss+xml")

    async with raw_server(handler) as (bad_base, _), web_server({"/feed": good_feed}) as good_base:
        async with open_session(Settings(**FAST)) as session:
            started = time.monotonic()
            hostile = asyncio.create_task(fetch_feed(session, bad_base + "/x", limits=LIMITS))
            await asyncio.sleep(0.1)
            good = await fetch_feed(session, good_base + "/feed", limits=LIMITS)
            assert good.status == 200 and time.monotonic() - started < 0.6  # unaffected
            with pytest.raises(FetchError, match=message):
                await hostile
            elapsed = time.monotonic() - started
    assert elapsed < limit + 0.5, f"{name} took {elapsed:.1f} s"


async def test_redirect_loop_and_long_chain_end_as_an_error_within_10_requests():
    hits = {"count": 0}

    async def loop_a(request):
        hits["count"] += 1
        raise web.HTTPFound("/b")

    async def loop_b(request):
        hits["count"] += 1
        raise web.HTTPMovedPermanently("/a")

    async def chain(request):
        hits["count"] += 1
        hop = int(request.match_info["n"])
        if hop >= 25:
            return web.Response(body=rss(1), content_type="application/rss+xml")
        raise web.HTTPTemporaryRedirect(f"/chain/{hop + 1}")

    async with web_server({"/a": loop_a, "/b": loop_b, "/chain/{n}": chain}) as base:
        async with open_session(Settings(**FAST)) as session:
            for start in ("/a", "/chain/0"):
                hits["count"] = 0
                with pytest.raises(FetchError, match="redirects") as caught:
                    await fetch_feed(session, base + start, limits=LIMITS)
                assert not caught.value.retriable
                assert hits["count"] <= 10
                assert hits["count"] == LIMITS.max_redirects + 1
