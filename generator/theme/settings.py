"""The `defaults: briefgen:` block of a theme: what brand.yml has no place for, validated."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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
    slide_type: Scale | None = None
    page_type: Scale | None = None
