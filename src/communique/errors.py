"""One exception tree. The CLI turns each into one line on stderr and its documented exit code."""


class CommuniqueError(Exception):
    """Base of every error communique raises on purpose."""

    exit_code = 1


class UsageError(CommuniqueError):
    """The command line asks for something that cannot be done (bad option value, missing file)."""

    exit_code = 2


class SourceError(CommuniqueError):
    """A source cannot be read at all (unreadable file, unknown format)."""

    exit_code = 3


class ModelError(CommuniqueError):
    """The spaCy model named cannot be loaded."""

    exit_code = 4


class StoreError(CommuniqueError):
    """The DuckDB store cannot be opened or written."""

    exit_code = 5


class KnowledgeError(CommuniqueError):
    """A knowledge table (built in or given with --actors) is malformed."""

    exit_code = 6
