"""Fixed timestamps, so the same inputs give byte-identical files."""

from __future__ import annotations

import datetime as dt
import os

# Zip files cannot hold dates before 1980; this is used when SOURCE_DATE_EPOCH is not set.
DEFAULT_EPOCH = 315532800  # 1980-01-01T00:00:00Z


def build_epoch() -> int:
    """Return SOURCE_DATE_EPOCH when set and valid, else a fixed date in 1980."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    try:
        return max(int(value), DEFAULT_EPOCH)
    except ValueError:
        return DEFAULT_EPOCH


def build_time() -> dt.datetime:
    """Return the build timestamp as an aware UTC datetime."""
    return dt.datetime.fromtimestamp(build_epoch(), tz=dt.UTC)
