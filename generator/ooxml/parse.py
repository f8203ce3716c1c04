"""The one XML parser for package parts: hardened, with size caps, and its serialiser.

A package is someone else's file. Parts are parsed with no entity expansion, no DTD loading,
no network and lxml's limits on depth and text size kept; a part larger than MAX_PART_BYTES is
refused before it is parsed, one with more than MAX_ELEMENTS elements after, and a part that
declares a DOCTYPE is refused outright (OOXML forbids DTDs, and only an attack carries one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

# An Office part is rarely above a few megabytes; a slide master of PowerPoint's is 20 KB.
MAX_PART_BYTES = 32 * 2**20
# Far more elements than any real slide, master or theme holds.
MAX_ELEMENTS = 1_000_000


class PackageError(ValueError):
    """A package or one of its parts cannot be read; the message says why, naming the part."""


def parse_part(data: bytes, name: str) -> etree._Element:
    """Return the root element of part `name` holding `data`, or raise PackageError saying why."""
    from lxml import etree

    check_part_size(len(data), name)
    try:
        root = _counted_parse(data, name)
    except etree.XMLSyntaxError as exc:
        line, why = _first_error(exc)
        raise PackageError(f"damaged: {name} is not well-formed XML (line {line}: {why})") from None
    if root.getroottree().docinfo.doctype:
        raise PackageError(f"refused: {name} declares a DOCTYPE, which Office files never carry "
                           "(a reader could be made to expand or fetch what it names)")
    return root


def _counted_parse(data: bytes, name: str) -> etree._Element:
    """Return the parsed part, counting elements as they are read, so that a part of millions
    of tiny elements is refused before its tree takes the memory, not after."""
    from lxml import etree

    parser = etree.XMLPullParser(events=("start",), **_HARDENED)
    count = 0
    for start in range(0, len(data), _CHUNK):
        parser.feed(data[start:start + _CHUNK])
        count += sum(1 for _ in parser.read_events())
        if count > MAX_ELEMENTS:
            raise PackageError(f"too large: {name} holds more than {MAX_ELEMENTS:,} XML elements")
    return parser.close()


def _first_error(exc: Exception) -> tuple[int, str]:
    """Return the line and words of the error that stopped the parser (a pull parser's exception
    itself says only that the part ended early, at line 0; its log holds earlier parses' errors
    too, so the last entry is this part's)."""
    log = getattr(exc, "error_log", None)
    last = log.last_error if log is not None else None
    if last is not None and last.line:
        return last.line, str(last.message).strip().rstrip(".")[:_WORDS]
    return getattr(exc, "lineno", 0) or 0, str(getattr(exc, "msg", "") or exc).strip()[:_WORDS]


def check_part_size(size: int, name: str) -> None:
    """Raise PackageError when a part of `size` bytes unpacked is too large to parse."""
    if size > MAX_PART_BYTES:
        raise PackageError(f"too large: {name} unpacks to {size / 2**20:.0f} MB; a part may be "
                           f"at most {MAX_PART_BYTES // 2**20} MB")


def part_bytes(root: etree._Element) -> bytes:
    """Return `root` serialised as a standalone UTF-8 part, as Office writes them."""
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


# No network, no DTDs, no entity expansion, and lxml's limits on depth and text size kept.
_HARDENED = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
# The most characters of the parser's own words a message quotes.
_WORDS = 100
# How much of a part is read between counts of its elements.
_CHUNK = 256 * 1024
