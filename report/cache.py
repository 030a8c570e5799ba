"""What a rebuild may reuse besides charts: validated layouts, computed figures, and
what reportlab reads from the font files.

An entry is filed under a digest of everything it was made from (the files read, how the
pack folder was named, this program's own code and the Python running it), so any change
to those makes a new entry and an old one is never used by mistake. Entries live in the
output folder's cache (`out/.cache`, or CABINET_PACK_CACHE) and are read back with an
unpickler that builds nothing but the program's own data classes and a few plain types:
a cache folder copied from elsewhere cannot run code. Anything unreadable is a miss.
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

# The classes an entry may hold: the program's own, as defined in these modules (not
# whatever they import), and a few plain ones.
_OWN_MODULES = frozenset({"report.model", "report.content", "report.problems",
                          "report.compute.rules", "report.compute.spc", "report.layout.config",
                          "report.figures", "report.compute.reading",
                          "report.compute.revisions"})
_ALLOWED = frozenset({("builtins", "set"), ("builtins", "frozenset"),
                      ("reportlab.pdfbase.ttfonts", "TTFNameBytes")})  # a font's names
# Libraries whose version changes what is checked and worked out (by their files' dates).
_LIBRARIES = ("pydantic", "pydantic_core", "yaml", "markdown_it", "reportlab")
_KEY = re.compile(r"[0-9a-f]{32}")

@lru_cache(maxsize=1)
def code_digest() -> bytes:
    """This program's source, the libraries it checks and computes with, and the Python
    running it."""
    import importlib.util

    digest = hashlib.sha256(sys.version.encode())
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


def file_digest(files: list[tuple[str, Path | None]], *extra: str,
                root: Path | None = None) -> str:
    """A key for an entry made from `files` (name as recorded, path) and `extra` strings.
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


class _OwnDataOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if "." not in name and ((module, name) in _ALLOWED or module in _OWN_MODULES):
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def read(cache: Path | None, kind: str, key: str):
    """The entry, or None where there is none or it cannot be read."""
    if cache is None:
        return None
    try:
        data = (cache / f"{kind}-{key}.pickle").read_bytes()
        return _OwnDataOnly(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is simply not used
        return None


def write(cache: Path | None, kind: str, key: str, value) -> None:
    """Store an entry (replacing older entries of the same kind); a cache that cannot be
    written is no reason to fail a build."""
    if cache is None:
        return
    target = cache / f"{kind}-{key}.pickle"
    temp = cache / f".{kind}-{key}.{os.getpid()}.tmp"
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        cache.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, target)
        for old in cache.glob(f"{kind}-*.pickle"):  # not another kind's ("layout-cabinet-x")
            if old != target and _KEY.fullmatch(old.name[len(kind) + 1:-len(".pickle")]):
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - an entry that cannot be made or written is skipped
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
