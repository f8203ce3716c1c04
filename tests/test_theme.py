"""Themes: the built-ins, inheritance from default, the order of precedence, and located errors."""

from __future__ import annotations

import colorsys
import shutil
from pathlib import Path

import pytest

from generator.brief.load import load_brief
from generator.errors import InputError
from generator.paths import AssetPolicy
from generator.theme.colors import contrast, luminance
from generator.theme.resolve import list_themes, load_theme
from generator.workflow.prepare import prepare, resolve_theme

from .conftest import DEJAVU, SAMPLE, THEMES, prepared, require_system, with_sources

FIXTURES = Path(__file__).resolve().parent / "themes"
USER_PRIMARY = "#7A1F5C"  # the only colour tests/themes/primary-only.yml sets


@pytest.fixture(autouse=True)
def fresh_brand_cache(tmp_path, monkeypatch):
    """Check user themes with brand.yml every time, as on a first build."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def project(in_tmp):
    """Return a temporary project folder holding the test theme files under themes/."""
    shutil.copytree(FIXTURES, in_tmp / "themes")
    return in_tmp


def user_theme(folder: Path, text: str, name: str = "brand.yml"):
    """Return the Theme loaded from a brand.yml file holding `text` in `folder`."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return load_theme(str(path), folder, AssetPolicy(root=folder))


def theme_problems(folder: Path, text: str) -> list[str]:
    """Return the problems a user sees for a theme file holding `text`."""
    with pytest.raises(InputError) as caught:
        user_theme(folder, text)
    return [str(p) for p in caught.value.problems]


def test_builtins_are_listed_with_descriptions():
    listed = dict(list_themes())
    assert list(listed) == list(THEMES)
    assert all(len(description) > 10 for description in listed.values()), listed


@pytest.mark.parametrize("name", THEMES)
def test_builtin_text_pairs_meet_wcag_aa(name):
    theme = load_theme(name, Path.cwd())
    assert theme.name == name and theme.warnings == ()
    low = [(what, round(contrast(fore, back), 2)) for what, fore, back in theme.palette.text_pairs()
           if contrast(fore, back) < 4.5]
    assert low == []


def test_user_file_inherits_everything_else_from_default(project):
    default = load_theme("default", project)
    theme = load_theme("themes/primary-only.yml", project, AssetPolicy(root=project))
    # colours it leaves out are derived from its primary (see test_unset_roles_are_derived_...)
    kept = ("background", "text", "on_primary", "on_accent")
    assert {r: getattr(theme.palette, r) for r in kept} == {r: getattr(default.palette, r) for r in kept}
    assert theme.palette.primary == USER_PRIMARY
    same = ("heading", "body", "cjk_family", "slide_scale", "page_scale", "slide_size", "paper",
            "slide_margin", "page_margin", "gutter", "description")
    assert {f: getattr(theme, f) for f in same} == {f: getattr(default, f) for f in same}
    assert theme.logo.path == (project / "themes" / "logo.png").resolve()
    assert theme.logo.alt == "Test Team logo"
    assert default.logo is None


def hue(color: str) -> float:
    """Return a colour's hue in degrees."""
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


def lighter(a: str, b: str) -> bool:
    """Return True when colour `a` is lighter than colour `b`."""
    return luminance(a) > luminance(b)


# Roles a theme leaves out come from the colours it sets: (theme text, checks on its palette).
DERIVED = [
    pytest.param('color:\n  primary: "#7A1F5C"\n',
                 lambda p: (not lighter(p.accent, p.primary), lighter(p.surface, p.rule),
                            lighter(p.rule, p.primary)),
                 ("accent", "surface", "rule"), id="primary-on-light-accent-is-a-shade"),
    pytest.param('color:\n  primary: "#B21830"\n',
                 lambda p: (not lighter(p.accent, p.primary), contrast(p.accent, p.primary) >= 1.3),
                 ("accent", "surface", "rule"), id="crimson-accent-is-its-own-red"),
    pytest.param('color:\n  background: "#101418"\n  foreground: "#F2F2F2"\n  primary: "#5FA8FF"\n',
                 lambda p: (lighter(p.accent, p.primary), lighter(p.surface, p.background),
                            not lighter(p.surface, p.rule)),
                 ("accent", "surface", "rule"), id="dark-accent-is-a-tint"),
]


@pytest.mark.parametrize(("text", "checks", "tinted"), DERIVED)
def test_unset_roles_are_derived_from_the_colours_the_theme_sets(tmp_path, text, checks, tinted):
    default = load_theme("default", tmp_path).palette
    palette = user_theme(tmp_path, text).palette
    for role in ("accent", "surface", "rule", "muted"):
        assert getattr(palette, role) != getattr(default, role), role  # not default's palette
    for role in tinted:  # tints and shades of the primary: its hue
        assert abs(hue(getattr(palette, role)) - hue(palette.primary)) < 6, role  # 8-bit rounding
    assert all(checks(palette))
    low = [what for what, fore, back in palette.text_pairs() if contrast(fore, back) < 4.5]
    assert low == [] and contrast(palette.accent, palette.background) >= 3


@pytest.mark.parametrize("text", [
    pytest.param("typography:\n  base: Times New Roman\n", id="no-colours"),
    pytest.param("meta:\n  name: Plain\n", id="only-a-name"),
])
def test_a_theme_that_sets_no_colour_keeps_the_default_palette(tmp_path, text):
    assert user_theme(tmp_path, text).palette == load_theme("default", tmp_path).palette


def test_own_roles_win_over_derived_ones(tmp_path):
    palette = user_theme(tmp_path, 'color:\n  primary: "#7A1F5C"\n  palette:\n    accent: "#0A7B83"\n'
                                   'defaults:\n  briefgen:\n    colors:\n      surface: "#EEEEEE"\n').palette
    assert (palette.accent, palette.surface) == ("#0A7B83", "#EEEEEE")


LOGO_VARIANTS = [
    pytest.param("", "light.png", id="light-background-light-variant"),
    pytest.param('color:\n  background: "#111111"\n  foreground: "#EEEEEE"\n', "dark.png",
                 id="dark-background-dark-variant"),
    pytest.param("color:\n  background: ink\n  foreground: white\n", "dark.png",
                 id="dark-by-default-palette-name"),
]


@pytest.mark.parametrize(("colors", "chosen"), LOGO_VARIANTS)
@pytest.mark.parametrize("logo", [
    pytest.param("logo:\n  medium:\n    light: light.png\n    dark: dark.png\n", id="paths"),
    pytest.param("logo:\n  images:\n    on-light: light.png\n    on-dark: dark.png\n"
                 "  medium:\n    light: on-light\n    dark: on-dark\n", id="image-names"),
])
def test_logo_variant_suits_the_background(tmp_path, colors, chosen, logo):
    for name in ("light.png", "dark.png"):
        shutil.copy(FIXTURES / "logo.png", tmp_path / name)
    assert user_theme(tmp_path, colors + logo).logo.path.name == chosen


@pytest.mark.parametrize(("behind", "clear"), [
    pytest.param("#FFFFFF", True, id="white"),
    pytest.param("#14110F", True, id="charcoal"),
    pytest.param("#C81E28", False, id="its-own-red"),
    pytest.param("#7A1F5C", False, id="a-neighbouring-red"),
])
def test_logo_is_measured_against_what_is_behind_it(tmp_path, behind, clear):
    shutil.copy(FIXTURES / "logo.png", tmp_path / "logo.png")  # all one red, #C81E28
    assert user_theme(tmp_path, "logo: logo.png\n").logo.stands_out_on(behind) is clear


WINS = [
    pytest.param('color:\n  primary: "#336699"\n', lambda t: t.palette.primary == "#336699",
                 id="primary"),
    pytest.param('color:\n  background: "#000000"\n  foreground: "#FFFFFF"\n',
                 lambda t: (t.palette.background, t.palette.text) == ("#000000", "#FFFFFF"),
                 id="background-and-foreground"),
    pytest.param("color:\n  primary: rust\n", lambda t: t.palette.primary == "#B4532A",
                 id="palette-name-from-default"),
    pytest.param('color:\n  palette:\n    brand: "#336699"\n  primary: brand\n',
                 lambda t: t.palette.primary == "#336699", id="own-palette-name"),
    pytest.param("typography:\n  base: Times New Roman\n",
                 lambda t: (t.body.family, t.body.metrics, t.heading.family)
                 == ("Times New Roman", "Times", "Arial"), id="body-font-headings-inherited"),
    pytest.param('defaults:\n  briefgen:\n    slide-size: "4:3"\n',
                 lambda t: (t.slide_width, t.slide_height) == (720.0, 540.0), id="slide-size"),
    pytest.param("defaults:\n  briefgen:\n    paper: Letter\n",
                 lambda t: (t.page_width, t.page_height) == (612.0, 792.0), id="paper"),
    pytest.param("defaults:\n  briefgen:\n    slide-type: {title: 44}\n",
                 lambda t: (t.slide_scale.title, t.slide_scale.body) == (44.0, 20.0),
                 id="one-size-rest-inherited"),
    pytest.param('defaults:\n  briefgen:\n    colors:\n      surface: "#EEEEEE"\n',
                 lambda t: t.palette.surface == "#EEEEEE", id="surface-role"),
    pytest.param('defaults:\n  briefgen:\n    colors:\n      muted: "#3A4A5A"\n',
                 lambda t: t.palette.muted == "#3A4A5A",
                 id="muted-role"),
    pytest.param("logo:\n  images:\n    mark: logo.png\n  medium: mark\n",
                 lambda t: t.logo is not None and t.logo.path.name == "logo.png", id="logo-by-image-name"),
    pytest.param("logo: logo.png\n", lambda t: t.logo is not None and t.logo.alt == "Logo",
                 id="logo-plain-path"),
]


@pytest.mark.parametrize(("text", "check"), WINS)
def test_value_in_file_wins_over_default(tmp_path, text, check):
    shutil.copy(FIXTURES / "logo.png", tmp_path / "logo.png")
    assert check(user_theme(tmp_path, text))


def test_font_file_in_theme_gives_its_metrics(tmp_path):
    from generator.typeset.fonts import available_fallbacks

    if not available_fallbacks():
        require_system("a TrueType font", [DEJAVU])
    regular = Path(available_fallbacks()[0][0])
    shutil.copy(regular, tmp_path / "Brand.ttf")
    theme = user_theme(tmp_path, "typography:\n  fonts:\n    - family: Brand Sans\n"
                                 "      source: file\n      files:\n        - path: Brand.ttf\n"
                                 "  base: Brand Sans\n")
    assert (theme.body.family, theme.body.metrics) == ("Brand Sans", "file")
    assert theme.body.regular == (tmp_path / "Brand.ttf").resolve()


BAD = [
    pytest.param('color:\n  primary: "#12345G"\n', 2, 3,
                 ["color.primary", "'#12345G' is not a colour", "#RRGGBB"], id="bad-hex"),
    pytest.param("color:\n  primary: harbor\n", 2, 3, ["'harbor' is not a colour", "harbour"],
                 id="palette-name-typo-lists-names"),
    pytest.param("logo: missing.png\n", 1, 1, ["logo", "'missing.png' does not exist"],
                 id="missing-logo"),
    pytest.param("logo:\n  images:\n    mark: gone.png\n  medium: mark\n", 3, 5,
                 ["logo.images.mark", "'gone.png' does not exist"], id="missing-logo-image"),
    pytest.param("logo: ../outside.png\n", 1, 1, ["outside the project folder"],
                 id="logo-outside-project"),
    pytest.param("logo: sub.png\n", 1, 1, ["'sub.png' is a folder"], id="logo-is-folder"),
    pytest.param("typography:\n  fonts:\n    - family: Brand\n      source: file\n      files:\n"
                 "        - path: brand.ttf\n  base: Brand\n", 6, 11,
                 ["typography.fonts[0].files[0]", "'brand.ttf' does not exist"],
                 id="missing-font-file"),
    pytest.param('defaults:\n  briefgen:\n    slide-sise: "4:3"\n', 3, 5,
                 ["defaults.briefgen.slide-sise", "unknown key"], id="unknown-briefgen-key"),
    pytest.param("defaults:\n  briefgen:\n    slide-type: {title: 200}\n", 3, 18,
                 ["slide-type.title", "120"], id="size-out-of-range"),
    pytest.param("defaults:\n  briefgen:\n    paper: A5\n", 3, 5,
                 ["defaults.briefgen.paper", "'A4'", "'Letter'"], id="paper-choices"),
    pytest.param("colour:\n  primary: red\n", 1, 1, ["colour", "brand.yml"],
                 id="brand-yml-unknown-key"),
    pytest.param("- just a list\n", 1, 1, ["brand.yml mapping"], id="not-a-mapping"),
]


@pytest.mark.parametrize(("text", "line", "col", "words"), BAD)
def test_theme_mistake_is_located(tmp_path, text, line, col, words):
    (tmp_path / "sub.png").mkdir()
    (tmp_path.parent / "outside.png").write_bytes((FIXTURES / "logo.png").read_bytes())
    (problem,) = theme_problems(tmp_path, text)
    assert problem.startswith(f"{tmp_path / 'brand.yml'}:{line}:{col}: "), problem
    for word in words:
        assert word in problem, problem


def test_misspelt_briefgen_key_gets_a_hint(tmp_path):
    (problem,) = theme_problems(tmp_path, 'defaults:\n  briefgen:\n    slide-sise: "4:3"\n')
    assert "did you mean 'slide-size'?" in problem


def test_brand_yml_mistake_is_one_line(tmp_path):
    (tmp_path / "sub").mkdir()
    assert len(theme_problems(tmp_path, "logo: sub\n")) == 1


def test_low_contrast_theme_warns_with_both_colours_and_ratio(tmp_path):
    theme = user_theme(tmp_path, 'color:\n  foreground: "#AAAAAA"\n')
    warnings = [w for w in theme.warnings if w.message.startswith("contrast of text on")]
    assert len(warnings) == 2 and {w.severity for w in theme.warnings} == {"warning"}
    shown = str(warnings[0])
    assert shown.startswith(f"{tmp_path / 'brand.yml'}:2:3: warning: ")  # at the colour's key
    for word in ("#AAAAAA", "#FFFFFF", "2.32:1", "4.5:1"):
        assert word in shown, shown


@pytest.mark.parametrize(("yaml", "line", "col"), [
    pytest.param('color:\n  foreground: "#777777"\n  background: "#707070"\n', 2, 3,
                 id="text-colour-first"),
    pytest.param('color:\n  background: "#111111"\n', 2, 3, id="only-the-background-set"),
    pytest.param('color:\n  palette:\n    grey: "#999999"\n  foreground: grey\n', 4, 3,
                 id="named-palette-colour"),
])
def test_contrast_warning_points_at_the_colour_the_theme_sets(tmp_path, yaml, line, col):
    theme = user_theme(tmp_path, yaml)
    (first, *_) = [w for w in theme.warnings if w.message.startswith("contrast of text on background")]
    assert (first.line, first.col) == (line, col)


def brief_in(folder: Path, theme_line: str = "") -> Path:
    """Return a minimal brief in `folder`, naming a theme when `theme_line` is given."""
    path = folder / "brief.yaml"
    path.write_text(f"{theme_line}\nevent:\n  title: T\n  summary: S\n", encoding="utf-8")
    return path


ORDER = [
    pytest.param("", None, "default", id="nothing-named-default"),
    pytest.param("theme: cinema", None, "cinema", id="brief-theme"),
    pytest.param("theme: cinema", "print", "print", id="option-beats-brief"),
    pytest.param("theme: themes/primary-only.yml", None, USER_PRIMARY, id="brief-theme-file"),
    pytest.param("theme: themes/primary-only.yml", "cinema", "cinema", id="option-beats-brief-file"),
    pytest.param("theme: print", "themes/primary-only.yml", USER_PRIMARY, id="option-file"),
    pytest.param("theme: primary-only", None, USER_PRIMARY, id="brief-project-theme-name"),
    pytest.param("theme: print", "primary-only", USER_PRIMARY, id="option-project-theme-name"),
    pytest.param("theme: primary-only", "cinema", "cinema", id="option-beats-project-theme"),
]


@pytest.mark.parametrize(("theme_line", "option", "expected"), ORDER)
def test_theme_option_beats_brief_beats_default(project, theme_line, option, expected):
    loaded = load_brief(brief_in(project, theme_line))
    theme = resolve_theme(loaded, option, AssetPolicy(root=project))
    assert expected in (theme.name, theme.palette.primary)


def test_unknown_theme_in_brief_is_located_and_lists_installed(project):
    with pytest.raises(InputError) as caught:
        prepare(brief_in(project, "version: 1\ntheme: cinemaa"), None, AssetPolicy(root=project))
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem.startswith("brief.yaml:2:1: theme: unknown theme 'cinemaa'"), problem
    assert "installed: default, cinema, print" in problem


def test_brief_theme_path_is_relative_to_the_brief(project):
    (project / "briefs").mkdir()
    brief = project / "briefs" / "brief.yaml"
    brief.write_text("theme: ../themes/primary-only.yml\nevent:\n  title: T\n  summary: S\n",
                     encoding="utf-8")
    ready = prepare(brief, None, AssetPolicy(root=project))
    assert ready.theme.palette.primary == USER_PRIMARY


def test_missing_theme_file_is_located_at_the_brief_theme_line(project):
    with pytest.raises(InputError) as caught:
        prepare(brief_in(project, "theme: mybrand.yml"), None, AssetPolicy(root=project))
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem.startswith("brief.yaml:1:1: theme: ") and "mybrand.yml" in problem


def test_unknown_theme_option_lists_installed(project):
    with pytest.raises(InputError) as caught:
        prepare(brief_in(project), "dark", AssetPolicy(root=project))
    assert "unknown theme 'dark'; installed: default, cinema, print" in str(caught.value)


@pytest.mark.parametrize("name", THEMES)
def test_sample_brief_prepares_with_builtin(name):
    ready = prepared(SAMPLE, name)
    assert ready.theme.name == name and ready.warnings == ()
    assert ready.story.sections[0].kind == "cover"


def test_sample_brief_prepares_with_user_brand_file(project):
    text = SAMPLE.read_text(encoding="utf-8")
    assert "\ntheme: cinema\n" in text
    brief = project / "sample.yaml"
    brief.write_text(text.replace("\ntheme: cinema\n", "\ntheme: themes/primary-only.yml\n"),
                     encoding="utf-8")
    with_sources(project)
    ready = prepare(brief, None, AssetPolicy(root=project))
    assert ready.theme.palette.primary == USER_PRIMARY and ready.warnings == ()
    assert ready.story.logo is not None
    assert ready.story.meta.title == load_brief(SAMPLE).brief.event.title


# -- contrast follows WCAG's large-text rule; one problem, one warning ----------------------------

@pytest.mark.parametrize(("primary", "screen", "paper"), [
    pytest.param("#4F81BD", None, "as #", id="office-blue-titles-are-large-text"),
    pytest.param("#9AB7DC", "WCAG AA needs 3:1 for large text; on paper the handout prints it as #",
                 None, id="too-pale-even-for-titles-one-warning"),
    pytest.param("#1F4E79", None, None, id="dark-blue-no-warning"),
])
def test_primary_is_judged_as_large_text_and_each_problem_warned_once(tmp_path, primary, screen,
                                                                      paper):
    theme = user_theme(tmp_path, f'color:\n  primary: "{primary}"\n')
    about = [w.message for w in theme.warnings if "primary" in w.message]
    on_screen = [m for m in about if m.startswith("contrast of primary (titles and headings)")]
    on_paper = [m for m in about if m.startswith("the handout prints the primary colour")]
    assert len(about) == (screen is not None) + (paper is not None), about
    assert (screen in on_screen[0]) if screen else not on_screen
    assert (paper in on_paper[0]) if paper else not on_paper


def test_a_link_is_drawn_in_the_text_colour_where_the_primary_is_too_pale_for_small_text():
    from generator.theme.model import Palette, link_color

    colours = dict(background="#FFFFFF", surface="#F4F4F4", text="#222222", muted="#555555",
                   accent="#C00000", on_primary="#FFFFFF", on_accent="#FFFFFF", rule="#DDDDDD")
    assert link_color(Palette(primary="#4F81BD", **colours)) == "#222222"
    assert link_color(Palette(primary="#1F4E79", **colours)) == "#1F4E79"
