"""The `defaults: briefgen:` block of a theme: what brand.yml has no place for, validated."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import Problem
from generator.strict_yaml import Loc, SourceMap
from generator.text import did_you_mean
from generator.theme.model import TypeScale
from generator.words.overrides import LabelOverrides


class _Kebab(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True,
                              alias_generator=lambda name: name.replace("_", "-"))


class Scale(_Kebab):
    """Font sizes in points; `floor` is the smallest size fitting may shrink text to."""

    title: float | None = Field(None, gt=4, le=120, description="Cover and slide titles.")
    heading: float | None = Field(None, gt=4, le=120, description="Section headings.")
    subheading: float | None = Field(None, gt=4, le=120, description="Names, card titles.")
    body: float | None = Field(None, gt=4, le=120, description="Running text.")
    small: float | None = Field(None, gt=4, le=120, description="Secondary text.")
    caption: float | None = Field(None, gt=4, le=120, description="Footers, slide numbers.")
    floor: float | None = Field(None, gt=4, le=120, description="Smallest size for body text.")


class RoleColors(_Kebab):
    """Colour roles brand.yml has no name for: hex values or names from `color.palette`."""

    surface: str | None = Field(None, description="Fill of cards and panels.")
    muted: str | None = Field(None, description="Secondary text.")
    accent: str | None = Field(None, description="Accent fills (numbers, rules).")
    on_primary: str | None = Field(None, description="Text drawn on primary.")
    on_accent: str | None = Field(None, description="Text drawn on accent.")
    rule: str | None = Field(None, description="Hairlines and borders (not text).")


class PaperColors(RoleColors):
    """The colours the handout prints in on paper; roles left out are derived from the theme's."""

    background: str | None = Field(None, description="The paper (white unless set).")
    text: str | None = Field(None, description="Running text on the paper.")
    primary: str | None = Field(None, description="The header band, headings and links.")


class LayoutNames(_Kebab):
    """The PowerPoint template layout, by its name, that each kind of slide uses."""

    cover: str | None = Field(None, description="The title slide.")
    glance: str | None = Field(None, description="The summary and key facts.")
    speakers_overview: str | None = Field(None, description="Every speaker, listed.")
    speaker: str | None = Field(None, description="One speaker's slide.")
    priorities: str | None = Field(None, description="The priorities named.")
    takeaways: str | None = Field(None, description="The takeaways.")
    sources: str | None = Field(None, description="The sources.")


class BriefgenSettings(_Kebab):
    """Everything under `defaults: briefgen:` in a theme file."""

    description: str | None = Field(None, description="One line shown by `briefgen themes`.")
    slide_size: Literal["16:9", "4:3"] | None = Field(None, description="Slide shape.")
    paper: Literal["A4", "Letter"] | None = Field(None, description="Handout paper size.")
    slide_margin: float | None = Field(None, ge=0, le=150, description="Slide margin in points.")
    page_margin: float | None = Field(None, ge=18, le=120, description="Page margin in points.")
    gutter: float | None = Field(None, ge=0, le=80, description="Space between columns, points.")
    cjk_family: str | None = Field(None, description="Typeface for Chinese/Japanese/Korean text.")
    colors: RoleColors | None = None
    handout_colors: Literal["paper", "theme"] | None = Field(
        None, description="The handout's colours: `paper` (dark ink on white, the default) or "
                          "`theme` (the screen colours, as the deck).")
    paper_colors: PaperColors | None = Field(
        None, description="The handout's colours on paper, by role; left out, derived from the "
                          "theme and darkened where they would not read on white.")
    source_codes: bool | None = Field(
        None, description="Print a QR code of each source's address beside it in the handout "
                          "(default true).")
    slide_type: Scale | None = None
    page_type: Scale | None = None
    labels: LabelOverrides | None = Field(
        None, description="Single labels in other words, by label key; a brief's win over these.")
    template: str | None = Field(
        None, description="A .pptx or .potx PowerPoint template to build the deck on, relative "
                          "to this file.")
    layouts: LayoutNames | None = Field(
        None, description="The template's layout, by name, for a kind of slide (its key).")


def check_settings(data: dict[str, Any], smap: SourceMap, problems: list[Problem]) -> None:
    """Add a located problem for each fault in the theme's own `defaults: briefgen:` block."""
    defaults = data.get("defaults")
    block = defaults.get("briefgen") if isinstance(defaults, dict) else None
    if block is None:
        return
    try:
        BriefgenSettings.model_validate(block)
    except ValidationError as exc:
        for err in exc.errors():
            loc: Loc = ("defaults", "briefgen", *err["loc"])
            dotted = ".".join(str(p) for p in loc)
            problems.append(smap.problem(loc, f"{dotted}: {_message(err)}"))


def _message(err: ErrorDetails) -> str:
    """Return the words for one fault in `defaults: briefgen:`, with a 'did you mean' for keys."""
    if err["type"] != "extra_forbidden":
        msg = err["msg"].removeprefix("Value error, ")  # a label's fields, told in our words
        return msg[:1].lower() + msg[1:]
    model = _model_at(err["loc"][:-1])
    if model is None:
        return "unknown key"
    names = [name.replace("_", "-") for name in model.model_fields]
    # close spellings only, as this message always had: it never offered 'paper' for 'PAPER'
    return "unknown key" + did_you_mean(str(err["loc"][-1]), names, any_case=False)


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """Return the settings model that describes the mapping at `loc` (under `briefgen:`), if any."""
    model: type[BaseModel] = BriefgenSettings
    for part in loc:
        field = model.model_fields.get(str(part).replace("-", "_"))
        if field is None:
            return None
        # an optional section is annotated `Scale | None`: its model is the first member
        inner = getattr(field.annotation, "__args__", (field.annotation,))[0]
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return None
        model = inner
    return model


def type_scale(scale: Scale | None) -> TypeScale:
    """Return the TypeScale for a merged theme's `slide-type` or `page-type` block."""
    values = scale.model_dump() if scale else {}
    missing = [k for k, v in values.items() if v is None]
    if missing:
        raise ValueError(f"type scale lacks {missing}")
    return TypeScale(**values)
