"""The private-network guard: feeds may only reach public addresses, checked at connect time.

A feed URL is attacker-controlled input (SSRF): ``http://169.254.169.254/`` reads cloud metadata,
``http://2130706433/`` is 127.0.0.1 in disguise, and a public name can resolve to 10.0.0.5. So
the check runs where the connection is made: :class:`GuardedConnector` checks *every* address
a host resolves to (or the literal IP) right before aiohttp connects to exactly those addresses,
for the first request and for every redirect hop. :func:`check_url` adds an early, clear error
for non-http schemes and literal private IPs, but the connector is what enforces.

Allowed: global unicast only. Refused: loopback, RFC 1918, link-local (169.254/16, fe80::/10),
CGNAT 100.64/10, ULA fc00::/7, multicast, unspecified, reserved, and IPv6 forms that embed one
of those (IPv4-mapped ``::ffff:127.0.0.1``, 6to4, NAT64). ``allow_private_networks`` turns the
guard off (demo, tests); ``allowed_networks`` lets named CIDRs through (an intranet feed server).
"""

from __future__ import annotations

import ipaddress
from typing import Iterable, Sequence
from urllib.parse import urlsplit

from aiohttp import TCPConnector
from aiohttp.abc import ResolveResult

from streams.errors import ConfigError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddress(OSError):
    """A feed host resolved to an address the guard refuses (an OSError so aiohttp wraps it)."""


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), if any."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal_reason(ip: IPAddress) -> str | None:
    """Why the guard refuses ``ip``, or None when it is a public unicast address."""
    inner = embedded_ipv4(ip)
    if inner is not None:
        reason = refusal_reason(inner)
        return f"{reason} (embedded in {ip})" if reason else None
    if ip.is_loopback:
        return f"{ip} is loopback"
    if ip.is_link_local:
        return f"{ip} is link-local"
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return f"{ip} is not a unicast address"
    if not ip.is_global:  # RFC 1918, CGNAT 100.64/10, ULA fc00::/7, documentation ranges, ...
        return f"{ip} is a private or non-routable address"
    return None


class NetworkGuard:
    """The policy: which addresses feeds may connect to."""

    def __init__(self, *, allow_private: bool = False,
                 allowed_networks: Iterable[str] = ()):
        self.allow_private = allow_private
        self.allowed_networks = tuple(ipaddress.ip_network(n) for n in allowed_networks)

    @classmethod
    def from_settings(cls, settings) -> "NetworkGuard":
        try:
            networks = [n.strip() for n in settings.fetch_allow_networks.split(",") if n.strip()]
            return cls(allow_private=settings.allow_private_networks, allowed_networks=networks)
        except ValueError as exc:
            raise ConfigError(f"SHAKEUP_FETCH_ALLOW_NETWORKS: {exc}") from exc

    def check_address(self, address: str) -> None:
        """Raises BlockedAddress unless a feed may connect to ``address``."""
        if self.allow_private:
            return
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
        except ValueError as exc:
            raise BlockedAddress(f"{address!r} is not an IP address") from exc
        if any(ip in net for net in self.allowed_networks if net.version == ip.version):
            return
        reason = refusal_reason(ip)
        if reason:
            raise BlockedAddress(f"network guard: {reason}")


def check_url(url: str, guard: NetworkGuard) -> None:
    """Early check of a URL (the connector enforces again at connect time).

    Raises:
        BlockedAddress: not http(s), no host, or a literal IP the guard refuses.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise BlockedAddress(f"unreadable URL {url!r}: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise BlockedAddress(f"network guard: scheme {parts.scheme or '(none)'!r} is not http(s)")
    if not host:
        raise BlockedAddress(f"network guard: URL {url!r} has no host")
    try:
        literal = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return  # a name (or a legacy numeric form): checked once resolved, in the connector
    guard.check_address(str(literal))


class GuardedConnector(TCPConnector):
    """A TCPConnector that refuses to connect to any address the guard refuses.

    aiohttp connects to exactly the addresses ``_resolve_host`` returns (literal IPs included,
    which bypass the resolver), so checking them here leaves no gap between check and connect.
    """

    def __init__(self, guard: NetworkGuard, **kwargs):
        super().__init__(**kwargs)
        self.guard = guard

    async def _resolve_host(self, host: str, port: int,
                            traces: Sequence | None = None) -> list[ResolveResult]:
        hosts = await super()._resolve_host(host, port, traces=traces)
        for entry in hosts:
            # one private answer refuses the host: a mixed answer is a DNS-rebinding attempt
            self.guard.check_address(entry["host"])
        return hosts
