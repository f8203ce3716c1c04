"""The one XML parser for package parts: hardened, with caps on the work it does, and its
serialiser.

A package is someone else's file. Parts are parsed with no entity expansion, no DTD loading,
no network and lxml's limits on depth and text size kept; a part larger than MAX_PART_BYTES is
refused before it is parsed, and a part that declares a DOCTYPE is refused outright (OOXML
forbids DTDs, and only an attack carries one). Work is counted while parsing, as elements plus
attributes: a part may hold MAX_ELEMENTS of them, one element MAX_ATTRIBUTES, and every part
read from one package together (a `Budget`) MAX_PACKAGE_ITEMS and MAX_PACKAGE_BYTES, so that no
package, however its weight is spread over its parts, drives a process past a few hundred MB.
Comments and processing instructions are not kept: no reader needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

# An Office part is rarely above a few megabytes; a slide master of PowerPoint's is 20 KB.
MAX_PART_BYTES = 32 * 2**20
# Elements plus attributes of one part: a large corporate master holds about 20,000.
MAX_ELEMENTS = 300_000
# Attributes of one element: DrawingML's busiest elements have about 20.
MAX_ATTRIBUTES = 256
# Elements plus attributes, and bytes, of every part read from one package together: about
# 100 MB of trees at most, many times what the largest real template holds.
MAX_PACKAGE_ITEMS = 800_000
MAX_PACKAGE_BYTES = 64 * 2**20


class PackageError(ValueError):
    """A package or one of its parts cannot be read; the message says why, naming the part."""


@dataclass
class Budget:
    """The work left for the parts of one package: elements plus attributes, and bytes."""

    items: int = MAX_PACKAGE_ITEMS
    size: int = MAX_PACKAGE_BYTES

    def spend_bytes(self, size: int, name: str) -> None:
        """Take `size` bytes of part `name`, or raise PackageError when the package has used all."""
        self.size -= size
        if self.size < 0:
            raise PackageError(f"too large: its XML parts together exceed {MAX_PACKAGE_BYTES // 2**20}"
                               f" MB (at {name}); a damaged or hostile package")

    def spend_items(self, count: int, name: str) -> None:
        """Take `count` elements and attributes, or raise PackageError when all are used."""
        self.items -= count
        if self.items < 0:
            raise PackageError(f"too large: its XML parts together hold more than "
                               f"{MAX_PACKAGE_ITEMS:,} elements and attributes (at {name}); a "
                               "damaged or hostile package")


def parse_part(data: bytes, name: str, budget: Budget | None = None) -> etree._Element:
    """Return the root element of part `name` holding `data`, or raise PackageError saying why;
    the work is taken from `budget` (the package's) when one is given."""
    from lxml import etree

    check_part_size(len(data), name)
    budget = budget if budget is not None else Budget()
    budget.spend_bytes(len(data), name)
    try:
        root = _counted_parse(data, name, budget)
    except etree.XMLSyntaxError as exc:
        line, why = _first_error(exc)
        if any(mark in why.lower() for mark in _LIMIT_WORDS):
            raise PackageError(f"too large: {name} nests elements, or holds a text, name or "
                               f"comment, deeper or longer than a reader allows (line {line})") from None
        raise PackageError(f"damaged: {name} is not well-formed XML (line {line}: {why})") from None
    if root.getroottree().docinfo.doctype:
        raise PackageError(f"refused: {name} declares a DOCTYPE, which Office files never carry "
                           "(a reader could be made to expand or fetch what it names)")
    return root


def _counted_parse(data: bytes, name: str, budget: Budget) -> etree._Element:
    """Return the parsed part, counting elements and attributes as they are read, so that a
    part of millions of tiny elements (or one element of a million attributes) is refused
    before its tree takes the memory, not after."""
    from lxml import etree

    parser = etree.XMLPullParser(events=("start",), **_HARDENED)
    count = 0
    for start in range(0, len(data), _CHUNK):
        parser.feed(data[start:start + _CHUNK])
        chunk = 0
        for _event, element in parser.read_events():
            attributes = len(element.attrib)
            if attributes > MAX_ATTRIBUTES:
                raise PackageError(f"too large: {name} has an element with {attributes:,} "
                                   f"attributes; an element may have at most {MAX_ATTRIBUTES}")
            chunk += 1 + attributes
        count += chunk
        if count > MAX_ELEMENTS:
            raise PackageError(f"too large: {name} holds more than {MAX_ELEMENTS:,} XML elements "
                               "and attributes")
        budget.spend_items(chunk, name)
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


def whole_number(text: str | None) -> int | None:
    """Return an XML attribute's value as an integer when it is one written in ASCII digits
    (with an optional '-'), else None: Python's int() also reads other scripts' digits, '_'
    and spaces, which no Office reader does."""
    if text is None:
        return None
    digits = text[1:] if text.startswith("-") else text
    if not (digits.isascii() and digits.isdigit()) or len(digits) > _DIGITS:
        return None
    return int(text)


def part_bytes(root: etree._Element) -> bytes:
    """Return `root` serialised as a standalone UTF-8 part, as Office writes them."""
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


# No network, no DTDs, no entity expansion, and lxml's limits on depth and text size kept;
# comments and processing instructions dropped (a reader needs neither; a deck carries neither).
_HARDENED = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False,
             "remove_comments": True, "remove_pis": True}
# What the parser's words say when a part passed one of its limits rather than being damaged.
_LIMIT_WORDS = ("xml_parse_huge", "huge input", "huge text", "too big", "too long")
# The most characters of the parser's own words a message quotes.
_WORDS = 100
# How much of a part is read between counts of its elements.
_CHUNK = 256 * 1024
# The most digits a number in a part may have (an int64 has 19).
_DIGITS = 20
