"""The brief's JSON Schema, for editors (yaml-language-server) and documentation."""

from __future__ import annotations

import json
from typing import Any


def brief_schema() -> dict[str, Any]:
    """Return the JSON Schema of brief version 1, with every field's description."""
    from generator.brief.model import Brief

    schema = Brief.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://briefgen.invalid/brief.schema.json"
    return schema


def schema_text() -> str:
    """Return the schema as stable, indented JSON text ending in a newline."""
    return json.dumps(brief_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
