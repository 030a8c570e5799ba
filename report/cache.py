"""The one store of what a rebuild may reuse: drawn charts, validated layouts, computed
figures, what reportlab reads from the font files, the last build's page numbers, and a
mark that a build from the same chart inputs finished.

One naming scheme: an entry is filed under a digest of everything it was made from (its
inputs, this program's own code, the libraries' versions, the Python running it and the
patches that apply), so any change to those makes a new entry and an old one is never
used by mistake. One folder: `folder(out)` (OUT/.cache, or CABINET_PACK_CACHE). One
eviction rule: past `LIMIT` bytes in all, the least recently used entries go first
(reading an entry marks it used). Data entries are read back with an unpickler that
builds nothing but the program's own data classes and a few plain types: a cache folder
copied from elsewhere cannot run code. Anything unreadable is a miss.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import stat
import sys
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
LIMIT = 200 * 1024 * 1024  # bytes: the store's bound, past which the least used go

# The classes a data entry may hold besides the program's own data classes (`_is_data`).
_ALLOWED = frozenset({("builtins", "set"), ("builtins", "frozenset"),
                      ("reportlab.pdfbase.ttfonts", "TTFNameBytes"),  # a font's names
                      ("report.model", "ReadOnly")})  # the figures' mappings
# Libraries whose version changes what is checked, worked out or drawn (by their files'
# dates and sizes).
_LIBRARIES = ("pydantic", "pydantic_core", "yaml", "markdown_it", "reportlab", "matplotlib",
              "pikepdf", "pypdf", "fontTools")
_ENTRY = re.compile(r"[a-z][a-z0-9-]*-[0-9a-f]{32}\.[a-z]+")


def folder(out: Path) -> Path:
    """The cache folder for a build into `out`: the one place that knows it."""
    from report import settings

    return settings.current().cache or out / ".cache"

@lru_cache(maxsize=1)
def code_digest() -> bytes:
    """This program's source, the libraries it checks and computes with, and the Python
    running it."""
    import importlib.util

    from report import settings

    # the patches switched off (CABINET_PACK_PATCHES): what they produce is kept apart
    switched_off = ",".join(sorted(settings.current().patches_off))
    digest = hashlib.sha256(sys.version.encode() + switched_off.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for library in _LIBRARIES:
        spec = importlib.util.find_spec(library)  # finds the library without importing it
        try:
            stat = os.stat(spec.origin)
            digest.update(f"{library} {spec.origin} {stat.st_size} {stat.st_mtime_ns}".encode())
        except (AttributeError, TypeError, OSError):
            digest.update(f"{library} not found".encode())
    return digest.digest()


def digest_of(data: bytes, *extra: str) -> str:
    """The name of an entry made from `data` and `extra` strings, with this program's code,
    the libraries' versions and the patches that apply."""
    digest = hashlib.sha256(code_digest())
    for text in extra:
        digest.update(text.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()[:32]


def file_digest(files: list[tuple[str, Path | None]], *extra: str,
                root: Path | None = None) -> str:
    """The name of an entry made from `files` (name as recorded, path) and `extra` strings.
    A file that does not exist counts as such; a path of None counts its name alone. Only
    ordinary files are read (a pipe or a device counts as its kind, so none can hang or
    flood the digest), and with `root` (the pack folder) a link out of it counts as where
    it points: the inputs refuse such links, so what lies beyond never matters."""
    digest = hashlib.sha256(code_digest())
    for text in extra:
        digest.update(text.encode() + b"\0")
    real_root = os.path.realpath(root) if root is not None else None
    for name, path in files:
        digest.update(name.encode())
        if path is None:
            digest.update(b"\3\0")
            continue
        try:
            if os.path.islink(path):  # where it points, as well as what it reaches
                digest.update(b"\6" + os.fsencode(os.readlink(path)))
            if real_root is not None and not _inside(os.path.realpath(path), real_root):
                digest.update(b"\5" + os.fsencode(os.path.realpath(path)) + b"\0")
                continue
            info = os.stat(path)
        except (OSError, ValueError):
            digest.update(b"\2\0")
            continue
        if not stat.S_ISREG(info.st_mode):
            digest.update(b"\4" + str(stat.S_IFMT(info.st_mode)).encode() + b"\0")
            continue
        digest.update(b"\1")
        try:
            with open(path, "rb", opener=_non_blocking) as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
        except OSError:
            digest.update(b"\2")
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _non_blocking(path, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def short_digest(text: str) -> str:
    """A file-name-safe stand-in for `text` (a path, say)."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _is_data(found) -> bool:
    """A class the program defines to hold data: a dataclass, an enumeration, a
    namespace of plain attributes or a pydantic model of the `report` package, built from
    its fields alone."""
    import dataclasses
    import enum
    from types import SimpleNamespace

    if not isinstance(found, type) or not found.__module__.startswith("report."):
        return False
    return (dataclasses.is_dataclass(found) or issubclass(found, (enum.Enum, SimpleNamespace))
            or hasattr(found, "model_fields"))


class _OwnDataOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if "." not in name and ((module, name) in _ALLOWED or module.startswith("report.")):
            found = super().find_class(module, name)
            if found.__module__ == module and ((module, name) in _ALLOWED or _is_data(found)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def _path(cache: Path, kind: str, digest: str, ext: str) -> Path:
    return cache / f"{kind}-{digest}.{ext}"


def read_bytes(cache: Path | None, kind: str, digest: str, ext: str = "bin") -> bytes | None:
    """An entry's bytes (marked as just used), or None where there is none."""
    if cache is None:
        return None
    path = _path(cache, kind, digest, ext)
    try:
        data = path.read_bytes()
        os.utime(path)
    except OSError:
        return None
    return data


def write_bytes(cache: Path | None, kind: str, digest: str, data: bytes, ext: str = "bin") -> None:
    """Store an entry; a cache that cannot be written is no reason to fail a build."""
    if cache is None:
        return
    temp = cache / f".{kind}-{digest}.{os.getpid()}.tmp"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, _path(cache, kind, digest, ext))
    except OSError:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass


def read(cache: Path | None, kind: str, digest: str):
    """A data entry, or None where there is none or it cannot be read."""
    data = read_bytes(cache, kind, digest, "pickle")
    if data is None:
        return None
    try:
        return _OwnDataOnly(io.BytesIO(data)).load()
    except Exception:
        return None


def write(cache: Path | None, kind: str, digest: str, value) -> None:
    """Store a data entry; one that cannot be made is skipped."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    write_bytes(cache, kind, digest, data, "pickle")


def evict(cache: Path | None, limit: int = LIMIT) -> list[str]:
    """Remove the least recently used entries until the store holds at most `limit`
    bytes; the names removed. Files that are not entries are left alone."""
    if cache is None:
        return []
    try:
        found = [(entry.stat(), entry) for entry in os.scandir(cache)
                 if entry.is_file(follow_symlinks=False) and _ENTRY.fullmatch(entry.name)]
    except OSError:
        return []
    total = sum(info.st_size for info, _ in found)
    removed = []
    for info, entry in sorted(found, key=lambda item: (item[0].st_mtime_ns, item[1].name)):
        if total <= limit:
            break
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        total -= info.st_size
        removed.append(entry.name)
    return removed
