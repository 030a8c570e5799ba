"""Writing a build's outputs as one transaction: every file and folder of the build appears
together, or none does and the previous ones stay as they were.

The files are written into a staging folder inside the output folder (so the final moves
are renames on one disk). Committing moves each existing output into the staging folder's
`old/` and the new one into place; if any move fails, the moves made so far are undone in
reverse. A journal written before the first move lets the next build put the previous
outputs back if this process died half-way (power cut, killed), so no failure between two
files leaves a mixed set. `OutputError` carries a one-line message about the user's own
folder or disk; it is not a bug in the program.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
from pathlib import Path

STAGING_PREFIX = ".staging-"
_JOURNAL = "journal.json"


class OutputError(Exception):
    """The output folder or its disk refused a write: the user's to mend, in one line."""


def describe(error: OSError, path: Path, again: str = "build again") -> str:
    """`error` while writing `path`, in words for the person whose folder it is; `again` is
    what to do once it is mended."""
    shown = path.as_posix()
    if error.errno == errno.ENOSPC or error.errno == getattr(errno, "EDQUOT", None):
        return f"the disk holding {shown} is full; free some space and {again}"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"cannot write {shown}: permission denied (the folder or file is read-only, "
                f"or open in another program such as Excel; close it and {again})")
    if error.errno == errno.ENOTDIR:
        return f"cannot write {shown}: part of that path is a file, not a folder"
    if error.errno == errno.EISDIR:
        return f"cannot write {shown}: a folder has that name; move it away"
    if error.errno == errno.ENAMETOOLONG:
        return f"cannot write {shown}: the path is too long for this disk"
    reason = error.strerror or type(error).__name__
    return f"cannot write {shown}: {reason}"


def check_destination(pack: Path, out: Path) -> None:
    """Before any work: the output folder must not lie inside the pack folder (its files
    would become inputs of the next build) and must be a folder that can be written."""
    try:
        inside = out.resolve().is_relative_to(pack.resolve()) and pack.is_dir()
    except (OSError, ValueError):
        inside = False
    if inside:
        raise OutputError(f"the output folder {out.as_posix()} is inside the pack folder "
                          f"{pack.as_posix()}; choose one outside it, e.g. -o out")
    if out.exists() and not out.is_dir():
        raise OutputError(f"the output folder {out.as_posix()} is a file; name a folder with -o")
    if out.is_dir() and not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write in the output folder {out.as_posix()}: "
                          f"permission denied")


def prepare_folder(folder: Path, again: str = "build again") -> None:
    """Make the output folder (and its parents) or say in one line why it cannot be one;
    then put back any previous outputs that a build which died mid-commit moved aside."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"the output folder {folder.as_posix()} is a file; "
                          f"name a folder with -o")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(describe(exc, folder, again)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write in the output folder {folder.as_posix()}: "
                          f"permission denied")
    recover(folder)


def recover(folder: Path) -> None:
    """Undo what a dead build left half-done, and remove its staging folders."""
    try:
        leftovers = [p for p in folder.iterdir() if p.name.startswith(STAGING_PREFIX)]
    except OSError:
        return
    for staging in leftovers:
        if _owner_alive(staging):
            continue  # another build into this folder is still running
        journal = staging / _JOURNAL
        if journal.is_file():
            try:
                names = json.loads(journal.read_text(encoding="utf-8"))["names"]
                _undo(folder, staging, [n for n in names if isinstance(n, str)])
            except (OSError, ValueError, KeyError, TypeError):
                continue  # leave it for a person rather than guess
        shutil.rmtree(staging, ignore_errors=True)


def _owner_alive(staging: Path) -> bool:
    try:
        pid = int(staging.name[len(STAGING_PREFIX):].split("-")[0])
    except ValueError:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return False  # cannot tell cheaply: a staging folder left behind is a dead build's
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _undo(folder: Path, staging: Path, names: list[str]) -> None:
    """Put each named output back as it was before the commit (absent if it was new)."""
    old, new = staging / "old", staging / "new"
    for name in reversed(names):
        final, backup, fresh = folder / name, old / name, new / name
        if _lexists(backup):
            if _lexists(final):
                _move(final, fresh) if not _lexists(fresh) else _remove(final)
            _rename(backup, final)
        elif name in _created(staging) and _lexists(final) and not _lexists(fresh):
            _rename(final, fresh)


def _created(staging: Path) -> set[str]:
    try:
        return set(json.loads((staging / _JOURNAL).read_text(encoding="utf-8"))["created"])
    except (OSError, ValueError, KeyError, TypeError):
        return set()


class OutputSet:
    """Collects a build's files in a staging folder, then moves them into place together.

    `replace(name)` claims a whole sub-folder (the split parts) for this build: after the
    commit it holds exactly the files this build added under it, or is gone if none.
    `remove(name)` claims an earlier output this build makes stale (a draft, when the final
    is built): gone after the commit, back if the commit is undone.
    `again`: what a message about the user's disk tells them to do once it is mended."""

    def __init__(self, folder: Path, again: str = "build again"):
        self.folder = folder
        self.again = again
        # the folders this set makes, outermost first: removed again, if still empty, when
        # nothing is committed (a full disk leaves no empty output folder behind)
        self._made = [p for p in (folder, *folder.parents) if not p.exists()][::-1]
        prepare_folder(folder, again)
        token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.staging = folder / f"{STAGING_PREFIX}{token}"
        self._new = self.staging / "new"
        try:
            self._new.mkdir(parents=True)
        except OSError as exc:
            raise OutputError(describe(exc, folder, again)) from None
        self._names: list[str] = []  # top-level outputs, in the order they were added
        self._committed: list[str] = []
        self.removed: list[Path] = []  # earlier outputs this build claimed and did not write
        self._stale: set[str] = set()  # claimed to be removed, file or folder

    def replace(self, name: str) -> None:
        """Claim the sub-folder `name`: the build's files under it replace it whole."""
        if name not in self._names:
            self._names.append(name)

    def remove(self, name: str) -> None:
        """Claim the output `name`, file or folder, to be removed with the commit."""
        self._stale.add(name)
        self.replace(name)

    def add_bytes(self, name: str, data: bytes) -> Path:
        top = name.split("/", 1)[0]
        staged = self._new / name
        try:
            staged.parent.mkdir(parents=True, exist_ok=True)
            _write(staged, data)
        except OSError as exc:
            raise OutputError(describe(exc, self.folder / name, self.again)) from None
        if top not in self._names:
            self._names.append(top)
        return self.folder / name

    def add_text(self, name: str, text: str) -> Path:
        return self.add_bytes(name, text.encode("utf-8"))

    def commit(self) -> list[Path]:
        """Move every output into place, or none: a failure undoes the moves made."""
        self._check_kinds()
        created = [n for n in self._names if not _lexists(self.folder / n)]
        try:
            (self.staging / _JOURNAL).write_text(
                json.dumps({"names": self._names, "created": created}), encoding="utf-8")
            (self.staging / "old").mkdir()
        except OSError as exc:
            raise OutputError(describe(exc, self.folder, self.again)) from None
        old = self.staging / "old"
        for name in self._names:
            final, staged = self.folder / name, self._new / name
            fresh = _lexists(staged)
            try:
                if _lexists(final):
                    _rename(final, old / name)
                if fresh:
                    _rename(staged, final)
            except OSError as exc:
                self._committed.append(name)
                self.rollback()
                raise OutputError(describe(exc, final, self.again) + "; nothing was changed"
                                  ) from None
            self._committed.append(name)
            if not fresh and _lexists(old / name):
                self.removed.append(final)
        return [self.folder / n for n in self._files()]

    def rollback(self) -> None:
        """Undo a commit (wholly or partly made): the previous outputs are back."""
        if self._committed:
            _undo(self.folder, self.staging, self._committed)
            self._committed = []

    def discard(self) -> None:
        """Remove the staging folder; after a commit this drops the previous outputs.
        Without a commit, the output folders this set made go too, if they are empty."""
        shutil.rmtree(self.staging, ignore_errors=True)
        if not self._committed:
            for made in reversed(self._made):
                try:
                    made.rmdir()  # only if empty: never anything the user put there
                except OSError:
                    break

    def _check_kinds(self) -> None:
        """A folder where a file goes (or a file where the split folder goes) is the user's
        own: refuse rather than move it aside and delete it."""
        for name in self._names:
            final, staged = self.folder / name, self._new / name
            if not _lexists(final) or final.is_symlink() or name in self._stale:
                continue
            wants_folder = staged.is_dir() or not _lexists(staged)
            if final.is_dir() != wants_folder:
                kind = "a folder" if final.is_dir() else "a file"
                raise OutputError(f"cannot write {final.as_posix()}: {kind} of that name is "
                                  f"in the way; move it and {self.again}; nothing was changed")

    def _files(self) -> list[str]:
        files = []
        for name in self._names:
            final = self.folder / name
            if final.is_dir() and not final.is_symlink():
                files += sorted(f"{name}/{p.relative_to(final).as_posix()}"
                                for p in final.rglob("*") if p.is_file())
            elif _lexists(final):
                files.append(name)
        return files


def _rename(source: Path, target: Path) -> None:
    """Every move of an output goes through here (and tests fail it on purpose)."""
    os.replace(source, target)


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)


def _lexists(path: Path) -> bool:
    return os.path.lexists(path)


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _rename(source, target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
