"""The brief, schema version 1: what an event was, who spoke, what was said, and where it is from."""

from __future__ import annotations

import datetime as dt
import encodings.idna
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from generator.text import blank_if_invisible, describe_char, is_invisible, mixed_scripts
from generator.words import tags
from generator.words.overrides import LabelOverrides

SUPPORTED_VERSIONS = (1,)
LINK_SCHEMES = ("http", "https", "mailto")


# Text of invisible characters only becomes "" before the constraints, so it fails min_length
# and is told as blank, like "": it passes a length check yet prints as nothing.
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400),
                      BeforeValidator(blank_if_invisible)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=6000),
                     BeforeValidator(blank_if_invisible)]


def check_link(url: str) -> str:
    """Return `url` when it is an http, https or mailto link; raise ValueError otherwise."""
    if any(ch.isspace() for ch in url) or "\\" in url:
        raise ValueError("a link may not contain spaces or backslashes")
    hidden = next((ch for ch in url if is_invisible(ch)), None)
    if hidden is not None:
        # A right-to-left override shows 'https://example.org/\u202efdp.exe' as '.../exe.pdf':
        # a link must read as what it opens, so nothing in it may be invisible.
        raise ValueError(f"a link may not hold {describe_char(hidden)}, an invisible character "
                         "that can make an address show as another than the one it opens; "
                         "remove it")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise ValueError(f"links must start with http://, https:// or mailto: (found {shown})")
    if scheme in ("http", "https") and not parts.hostname:
        raise ValueError("a web link needs a host, as in https://example.org/page")
    if scheme == "mailto" and "@" not in parts.path:
        raise ValueError("a mailto: link needs an address, as in mailto:name@example.org")
    if "@" in parts.netloc:
        # Not echoed: the message may end up in a CI log, and the password with it.
        raise ValueError("a link may not hold a user name or password (the 'name:password@' "
                         "before the host); remove it, since published documents must not "
                         "carry secrets")
    return url


def lookalike_host(url: str) -> str | None:
    """Return a warning when a link's host mixes scripts in one name (a look-alike), else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() == "mailto":  # the host of an address is after its '@'
        host = parts.path.rpartition("@")[2].partition("?")[0].lower()
    else:
        host = parts.hostname or ""
    for label in host.split("."):
        if label.isascii():
            continue
        scripts = mixed_scripts(_nameprep(label))
        if scripts:
            named = " and ".join(scripts)
            return (f"the host '{host}' mixes {named} letters, as look-alike addresses do"
                    f"{_punycode(host)}; check that it is the site you mean")
    return None


def _nameprep(label: str) -> str:
    """Return a host label as a browser reads it (IDNA: width and case folded), or unchanged."""
    try:
        return encodings.idna.ToUnicode(encodings.idna.ToASCII(label))
    except UnicodeError:
        return label


def _punycode(host: str) -> str:
    """Return " (it is really 'xn--...')" naming the host in ASCII, or "" when IDNA refuses it."""
    try:
        ascii_host = ".".join(encodings.idna.ToASCII(label).decode("ascii") if label else ""
                              for label in host.split("."))
    except UnicodeError:
        return ""
    return f" (it is really '{ascii_host}')"


Link = Annotated[ShortText, AfterValidator(check_link)]


def iso_date(value: Any) -> Any:
    """Return a date from an ISO 'YYYY-MM-DD' text or a YAML date; refuse numbers and datetimes."""
    if isinstance(value, dt.datetime):
        raise ValueError("write only the day, as YYYY-MM-DD, without a time")
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"'{value}' is not a real date ({exc}); write it as YYYY-MM-DD") from None
    if not isinstance(value, dt.date):
        raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(iso_date, json_schema_input_type=str)]


def _name_only(value: Any) -> Any:
    """Let a bare string stand for {name: string}."""
    return {"name": value} if isinstance(value, str) else value


def _as_list(value: Any) -> Any:
    """Let a single entry stand for a list of one."""
    return [value] if isinstance(value, str | dict) else value


def check_language(tag: str) -> str:
    """Return a BCP 47 tag in its usual case when briefgen has words for it; raise otherwise."""
    return tags.match(tag).tag


Language = Annotated[ShortText, AfterValidator(check_language)]


class Strict(BaseModel):
    """Base for brief sections: unknown keys are errors and text is never coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Event(Strict):
    """What happened, where and when."""

    title: ShortText = Field(description="The event's full name, as on the cover slide.")
    short_name: ShortText | None = Field(None, description="A short name for footers.")
    subtitle: ShortText | None = Field(None, description="A line under the title.")
    date: IsoDate | None = Field(
        None, description="The day it took place, as an ISO date (2024-05-17). Leave out if unknown."
    )
    location: ShortText | None = Field(None, description="Where it took place.")
    summary: LongText = Field(description="Two to four sentences on what happened and why it matters.")


class Party(Strict):
    """An organisation or person that hosted or organised the event."""

    name: ShortText = Field(description="The name as it should be printed.")
    role: ShortText | None = Field(None, description="What they did, if worth saying.")
    url: Link | None = Field(None, description="Their web page (http, https or mailto).")
    logo: ShortText | None = Field(
        None, description="Their logo: a PNG, JPEG or SVG file, relative to this brief.")


PartyItem = Annotated[Party, BeforeValidator(_name_only, json_schema_input_type=str | Party)]
Parties = Annotated[
    list[PartyItem], BeforeValidator(_as_list, json_schema_input_type=list[str | Party] | str)
]


class Speaker(Strict):
    """Someone who spoke, and what they said."""

    name: ShortText = Field(description="The speaker's name as printed in the source.")
    title: ShortText | None = Field(None, description="Their role, such as 'deputy director'.")
    organization: ShortText | None = Field(None, description="Where they work.")
    topic: ShortText | None = Field(None, description="What the talk was about, in one line.")
    points: list[LongText] = Field([], max_length=40, description="What they said, one per item.")
    quote: LongText | None = Field(None, description="Their words, verbatim, if the source has them.")
    photo: ShortText | None = Field(None, description="A JPEG or PNG, relative to this brief.")
    notes: LongText | None = Field(None, description="What the presenter says on this speaker.")


def check_clock(text: str) -> str:
    """Return a 24-hour 'HH:MM' time of day as written; raise ValueError for anything else."""
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", text):
        raise ValueError(f"'{text}' is not a time of day; write it as 24-hour HH:MM in quotes, "
                         'such as "09:30" or "14:05"')
    return text


Clock = Annotated[ShortText, AfterValidator(check_clock)]
Names = Annotated[list[ShortText], BeforeValidator(_as_list, json_schema_input_type=list[str] | str)]


class Session(Strict):
    """One session of the event's programme: a talk, a panel, a break."""

    title: ShortText = Field(description="The session's title, as in the programme.")
    time: Clock | None = Field(None, description='When it starts, 24-hour, in quotes: "09:30".')
    end: Clock | None = Field(None, description='When it ends, 24-hour, in quotes: "10:15".')
    day: IsoDate | None = Field(
        None, description="Its day, as an ISO date, for events of several days; a session "
        "without one is on the day of the session above.")
    speakers: Names = Field([], max_length=40, description="Who spoke, named exactly as under "
                            "speakers:.")
    room: ShortText | None = Field(None, description="Where it took place.")
    kind: ShortText | None = Field(
        None, description="What it is: keynote, panel, break, ... (keynotes are kept when a "
        "short document condenses the programme).")


def check_figure(text: str) -> str:
    """Return a key figure's value when it is short enough to print large; raise otherwise."""
    if len(text) > FIGURE_CHARACTERS:
        raise ValueError(f"a key figure is a short number such as \"9\" or \"1,200\" "
                         f"({FIGURE_CHARACTERS} characters at most); put the words in its label")
    return text


FIGURE_CHARACTERS = 24
FigureValue = Annotated[ShortText, AfterValidator(check_figure)]


class Figure(Strict):
    """One of the event's key numbers, as a large number and what it counts."""

    value: FigureValue = Field(
        description='The number as printed, in quotes: "9", "1,200", "40%".')
    label: ShortText = Field(description="What it counts: keynote speeches.")


class Priority(Strict):
    """A priority or direction named at the event."""

    title: ShortText = Field(description="The priority in a few words.")
    detail: LongText | None = Field(None, description="A sentence or two of explanation.")
    raised_by: ShortText | None = Field(None, description="The name of the speaker who raised it.")


class Source(Strict):
    """Where the facts in the brief come from."""

    title: ShortText = Field(description="The source's title.")
    url: Link | None = Field(None, description="Its address (http, https or mailto).")
    publisher: ShortText | None = Field(None, description="Who published it.")
    accessed: IsoDate | None = Field(
        None, description="When it was read, as an ISO date."
    )
    text: ShortText | None = Field(
        None, description="The source's saved text (a UTF-8 file, relative to this brief): every "
        "speaker's quote must appear in one of the sources' texts."
    )


class Brief(Strict):
    """A brief about one event: the input to the deck and the handout."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        title="briefgen brief",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    version: Literal[1] = Field(1, description="The brief schema version. This release reads 1.")
    theme: ShortText | None = Field(
        None, description="A built-in theme name (default, cinema, print) or a brand.yml path."
    )
    event: Event = Field(description="What happened, where and when.")
    hosts: Parties = Field([], max_length=20, description="Who hosted it.")
    organizers: Parties = Field([], max_length=20, description="Who organised it.")
    sponsors: Parties = Field([], max_length=40, description="Who sponsored it.")
    participants: list[ShortText] = Field(
        [], max_length=60, description="Groups that attended, one per item."
    )
    speakers: list[Speaker] = Field([], max_length=400, description="Who spoke, in order.")
    agenda: list[Session] = Field(
        [], max_length=200, description="The programme: its sessions, in order.")
    figures: list[Figure] = Field(
        [], max_length=12, description="The event's key numbers: {value, label}.")
    priorities: list[Priority] = Field([], max_length=40, description="Priorities named.")
    takeaways: list[LongText] = Field([], max_length=40, description="What to remember.")
    sources: list[Source] = Field([], max_length=40, description="Where the facts come from.")
    notes: LongText | None = Field(None, description="What the presenter says on the cover.")
    language: Language = Field(
        "en", description="The brief's language, a BCP 47 tag (en, zh-Hans, zh-Hant, ja, ko, fr, "
        "de, es, ar, he, fa; a region may follow: en-GB, zh-CN, fr-CA). Every word briefgen writes "
        "itself, and every date and list, follows it."
    )
    labels: LabelOverrides | None = Field(
        None, description="Single labels in other words, by label key (takeaways: What to "
        "remember); they win over the theme's."
    )
