"""Write docs/examples/corporate-template.potx, an organisation's template as a designer would
make one, and docs/img/template-1.png .. template-3.png, the sample brief built on it.

The template: 16:9, a dark title band and an accent rule on its master, its own colour and
font scheme, layouts named in German and in another order than PowerPoint's, and a sample
slide left in. briefgen finds its layouts by what they hold, keeps the master's look, and
leaves the sample slide out. Needs LibreOffice (soffice) and pdftoppm.
Run from anywhere: python scripts/example_template.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pptx
from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.backends.deck.backend import DeckBackend  # noqa: E402
from generator.ooxml.names import A, P, R  # noqa: E402
from generator.paths import AssetPolicy  # noqa: E402
from generator.workflow.prepare import prepare  # noqa: E402

TEMPLATE = ROOT / "docs" / "examples" / "corporate-template.potx"
SCHEME = {"dk1": "1D2733", "lt1": "FFFFFF", "dk2": "0E3B4F", "lt2": "EEF2F4", "accent1": "0E5C7A",
          "accent2": "E07A1F", "accent3": "6A8D2F", "accent4": "8C4A8C", "accent5": "2F7FB8",
          "accent6": "B8432F", "hlink": "0E5C7A", "folHlink": "6A4A8C"}
GERMAN = {"Title Slide": "Titelfolie", "Title and Content": "Titel und Inhalt",
          "Two Content": "Zwei Inhalte", "Title Only": "Nur Titel", "Blank": "Leer"}
BAND = 92.0  # the title band's height, points


def make_template() -> bytes:
    """Return the example template's bytes (a .potx)."""
    prs = pptx.Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    master = prs.slide_master
    _scheme(master)
    _stretch(prs)
    # python-pptx draws shapes only on slides: drawn on a scratch slide, moved to the master
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    band = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Pt(BAND))
    rule = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Pt(BAND), prs.slide_width, Pt(4))
    tree = master._element.find(f"{{{P}}}cSld/{{{P}}}spTree")
    for number, (shape, color) in enumerate(((band, SCHEME["dk2"]), (rule, SCHEME["accent2"]))):
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(color)
        shape.line.fill.background()
        shape._element.nvSpPr.cNvPr.set("id", str(90 + number))
        tree.insert(2 + number, shape._element)  # behind the placeholders
    scratch_id = prs.slides._sldIdLst[0]
    prs.part.drop_rel(scratch_id.rId)
    prs.slides._sldIdLst.remove(scratch_id)
    _title_on_band(master)
    _readable_furniture(master)
    _dark_cover_title(prs.slide_layouts[0])
    keep = set(GERMAN)
    id_list = master._element.find(f"{{{P}}}sldLayoutIdLst")
    for layout in list(prs.slide_layouts):
        if layout.name not in keep:
            prs.slide_layouts.remove(layout)
    for layout in prs.slide_layouts:
        layout._element.cSld.set("name", GERMAN[layout.name])
    entries = list(id_list)
    for entry in entries:
        id_list.remove(entry)
    for entry in reversed(entries):
        id_list.append(entry)
    slide = prs.slides.add_slide(prs.slide_layouts[-1])
    slide.shapes.title.text = "Beispielfolie"
    out = io.BytesIO()
    prs.save(out)
    return _as_potx(out.getvalue())


def _scheme(master) -> None:
    """Give the master's theme the example's colours and fonts."""
    part = master.part.part_related_by(f"{R}/theme")
    root = etree.fromstring(part.blob)
    for slot, value in SCHEME.items():
        holder = root.find(f".//{{{A}}}clrScheme/{{{A}}}{slot}")
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, f"{{{A}}}srgbClr", val=value)
    for which in ("majorFont", "minorFont"):
        root.find(f".//{{{A}}}{which}/{{{A}}}latin").set("typeface", "Carlito")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _stretch(prs) -> None:
    """Widen the master's and layouts' placeholders to 16:9 and move content below the band."""
    for part in [prs.slide_master, *prs.slide_layouts]:
        for off in part._element.iter(f"{{{A}}}off"):
            off.set("x", str(round(int(off.get("x")) * 960 / 720)))
        for ext in part._element.iter(f"{{{A}}}ext"):
            ext.set("cx", str(round(int(ext.get("cx")) * 960 / 720)))
    for shape in prs.slide_master.placeholders:
        if shape.placeholder_format.type.name == "TITLE":
            shape.top, shape.height = Pt(10), Pt(BAND - 20)
        elif shape.placeholder_format.type.name == "BODY":
            shape.top, shape.height = Pt(BAND + 26), Pt(540 - BAND - 26 - 50)


def _title_on_band(master) -> None:
    """Set titles in white, left-aligned, on the band."""
    style = master._element.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{{{A}}}lvl1pPr")
    style.set("algn", "l")
    rpr = style.find(f"{{{A}}}defRPr")
    rpr.set("sz", "3200")
    for child in list(rpr):
        if child.tag == f"{{{A}}}solidFill":
            rpr.remove(child)
    fill = etree.Element(f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}schemeClr", val="bg1")
    rpr.insert(0, fill)


def _readable_furniture(master) -> None:
    """Set the footer, date and slide number in a grey that reads on white (4.5:1 and more), as
    a designer would, instead of python-pptx's tx1 at a 75 % tint (3.3:1)."""
    for shape in master.placeholders:
        if shape.placeholder_format.type.name in ("FOOTER", "DATE", "SLIDE_NUMBER"):
            _readable_grey(shape)


def _readable_grey(shape) -> None:
    """Give a placeholder's own text colours tx1 lightened to a grey that still reads on white."""
    for colour in shape._element.iter(f"{{{A}}}schemeClr"):
        for child in list(colour):
            colour.remove(child)
        etree.SubElement(colour, f"{{{A}}}lumMod", val="75000")
        etree.SubElement(colour, f"{{{A}}}lumOff", val="25000")


def _dark_cover_title(layout) -> None:
    """Set the title slide's title large and dark: it sits on the white below the band."""
    title = next(p for p in layout.placeholders if p.placeholder_format.type.name == "CENTER_TITLE")
    title.top, title.height = Pt(170), Pt(130)
    lst = title._element.txBody.find(f"{{{A}}}lstStyle")
    level = etree.SubElement(lst, f"{{{A}}}lvl1pPr", algn="l")
    rpr = etree.SubElement(level, f"{{{A}}}defRPr", sz="4000", b="1")
    fill = etree.SubElement(rpr, f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}schemeClr", val="tx2")
    subtitle = next(p for p in layout.placeholders if p.placeholder_format.type.name == "SUBTITLE")
    subtitle.top, subtitle.left, subtitle.width = Pt(310), title.left, title.width
    _readable_grey(subtitle)  # python-pptx's is tx1 at a 75 % tint: 3.3:1 on white
    lst = subtitle._element.txBody.find(f"{{{A}}}lstStyle")
    level = lst.find(f"{{{A}}}lvl1pPr")
    if level is not None:
        level.set("algn", "l")


def _as_potx(data: bytes) -> bytes:
    """Return a package with its main part declared a template."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            member = source.read(name)
            if name == "[Content_Types].xml":
                member = member.replace(b"presentationml.presentation.main+xml",
                                        b"presentationml.template.main+xml")
            target.writestr(name, member)
    return out.getvalue()


def main() -> None:
    """Write the template and the preview pictures of the sample built on it."""
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(make_template())
    brief = ROOT / "briefs" / "film-tech-symposium.yaml"
    prep = prepare(brief, str(TEMPLATE), AssetPolicy(root=ROOT))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed to draw the preview"
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "deck.pptx"
        with deck.open("wb") as out:
            DeckBackend().render(prep.story, prep.theme, out)
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(deck)], check=True,
                       capture_output=True)
        for number, page in enumerate((1, 3, 6), 1):
            target = ROOT / "docs" / "img" / f"template-{number}"
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page),
                            "-singlefile", str(Path(tmp) / "deck.pdf"), str(target)], check=True)
    print(f"wrote {TEMPLATE.relative_to(ROOT)} and docs/img/template-1..3.png")


if __name__ == "__main__":
    main()
