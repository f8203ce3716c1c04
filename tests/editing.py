"""A project built by `briefgen build`, and its deck edited as an editor would (python-pptx):
shared by the tests of `pull` and of the merge (`build --keep-edits`)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Pt

from generator.cli import main
from generator.workflow.edits import read_built

from .conftest import with_sources

ZWSP = "\u200b"


def run(*args: str):
    """Return click's result of `briefgen ARGS` (standard output and error kept apart)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def project(folder: Path, brief: Path, theme: str | None = None) -> Path:
    """Copy `brief` into `folder`/briefs as sample.yaml, build its deck into output/; return it."""
    (folder / "briefs").mkdir(parents=True)
    shutil.copyfile(brief, folder / "briefs" / "sample.yaml")
    with_sources(folder / "briefs")
    built = run("build", "briefs/sample.yaml", "-f", "pptx", "-q", *theme_args(theme))
    assert built.exit_code == 0, built.output
    return folder / "output" / "sample.pptx"


def theme_args(theme: str | None) -> list[str]:
    return ["-t", theme] if theme else []


def one_piece_fields(data: bytes) -> dict[str, tuple[int, str]]:
    """Return the fields the deck shows once, in one paragraph of a shape: slide and text."""
    record = read_built(data).record
    seen: dict[str, list[tuple[int, str, int]]] = {}
    for slide in record.slides:
        for shape in slide.shapes:
            for para in shape.paras:
                if para.field:
                    seen.setdefault(para.field, []).append((slide.number, para.text, para.piece))
    return {path: (found[0][0], found[0][1]) for path, found in seen.items()
            if len(found) == 1 and found[0][2] == 0 and found[0][1] == record.fields[path].value}


def notes_fields(data: bytes) -> dict[str, int]:
    """Return the fields shown as a slide's notes, with their slide."""
    record = read_built(data).record
    return {s.notes.field: s.number for s in record.slides if s.notes is not None and s.notes.field}


def set_paragraph(prs, number: int, old: str, new: str) -> None:
    """Type `new` over the paragraph reading `old` on slide `number`: the first run keeps its format."""
    for shape in prs.slides[number - 1].shapes:
        frames = ([cell.text_frame for row in shape.table.rows for cell in row.cells]
                  if shape.has_table else [shape.text_frame] if shape.has_text_frame else [])
        for paragraph in (p for frame in frames for p in frame.paragraphs):
            if paragraph.text.replace(ZWSP, "") == old:
                runs = paragraph.runs
                runs[0].text = new
                for run_ in runs[1:]:
                    run_._r.getparent().remove(run_._r)
                return
    raise AssertionError(f"no paragraph {old!r} on slide {number}")


def edit_texts(data: bytes, count: int, notes: bool) -> tuple[bytes, dict[str, str]]:
    """Return the deck with `count` fields' text changed (and a speaker's notes), and the
    new text of each changed field by path."""
    prs = Presentation(io.BytesIO(data))
    changed: dict[str, str] = {}
    for path, (number, old) in list(one_piece_fields(data).items())[:count]:
        # The first words kept: a short slide rewritten whole reads as another slide (reported).
        new = f"{old[: max(4, len(old) * 2 // 3)].rstrip()} (revised {len(changed)})"
        set_paragraph(prs, number, old, new)
        changed[path] = new
    speakers = {p: n for p, n in notes_fields(data).items() if p.startswith("speakers[")}
    if notes and speakers:
        path, number = next(iter(speakers.items()))
        prs.slides[number - 1].notes_slide.notes_text_frame.text = "Say this instead.\nAnd this."
        changed[path] = "Say this instead.\nAnd this."
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue(), changed


def add_and_delete(data: bytes) -> bytes:
    """Return the deck with a text box added to its last slide, a slide added, and a shape
    that shows no field deleted from its second slide."""
    record = read_built(data).record
    prs = Presentation(io.BytesIO(data))
    last = prs.slides[len(prs.slides) - 1]
    last.shapes.add_textbox(Pt(20), Pt(20), Pt(200), Pt(40)).text_frame.text = "A remark of mine"
    added = prs.slides.add_slide(prs.slide_layouts[len(prs.slide_layouts) - 1])
    added.shapes.add_textbox(Pt(40), Pt(40), Pt(300), Pt(60)).text_frame.text = "Last week's figures"
    plain = {s.name for s in record.slides[1].shapes if not any(p.field for p in s.paras)}
    victim = next(s for s in prs.slides[1].shapes if s.name in plain and s.name != "Slide number")
    victim._element.getparent().remove(victim._element)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def rebuilt_texts(deck: Path) -> str:
    """Return every text on the deck, slides and notes, as PowerPoint shows it."""
    prs = Presentation(str(deck))
    texts = []
    for slide in prs.slides:
        texts += [p.text for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
        texts += [cell.text for s in slide.shapes if s.has_table for row in s.table.rows
                  for cell in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts).replace(ZWSP, "").replace("\v", "\n")
