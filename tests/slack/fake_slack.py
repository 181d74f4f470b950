"""A fake Slack on loopback: incoming webhooks and the Web API methods the forwarder uses.

Records every request and every accepted message, keeps channels and threads, and can be told
to misbehave: answer 429 with Retry-After, 5xx (for the next requests or until a moment on its
clock), reset the connection before or after accepting a post, or insist on a pace per channel
(a post sooner than ``min_interval`` after the previous one gets a 429 and is counted).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import parse_qsl

from aiohttp import web

TOKEN = "xoxb-fake-token"


class RealClock:
    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class VirtualClock:
    """Time that moves only when someone sleeps: a 10-minute outage in milliseconds."""

    def __init__(self, start: float = 1000.0):
        self.t = start

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += max(0.0, seconds)
        await asyncio.sleep(0)


@dataclass(frozen=True)
class Fault:
    kind: str  # "rate_limit" | "server_error" | "accept_then_reset" | "reset_before_accept"
    retry_after: int = 1
    status: int = 503

    @classmethod
    def rate_limit(cls, retry_after: int = 1) -> "Fault":
        return cls("rate_limit", retry_after=retry_after)

    @classmethod
    def server_error(cls, status: int = 503) -> "Fault":
        return cls("server_error", status=status)

    @classmethod
    def accept_then_reset(cls) -> "Fault":
        return cls("accept_then_reset")

    @classmethod
    def reset_before_accept(cls) -> "Fault":
        return cls("reset_before_accept")


@dataclass
class Message:
    channel: str  # channel ID, or "hook:<name>" for a webhook
    ts: str
    thread_ts: str | None
    body: dict  # the JSON body exactly as received
    at: float  # arrival on the fake's clock

    @property
    def metadata(self) -> dict:
        return self.body.get("metadata") or {}

    @property
    def key(self) -> tuple[str, str] | None:
        payload = self.metadata.get("event_payload") or {}
        return (payload["alert_id"], payload["part"]) if payload else None

    def as_api(self, with_metadata: bool) -> dict:
        out = {"type": "message", "ts": self.ts, "text": self.body.get("text", ""),
               "blocks": self.body.get("blocks", [])}
        if self.thread_ts:
            out["thread_ts"] = self.thread_ts
        if with_metadata and self.metadata:
            out["metadata"] = self.metadata
        return out


@dataclass
class Attempt:
    """One post request (accepted or not)."""

    channel: str
    at: float
    outcome: str  # "accepted" | "rate_limited" | "unpaced" | "server_error" | "reset" | ...


class FakeSlack:
    def __init__(self, *, clock: Any = None, min_interval: float | None = None,
                 pace_tolerance: float = 0.0):
        self.clock = clock or RealClock()
        self.min_interval = min_interval
        self.pace_tolerance = pace_tolerance
        self.messages: list[Message] = []
        self.attempts: list[Attempt] = []
        self.calls: dict[str, int] = defaultdict(int)  # Web API method -> count
        self.faults: deque[Fault] = deque()  # applied to the next post requests, in order
        self.fault_when: Callable[[str, dict], Fault | None] | None = None
        self.outage_until: float | None = None  # every request answers 503 until then
        # called with each accepted message; may return (before, after) actions around the 200
        self.around_answer: Callable[[Message], tuple[Callable[[], None], Callable[[], None]] | None] | None = None
        self.channels: dict[str, str] = {}  # name -> ID
        self._last_request: dict[str, float] = {}
        self._ts = 0.0
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle ------------------------------------------------------------------------

    async def __aenter__(self) -> "FakeSlack":
        app = web.Application()
        app.router.add_post("/hooks/{name}", self._webhook)
        app.router.add_route("*", "/api/{method}", self._api)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def webhook_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/{name}"

    def channel_id(self, name: str) -> str:
        name = name.lstrip("#")
        if name not in self.channels:
            self.channels[name] = f"C{next(self._ids):08d}"
        return self.channels[name]

    # --- what tests look at -----------------------------------------------------------------

    def in_channel(self, name: str) -> list[Message]:
        wanted = self.channels.get(name.lstrip("#"), f"hook:{name}")
        return [m for m in self.messages if m.channel == wanted]

    def outcomes(self, outcome: str) -> list[Attempt]:
        return [a for a in self.attempts if a.outcome == outcome]

    # --- endpoints -----------------------------------------------------------------------------

    async def _webhook(self, request: web.Request) -> web.StreamResponse:
        body = json.loads(await request.read())
        channel = f"hook:{request.match_info['name']}"
        failure = self._failure(request, channel, body, webhook=True)
        if failure is not None:
            return failure
        message = self._accept(channel, body, None)
        return await self._answer(request, web.Response(text="ok"), message)

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        self.calls[method] += 1
        params = await _params(request)
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if self.outage_until is not None and self.clock.now() < self.outage_until \
                and method != "chat.postMessage":
            return web.Response(status=503, text="<html>down</html>", content_type="text/html")
        handler = {"chat.postMessage": self._post_message,
                   "conversations.history": self._history,
                   "conversations.replies": self._replies,
                   "conversations.list": self._list}.get(method)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
        return await handler(request, params)

    async def _post_message(self, request: web.Request, body: dict) -> web.StreamResponse:
        target = str(body.get("channel", ""))
        if target.startswith("C") and target in self.channels.values():
            channel = target
        elif target and not target.startswith("C"):
            channel = self.channel_id(target)
        else:
            return web.json_response({"ok": False, "error": "channel_not_found"})
        failure = self._failure(request, channel, body, webhook=False)
        if failure is not None:
            return failure
        thread_ts = body.get("thread_ts")
        if thread_ts and not any(m.ts == thread_ts and m.channel == channel for m in self.messages):
            return web.json_response({"ok": False, "error": "thread_not_found"})
        message = self._accept(channel, body, thread_ts)
        answer = web.json_response({"ok": True, "channel": channel, "ts": message.ts,
                                    "message": message.as_api(True)})
        return await self._answer(request, answer, message)

    async def _history(self, request: web.Request, params: dict) -> web.StreamResponse:
        channel = params.get("channel")
        oldest = float(params.get("oldest") or 0)
        top = [m for m in self.messages if m.channel == channel and m.thread_ts in (None, m.ts)
               and float(m.ts) > oldest]
        return _page(sorted(top, key=lambda m: float(m.ts), reverse=True), params)

    async def _replies(self, request: web.Request, params: dict) -> web.StreamResponse:
        channel, ts = params.get("channel"), params.get("ts")
        thread = [m for m in self.messages if m.channel == channel and (m.ts == ts or m.thread_ts == ts)]
        if not thread:
            return web.json_response({"ok": False, "error": "thread_not_found"})
        return _page(sorted(thread, key=lambda m: float(m.ts)), params)

    async def _list(self, request: web.Request, params: dict) -> web.StreamResponse:
        return web.json_response({"ok": True, "channels": [
            {"id": cid, "name": name} for name, cid in self.channels.items()],
            "response_metadata": {"next_cursor": ""}})

    # --- behaviour -------------------------------------------------------------------------

    def _failure(self, request: web.Request, channel: str, body: dict, *,
                 webhook: bool) -> web.StreamResponse | None:
        now = self.clock.now()
        previous = self._last_request.get(channel)
        self._last_request[channel] = now
        fault = self.faults.popleft() if self.faults else None
        if fault is None and self.fault_when is not None:
            fault = self.fault_when(channel, body)
        if fault is None and self.outage_until is not None and now < self.outage_until:
            fault = Fault.server_error(503)
        if fault is None and self.min_interval is not None and previous is not None \
                and now - previous < self.min_interval - self.pace_tolerance:
            self.attempts.append(Attempt(channel, now, "unpaced"))
            return _rate_limited(1, webhook)
        if fault is None:
            return None
        if fault.kind == "rate_limit":
            self.attempts.append(Attempt(channel, now, "rate_limited"))
            return _rate_limited(fault.retry_after, webhook)
        if fault.kind == "server_error":
            self.attempts.append(Attempt(channel, now, "server_error"))
            return web.Response(status=fault.status, text="<html>Slack is down</html>",
                                content_type="text/html")
        if fault.kind == "reset_before_accept":
            self.attempts.append(Attempt(channel, now, "reset"))
            request.transport.abort()
            return web.Response(status=500)  # never reaches the client
        if fault.kind == "accept_then_reset":
            self.attempts.append(Attempt(channel, now, "accepted_then_reset"))
            self._accept(channel, body, body.get("thread_ts"), record_attempt=False)
            request.transport.abort()
            return web.Response(status=500)
        raise AssertionError(fault)

    def _accept(self, channel: str, body: dict, thread_ts: str | None, *,
                record_attempt: bool = True) -> Message:
        self._ts = max(time.time(), self._ts + 0.000001)
        message = Message(channel, f"{self._ts:.6f}", thread_ts, body, self.clock.now())
        self.messages.append(message)
        if record_attempt:
            self.attempts.append(Attempt(channel, message.at, "accepted"))
        return message

    async def _answer(self, request: web.Request, response: web.Response,
                      message: Message) -> web.Response:
        """Send the 200; with ``around_answer``, run its two actions just before and just after
        the answer is written straight to the socket (no await in between)."""
        actions = self.around_answer(message) if self.around_answer is not None else None
        if actions is None:
            return response
        before, after = actions
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: {response.content_type}; charset=utf-8\r\n"
                f"Content-Length: {len(response.body)}\r\nConnection: close\r\n\r\n").encode()
        before()
        request.transport.write(head + response.body)
        after()
        request.transport.close()
        return response  # goes nowhere: the connection is closed


def _rate_limited(retry_after: int, webhook: bool) -> web.Response:
    headers = {"Retry-After": str(retry_after)}
    if webhook:
        return web.Response(status=429, text="rate_limited", headers=headers)
    return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers=headers)


def _page(messages: list[Message], params: dict) -> web.Response:
    limit = int(params.get("limit") or 100)
    start = int(params.get("cursor") or 0)
    with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
    chunk = messages[start:start + limit]
    more = start + limit < len(messages)
    return web.json_response({"ok": True, "messages": [m.as_api(with_metadata) for m in chunk],
                              "has_more": more,
                              "response_metadata": {"next_cursor": str(start + limit) if more else ""}})


async def _params(request: web.Request) -> dict:
    params: dict = dict(request.query)
    raw = await request.read()
    if raw:
        if request.content_type == "application/json":
            params.update(json.loads(raw))
        else:
            params.update(parse_qsl(raw.decode()))
    return params
