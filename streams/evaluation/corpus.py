"""Labels kept apart from the items they judge: a real-feed corpus scored without copying its text.

A labels file is JSON lines. The first line is a header naming the items file it labels, with
that file's SHA-256 (so labels never silently judge other text) and ``"unlisted": "negative"``:
an item the file does not list is not a leadership change. Every other line is one item's label
(``id``, ``leadership_change``, ``events``, ``cluster``, ``clusters``, and optionally ``lang``,
which overrides a feed's wrong language tag, ``half`` and ``note``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from streams.errors import ShakeupError

LABEL_FIELDS = ("leadership_change", "events", "cluster", "clusters", "half", "note")


class CorpusError(ShakeupError):
    """A labels file is malformed or does not belong to the items it is given."""


def load_labels(path: str | Path) -> tuple[dict, dict[str, dict]]:
    """The header and the labels by item id of a labels file. Raises CorpusError."""
    header: dict | None = None
    labels: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{n}: not JSON: {exc.msg}") from exc
            if header is None:
                if not isinstance(rec, dict) or "labels_for" not in rec or "sha256" not in rec:
                    raise CorpusError(f"{path}:{n}: the first line must be the header "
                                      "(labels_for, sha256)")
                header = rec
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
                raise CorpusError(f"{path}:{n}: a label needs a string id")
            if rec["id"] in labels:
                raise CorpusError(f"{path}:{n}: {rec['id']} is labelled twice")
            labels[rec["id"]] = rec
    if header is None:
        raise CorpusError(f"{path}: empty labels file")
    return header, labels


def join_labels(items_path: str | Path, raw: bytes, items: list[dict], labels_path: str | Path,
                half: str | None = None) -> list[dict]:
    """The labelled records for ``items`` (parsed from the bytes ``raw`` of ``items_path``):
    each item with its label, or as a negative when the labels do not list it; only the
    records of ``half`` ("tune", "held_out") when given. Raises CorpusError when the labels
    were made for other bytes or name an id the items lack."""
    header, labels = load_labels(labels_path)
    digest = hashlib.sha256(raw).hexdigest()
    if header["sha256"] != digest:
        raise CorpusError(f"{labels_path} labels {header['labels_for']} (sha256 "
                          f"{header['sha256'][:12]}…), not {Path(items_path).name} (sha256 "
                          f"{digest[:12]}…)")
    ids = {item["id"] for item in items}
    unknown = sorted(set(labels) - ids)
    if unknown:
        raise CorpusError(f"{labels_path}: {len(unknown)} labelled ids are not in "
                          f"{Path(items_path).name} (first: {unknown[0]})")
    held_out_from = header.get("held_out_from")
    out = []
    for item in items:
        label = labels.get(item["id"], {})
        rec = {**item, "leadership_change": False, "events": [], "cluster": None, "clusters": []}
        rec.update({k: label[k] for k in LABEL_FIELDS if k in label})
        # scores are grouped by the item's real language; the detector still sees only the
        # feed's own tag, as it would in production
        rec["eval_lang"] = label.get("lang") or item.get("lang")
        if "half" not in rec:
            late = held_out_from and (item.get("published") or "")[:10] >= held_out_from
            rec["half"] = "held_out" if late else "tune"
        if half is None or rec["half"] == half:
            out.append(rec)
    return out
