"""PowerPoint templates the tests build in code: ordinary ones made by other tools and people,
and hostile ones. Each builder writes its file into `folder` and returns its path."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pptx
from pptx.util import Pt

from generator.ooxml.names import PRESENTATION_MAIN as PPTX
from generator.ooxml.names import RELS, A, P, R
from generator.ooxml.names import TEMPLATE_MAIN as POTX

# Layout names as a German PowerPoint writes them, by the English name python-pptx's has.
GERMAN = {
    "Title Slide": "Titelfolie", "Title and Content": "Titel und Inhalt",
    "Section Header": "Abschnittsüberschrift", "Two Content": "Zwei Inhalte",
    "Comparison": "Vergleich", "Title Only": "Nur Titel", "Blank": "Leer",
    "Content with Caption": "Inhalt mit Überschrift", "Picture with Caption": "Bild mit Überschrift",
    "Title and Vertical Text": "Titel und vertikaler Text",
    "Vertical Title and Text": "Vertikaler Titel und Text",
}
SAMPLE_TEXT = "Sample slide of the template"
TRACKER = "http://tracker.example/pixel.png"


def default_template(folder: Path) -> Path:
    """python-pptx's own template: 4:3, English layout names."""
    path = folder / "default.pptx"
    pptx.Presentation().save(str(path))
    return path


def renamed_template(folder: Path) -> Path:
    """A 16:9 template with German layout names, its layouts in reverse order, and a sample
    slide (with a link to a server) left in."""
    prs = pptx.Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    _widen(prs, 960 / 720)
    for layout in prs.slide_layouts:
        layout._element.cSld.set("name", GERMAN[layout.name])
    id_list = prs.slide_master._element.find(f"{{{P}}}sldLayoutIdLst")
    entries = list(id_list)
    for entry in entries:
        id_list.remove(entry)
    for entry in reversed(entries):
        id_list.append(entry)
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = SAMPLE_TEXT
    prs.core_properties.comments = SAMPLE_TEXT  # the template's description, not the deck's
    run = slide.placeholders[1].text_frame.paragraphs[0].add_run()
    run.text = "tracked"
    run.hyperlink.address = TRACKER
    path = folder / "renamed.pptx"
    prs.save(str(path))
    return path


def potx_template(folder: Path) -> Path:
    """python-pptx's template saved as a .potx (its main part declared a template)."""
    buffer = io.BytesIO()
    pptx.Presentation().save(buffer)
    path = folder / "template.potx"
    path.write_bytes(rewrite(buffer.getvalue(), {"[Content_Types].xml": lambda x: x.replace(
        PPTX.encode(), POTX.encode())}))
    return path


def two_masters_template(folder: Path) -> Path:
    """A template with a second master (and theme) whose layouts are copies named 'Zweit ...'."""
    buffer = io.BytesIO()
    pptx.Presentation().save(buffer)
    members = _members(buffer.getvalue())
    layouts = sorted((n for n in members if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)),
                     key=lambda n: int(re.findall(r"\d+", n)[0]))
    master = members["ppt/slideMasters/slideMaster1.xml"].decode()
    rels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/theme" Target="../theme/theme2.xml"/>']
    ids = []
    overrides = ['<Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/>',
                 '<Override PartName="/ppt/theme/theme2.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.theme+xml"/>']
    for n, name in enumerate(layouts, start=1):
        number = 100 + n
        xml = members[name].decode().replace('<p:cSld name="', '<p:cSld name="Zweit ')
        members[f"ppt/slideLayouts/slideLayout{number}.xml"] = xml.encode()
        members[f"ppt/slideLayouts/_rels/slideLayout{number}.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="'
            f'{RELS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/slideMaster" Target="../slideMasters/'
            'slideMaster2.xml"/></Relationships>').encode()
        rels.append(f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/slideLayout" Target="../slideLayouts/'
                    f'slideLayout{number}.xml"/>')
        ids.append(f'<p:sldLayoutId id="{2147483800 + n}" r:id="rId{n + 1}"/>')
        overrides.append(f'<Override PartName="/ppt/slideLayouts/slideLayout{number}.xml" '
                         'ContentType="application/vnd.openxmlformats-officedocument.'
                         'presentationml.slideLayout+xml"/>')
    master = re.sub(r"<p:sldLayoutIdLst>.*</p:sldLayoutIdLst>",
                    "<p:sldLayoutIdLst>" + "".join(ids) + "</p:sldLayoutIdLst>", master)
    members["ppt/slideMasters/slideMaster2.xml"] = master.encode()
    members["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{RELS}">'
        + "".join(rels) + "</Relationships>").encode()
    members["ppt/theme/theme2.xml"] = members["ppt/theme/theme1.xml"].replace(
        b'<a:srgbClr val="4F81BD"/>', b'<a:srgbClr val="0B5394"/>')
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", "".join(overrides).encode() + b"</Types>")
    members["ppt/_rels/presentation.xml.rels"] = members["ppt/_rels/presentation.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdM2" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/slideMaster" Target="slideMasters/slideMaster2.xml"/>'
        b"</Relationships>")
    members["ppt/presentation.xml"] = re.sub(
        rb"(<p:sldMasterIdLst>.*?)(</p:sldMasterIdLst>)",
        rb'\1<p:sldMasterId id="2147483790" r:id="rIdM2"/>\2', members["ppt/presentation.xml"])
    path = folder / "two-masters.pptx"
    path.write_bytes(_zipped(members))
    return path


def hostile_objects_template(folder: Path) -> Path:
    """A template whose layouts link a picture from a server, link the master's title to a
    site, and hold an OLE object and an ActiveX control."""
    buffer = io.BytesIO()
    pptx.Presentation().save(buffer)
    members = _members(buffer.getvalue())
    layout = "ppt/slideLayouts/slideLayout2.xml"
    rels = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
    members[rels] = members[rels].replace(b"</Relationships>", (
        f'<Relationship Id="rIdX1" Type="{R}/image" Target="{TRACKER}" TargetMode="External"/>'
        f'<Relationship Id="rIdX2" Type="{R}/oleObject" Target="../embeddings/oleObject1.bin"/>'
        f'<Relationship Id="rIdX3" Type="{R}/control" Target="../activeX/activeX1.xml"/>'
        f'<Relationship Id="rIdX4" Type="{R}/hyperlink" Target="http://tracker.example/site" '
        'TargetMode="External"/></Relationships>').encode())
    shapes = (
        '<p:pic><p:nvPicPr><p:cNvPr id="90" name="Linked picture"><a:hlinkClick r:id="rIdX4"/>'
        '</p:cNvPr><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:link="rIdX1"/>'
        '<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '</p:spPr></p:pic>'
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="91" name="Object"/><p:cNvGraphicFramePr/>'
        '<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/>'
        '</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/'
        '2006/ole"><p:oleObj name="Worksheet" r:id="rIdX2" imgW="100" imgH="100" progId="Excel.Sheet.12">'
        '<p:embed/></p:oleObj></a:graphicData></a:graphic></p:graphicFrame>')
    xml = members[layout].replace(b"</p:spTree>", shapes.encode() + b"</p:spTree>")
    control = ('<p:controls><p:control spid="92" name="Button" r:id="rIdX3"/></p:controls>')
    members[layout] = xml.replace(b"</p:cSld>", b"</p:cSld>" + control.encode(), 1)
    members["ppt/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0 an embedded program's document"
    members["ppt/activeX/activeX1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ax:ocx xmlns:ax="http://schemas.'
        b'microsoft.com/office/2006/activeX" ax:classid="{D7053240-CE69-11CD-A777-00DD01143C57}"/>')
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(b"</Types>", (
        b'<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.'
        b'oleObject"/><Override PartName="/ppt/activeX/activeX1.xml" ContentType="application/'
        b'vnd.ms-office.activeX+xml"/></Types>'))
    path = folder / "hostile-objects.pptx"
    path.write_bytes(_zipped(members))
    return path


def pictures_only_template(folder: Path) -> Path:
    """python-pptx's template with every text placeholder but titles and subtitles turned into
    a picture placeholder: no layout has room for a slide's text."""
    def pictures_only(xml: bytes) -> bytes:
        xml = re.sub(rb"<p:ph (?![^>]*type=)", b'<p:ph type="pic" ', xml)
        return xml.replace(b'<p:ph type="body"', b'<p:ph type="pic"')

    path = folder / "pictures-only.pptx"
    path.write_bytes(rewrite(default_bytes(), {f"ppt/slideLayouts/slideLayout{n}.xml": pictures_only
                                               for n in range(1, 12)}))
    return path


def orphan_layout_template(folder: Path) -> Path:
    """python-pptx's template with one layout's link to its master lost (a damaged file)."""
    path = folder / "orphan-layout.pptx"
    path.write_bytes(rewrite(default_bytes(), {"ppt/slideLayouts/_rels/slideLayout2.xml.rels": None}))
    return path


def rewrite(data: bytes, changes: dict[str, object]) -> bytes:
    """Return a package with members changed by functions of their bytes (None removes one)."""
    members = _members(data)
    for name, change in changes.items():
        if change is None:
            members.pop(name, None)
        else:
            members[name] = change(members[name])  # type: ignore[operator]
    return _zipped(members)


def default_bytes() -> bytes:
    """Return python-pptx's template as bytes."""
    buffer = io.BytesIO()
    pptx.Presentation().save(buffer)
    return buffer.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    """Return a zip's members by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zipped(members: dict[str, bytes]) -> bytes:
    """Return members written as a zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _widen(prs, factor: float) -> None:
    """Stretch the master's and layouts' placeholders across a wider slide."""
    for part in [prs.slide_master, *prs.slide_layouts]:
        for element in part._element.iter(f"{{{A}}}off", f"{{{A}}}ext"):
            key = "x" if element.tag.endswith("off") else "cx"
            if element.get(key) is not None:
                element.set(key, str(round(int(element.get(key)) * factor)))


