"""The slack_sdk boundary: post a message, find it again; every failure becomes a SlackError.

    SlackError (streams.errors)
    ├── SlackRateLimited   429: nothing was posted; wait ``retry_after`` seconds
    ├── SlackUnavailable   5xx or a connection failure; ``maybe_delivered`` when the request may
    │                      have reached Slack before it failed (reset after sending, timeout, 504)
    └── SlackRejected      Slack refused this message (4xx, ok=false); ``fatal`` when no message
                           can succeed (bad token or webhook URL): stop instead of dead-lettering all

Retries are the forwarder's, not slack_sdk's: both clients get ``retry_handlers=[]``. slack_sdk's
connection-error handler re-sends a request whose connection died after sending, which can post
twice (RELIABILITY item 3), and its rate-limit handler sleeps inside the call, where the
per-channel pacer and the retry budget cannot see it. The HTTP connector does not keep
connections alive: a request on a stale pooled connection fails like a reset after sending,
which would be misread as "maybe delivered"; one TLS handshake per post costs nothing at one
post per second.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
from dataclasses import dataclass
from typing import Any, AsyncIterator

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from streams.errors import SlackError
from streams.settings import Settings
from streams.slack.pacing import parse_retry_after
from streams.slack.parts import metadata_matches

# Errors after which no other message can succeed either: configuration, not content.
_FATAL = {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
          "missing_scope", "no_permission", "invalid_token", "no_service", "no_team",
          "team_disabled", "action_prohibited", "org_login_required", "ekm_access_denied"}
# Slack says these may have left part of the operation done.
_MAYBE_DONE = {"fatal_error", "internal_error"}
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")
HISTORY_PAGES = 10


class SlackRateLimited(SlackError):
    """Slack answered 429 Too Many Requests."""

    def __init__(self, message: str, *, retry_after: float):
        super().__init__(message, retriable=True)
        self.retry_after = retry_after


class SlackUnavailable(SlackError):
    """Slack failed (5xx) or could not be reached; retry with backoff."""

    def __init__(self, message: str, *, maybe_delivered: bool):
        super().__init__(message, retriable=True)
        self.maybe_delivered = maybe_delivered


class SlackRejected(SlackError):
    """Slack refused the request; trying again will not help."""

    def __init__(self, message: str, *, fatal: bool = False):
        super().__init__(message, retriable=False)
        self.fatal = fatal


@dataclass(frozen=True)
class Receipt:
    """What Slack said about an accepted post (Web API only: webhooks return no ids)."""

    channel_id: str | None = None
    ts: str | None = None


def destination_label(destination: str) -> str:
    """A name for logs and the delivery log that never shows a webhook URL (it is a secret)."""
    if destination.startswith(("http://", "https://")):
        return "webhook:" + hashlib.sha256(destination.encode()).hexdigest()[:16]
    return destination


def _transport_error(exc: BaseException) -> SlackUnavailable:
    if isinstance(exc, aiohttp.ClientConnectorError):  # never connected: nothing was sent
        return SlackUnavailable(f"cannot connect to Slack: {exc}", maybe_delivered=False)
    what = type(exc).__name__
    return SlackUnavailable(f"connection to Slack failed mid-request ({what}: {exc})",
                            maybe_delivered=True)


def _status_error(status: int, error: str, retry_after: str | None) -> SlackError:
    if status == 429 or error == "ratelimited":
        return SlackRateLimited(f"Slack rate limit (Retry-After {retry_after})",
                                retry_after=parse_retry_after(retry_after))
    if status >= 500 or error in _MAYBE_DONE or error == "service_unavailable":
        return SlackUnavailable(f"Slack answered {status} {error}".strip(),
                                maybe_delivered=status == 504 or error in _MAYBE_DONE)
    return SlackRejected(f"Slack refused: {status} {error}".strip(),
                         fatal=error in _FATAL or status in (401, 403))


def _api_error(exc: SlackApiError) -> SlackError:
    response = exc.response
    data = response.data if isinstance(response.data, dict) else {}
    headers = response.headers or {}
    retry_after = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    return _status_error(response.status_code, str(data.get("error", "")), retry_after)


class WebhookPoster:
    """Posts through incoming webhooks: one URL per channel, no threads, nothing to search."""

    threads = False
    can_reconcile = False

    def __init__(self, session: aiohttp.ClientSession):
        self._session = session
        self._clients: dict[str, AsyncWebhookClient] = {}

    async def post(self, destination: str, payload: dict[str, Any], *,
                   thread_ts: str | None = None, metadata: dict | None = None) -> Receipt:
        client = self._clients.get(destination)
        if client is None:
            client = self._clients[destination] = AsyncWebhookClient(
                destination, session=self._session, retry_handlers=[])
        try:
            response = await client.send_dict(
                {**payload, "unfurl_links": False, "unfurl_media": False})
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
            raise _transport_error(exc) from exc
        if response.status_code == 200:
            return Receipt()
        retry_after = next((v for k, v in (response.headers or {}).items()
                            if k.lower() == "retry-after"), None)
        raise _status_error(response.status_code, (response.body or "").strip()[:100], retry_after)


class BotPoster:
    """Posts with a bot token (chat.postMessage) and finds posts again by their metadata."""

    threads = True
    can_reconcile = True

    def __init__(self, session: aiohttp.ClientSession, token: str, api_url: str):
        base = api_url if api_url.endswith("/") else api_url + "/"
        self._client = AsyncWebClient(token=token, base_url=base, session=session,
                                      retry_handlers=[])

    async def _call(self, method: str, **kwargs: Any) -> dict:
        try:
            response = await getattr(self._client, method)(**kwargs)
        except SlackApiError as exc:
            raise _api_error(exc) from exc
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
            raise _transport_error(exc) from exc
        return response.data if isinstance(response.data, dict) else {}

    async def post(self, destination: str, payload: dict[str, Any], *,
                   thread_ts: str | None = None, metadata: dict | None = None) -> Receipt:
        data = await self._call("chat_postMessage", channel=destination, text=payload["text"],
                                blocks=payload["blocks"], thread_ts=thread_ts, metadata=metadata,
                                unfurl_links=False, unfurl_media=False)
        return Receipt(channel_id=data.get("channel"), ts=data.get("ts"))

    async def resolve_channel(self, name: str) -> str | None:
        """The ID of channel ``name`` (``#name``, ``name`` or already an ID); None if not found."""
        if _CHANNEL_ID.match(name):
            return name
        wanted = name.lstrip("#")
        cursor = None
        for _ in range(HISTORY_PAGES):
            data = await self._call("conversations_list", cursor=cursor, limit=1000,
                                    exclude_archived=True, types="public_channel,private_channel")
            for channel in data.get("channels") or ():
                if channel.get("name") == wanted:
                    return channel.get("id")
            cursor = (data.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    async def find_post(self, channel_id: str, alert_id: str, part: str, *, oldest: float,
                        thread_ts: str | None = None) -> str | None:
        """The ts of the message carrying this alert part's metadata, or None.

        Top-level messages are searched with conversations.history from ``oldest`` (epoch
        seconds); a thread reply with conversations.replies under ``thread_ts``.
        """
        cursor = None
        for _ in range(HISTORY_PAGES):
            if thread_ts:
                data = await self._call("conversations_replies", channel=channel_id, ts=thread_ts,
                                        include_all_metadata=True, limit=200, cursor=cursor)
            else:
                data = await self._call("conversations_history", channel=channel_id,
                                        oldest=f"{max(0.0, oldest):.6f}", limit=200,
                                        include_all_metadata=True, cursor=cursor)
            for message in data.get("messages") or ():
                if metadata_matches(message, alert_id, part):
                    return message.get("ts")
            cursor = (data.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None


@contextlib.asynccontextmanager
async def open_poster(settings: Settings) -> AsyncIterator[BotPoster | WebhookPoster]:
    """The poster for the configured mode (a bot token wins over a webhook URL).

    Raises:
        SlackRejected: neither a bot token nor a webhook URL is configured (fatal).
    """
    connector = aiohttp.TCPConnector(force_close=True)
    timeout = aiohttp.ClientTimeout(total=settings.slack_timeout)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        if settings.slack_bot_token:
            yield BotPoster(session, settings.slack_bot_token, settings.slack_api_url)
        elif settings.slack_webhook_url:
            yield WebhookPoster(session)
        else:
            raise SlackRejected("Slack is not configured: set SHAKEUP_SLACK_BOT_TOKEN or "
                                "SHAKEUP_SLACK_WEBHOOK_URL", fatal=True)
