"""The deck's file: document properties, and a zip that is the same bytes for the same inputs."""

from __future__ import annotations

import io
import zipfile

from ..reproducible import build_time
from ..story import Meta

SUBJECT_CHARS = 200
LIMIT = 255  # the longest text a core property may hold
# OPC readers expect the content-types part first; the rest follow in name order.
FIRST = "[Content_Types].xml"


def set_properties(prs, meta: Meta) -> None:
    """Fill the core properties from the story's meta, stamped with the build time."""
    props = prs.core_properties
    props.title = _clip(meta.title, LIMIT)
    props.subject = _clip(meta.subtitle or meta.summary, SUBJECT_CHARS)
    props.keywords = _joined(meta.keywords, LIMIT)
    props.author = _joined(meta.hosts, LIMIT)
    props.last_modified_by = props.author
    props.revision = 1
    stamp = build_time().replace(tzinfo=None)
    props.created = props.modified = props.last_printed = stamp


def _joined(parts, most: int) -> str:
    """Return as many whole `parts` as fit in `most` characters, joined by semicolons."""
    out = ""
    for part in parts:
        longer = f"{out}; {part}" if out else part
        if len(longer) > most:
            break
        out = longer
    return out or _clip(parts[0], most) if parts else ""


def _clip(text: str, most: int) -> str:
    if len(text) <= most:
        return text
    return text[: most - 1].rsplit(" ", 1)[0] + "\u2026"


def deterministic(data: bytes) -> bytes:
    """Return the zip `data` rewritten with fixed entry times, order and attributes."""
    stamp = build_time().timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = sorted(source.namelist(), key=lambda n: (n != FIRST, n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
