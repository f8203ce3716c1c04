"""The deck's file: document properties, and a zip that is the same bytes for the same inputs."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

from generator.reproducible import build_time
from generator.story import Meta

if TYPE_CHECKING:
    from pptx.opc.packuri import PackURI
    from pptx.opc.serialized import _PhysPkgWriter
    from pptx.presentation import Presentation

SUBJECT_CHARS = 200
LIMIT = 255  # the longest text a core property may hold
# OPC readers expect the content-types part first; the rest follow in name order.
FIRST = "[Content_Types].xml"


def set_properties(prs: Presentation, meta: Meta) -> None:
    """Fill the core properties from the story's meta, stamped with the build time."""
    props = prs.core_properties
    props.title = _clip(meta.title, LIMIT)
    props.subject = _clip(meta.subtitle or meta.summary, SUBJECT_CHARS)
    props.keywords = _joined(meta.keywords, LIMIT)
    props.author = _joined(meta.hosts, LIMIT)
    props.last_modified_by = props.author
    props.revision = 1
    props.language = meta.language or "en"  # what screen readers and spelling checkers read it as
    stamp = build_time().replace(tzinfo=None)
    props.created = props.modified = props.last_printed = stamp


def _joined(parts: Sequence[str], most: int) -> str:
    """Return as many whole `parts` as fit in `most` characters, joined by semicolons."""
    out = ""
    for part in parts:
        longer = f"{out}; {part}" if out else part
        if len(longer) > most:
            break
        out = longer
    return (out or _clip(parts[0], most)) if parts else ""


def _clip(text: str, most: int) -> str:
    """Return `text` cut at a word to at most `most` characters, with an ellipsis if cut."""
    if len(text) <= most:
        return text
    return text[: most - 1].rsplit(" ", 1)[0] + "\u2026"


def package_bytes(prs: Presentation, properties: Mapping[str, str] | None = None) -> bytes:
    """Return the deck as a zip that is the same bytes for the same deck, with the custom
    document `properties` (briefgen's own, replacing any of that name a template had).

    Content types come first, then every part in name order, with fixed times and attributes.
    """
    members = _members(prs)
    if properties:
        from generator.ooxml.custom import BASE_PROPERTY, with_properties

        with_properties(members, properties, BASE_PROPERTY)
    return _zipped(members)


def _members(prs: Presentation) -> dict[str, bytes]:
    """Return each zip member's name and bytes, as python-pptx would save them."""
    package = prs.part.package
    try:
        from pptx.opc.serialized import PackageWriter

        # python-pptx's own serializer, asked for the members instead of a compressed zip, so
        # they are compressed once; its method names are internal, hence the fallback.
        collected = _Collector()
        target = cast("_PhysPkgWriter", collected)  # the only method these call is write()
        # The file is never written: the members go to `collected`.
        writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))
        writer._write_content_types_stream(target)
        writer._write_pkg_rels(target)
        writer._write_parts(target)
        return collected.members
    except (ImportError, AttributeError, TypeError):
        return saved_members(prs)


def saved_members(prs: Presentation) -> dict[str, bytes]:
    """Return each zip member of the deck as python-pptx saves it (the slower, public way)."""
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


class _Collector:
    """Stands in for python-pptx's zip writer and keeps what it is given."""

    def __init__(self) -> None:
        """Start with no members."""
        self.members: dict[str, bytes] = {}

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        """Keep `blob` as the zip member `pack_uri` names."""
        self.members[pack_uri.membername] = blob


def _zipped(members: dict[str, bytes]) -> bytes:
    """Return `members` zipped: content types first, then by name, with fixed times and modes."""
    stamp = build_time().timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(members, key=lambda n: (n != FIRST, n)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, members[name], compresslevel=6)
    return out.getvalue()
