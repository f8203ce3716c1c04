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




# Templates whose artwork lies behind text, and layouts that leave little room for it.

BAND_COLOUR = "2E6B73"  # a dark teal: black text reads at about 3:1 on it, white at 6:1
DARK_GROUND = "202436"


def busy_picture() -> bytes:
    """Return a PNG of dark and bright stripes, as a photograph behind a whole slide might be."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 180), "#F2C14E")
    draw = ImageDraw.Draw(image)
    for x in range(0, 320, 40):
        draw.rectangle((x, 0, x + 19, 180), fill="#1B2A41")
    draw.ellipse((100, 40, 220, 140), fill="#7A3B69")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def picture_background_template(folder: Path) -> Path:
    """python-pptx's template whose master's background is a full-bleed picture fill."""
    prs = pptx.Presentation()
    master = prs.slide_master
    _image_part, rel_id = master.part.get_or_add_image_part(io.BytesIO(busy_picture()))
    c_sld = master._element.find(f"{{{P}}}cSld")
    background = _xml(f'<p:bg xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:bgPr><a:blipFill>'
                      f'<a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill>'
                      '<a:effectLst/></p:bgPr></p:bg>')
    _set_background(c_sld, background)
    path = folder / "picture-background.pptx"
    prs.save(str(path))
    return path


def band_template(folder: Path) -> Path:
    """python-pptx's template with a dark band across the body area of every layout with a
    content placeholder (a designer's stripe), drawn beneath the placeholders."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    prs = pptx.Presentation()
    top, height = prs.slide_height * 45 // 100, prs.slide_height * 20 // 100
    band = (f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="90" name="Band"/><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="{top}"/><a:ext cx="{prs.slide_width}" '
            f'cy="{height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
            f'<a:srgbClr val="{BAND_COLOUR}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>')
    for layout in prs.slide_layouts:
        if any(ph.placeholder_format.type == PP_PLACEHOLDER.OBJECT for ph in layout.placeholders):
            layout.shapes._spTree.insert(2, _xml(band))  # after the tree's own properties: beneath
    path = folder / "band.pptx"
    prs.save(str(path))
    return path


def dark_layout_template(folder: Path) -> Path:
    """python-pptx's template whose 'Title and Content' layout has a dark background while its
    text still inherits the master's dark text colour."""
    prs = pptx.Presentation()
    layout = prs.slide_layouts.get_by_name("Title and Content")
    c_sld = layout._element.find(f"{{{P}}}cSld")
    _set_background(c_sld, _xml(f'<p:bg xmlns:p="{P}" xmlns:a="{A}"><p:bgPr><a:solidFill><a:srgbClr '
                                f'val="{DARK_GROUND}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'))
    path = folder / "dark-layout.pptx"
    prs.save(str(path))
    return path


def tiny_placeholders_template(folder: Path) -> Path:
    """python-pptx's template whose layouts' text and content placeholders are each too small
    for any slide's text (90 x 24 pt); the master's body area is as usual."""
    prs = pptx.Presentation()
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            if ph.placeholder_format.type not in _TITLE_AND_FIELD_TYPES:
                left, top = ph.left, ph.top  # inherited: the transform is written whole
                ph.left, ph.top, ph.width, ph.height = left, top, Pt(90), Pt(24)
    path = folder / "tiny-placeholders.pptx"
    prs.save(str(path))
    return path


def middle_title_template(folder: Path) -> Path:
    """python-pptx's template whose layouts put the title across the middle of the slide,
    over their text placeholders, as some exported templates do."""
    from pptx.util import Emu

    prs = pptx.Presentation()
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            if ph.placeholder_format.type in _TITLE_TYPES:
                ph.left, ph.width = Pt(36), prs.slide_width - Pt(72)
                ph.top, ph.height = Emu(prs.slide_height * 42 // 100), Emu(prs.slide_height * 16 // 100)
    path = folder / "middle-title.pptx"
    prs.save(str(path))
    return path


PALE = "BBBBBB"


def pale_subtitle_template(folder: Path) -> Path:
    """python-pptx's template whose title slide's subtitle is a pale grey on white: its own
    colour, which the deck keeps (with a warning)."""
    prs = pptx.Presentation()
    subtitle = prs.slide_layouts.get_by_name("Title Slide").placeholders[1]
    body = subtitle._element.find(f"{{{P}}}txBody")
    for old in body.findall(f"{{{A}}}lstStyle"):
        body.remove(old)
    body.insert(1, _xml(f'<a:lstStyle xmlns:a="{A}"><a:lvl1pPr><a:defRPr><a:solidFill><a:srgbClr '
                        f'val="{PALE}"/></a:solidFill></a:defRPr></a:lvl1pPr></a:lstStyle>'))
    path = folder / "pale-subtitle.pptx"
    prs.save(str(path))
    return path


def _set_background(c_sld, background) -> None:
    """Put `background` in place of a master's or layout's own background (its first child)."""
    for old in c_sld.findall(f"{{{P}}}bg"):
        c_sld.remove(old)
    c_sld.insert(0, background)


def _xml(text: str):
    """Return an element parsed from `text` (a test's own fixed XML)."""
    from lxml import etree

    return etree.fromstring(text)


def _types(*names: str) -> frozenset:
    """Return python-pptx's placeholder types of the given names."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    return frozenset(getattr(PP_PLACEHOLDER, name) for name in names)


_TITLE_TYPES = _types("TITLE", "CENTER_TITLE")
_TITLE_AND_FIELD_TYPES = _TITLE_TYPES | _types("DATE", "FOOTER", "SLIDE_NUMBER")


# Hostile packages: members changed in the bytes, and zip headers patched after writing.

IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"


def with_relationship(rels: bytes, rel_id: str, kind: str, target: str) -> bytes:
    """Return relationships with one more, of `kind` (a type's last segment) to `target`."""
    return rels.replace(b"</Relationships>", (
        f'<Relationship Id="{rel_id}" Type="{R}/{kind}" Target="{target}"/></Relationships>'
    ).encode())


def with_picture(layout: bytes, rel_id: str) -> bytes:
    """Return a layout with a picture shape showing relationship `rel_id`."""
    shape = (f'<p:pic><p:nvPicPr><p:cNvPr id="95" name="Logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
             f'<p:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch>'
             '</p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/>'
             '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    return layout.replace(b"</p:spTree>", shape.encode() + b"</p:spTree>", 1)


def png_header(width: int, height: int) -> bytes:
    """Return the start of a PNG that says it is `width` x `height` pixels (no pixels follow)."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + b"\0\0\0\0IEND\xaeB`\x82")


def patched_zip(data: bytes, member: str, *, method: int | None = None, flags: int | None = None,
                bad_crc: bool = False) -> bytes:
    """Return zip `data` with `member`'s headers (local and central) saying another compression
    method, other flags, or a wrong checksum."""
    import struct

    out = bytearray(data)
    name = member.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(member).header_offset
    central = next(i for i in _all(data, b"PK\x01\x02")
                   if data[i + 46: i + 46 + struct.unpack("<H", data[i + 28: i + 30])[0]] == name)
    for start, method_at, flags_at, crc_at in ((local, 8, 6, 14), (central, 10, 8, 16)):
        if method is not None:
            out[start + method_at: start + method_at + 2] = struct.pack("<H", method)
        if flags is not None:
            out[start + flags_at: start + flags_at + 2] = struct.pack("<H", flags)
        if bad_crc:
            out[start + crc_at] ^= 0xFF
    return bytes(out)


def _all(data: bytes, needle: bytes) -> list[int]:
    """Return every offset of `needle` in `data`."""
    found, start = [], data.find(needle)
    while start != -1:
        found.append(start)
        start = data.find(needle, start + 1)
    return found


def many_layouts(data: bytes, count: int, *, same_part: bool = False) -> bytes:
    """Return a package whose master lists `count` layouts: copies of its first (named 'Copy N'),
    or, with `same_part`, `count` entries that all name the first."""
    members = _members(data)
    layout = members["ppt/slideLayouts/slideLayout1.xml"]
    layout_rels = members["ppt/slideLayouts/_rels/slideLayout1.xml.rels"]
    rels, ids, types = [], [], []
    for n in range(1, count + 1):
        target = "slideLayout1.xml" if same_part else f"slideLayoutCopy{n}.xml"
        rels.append(f'<Relationship Id="rIdC{n}" Type="{R}/slideLayout" Target="../slideLayouts/'
                    f'{target}"/>')
        ids.append(f'<p:sldLayoutId id="{2147483700 + n}" r:id="rIdC{n}"/>')
        if not same_part:
            members[f"ppt/slideLayouts/{target}"] = re.sub(
                rb'<p:cSld name="[^"]*"', f'<p:cSld name="Copy {n}"'.encode(), layout)
            members[f"ppt/slideLayouts/_rels/{target}.rels"] = layout_rels
            types.append(f'<Override PartName="/ppt/slideLayouts/{target}" ContentType="application/'
                         'vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/>')
    members[MASTER] = re.sub(rb"<p:sldLayoutIdLst>.*</p:sldLayoutIdLst>",
                             b"<p:sldLayoutIdLst>" + "".join(ids).encode() + b"</p:sldLayoutIdLst>",
                             members[MASTER])
    members[MASTER_RELS] = re.sub(rb'<Relationship Id="rId\d+" Type="[^"]*/slideLayout"[^>]*/>', b"",
                                  members[MASTER_RELS]).replace(
        b"</Relationships>", "".join(rels).encode() + b"</Relationships>")
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", "".join(types).encode() + b"</Types>")
    return _zipped(members)


# The start of an OLE compound file: what PowerPoint writes for a file saved with a password.
OLE_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + b"EncryptedPackage"


def run_alone(code: str, *args: str) -> list[str]:
    """Return the lines Python `code` prints, run with `args` in a process of its own.

    Started through a shell that forks it, so its peak memory (resource.getrusage's ru_maxrss)
    is its own: a process started straight from this one inherits this one's peak at exec.
    """
    import subprocess
    import sys

    done = subprocess.run(["/bin/sh", "-c", '"$0" -c "$1" "$2"; exit $?', sys.executable, code,
                           *args[:1]], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, check=True, timeout=300)
    return done.stdout.splitlines()


def bmp_header(width: int, height: int) -> bytes:
    """Return a run-length-encoded BMP that says it is `width` x `height` pixels (90 bytes)."""
    import struct

    pixels = b"\x00\x01"  # end of bitmap: no pixels follow
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 8, 1, len(pixels), 2835, 2835, 2,
                       0) + b"\0\0\0\0\xff\xff\xff\0"
    return (b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pixels), 0, 0, 14 + len(info))
            + info + pixels)


def tiff_header(width: int, height: int) -> bytes:
    """Return a PackBits TIFF that says it is `width` x `height` pixels (one strip of 2 bytes)."""
    import struct

    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (259, 3, 1, 32773),
               (262, 3, 1, 1), (273, 4, 1, 8 + 2 + 12 * 9 + 4), (277, 3, 1, 1),
               (278, 4, 1, height), (279, 4, 1, 2)]
    directory = (struct.pack("<H", len(entries))
                 + b"".join(struct.pack("<HHII", *entry) for entry in entries) + b"\0\0\0\0")
    return b"II*\x00" + struct.pack("<I", 8) + directory + b"\x81\x00"


def webp_header(width: int, height: int) -> bytes:
    """Return the start of an extended WebP that says it is `width` x `height` pixels."""
    import struct

    canvas = b"\0\0\0\0" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    chunk = b"VP8X" + struct.pack("<I", len(canvas)) + canvas
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def with_layout_elements(data: bytes, count: int, layouts: int = 11) -> bytes:
    """Return a package whose first `layouts` layouts each end their shapes with `count` empty
    elements."""
    return rewrite(data, {f"ppt/slideLayouts/slideLayout{n}.xml": (
        lambda x: x.replace(b"</p:spTree>", b"<a/>" * count + b"</p:spTree>", 1))
        for n in range(1, layouts + 1)})


def with_attributes(data: bytes, count: int) -> bytes:
    """Return a package whose second layout's cSld carries `count` attributes."""
    attributes = b" ".join(b'x%d="1"' % n for n in range(count))
    return rewrite(data, {LAYOUT: lambda x: x.replace(b"<p:cSld ", b"<p:cSld " + attributes + b" ", 1)})


VML_TYPE = (b'<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'vmlDrawing"/>')


def with_vml(data: bytes, drawing: bytes) -> bytes:
    """Return a package whose second layout links a VML drawing holding `drawing`."""
    members = _members(data)
    members["ppt/drawings/vmlDrawing1.vml"] = drawing
    members[LAYOUT_RELS] = with_relationship(members[LAYOUT_RELS], "rIdV", "vmlDrawing",
                                             "../drawings/vmlDrawing1.vml")
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", VML_TYPE + b"</Types>")
    return _zipped(members)
