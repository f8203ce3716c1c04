"""Hostile labels: a label is plain text and `{field}`s, nothing more, in briefs and themes alike.

`str.format` would run `{name!r:>99999999}` (a build that hangs at a gigabyte a process) and
`{name:>999999999}` (a MemoryError). Each is refused at the label's line by `validate`, and
filling a label can only substitute (generator/words/fields.py). The rules are in
docs/security.md ("Labels and language tags").
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time

import pypdf
import pytest
from click.testing import CliRunner

from generator.backends.handout import HandoutBackend
from generator.backends.handout.content import DRAWN_LABELS
from generator.backends.script import ScriptBackend
from generator.backends.script.backend import DRAWN_LABELS as SCRIPT_LABELS
from generator.cli import main
from generator.paths import AssetPolicy
from generator.story import Labels
from generator.words import LABELS, SUPPORTED
from generator.words.catalogue import load
from generator.words.fields import FieldError, check, fill, parse
from generator.workflow.prepare import prepare

from .conftest import MINIMAL, ROOT, SAMPLE, STRESS

HEAD = "event:\n  title: T\n  summary: S\n"
TAIL = "write a field as its name alone in braces ({name}), and a brace as {{ or }}"
PLAIN = "this label takes no fields: write plain text, and a brace as {{ or }}"

# (label key, its text, what is said of it, after 'labels.KEY: ')
HOSTILE = [
    pytest.param("raised-by", "Raised by {name!r:>99999999}",
                 f"'{{name!r:>99999999}}' is not a field: a field takes no conversion "
                 f"(!r, !s, !a); {TAIL}", id="conversion-and-huge-padding"),
    pytest.param("raised-by", "Raised by {name:>999999999}",
                 f"'{{name:>999999999}}' is not a field: a field takes no format (:>10, :.2f); "
                 f"{TAIL}", id="huge-padding"),
    pytest.param("raised-by", "Raised by {name:%Y}",
                 f"'{{name:%Y}}' is not a field: a field takes no format (:>10, :.2f); {TAIL}",
                 id="bad-format-spec"),
    pytest.param("raised-by", "Raised by {name!s}",
                 f"'{{name!s}}' is not a field: a field takes no conversion (!r, !s, !a); {TAIL}",
                 id="conversion"),
    pytest.param("raised-by", "By {name.__class__}",
                 f"'{{name.__class__}}' is not a field: a field takes no attribute or index; "
                 f"{TAIL}", id="attribute"),
    pytest.param("raised-by", "By {name[0]}",
                 f"'{{name[0]}}' is not a field: a field takes no attribute or index; {TAIL}",
                 id="index"),
    pytest.param("raised-by", "By {name:{name}}",
                 f"'{{name:{{name}}' is not a field: fields may not be nested; {TAIL}",
                 id="nested"),
    pytest.param("raised-by", "By {0}",
                 f"'{{0}}' is not a field: fields are named, not numbered; {TAIL}",
                 id="positional"),
    pytest.param("raised-by", "By {}",
                 f"'{{}}' is not a field: the braces name no field; {TAIL}", id="empty-braces"),
    pytest.param("raised-by", "By { name }",
                 f"'{{ name }}' is not a field: a field's name is ASCII letters, digits and '_', "
                 f"without spaces; {TAIL}", id="spaces-inside"),
    pytest.param("raised-by", "By {name",
                 f"the '{{' at character 4 is never closed; {TAIL}", id="never-closed"),
    pytest.param("raised-by", "By name}", f"a lone '}}' at character 8; {TAIL}", id="lone-close"),
    pytest.param("raised-by", "By {nom}",
                 "'{nom}' is not a field of this label; it may use {name}", id="unknown-field"),
    pytest.param("takeaways", "Lessons {x:>99999999}",
                 f"'{{x:>99999999}}' is not a field: a field takes no format (:>10, :.2f); "
                 f"{PLAIN}", id="label-without-fields"),
    pytest.param("part-title", "{title} ({n:>9} / {count})",
                 "'{n:>9}' is not a field: a field takes no format (:>10, :.2f); write a field "
                 "as its name alone in braces ({title}, {n}, {count}), and a brace as {{ or }}",
                 id="several-fields"),
    pytest.param("raised-by", "By {name!r:>" + "9" * 60 + "}",
                 "'{name!r:>" + "9" * 30 + "\u2026' is not a field: a field takes no conversion "
                 f"(!r, !s, !a); {TAIL}", id="long-field-shortened"),
]


def _theme(key: str, text: str) -> str:
    """Return a theme file whose label `key` (line 5, column 7) is `text`."""
    return f"meta:\n  name: t\ndefaults:\n  briefgen:\n    labels:\n      {key}: '{text}'\n"


def _validate(in_tmp, brief: str, theme: str | None = None):
    """Return click's result of `briefgen validate brief.yaml`, and how long it took."""
    (in_tmp / "brief.yaml").write_text(brief, encoding="utf-8")
    if theme is not None:
        (in_tmp / "theme.yml").write_text(theme, encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["validate", "brief.yaml"], catch_exceptions=False)
    return result, time.perf_counter() - started


@pytest.mark.parametrize(("key", "text", "said"), HOSTILE)
def test_hostile_brief_label_is_refused_at_its_line_by_validate(in_tmp, key, text, said):
    result, took = _validate(in_tmp, HEAD + f"labels:\n  {key}: '{text}'\n")
    assert result.output.splitlines() == [f"brief.yaml:5:3: labels.{key}: {said}"]
    assert result.exit_code == 1
    assert took < 10  # refused while checking, never formatted


@pytest.mark.parametrize(("key", "text", "said"), HOSTILE)
def test_hostile_theme_label_is_refused_at_its_line_by_validate(in_tmp, key, text, said):
    result, took = _validate(in_tmp, "theme: theme.yml\n" + HEAD, _theme(key, text))
    assert result.output.splitlines() == [f"theme.yml:6:7: defaults.briefgen.labels.{key}: {said}"]
    assert result.exit_code == 1
    assert took < 10


def test_hostile_label_never_reaches_a_build(in_tmp):
    (in_tmp / "brief.yaml").write_text(HEAD + "labels:\n  raised-by: 'By {name!r:>99999999}'\n"
                                       "speakers: [{name: A}]\npriorities: [{title: P, "
                                       "raised_by: A}]\n", encoding="utf-8")
    # In a child with a 500 MB address space and a deadline: a label formatted by str.format
    # would take a gigabyte, or a minute, before failing.
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (500_000_000, 500_000_000))"
    run = subprocess.run([sys.executable, "-c", f"{limit}; from generator.cli import main; "
                          "main(['build', 'brief.yaml', '-f', 'md', '-f', 'pdf'])"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "brief.yaml:5:3: labels.raised-by: '{name!r:>99999999}' is not a field" in run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert not (in_tmp / "output").exists()


@pytest.mark.parametrize("text", [
    pytest.param("{name!r:>99999999}", id="conversion-and-padding"),
    pytest.param("{name:>999999999}", id="padding"),
    pytest.param("{name.__class__.__mro__}", id="attribute-chain"),
    pytest.param("{name[0]}", id="index"),
])
def test_filling_a_label_only_substitutes_whoever_wrote_it(text):
    # A catalogue message is not validated like a brief's label: filling it must not format.
    started = time.perf_counter()
    with pytest.raises(FieldError):
        fill(text, {"name": "Ada"})
    with pytest.raises(FieldError):
        Labels((("raised-by", text),)).text("raised-by", name="Ada")
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(("text", "filled"), [
    pytest.param("Raised by {name}", "Raised by Ada", id="field"),
    pytest.param("{name}{name}", "AdaAda", id="twice"),
    pytest.param("{{name}} is {name}", "{name} is Ada", id="escaped-braces"),
    pytest.param("}}{{", "}{", id="escaped-only"),
    pytest.param("no field", "no field", id="plain"),
    pytest.param("", "", id="empty"),
])
def test_a_label_of_fields_is_filled_as_written(text, filled):
    assert fill(text, {"name": "Ada {x!r}"}).replace("Ada {x!r}", "Ada") == filled


def test_a_fields_text_is_never_read_as_a_template():
    assert fill("By {name}", {"name": "{name!r:>99999999}"}) == "By {name!r:>99999999}"


# -- valid labels still build ---------------------------------------------------------------

LANGUAGES = [pytest.param(lang, id=lang) for lang in SUPPORTED]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_message_is_a_template_of_its_own_fields(lang):
    catalogue = load(lang)
    for key, label in LABELS.items():
        for form in catalogue.plurals.get(key, (catalogue.texts[key],)):
            assert check(form, label.fields) == form, (lang, key)
            assert {p.name for p in parse(form) if not isinstance(p, str)} <= set(label.fields)


def _every_label(lang: str) -> str:
    """Return a `labels:` block setting every label to its text in `lang`, all fields used."""
    catalogue = load(lang)
    lines = []
    for key, label in LABELS.items():
        text = catalogue.texts[key]
        missing = [f"{{{name}}}" for name in label.fields if f"{{{name}}}" not in text]
        text = " ".join([text, *missing]).replace("'", "''")
        lines.append(f"  {key}: '{text}'")
    return "labels:\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_with_its_real_fields_builds_in_every_language(in_tmp, lang):
    brief = STRESS.read_text(encoding="utf-8")
    (in_tmp / "brief.yaml").write_text(f"language: {lang}\n{_every_label(lang)}{brief}",
                                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "brief.yaml", "-f", "md", "-f", "pdf"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (in_tmp / "output" / "brief.md").stat().st_size > 0


# -- the handout checks every label it draws --------------------------------------------------

def _marked(key: str) -> str:
    """Return a label's English text with a marker naming it, and every field it has."""
    index = list(LABELS).index(key)
    marker = "Qz" + "".join(chr(ord("a") + int(d)) for d in f"{index:02d}") + "q"
    return " ".join([marker, *(f"{{{name}}}" for name in LABELS[key].fields)])


def _handout_labels(brief: str, backend: type = HandoutBackend) -> set[str]:
    """Return the labels whose words the handout (or another PDF) of `brief` shows, every label
    marked."""
    block = "labels:\n" + "".join(f"  {key}: '{_marked(key)}'\n" for key in LABELS)
    prep = prepare(block + brief, None, AssetPolicy(root=ROOT))
    out = io.BytesIO()
    backend().render(prep.story, prep.theme, out)
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(out).pages))
    return {key for key in LABELS if _marked(key).split()[0] in text}


def test_no_label_reaches_the_handout_unchecked():
    drawn: set[str] = set()
    for brief in (SAMPLE, STRESS):  # every field on one page, and lists cut short
        drawn |= _handout_labels(brief.read_text(encoding="utf-8"))
    assert drawn - set(DRAWN_LABELS) == set(), "the handout draws labels it does not check"
    assert {"made-with", "role", "raised-by", "hosts-line", "list-count"} <= drawn  # markers found


def test_no_label_reaches_the_script_unchecked():
    from generator.backends.deck import DeckBackend

    brief = SAMPLE.read_text(encoding="utf-8")
    drawn = _handout_labels(brief, ScriptBackend)
    block = "labels:\n" + "".join(f"  {key}: '{_marked(key)}'\n" for key in LABELS)
    prep = prepare(block + brief, None, AssetPolicy(root=ROOT))
    plan = DeckBackend().plan(prep.story, prep.theme)
    slides = re.sub(r"\s+", "", "".join(page.title + page.notes for page in plan))
    in_slides = {key for key in LABELS if _marked(key).split()[0] in slides}  # checked as slides
    assert drawn - in_slides - set(SCRIPT_LABELS) == set(), "the script draws labels it does not check"
    assert {"script-title", "script-slide"} <= drawn  # the markers are found


@pytest.mark.parametrize(("text", "said", "status"), [
    ("Folie \U0001F9FF\u0E01 {number}", "warning: labels.script-slide: script: no font on this "
     "machine draws U+1F9FF NAZAR AMULET, U+0E01 THAI CHARACTER KO KAI; the script leaves it out", 0),
    ("\u0915\u094D\u0937 {number}", "labels.script-slide: script: the script cannot shape this "
     "script (U+0915 DEVANAGARI LETTER KA", 1),
], ids=["no-font-draws-it", "script-it-cannot-shape"])
def test_the_scripts_labels_are_checked_like_its_slides(in_tmp, text, said, status):
    brief = in_tmp / "brief.yaml"
    brief.write_text(MINIMAL.read_text(encoding="utf-8") + f'labels:\n  script-slide: "{text}"\n',
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(brief), "-f", "script"])
    assert result.exit_code == status, result.output
    assert f"brief.yaml:5:3: {said}" in result.output
    if status == 0:
        pdf = pypdf.PdfReader(in_tmp / "output" / "brief-script.pdf")
        text = "".join(page.extract_text() for page in pdf.pages)
        assert "\x00" not in text and "Folie 1" in text  # left out, not drawn as boxes
