"""Write-then-rename targets, so a failed or interrupted export never leaves half a file behind."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside `target`; renamed onto it on success, removed on any failure.

    Beside, not in /tmp, so the final rename stays on one filesystem and is atomic.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; the export should look like any new file
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def binary_sink(out: str | os.PathLike | BinaryIO) -> Iterator[BinaryIO]:
    """A binary stream to write to: `out` itself when it is a stream (left open), else an atomic file."""
    if hasattr(out, "write"):
        yield out  # type: ignore[misc]
        out.flush()  # type: ignore[union-attr]
        return
    with atomic_path(out) as tmp, open(tmp, "wb") as f:
        yield f
