"""Organisations with logos (PNG, JPEG, SVG): loaded like speakers' photos, in order, named as
alt text, and a logo that cannot be used is one located line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.paths import AssetPolicy
from generator.workflow.prepare import prepare

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "tests" / "briefs" / "programme.yaml"
HEAD = "event:\n  title: T\n  summary: S\n"


def test_the_programme_brief_loads_every_logo_in_order() -> None:
    story = prepare(PROGRAMME, policy=AssetPolicy(root=ROOT)).story
    shown = [(o.group, o.logo.format if o.logo else None, o.logo.alt if o.logo else None)
             for o in story.organisations]
    assert [group for group, _, _ in shown] == ["hosts"] * 2 + ["organizers"] * 3 + ["sponsors"] * 3
    assert [fmt for _, fmt, _ in shown] == ["png", "svg", "png", "svg", "jpeg", "png", "jpeg", "svg"]
    assert all(alt == o.name for (_, _, alt), o in zip(shown, story.organisations, strict=True))
    assert len(story.logos) == 8
    assert story.agenda is not None and len(story.agenda.sessions) == 20


def test_validate_checks_logos_without_drawing(in_tmp) -> None:
    ready = prepare(PROGRAMME, policy=AssetPolicy(root=ROOT), decode_pictures=False)
    assert all(o.logo is None for o in ready.story.organisations)
    assert sum(1 for p in ready.inputs if p.parent.name == "logos") == 8  # watched


BAD = [
    pytest.param("bad.svg", b"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 9 9'>"
                 b"<script>x</script></svg>", "hosts[0].logo: 'bad.svg' cannot be drawn",
                 id="svg-with-script"),
    pytest.param("bad.png", b"not a picture", "hosts[0].logo: 'bad.png' is not a JPEG or PNG",
                 id="not-a-picture"),
    pytest.param("missing.png", None, "hosts[0].logo: 'missing.png'", id="missing"),
]


@pytest.mark.parametrize("decode", [True, False], ids=["build", "validate"])
@pytest.mark.parametrize(("name", "data", "said"), BAD)
def test_an_unusable_logo_is_one_located_line(tmp_path, name: str, data: bytes | None,
                                              said: str, decode: bool) -> None:
    """... the same line from `validate`, which checks logos without drawing them, as a build."""
    if data is not None:
        (tmp_path / name).write_bytes(data)
    brief = tmp_path / "brief.yaml"
    brief.write_text(HEAD + f"hosts:\n  - name: Host\n    logo: {name}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        prepare(brief, policy=AssetPolicy(root=tmp_path), decode_pictures=decode)
    lines = [str(p) for p in caught.value.problems]
    assert len(lines) == 1 and "brief.yaml:6:5:" in lines[0] and said in lines[0], lines
