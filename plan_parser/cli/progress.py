"""Progress for batch commands on stderr: a rich bar on a terminal, plain lines otherwise.

stdout is left alone (it carries data, e.g. `build --jsonl`). rich is imported only for a terminal.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any, TextIO


class BatchProgress:
    """Report items of a batch as they finish.

    On a terminal: a progress bar, with errors printed above it. Otherwise: one line per item, so
    logs and CI output read as a plain record of what happened.
    """

    def __init__(self, label: str, *, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> BatchProgress:
        return self

    def start(self, total: int) -> None:
        """The batch has `total` items: show the bar (on a terminal)."""
        if not self.tty or self._progress is not None:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(file=self.stream, highlight=False, markup=False)
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[item]}"),
            console=console,
            transient=True,
            redirect_stdout=False,  # stdout is data (`--jsonl`), never the bar's
            redirect_stderr=False,
        )
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=total, item="")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, item: str, line: str, *, error: bool = False) -> None:
        """One item done: `line` describes it; error lines are always shown."""
        if self._progress is None:
            self.stream.write(line + "\n")
            self.stream.flush()
            return
        if error:
            self._progress.console.print(line)
        self._progress.update(self._task, advance=1, item=item)

    def message(self, line: str) -> None:
        """A line outside the per-item record (a note, the summary)."""
        if self._progress is not None:
            self._progress.console.print(line)
        else:
            self.stream.write(line + "\n")
            self.stream.flush()
