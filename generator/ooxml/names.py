"""The OOXML namespaces, relationship types and content types briefgen reads and writes."""

from __future__ import annotations

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Office's mark that a picture or shape is decorative (screen readers skip it).
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"

PREFIXES = {"a": A, "p": P, "r": R, "mc": MC, "adec": DECORATIVE, "rel": RELS, "ct": CONTENT_TYPES}

# Relationship types, of the transitional namespace PowerPoint writes. Readers compare a type's
# last segment (`kind_of`), which strict OOXML's namespace shares.
OFFICE_DOCUMENT = f"{R}/officeDocument"

PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
SLIDESHOW_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"
PRESENTATION_TYPES = (PRESENTATION_MAIN, TEMPLATE_MAIN, SLIDESHOW_MAIN)


def qn(name: str) -> str:
    """Return a prefixed name ('a:xfrm') as lxml's Clark notation ('{namespace}xfrm')."""
    prefix, _, local = name.partition(":")
    return f"{{{PREFIXES[prefix]}}}{local}"


def kind_of(relationship_type: str) -> str:
    """Return a relationship type's last segment ('slideLayout', 'theme', 'officeDocument')."""
    return relationship_type.rpartition("/")[2]
