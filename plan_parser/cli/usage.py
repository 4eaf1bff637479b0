"""Usage lines that read like usage: `plan-parser parse [OPTIONS] INPUTS...`.

Typer (0.20 and later) writes a required argument as `{inputs}`, which reads as a template
placeholder nobody filled in. Click's own convention is the upper-case name (or the metavar):
`INPUTS...` when required, `[INPUTS]...` when optional.
"""

from __future__ import annotations

from typing import Any

from typer import core


def _usage_display_name(self: Any) -> str:
    name = self.metavar or self.name.upper()
    if not self.required:
        name = f"[{name}]"
    if self.nargs != 1:
        name += "..."
    return str(name)


def readable_placeholders() -> None:
    """Make every argument's usage piece click's upper-case name (idempotent)."""
    argument: Any = core.TyperArgument
    if hasattr(argument, "_usage_display_name"):
        argument._usage_display_name = _usage_display_name
