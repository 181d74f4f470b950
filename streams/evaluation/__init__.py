"""Scoring the detector and dedup against labelled items: ``shakeup eval``."""

from streams.evaluation.corpus import CorpusError, join_labels, load_labels
from streams.evaluation.scoring import LabelError, Prf, Report, check_record, render, score

__all__ = ["CorpusError", "LabelError", "Prf", "Report", "check_record", "join_labels",
           "load_labels", "render", "score"]
