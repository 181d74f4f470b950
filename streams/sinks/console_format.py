"""One readable line per alert, for `shakeup demo`, `run` and `tail`. Pure."""

from __future__ import annotations

from streams.models import Alert

_VERB = {
    "departure": "leaves", "appointment": "appointed", "leave": "takes leave",
    "return": "returns", "firing": "ousted", "retirement": "retires",
}


def format_alert_line(alert: Alert) -> str:
    """``NEW  John Doe (CTO) leaves Acme → Beta  [en,it · 3 sources]  "headline"``."""
    person = alert.person.get("name") or "(unnamed)"
    role = alert.person.get("role")
    who = f"{person} ({role})" if role else person
    where = (alert.org or "(unknown organisation)") + (f" → {alert.to_org}" if alert.to_org else "")
    langs = ",".join(alert.languages)
    count = len(alert.sources)
    if alert.kind == "new":
        return (f"NEW     {who} {_VERB.get(alert.change, alert.change)} {where}  "
                f"[{langs} · {count} source{'s' * (count != 1)}]  \"{alert.headline}\"  "
                f"id={alert.alert_id}")
    source = alert.source
    also = f"{source.feed} ({source.lang})" if source else "a new source"
    return (f"UPDATE  {who} {_VERB.get(alert.change, alert.change)} {where}  "
            f"+ {also} [{langs} · {count} sources]  id={alert.alert_id}")
