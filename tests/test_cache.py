"""One cache store: one key scheme, one folder, one bound on its size."""

from __future__ import annotations

import os
import pickle

from report import cache as store


def _aged(cache, kind, key, size, age):
    store.write_bytes(cache, kind, key, b"x" * size)
    path = cache / f"{kind}-{key}.bin"
    os.utime(path, (1_000_000 + age, 1_000_000 + age))
    return path


def test_past_its_bound_the_least_recently_used_entries_go_first(tmp_path):
    keys = [f"{n:032x}" for n in range(5)]
    paths = [_aged(tmp_path, "chart", key, 1000, age) for age, key in enumerate(keys)]
    (tmp_path / "notes.txt").write_text("not an entry")  # never touched
    assert store.read_bytes(tmp_path, "chart", keys[0]) == b"x" * 1000  # now the latest used
    assert store.evict(tmp_path, limit=5000) == []  # within the bound: nothing goes
    removed = store.evict(tmp_path, limit=2500)
    assert removed == [paths[1].name, paths[2].name, paths[3].name]
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        sorted([paths[0].name, paths[4].name, "notes.txt"])


def test_a_key_holds_the_inputs_the_code_and_the_libraries(monkeypatch):
    key = store.digest_of(b"spec", "chart")
    assert store.digest_of(b"spec", "chart") == key
    assert store.digest_of(b"spec2", "chart") != key and store.digest_of(b"spec", "font") != key
    assert "matplotlib" in store._LIBRARIES  # what draws the charts
    monkeypatch.setattr(store, "_LIBRARIES", store._LIBRARIES[:-1])  # a library changed
    store.code_digest.cache_clear()
    try:
        assert store.digest_of(b"spec", "chart") != key
    finally:
        monkeypatch.undo()
        store.code_digest.cache_clear()
    assert store.digest_of(b"spec", "chart") == key


def test_the_cache_folder_is_settled_in_one_place(tmp_path, monkeypatch):
    monkeypatch.delenv("CABINET_PACK_CACHE", raising=False)
    assert store.folder(tmp_path / "out") == tmp_path / "out" / ".cache"
    monkeypatch.setenv("CABINET_PACK_CACHE", str(tmp_path / "elsewhere"))
    assert store.folder(tmp_path / "out") == tmp_path / "elsewhere"


def test_an_entry_builds_only_the_programs_data_classes(tmp_path):
    from report.layout.values import Page  # a data class of the layout
    from report.model import Point  # a data class of the model

    kept = [Page("A4", 1.0, 2.0, 3.0, 4.0, False), {2},
            Point("2019-02", "Feb 19", 1.5, None, 2.0)]
    store.write(tmp_path, "layout-x", "0" * 32, kept)
    assert store.read(tmp_path, "layout-x", "0" * 32) == kept
    for foreign in (os.getcwd, store.evict, pickle.Pickler):  # functions, a library's class
        store.write(tmp_path, "bad", "1" * 32, [foreign])
        assert (tmp_path / f"bad-{'1' * 32}.pickle").is_file()
        assert store.read(tmp_path, "bad", "1" * 32) is None
