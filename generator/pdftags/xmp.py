"""The XMP metadata of a tagged PDF: its title, language and the PDF/UA-1 claim."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Name

# Written out in full, not through pikepdf's metadata editor, which stamps the time of saving:
# the same inputs must give the same bytes.
PACKET = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>{producer}</pdf:Producer>
<xmp:CreatorTool>{producer}</xmp:CreatorTool>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def write_metadata(pdf: pikepdf.Pdf, title: str, language: str, producer: str) -> None:
    """Give `pdf` its XMP packet, its catalog language and the viewer's title preference."""
    text = PACKET.format(title=escape(title), language=escape(language), producer=escape(producer))
    stream = pikepdf.Stream(pdf, text.encode("utf-8"))
    stream.Type, stream.Subtype = Name.Metadata, Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)
    pdf.Root.Lang = pikepdf.String(language)
    preferences = pdf.Root.get("/ViewerPreferences")
    if preferences is None:
        preferences = pdf.Root.ViewerPreferences = pikepdf.Dictionary()
    preferences.DisplayDocTitle = True
