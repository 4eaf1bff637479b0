"""Domain exceptions. Parsing prose never raises; only input that is not a document does."""


class PlanParserError(Exception):
    """Base class: the CLI prints `error: <message>` and exits non-zero."""


class InputError(PlanParserError):
    """The input is not a readable plan document (missing, binary, undecodable, empty)."""


class OutputError(PlanParserError):
    """An output could not be written (unwritable directory, bad name)."""
