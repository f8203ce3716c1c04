"""The structure tree of a drawn PDF, written with pikepdf from what its Tagger recorded."""

from __future__ import annotations

from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from generator.pdftags.marks import Annotation, Content, Node, Tagger


def write_tree(pdf: pikepdf.Pdf, tagger: Tagger) -> None:
    """Give `pdf` its StructTreeRoot, parent tree, page and annotation keys, and tab order."""
    pages = [page.obj for page in pdf.pages]
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    by_page: dict[int, dict[int, Any]] = {}  # page number -> MCID -> element
    links: list[Any] = []  # (annotation, element) in the order their keys are given
    document = _element(pdf, tagger.root, root, pages, by_page, links)
    root.K = Array([document])
    nums: list[Any] = []
    for number, page in enumerate(pages, 1):
        page.StructParents = number - 1
        page.Tabs = Name.S  # tab through links in the structure's order
        owners = by_page.get(number, {})
        nums += [number - 1, pdf.make_indirect(Array([owners[m] for m in sorted(owners)]))]
    key = len(pages)
    for annotation, element in links:
        annotation.StructParent = key
        nums += [key, element]
        key += 1
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = key
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def _element(pdf: pikepdf.Pdf, node: Node, parent: Any, pages: list[Any],
             by_page: dict[int, dict[int, Any]], links: list[Any]) -> Any:
    """Return the indirect structure element of `node` and, recursively, of its kids."""
    tag = node.tag
    first = _first_page(node)
    entries: dict[str, Any] = {"/Type": Name.StructElem, "/S": Name("/" + tag.role), "/P": parent}
    if first:
        entries["/Pg"] = pages[first - 1]
    if tag.alt:
        entries["/Alt"] = String(tag.alt)
    if tag.lang:
        entries["/Lang"] = String(tag.lang)
    if tag.attributes:
        entries["/A"] = Dictionary({"/" + k: Name("/" + v) for k, v in tag.attributes})
    # One dictionary made at once: each key set on a pikepdf object afterwards costs a call.
    element = pdf.make_indirect(Dictionary(entries))
    kids: list[Any] = []
    for kid in node.kids:
        if isinstance(kid, Node):
            kids.append(_element(pdf, kid, element, pages, by_page, links))
        elif isinstance(kid, Content):
            by_page.setdefault(kid.page, {})[kid.mcid] = element
            kids.append(kid.mcid if kid.page == first else
                        Dictionary(Type=Name.MCR, Pg=pages[kid.page - 1], MCID=kid.mcid))
        else:
            kids.append(_annotation_ref(pages, kid, element, links))
    # A lone kid is written bare, as most writers do (some readers of /K expect it so).
    element.K = kids[0] if len(kids) == 1 else Array(kids)
    return element


def _annotation_ref(pages: list[Any], kid: Annotation, element: Any,
                    links: list[Any]) -> Dictionary:
    """Return the OBJR of a link annotation, noting it for the parent tree."""
    page = pages[kid.page - 1]
    annotation = page.Annots[kid.index]
    links.append((annotation, element))
    return Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page)


def _first_page(node: Node) -> int:
    """Return the page of the first marked content directly in `node`, or 0 when it has none."""
    for kid in node.kids:
        if isinstance(kid, Content | Annotation):
            return kid.page
    return 0
