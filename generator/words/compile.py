"""Compile the catalogues: each `.po` (the source translators edit) into the `.mo` briefgen reads.

Run `python -m generator.words.compile` after editing a `.po`; tests/test_words.py fails while a
`.mo` does not say what its `.po` says. A `.mo` is compared by its messages, not its bytes:
Babel writes its own version into the header, and an upgrade should not churn every file.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from generator.words.catalogue import LOCALE_DIR, po_path

# One message as compared: (context, msgid, msgstr), each a tuple for plural messages.
Message = tuple[Any, Any, Any]


def compiled(po: Path) -> bytes:
    """Return the `.mo` bytes for the `.po` file at `po`, fuzzy entries left out."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def messages(data: bytes, kind: str) -> tuple[str, set[Message]]:
    """Return a catalogue's Plural-Forms and its translated messages, from `.po` or `.mo` bytes."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    catalog = read_mo(io.BytesIO(data)) if kind == "mo" else read_po(io.BytesIO(data))
    found: set[Message] = set()
    for message in catalog:
        if message.id and not message.fuzzy:
            found.add((message.context, _frozen(message.id), _frozen(message.string)))
    return catalog.plural_forms, found


def _frozen(value: Any) -> Any:
    """Return a msgid or msgstr hashable: plural forms as a tuple."""
    return tuple(value) if isinstance(value, list | tuple) else value


def stale(language: str) -> bool:
    """Return True when the `.mo` of `language` is missing or says other than its `.po`."""
    po = po_path(language)
    mo = po.with_suffix(".mo")
    return not mo.exists() or messages(mo.read_bytes(), "mo") != messages(po.read_bytes(), "po")


def main() -> int:
    """Write the `.mo` of every catalogue whose `.po` changed; print each one written."""
    for lang_dir in sorted(p for p in LOCALE_DIR.iterdir() if p.is_dir()):
        if stale(lang_dir.name):
            mo = po_path(lang_dir.name).with_suffix(".mo")
            mo.write_bytes(compiled(po_path(lang_dir.name)))
            print(f"compiled {mo}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
