"""The leadership-change detector: a pure function from a news item to the changes it reports."""

from streams.detect.detector import detect_leadership_changes
from streams.detect.normalize import normalize_person

__all__ = ["detect_leadership_changes", "normalize_person"]
