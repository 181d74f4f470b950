"""RELIABILITY.md 21: SSRF — private targets get 0 connections unless explicitly allowed."""

import asyncio
import ipaddress
import socket

import pytest
from aiohttp import web

from streams.errors import FetchError
from streams.feeds.fetcher import FetchLimits, fetch_feed, open_session
from streams.feeds.network_guard import NetworkGuard, refusal_reason
from tests.feeds.conftest import FAST, raw_server, rss, web_server

LIMITS = FetchLimits(total_timeout=2, connect_timeout=1, read_timeout=1)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "::1", "169.254.169.254", "10.0.0.1", "172.16.5.4", "172.31.255.255",
    "192.168.1.1", "100.64.0.1", "100.127.255.254", "fd00::1", "fe80::1", "::ffff:127.0.0.1",
    "::ffff:169.254.169.254", "0.0.0.0", "::", "224.0.0.1", "2002:7f00:1::", "64:ff9b::a9fe:a9fe",
])
def test_private_addresses_are_refused(address):
    assert refusal_reason(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111",
                                     "::ffff:8.8.8.8", "172.32.0.1", "100.128.0.1"])
def test_public_addresses_pass(address):
    assert refusal_reason(ipaddress.ip_address(address)) is None


def _counting_http():
    async def handle(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        await writer.drain()
    return handle


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


async def test_loopback_in_every_disguise_gets_no_connection(tmp_path):
    settings = FAST | {"allow_private_networks": False}
    async with raw_server(_counting_http()) as (base, stats):
        port = base.rsplit(":", 1)[1]
        urls = [f"http://{host}:{port}/feed" for host in (
            "127.0.0.1", "localhost", "2130706433", "0x7f000001", "0177.0.0.1", "127.1",
            "017700000001", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]")]
        async with open_session(_settings(settings)) as session:
            for url in urls:
                with pytest.raises(FetchError) as caught:
                    await fetch_feed(session, url, limits=LIMITS)
                assert "guard" in str(caught.value) or "canonical" in str(caught.value), url
        assert stats["connections"] == 0


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback here")
async def test_ipv6_loopback_gets_no_connection():
    async with raw_server(_counting_http(), host="::1") as (base, stats):
        port = base.rsplit(":", 1)[1]
        async with open_session(_settings(FAST | {"allow_private_networks": False})) as session:
            with pytest.raises(FetchError, match="guard"):
                await fetch_feed(session, f"http://[::1]:{port}/feed", limits=LIMITS)
        assert stats["connections"] == 0


@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/feed", "http://172.16.0.1/feed",
    "http://192.168.0.1/feed", "http://100.64.0.1/feed", "http://[fd00::1]/feed",
    "http://[fe80::1]/feed", "http://0.0.0.0/feed",
])
async def test_unroutable_private_targets_are_refused_before_any_connect(url):
    async with open_session(_settings(FAST | {"allow_private_networks": False})) as session:
        started = asyncio.get_running_loop().time()
        with pytest.raises(FetchError, match="guard"):
            await fetch_feed(session, url, limits=LIMITS)
        # refused up front: no connect attempt, so no connect timeout to wait out
        assert asyncio.get_running_loop().time() - started < 0.5


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/feed",
                                 "gopher://127.0.0.1:70/", "data:text/plain,hello"])
async def test_non_http_schemes_are_refused(url):
    async with open_session(_settings(FAST)) as session:  # even with private networks allowed
        with pytest.raises(FetchError, match="scheme"):
            await fetch_feed(session, url, limits=LIMITS)


async def test_redirects_to_private_targets_are_refused_at_the_hop():
    """The feed server is allowed (by CIDR); where it redirects to is not."""
    async with raw_server(_counting_http(), host="127.0.0.2") as (private_base, stats):
        targets = {"/to-loopback": f"{private_base}/feed",
                   "/to-metadata": "http://169.254.169.254/latest/meta-data/",
                   "/to-decimal": f"http://2130706434:{private_base.rsplit(':', 1)[1]}/feed",
                   "/to-file": "file:///etc/passwd"}

        def redirect(target):
            async def handler(request):
                raise web.HTTPMovedPermanently(target)
            return handler

        async with web_server({p: redirect(t) for p, t in targets.items()}) as base:
            settings = _settings(FAST | {"allow_private_networks": False,
                                         "fetch_allow_networks": "127.0.0.1/32"})
            async with open_session(settings) as session:
                for path in targets:
                    with pytest.raises(FetchError) as caught:
                        await fetch_feed(session, base + path, limits=LIMITS)
                    assert "guard" in str(caught.value) or "canonical" in str(caught.value)
        assert stats["connections"] == 0


async def test_allowed_networks_let_an_intranet_feed_through():
    async with web_server({"/feed": _feed_response}) as base:
        settings = _settings(FAST | {"allow_private_networks": False,
                                     "fetch_allow_networks": "127.0.0.0/8"})
        async with open_session(settings) as session:
            result = await fetch_feed(session, base + "/feed", limits=LIMITS)
    assert result.status == 200


def test_a_bad_allow_list_is_a_config_error():
    from streams.errors import ConfigError
    with pytest.raises(ConfigError, match="SHAKEUP_FETCH_ALLOW_NETWORKS"):
        NetworkGuard.from_settings(_settings(FAST | {"fetch_allow_networks": "10.0.0.0/33"}))


async def _feed_response(request):
    return web.Response(body=rss(1), content_type="application/rss+xml")


def _settings(values):
    from streams.settings import Settings
    return Settings(**values)
