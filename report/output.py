"""Writing the outputs all-or-nothing: every file goes to a temporary name first and is
renamed into place only when the whole pack has been produced."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputSet:
    """Collects finished files, then moves them into place together."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._pending: list[tuple[Path, Path]] = []

    def add_bytes(self, name: str, data: bytes) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self.folder / name
        final.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".partial-", suffix=final.suffix,
                                        dir=final.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes files private; outputs are for sharing
        self._pending.append((Path(temp), final))
        return final

    def add_text(self, name: str, text: str) -> Path:
        return self.add_bytes(name, text.encode("utf-8"))

    def commit(self) -> list[Path]:
        done = []
        for temp, final in self._pending:
            os.replace(temp, final)
            done.append(final)
        self._pending.clear()
        return done

    def discard(self) -> None:
        for temp, _ in self._pending:
            temp.unlink(missing_ok=True)
        self._pending.clear()
