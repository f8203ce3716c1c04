"""The bare-library floor: an 8-slide deck and a one-page PDF written straight with the libraries.

briefgen's cold build is measured against this script, so the ratio shows what briefgen adds
beyond python-pptx and reportlab themselves.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches, Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
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


def write_pdf(path: Path) -> None:
    """Write a one-page PDF with a heading and a few paragraphs per section."""
    styles = getSampleStyleSheet()
    story = []
    for title in TITLES:
        story += [Paragraph(title, styles["Heading2"]), Paragraph(BODY, styles["BodyText"]),
                  Spacer(1, 4)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    write_deck(out / "floor.pptx")
    write_pdf(out / "floor.pdf")
