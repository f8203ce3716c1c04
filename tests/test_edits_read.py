"""Reading a built deck back: the record of what each output was when written, the base the deck
carries, and each field's text now on the deck after an editor's changes."""

from __future__ import annotations

import hashlib
import json

from generator.paths import AssetPolicy
from generator.workflow.build import Options, build_one
from generator.workflow.records import STATE_DIR, BuildRecord

from .conftest import SAMPLE


def test_record_keeps_the_digest_of_each_output_as_written(in_tmp):
    brief = in_tmp / "sample.yaml"
    brief.write_text(SAMPLE.read_text())
    out = in_tmp / "out"
    result = build_one(brief, Options(out, ("md", "pptx"), policy=AssetPolicy(in_tmp)))
    assert result.ok, result.errors
    written = {w.path.name: w.digest for w in result.written}
    on_disk = {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in written}
    assert written == on_disk
    record = BuildRecord(out, "sample")
    assert record.written_digests() == on_disk
    assert record.written_digest(out / "sample.pptx") == on_disk["sample.pptx"]
    state = json.loads((out / STATE_DIR / "sample.json").read_text())
    assert state["written_digests"] == on_disk


def test_record_without_digests_reads_as_unknown(tmp_path):
    (tmp_path / STATE_DIR).mkdir()
    (tmp_path / STATE_DIR / "x.json").write_text(json.dumps({"digest": "d", "sizes": {"x.md": 1},
                                                             "written_digests": {"x.md": 5}}))
    assert BuildRecord(tmp_path, "x").written_digests() == {}
    assert BuildRecord(tmp_path, "x").written_digest(tmp_path / "x.md") is None
