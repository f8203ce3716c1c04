"""SVG logos: hostile drawings refused in one line, a valid one measured by its ink and drawn."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from generator import svg
from generator.images import PictureError

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
VALID = (OPEN + 'width="200" height="100" viewBox="0 0 200 100"><rect x="20" y="20" width="160" '
         'height="60" fill="#c33"/></svg>').encode()

HOSTILE = [
    pytest.param(OPEN + 'viewBox="0 0 9 9"><image xlink:href="http://example.org/x.png"/></svg>',
                 "<image>", id="external-image"),
    pytest.param(OPEN + 'viewBox="0 0 9 9"><use xlink:href="file:///etc/passwd#a"/></svg>',
                 "outside it", id="external-use-href"),
    pytest.param(OPEN + 'viewBox="0 0 9 9"><rect fill="url(http://example.org/p)"/></svg>',
                 "outside it", id="external-url"),
    pytest.param(OPEN + 'viewBox="0 0 9 9"><style>@import "http://example.org/a.css";</style>'
                 "</svg>", "style refers", id="style-import"),
    pytest.param('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>' + OPEN
                 + 'viewBox="0 0 9 9"><text>&a;</text></svg>', "DOCTYPE", id="entity-dtd"),
    pytest.param(OPEN + 'viewBox="0 0 9 9"><script>alert(1)</script></svg>', "<script>",
                 id="script"),
    pytest.param(OPEN + 'viewBox="0 0 9 9" onload="alert(1)"/>', "onload", id="event-handler"),
    pytest.param(OPEN + 'viewBox="0 0 9 9">' + "<g>" * 60 + "</g>" * 60 + "</svg>",
                 "more than 48 deep", id="deeply-nested"),
    pytest.param(OPEN + 'viewBox="0 0 9 9">' + "<rect/>" * 60_000 + "</svg>", "too large",
                 id="too-many-elements"),
    pytest.param(OPEN + 'viewBox="0 0 9 9"><desc>' + "x" * 2_100_000 + "</desc></svg>",
                 "at most 2 MB", id="huge"),
    pytest.param("<html><body>not a drawing</body></html>", "not an SVG", id="not-svg"),
    pytest.param(OPEN + 'viewBox="0 0 9 9"><rect', "not well-formed", id="truncated"),
    pytest.param(OPEN + "><rect/></svg>", "no size", id="no-size"),
]


@pytest.mark.parametrize(("text", "said"), HOSTILE)
def test_a_hostile_or_broken_svg_is_refused_in_one_line(text: str, said: str) -> None:
    with pytest.raises(PictureError) as caught:
        root = svg.check_svg(text.encode())
        svg.canvas_size(root)
    message = str(caught.value)
    assert said in message and "\n" not in message, message


def test_a_valid_svg_is_measured_by_its_canvas_and_its_ink() -> None:
    root = svg.check_svg(VALID)
    assert svg.canvas_size(root) == (200, 100)
    x0, y0, x1, y1 = svg.visible_box(VALID)
    assert (x1 - x0) / (y1 - y0) == pytest.approx(160 / 60)  # the rectangle, not the canvas


def test_a_valid_svg_is_drawn_as_png_of_its_visible_content() -> None:
    image = Image.open(io.BytesIO(svg.png(VALID, 60))).convert("RGBA")
    assert image.size == (160, 60)
    assert image.getpixel((80, 30))[:3] == (204, 51, 51)  # the fill, in the middle
    assert image.getpixel((80, 30))[3] == 255


@pytest.mark.parametrize(("head", "expected"), [
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", True),
    (b'\xef\xbb\xbf<?xml version="1.0"?><svg/>', True),
    (b"\x89PNG\r\n\x1a\n", False),
    (b"<?xml version='1.0'?><html/>", False),
], ids=["svg", "bom-and-declaration", "png", "other-xml"])
def test_svg_is_recognised_from_its_first_bytes(head: bytes, expected: bool) -> None:
    assert svg.is_svg(head) is expected
