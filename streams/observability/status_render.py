"""The status page's sections as HTML, from a :meth:`StatusBoard.snapshot` (pure, escaped).

Rendering happens once, here: the page's script only swaps in fresh sections every few
seconds, and without JavaScript the same HTML refreshes itself. Everything from feeds and
alerts is escaped; only http(s) links become links.
"""

from __future__ import annotations

from datetime import datetime, timezone
from html import escape

_LABELS = {"ok": "ok", "failing": "failing", "parked": "parked", "new": "not polled yet"}
_CHANGES = {"departure": "leaves", "appointment": "appointed", "leave": "takes leave",
            "return": "returns", "firing": "fired", "retirement": "retires"}


def render_sections(snapshot: dict, now: float) -> str:
    """The live part of the page: health, throughput and lag, feeds, latest alerts."""
    return "\n".join((_health(snapshot), _throughput(snapshot), _feeds(snapshot, now),
                      _alerts(snapshot, now)))


def render_page(template: str, snapshot: dict, now: float) -> str:
    """The whole page: ``template`` with its ``<!--sections-->`` marker filled in."""
    return template.replace("<!--sections-->", render_sections(snapshot, now))


def relative(iso_time: str | None, now: float) -> str:
    """'3m ago', 'in 12s', '-' for none."""
    if not iso_time:
        return "-"
    try:
        moment = datetime.fromisoformat(iso_time)
    except ValueError:
        return iso_time
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    delta = moment.timestamp() - now
    amount = abs(delta)
    text = (f"{amount:.0f}s" if amount < 120 else f"{amount / 60:.0f}m" if amount < 7200
            else f"{amount / 3600:.0f}h" if amount < 172_800 else f"{amount / 86400:.0f}d")
    return f"in {text}" if delta > 0 else f"{text} ago"


def _time(iso_time: str | None, now: float) -> str:
    if not iso_time:
        return "-"
    return f'<time datetime="{escape(iso_time)}" title="{escape(iso_time)}">{relative(iso_time, now)}</time>'


def _link(url: str | None, text: str) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>'
    return escape(text)


def _health(snapshot: dict) -> str:
    health = snapshot.get("health") or {}
    healthy = health.get("status") == "ok"
    reasons = "".join(f"<li>{escape(r)}</li>" for r in health.get("reasons") or [])
    worker = escape(snapshot.get("worker") or "")
    state = "ok" if healthy else "unhealthy" if health else "unknown"
    return (f'<section id="health" class="health health-{state}" data-state="{state}">'
            f'<h2>Worker health: <span class="badge badge-{state}">{state}</span></h2>'
            + (f"<ul>{reasons}</ul>" if reasons else "")
            + f'<p class="muted">worker {worker} · page generated '
              f'{escape(snapshot.get("generated_at") or "")}</p></section>')


def _throughput(snapshot: dict) -> str:
    data = snapshot.get("throughput") or {}
    rates, totals = data.get("per_minute") or {}, data.get("totals") or {}
    rows = [("items in", "items"), ("leadership items", "leadership_items"),
            ("new alerts", "alerts_new"), ("alert updates", "alerts_update"),
            ("dead-lettered", "dead_letters")]
    body = "".join(
        f"<tr><th scope=\"row\">{label}</th><td>{_num((rates.get(key) or {}).get('1m'))}</td>"
        f"<td>{_num((rates.get(key) or {}).get('15m'))}</td><td>{_num(totals.get(key))}</td></tr>"
        for label, key in rows)
    lag = snapshot.get("lag") or {}
    lag_rows = "".join(f"<tr><td>{escape(where)}</td><td>{_num(behind)}</td></tr>"
                       for where, behind in sorted(lag.items()))
    total_lag = sum(v for v in lag.values() if isinstance(v, (int, float)))
    lag_table = (f'<table class="lag"><caption>Consumer lag (this worker): {_num(total_lag)} '
                 f'records behind</caption><thead><tr><th>topic[partition]</th><th>behind</th>'
                 f'</tr></thead><tbody>{lag_rows}</tbody></table>') if lag else \
        '<p class="muted">Consumer lag: no partitions assigned to this worker yet.</p>'
    return ('<section id="throughput"><h2>Throughput and lag</h2>'
            '<table class="rates"><thead><tr><th></th><th>per min (1 min)</th>'
            '<th>per min (15 min)</th><th>since start</th></tr></thead>'
            f"<tbody>{body}</tbody></table>{lag_table}</section>")


def _num(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _feeds(snapshot: dict, now: float) -> str:
    feeds = snapshot.get("feeds") or {}
    counts = feeds.get("counts") or {}
    summary = " · ".join(f'<span class="badge badge-{state}">{counts.get(state, 0)} {_LABELS[state]}</span>'
                         for state in ("ok", "failing", "parked", "new"))
    rows = []
    for feed in feeds.get("items") or []:
        state = feed.get("state", "new")
        name = feed.get("name") or feed.get("url", "")
        rows.append(
            f'<tr class="feed feed-{escape(state)}" data-state="{escape(state)}">'
            f'<td class="feed-name">{_link(feed.get("url"), name)}'
            f'<div class="muted url">{escape(feed.get("url", ""))}</div></td>'
            f'<td><span class="badge badge-{escape(state)}">{escape(_LABELS.get(state, state))}</span></td>'
            f'<td>{_time(feed.get("last_success"), now)}</td>'
            f'<td>{_time(feed.get("next_check"), now)}</td>'
            f'<td class="num">{int(feed.get("failures") or 0)}</td>'
            f'<td class="problem">{escape(feed.get("problem") or "")}</td></tr>')
    table = ('<table class="feeds"><thead><tr><th>feed</th><th>state</th><th>last success</th>'
             '<th>next check</th><th>failures</th><th>problem</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>') if rows else \
        '<p class="muted">No feed has reported yet: pollers publish after each poll.</p>'
    return (f'<section id="feeds"><h2>Feeds ({int(feeds.get("total") or 0)})</h2>'
            f'<p class="summary">{summary}</p>{table}</section>')


def _alerts(snapshot: dict, now: float) -> str:
    cards = []
    for alert in snapshot.get("alerts") or []:
        who = escape(alert.get("person") or "?")
        role = f' <span class="role">({escape(alert["role"])})</span>' if alert.get("role") else ""
        change = escape(_CHANGES.get(alert.get("change") or "", alert.get("change") or ""))
        org = escape(alert.get("org") or "")
        to_org = f' → {escape(alert["to_org"])}' if alert.get("to_org") else ""
        languages = "".join(f'<span class="lang">{escape(lang)}</span>'
                            for lang in alert.get("languages") or [])
        sources = "".join(
            f'<li class="source">{_link(s.get("url"), s.get("outlet") or s.get("url") or "?")} '
            f'<span class="lang">{escape(s.get("lang") or "?")}</span> '
            f'<span class="muted">{escape(s.get("title") or "")}</span></li>'
            for s in alert.get("sources") or [])
        count = len(alert.get("sources") or [])
        cards.append(
            f'<article class="alert" data-alert-id="{escape(alert.get("alert_id") or "")}">'
            f'<h3>{escape(alert.get("headline") or "")}</h3>'
            f'<p class="who"><strong>{who}</strong>{role} · {change} · {org}{to_org}</p>'
            f'<p class="meta">languages: <span class="langs">{languages}</span> · '
            f'{count} source{"s" if count != 1 else ""} · {int(alert.get("updates") or 0)} '
            f'update{"s" if alert.get("updates") != 1 else ""} · first seen '
            f'{_time(alert.get("first_seen"), now)}</p>'
            f'<ul class="sources">{sources}</ul></article>')
    body = "".join(cards) or '<p class="muted">No alert yet.</p>'
    return f'<section id="alerts"><h2>Latest alerts</h2>{body}</section>'
