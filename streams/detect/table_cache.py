"""A disk cache of the compiled language tables, so a process starts without rebuilding them.

Building one language's lexicon (reading its YAML, expanding every cue pattern into its anchor
words, compiling the regexes) takes 50–70 ms; the eight together take about half a second, which
`shakeup classify` pays before its first item and every worker pays at start. The built tables
are pickled under the cache directory, named by a hash of everything that shapes them (the
language files and the detector's own source, and the Python version), so an edited table or a
new release builds afresh and a stale file is never read. Off until the CLI names a directory
(``use_cache_dir``): library users and tests build in memory, as before.

A cache that cannot be read or written (read-only home, full disk, a truncated file) is only
slower: the table is built in memory and the reason logged at DEBUG.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

__all__ = ["cached", "default_cache_dir", "use_cache_dir"]

log = logging.getLogger(__name__)
T = TypeVar("T")
_HERE = Path(__file__).resolve().parent
_dir: Path | None = None
_fingerprint: str | None = None


def default_cache_dir(env: dict[str, str] | os._Environ) -> Path:
    """$XDG_CACHE_HOME/shakeup, else ~/.cache/shakeup (``env`` is the process environment)."""
    base = env.get("XDG_CACHE_HOME") or str(Path(env.get("HOME") or Path.home()) / ".cache")
    return Path(base) / "shakeup"


def use_cache_dir(path: str | Path | None) -> None:
    """Cache the built tables under ``path`` from now on; None turns the cache off."""
    global _dir
    _dir = Path(path) if path else None


def cached(name: str, build: Callable[[], T]) -> T:
    """``build()``, or the value an earlier process built from the same sources."""
    if _dir is None:
        return build()
    file = _dir / f"{name}-{_sources_fingerprint()}.pickle"
    try:
        with open(file, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a truncated or foreign file: rebuild and replace it
        log.debug("table cache %s unreadable (%s): rebuilding", file, exc)
    value = build()
    try:
        _dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=_dir, prefix=f".{name}-", delete=False) as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, file)  # atomic: a concurrent reader sees the old file or the new one
        for old in _dir.glob(f"{name}-*.pickle"):  # what earlier releases or tables left
            if old != file:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("table cache %s not written (%s)", file, exc)
    return value


def _sources_fingerprint() -> str:
    """A hash of the detector's source and language files, and of the Python version."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(sys.version.encode())
        for path in sorted([*_HERE.glob("*.py"), *(_HERE / "lang").iterdir()]):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
        _fingerprint = digest.hexdigest()[:16]
    return _fingerprint
