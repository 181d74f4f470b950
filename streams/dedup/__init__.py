"""Cross-language dedup: which reports describe the same real-world change, and the alerts for it."""

from streams.dedup.keys import dedup_key, dedup_keys, normalize_org
from streams.dedup.clusters import Decision, merge_report
from streams.dedup.offline import assign_alert_ids, reports_for

__all__ = ["dedup_key", "dedup_keys", "normalize_org", "Decision", "merge_report",
           "assign_alert_ids", "reports_for"]
