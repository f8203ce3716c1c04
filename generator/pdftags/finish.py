"""A drawn PDF made a tagged one: the structure tree, metadata and maps added in one pass."""

from __future__ import annotations

import io

# Imported with the backends, not when the first PDF is finished: a cold build imports the
# backends in a process forked while the brief is still being checked, so this import (about
# 50 ms) overlaps that work instead of following it. `validate` imports no backend.
import pikepdf

from generator.pdftags.marks import Tagger


def finish(data: bytes, tagger: Tagger, title: str, language: str, producer: str) -> bytes:
    """Return the PDF `data` with the structure `tagger` recorded, XMP metadata claiming
    PDF/UA-1, and ToUnicode maps without U+0000; saved so that equal inputs give equal bytes."""
    from generator.pdftags.tounicode import repair_maps
    from generator.pdftags.tree import write_tree
    from generator.pdftags.xmp import write_metadata

    with pikepdf.open(io.BytesIO(data)) as pdf:
        write_tree(pdf, tagger)
        write_metadata(pdf, title, language, producer)
        repair_maps(pdf)
        out = io.BytesIO()
        # A fixed /ID from the content, no stamp of the time: reproducible bytes. ReportLab's
        # streams are compressed already and the maps are compressed as they are written:
        # compressing again on saving costs more than the whole tree.
        pdf.save(out, deterministic_id=True, min_version="1.7", compress_streams=False,
                 fix_metadata_version=False)  # the packet is written whole, in xmp.py
    return out.getvalue()
