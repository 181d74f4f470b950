"""Progress of long CLI work (eval over a big file, an OPML import, a benchmark) on stderr.

Shown on a terminal, or anywhere when asked (``--progress``); never on stdout, so output that
is piped stays clean. One line, redrawn at most five times a second::

    eval: detecting 12,400/50,000 (24%) · 3,120/s · 12 s left
"""

from __future__ import annotations

import sys
import time
from typing import IO, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")


def progress_wanted(asked: bool | None, stream: IO | None = None) -> bool:
    """``asked`` True/False wins; None (not said): only when ``stream`` (stderr) is a terminal."""
    if asked is not None:
        return asked
    stream = stream or sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """A counter that redraws one status line; a no-op when not enabled."""

    def __init__(self, label: str, total: int | None = None, *, enabled: bool = True,
                 stream: IO | None = None, min_interval: float = 0.2,
                 clock: Callable[[], float] = time.monotonic):
        self.label = label
        self.total = total
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.min_interval = min_interval
        self.clock = clock
        self.done = 0
        self._started = clock()
        self._drawn_at: float | None = None
        self._width = 0

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = self.clock()
        if self._drawn_at is None or now - self._drawn_at >= self.min_interval:
            self._draw(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        text = f"{self.label} {self.done:,}"
        if self.total:
            text += f"/{self.total:,} ({100 * self.done / self.total:.0f}%)"
        text += f" · {rate:,.0f}/s"
        if self.total and rate > 0 and self.done < self.total:
            text += f" · {(self.total - self.done) / rate:,.0f} s left"
        elif self.total and self.done >= self.total:
            text += f" · done in {elapsed:,.1f} s"
        return text

    def _draw(self, now: float, end: str = "") -> None:
        text = self.line(now)
        pad = " " * max(0, self._width - len(text))
        self.stream.write(f"\r{text}{pad}{end}")
        self.stream.flush()
        self._width = len(text)
        self._drawn_at = now

    def close(self) -> None:
        """Draw the final figures and end the line."""
        if self.enabled and (self._drawn_at is not None or self.done):
            self._draw(self.clock(), end="\n")
            self.enabled = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def track(items: Iterable[T], progress: Progress) -> Iterator[T]:
    """Yield ``items``, advancing ``progress`` after each; closes it at the end."""
    try:
        for item in items:
            yield item
            progress.advance()
    finally:
        progress.close()
