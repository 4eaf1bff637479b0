"""A build's manifest on disk: made (`make_manifest`, the reduce step), written
(`dumps_manifest`), read back and trusted or not (`load_manifest`, `parse_manifest`), and which of
its entries a new build may reuse (`reusable_entries`). Its models are in `models/manifest.py`;
the outputs a new manifest makes stale are found and removed by `staging.py`.

May import: `models`, `read.decode` (the manifest's bytes), `serialize`, `errors`; nothing of the
parser. `build.py` re-exports these names.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from .. import __version__
from ..errors import PlanParserError
from ..models import SCHEMA_VERSION
from ..models.manifest import Counts, Failure, Manifest, PlanEntry
from ..read.decode import read_bytes
from ..serialize.files import output_stem
from ..serialize.json_yaml import dumps_json, to_data

MANIFEST_STEM = "manifest"  # a plan may not take it: its JSON would be the manifest


def make_manifest(entries: Iterable[PlanEntry], failures: Iterable[Failure]) -> Manifest:
    """The reduce step: order-independent, so any map (pool, cluster) gives the same manifest."""
    plans = sorted(entries, key=lambda e: e.input)
    return Manifest(
        tool_version=__version__,
        schema_version=SCHEMA_VERSION,
        totals=Counts.total(e.counts for e in plans),
        plans=plans,
        failures=sorted(failures, key=lambda f: f.input),
    )


def dumps_manifest(manifest: Manifest) -> str:
    return dumps_json(to_data(manifest))


def load_manifest(path: Path) -> Manifest | None:
    """The previous build's manifest, or None if there is none or it cannot be trusted."""
    try:
        return parse_manifest(read_bytes(path, name=str(path)))
    except PlanParserError:
        return None


def parse_manifest(data: bytes) -> Manifest | None:
    """A manifest from its bytes, or None if they are not one that can be trusted. Output names
    that are not the ones a build writes for their input (`..`, a path, a user's own file) are
    dropped, and their entry is never reused: nothing is deleted or trusted on their word."""
    try:
        manifest = Manifest.model_validate_json(data)
    except (ValidationError, ValueError):
        return None
    plans = []
    for entry in manifest.plans:
        stem = output_stem(entry.input)
        own = {f"{stem}.json", f"{stem}.yaml"} if stem != MANIFEST_STEM else set()
        outputs = [o for o in entry.outputs if o.path in own]
        if len(outputs) != len(entry.outputs):
            entry = entry.model_copy(update={"outputs": outputs, "input_sha256": ""})
        plans.append(entry)
    return manifest.model_copy(update={"plans": plans})


def reusable_entries(previous: Manifest | None) -> dict[str, PlanEntry]:
    """Entries of the previous manifest that may be reused: same tool and schema version."""
    if previous is None:
        return {}
    if previous.tool_version != __version__ or previous.schema_version != SCHEMA_VERSION:
        return {}
    return {e.input: e for e in previous.plans}
