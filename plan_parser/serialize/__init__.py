"""Bytes out: every output file the tool writes, the same bytes on every run.

- `json_yaml`: `to_data`, canonical JSON (`dumps_json`), the same content as YAML (`dumps_yaml`);
- `yaml_fast`: the fast YAML emitter behind `dumps_yaml` (PyYAML's bytes, faster: `make bench`);
- `csv`: CSV for Excel (BOM, CRLF, empty for None, true/false);
- `files`: atomic writes, writable directories, output stems, paths as recorded in outputs.

Guarantees: deterministic bytes (no timestamps, no absolute paths). Imports only `errors`; never
a stage (read, structure, extract, diff, dataset, cli). Nothing is imported here, so importing one
module does not load the others (yaml, pydantic).
"""
