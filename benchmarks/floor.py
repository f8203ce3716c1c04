"""The bare-library floor: an 8-slide deck and a one-page PDF written straight with the libraries.

briefgen's cold build is measured against this script, so the ratio shows what briefgen adds
beyond python-pptx and reportlab themselves. The PDF embeds the fonts the sample's handout
embeds (subsets of Liberation Sans in three styles, found through fontconfig), so both pay
for reading and subsetting them; where Liberation is not installed, the handout names the
standard Helvetica without embedding it, and so does the floor.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches, Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

TITLES = ["Film Tech Symposium", "At a glance", "Lu Liang", "Guo Fan", "Zhang Wei", "Priorities",
          "Key takeaways", "Sources"]
BODY = "China's film technology has advanced across the whole industry chain over the past decade."


def write_deck(path: Path) -> None:
    """Write an 8-slide deck with a title and a bulleted body on each slide."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    for title in TITLES:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        frame = slide.placeholders[1].text_frame
        frame.text = BODY
        for _ in range(3):
            frame.add_paragraph().text = BODY
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(20)
        slide.notes_slide.notes_text_frame.text = BODY
    deck.save(path)


# The handout's faces: (file name, the style's name as fontconfig spells it).
FACES = {"Sans": "Regular", "Sans-Bold": "Bold", "Sans-Italic": "Italic"}
DEBIAN_FOLDER = "/usr/share/fonts/truetype/liberation2"


STANDARD = {"Sans": "Helvetica", "Sans-Bold": "Helvetica-Bold", "Sans-Italic": "Helvetica-Oblique"}


def liberation_files() -> dict[str, str] | None:
    """Return the Liberation Sans file of each style, as fontconfig finds them, or None when
    one is not installed."""
    try:
        listed = subprocess.run(["fc-list", "--format", "%{style[0]}\t%{file}\n", "Liberation Sans"],
                                capture_output=True, text=True, check=False).stdout
    except OSError:  # no fontconfig: Debian's folder
        listed = ""
    by_style = dict(line.split("\t", 1) for line in listed.splitlines() if "\t" in line)
    files = {style: by_style.get(style, f"{DEBIAN_FOLDER}/LiberationSans-{style}.ttf")
             for style in FACES.values()}
    return files if all(Path(file).is_file() for file in files.values()) else None


def font_names() -> dict[str, str]:
    """Return the font of each face ('Sans', 'Sans-Bold', 'Sans-Italic'): Liberation, registered
    to be embedded, or the standard face the handout falls back to without it."""
    files = liberation_files()
    if files is None:
        return STANDARD
    for name, style in FACES.items():
        pdfmetrics.registerFont(TTFont(f"Liberation{name}", files[style]))
    return {name: f"Liberation{name}" for name in FACES}


def write_pdf(path: Path) -> None:
    """Write a one-page PDF with a heading and a few paragraphs per section, in the handout's fonts."""
    fonts = font_names()
    styles = getSampleStyleSheet()
    heading = styles["Heading2"].clone("heading", fontName=fonts["Sans-Bold"])
    body = styles["BodyText"].clone("body", fontName=fonts["Sans"])
    aside = styles["BodyText"].clone("aside", fontName=fonts["Sans-Italic"])
    story = []
    for title in TITLES:
        story += [Paragraph(title, heading), Paragraph(BODY, body), Paragraph(title, aside),
                  Spacer(1, 4)]
    # The canvas's initial font is named in the file too: the body's, as the handout does.
    SimpleDocTemplate(str(path), pagesize=A4, initialFontName=fonts["Sans"]).build(story)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    write_deck(out / "floor.pptx")
    write_pdf(out / "floor.pdf")
