"""What the documents say and in what order: the plan every backend draws, decided once.

The story holds whole sections (every priority, every takeaway); how many go on one slide or
page is for each backend to decide, since only it can measure. `model.py` is its plain data,
`labels.py` its words (our labels, the brief's dates and lists), `build.py` how a brief becomes
a story, `agenda.py` the programme, `organisations.py` who was involved and the key figures.
Every name is importable from `generator.story`.
"""

from generator.story.agenda import KEYNOTE
from generator.story.build import OVERVIEW_FROM, build_story, glance_facts
from generator.story.labels import (
    ENGLISH_LABELS,
    Labels,
    Voice,
    cjk_region,
    part_titles,
    role_line,
    voice_for,
)
from generator.story.model import (
    Agenda,
    Fact,
    Figure,
    Item,
    Loc,
    Meta,
    Organisation,
    Person,
    Picture,
    Section,
    SectionKind,
    Session,
    Story,
)

__all__ = [
    "ENGLISH_LABELS", "KEYNOTE", "OVERVIEW_FROM", "Agenda", "Fact", "Figure", "Item", "Labels",
    "Loc", "Meta", "Organisation", "Person", "Picture", "Section", "SectionKind", "Session",
    "Story", "Voice", "build_story", "cjk_region",
    "glance_facts", "part_titles", "role_line", "voice_for",
]
