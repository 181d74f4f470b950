"""The YAML data files shipped inside the package (languages, name and organisation tables)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# libyaml when PyYAML was built with it: the language files load ~10x faster, which a short
# `shakeup classify` run feels
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The parsed contents of a data file (UTF-8 YAML, safe loader)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
