"""`cabinet-pack synth --measures N DIR`: a synthetic pack for measuring the generator at
council scale. It repeats the example pack's measures (so every page type appears in the
same proportions), each copy in its own themes with its values scaled by a seeded factor."""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import yaml

from report.layout.config import PROJECT

TEMPLATE = PROJECT / "inputs" / "example"


def synthesise(measures: int, folder: Path, seed: int = 1) -> Path:
    if measures < 1:
        raise ValueError(f"--measures {measures}: a pack needs at least one measure")
    rng = random.Random(seed)
    template = yaml.safe_load((TEMPLATE / "measures.yaml").read_text(encoding="utf-8"))
    base = template["measures"]
    copies = -(-measures // len(base))
    marker = folder / ".synthetic-pack"
    if folder.resolve() == TEMPLATE.resolve() or TEMPLATE.resolve() in folder.resolve().parents \
            or folder.resolve() in TEMPLATE.resolve().parents:
        raise ValueError(f"{folder} is or holds the example pack; choose a new folder")
    if folder.exists() and any(folder.iterdir()):
        if not marker.exists():
            raise ValueError(f"{folder} already exists and is not a synthetic pack; choose a "
                             "new folder (synth replaces only folders it made itself)")
        shutil.rmtree(folder)
    (folder / "commentary").mkdir(parents=True)
    marker.write_text("made by cabinet-pack synth; may be replaced by it\n", encoding="utf-8")
    (folder / "benchmarks").mkdir()
    shutil.copytree(TEMPLATE / "appendices", folder / "appendices")
    themes, out_measures, factors = [], [], {}
    number = 0
    for copy in range(copies):
        suffix = "" if copy == 0 else f"_{copy}"
        for theme in template["themes"]:
            themes.append({**theme, "id": theme["id"] + suffix,
                           "number": len(themes) + 1,
                           "title": theme["title"] + (f" ({copy + 1})" if copy else "")})
        for measure in base:
            if number == measures:
                break
            number += 1
            new = {**measure, "id": measure["id"] + suffix, "number": number,
                   "theme": measure["theme"] + suffix}
            if copy:
                new["short_name"] = f"{measure['short_name'][:34]} ({copy + 1})"
            factors[new["id"]] = (measure["id"], 1.0 if copy == 0 else rng.uniform(0.9, 1.1))
            out_measures.append(new)
            source = TEMPLATE / "commentary" / f"{measure['id']}.md"
            if source.exists():
                shutil.copy(source, folder / "commentary" / f"{new['id']}.md")
    used = {m["theme"] for m in out_measures}  # a theme with no measure is left out
    themes = [{**t, "number": n} for n, t in enumerate((t for t in themes if t["id"] in used),
                                                        start=1)]
    (folder / "measures.yaml").write_text(
        yaml.safe_dump({"themes": themes, "measures": out_measures}, sort_keys=False,
                       allow_unicode=True, width=100), encoding="utf-8")
    units = {m["id"]: m for m in out_measures}
    _write_pack(folder, set(units))
    _write_areas(folder, factors)
    _copy_csv(TEMPLATE / "data.csv", folder / "data.csv", factors, units, ("value", "reported"))
    for name, columns in (("quartiles.csv", ()), ("comparators.csv", ()),
                          ("england.csv", ()), ("areas.csv", ())):
        _copy_csv(TEMPLATE / "benchmarks" / name, folder / "benchmarks" / name, factors, units,
                  columns)
    return folder


def _write_pack(folder: Path, ids: set[str]) -> None:
    """The example's pack.yaml, naming only measures this pack has (a small pack keeps
    fewer focus measures and status overrides), so every synthetic pack validates."""
    pack = yaml.safe_load((TEMPLATE / "pack.yaml").read_text(encoding="utf-8"))
    pack["focus_measures"] = [m for m in pack.get("focus_measures", []) if m in ids]
    pack["status_overrides"] = {m: o for m, o in (pack.get("status_overrides") or {}).items()
                                if m in ids}
    (folder / "pack.yaml").write_text(yaml.safe_dump(pack, sort_keys=False, allow_unicode=True,
                                                     width=100), encoding="utf-8")


def _write_areas(folder: Path, factors) -> None:
    """The example's areas.yaml (the analysis layout's), each area again for each copy of
    its measures, naming only measures this pack has, so every layout builds every
    synthetic pack."""
    source = TEMPLATE / "areas.yaml"
    if not source.exists():
        return
    template = yaml.safe_load(source.read_text(encoding="utf-8"))
    copies: dict[str, dict[str, str]] = {}  # copy suffix -> template id -> this pack's id
    for new_id, (old_id, _) in factors.items():
        copies.setdefault(new_id[len(old_id):], {})[old_id] = new_id
    areas = []
    for number, (suffix, ids) in enumerate(sorted(copies.items()), start=1):
        for area in template.get("areas", []):
            measures = [ids[m] for m in area.get("measures", []) if m in ids]
            if measures:
                areas.append({**area, "measures": measures,
                              "title": area["title"] + (f" ({number})" if suffix else "")})
    (folder / "areas.yaml").write_text(
        yaml.safe_dump({**template, "areas": areas}, sort_keys=False, allow_unicode=True,
                       width=100), encoding="utf-8")


def _copy_csv(source: Path, target: Path, factors, units, scaled: tuple[str, ...]) -> None:
    """Every template row again for each copy of its measure; `scaled` columns scaled,
    except where a numerator and denominator fix the value."""
    rows = list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n")
    writer.writeheader()
    for new_id, (old_id, factor) in factors.items():
        measure = units[new_id]
        for row in rows:
            if row["measure"] != old_id:
                continue
            row = {**row, "measure": new_id}
            if not row.get("numerator"):
                for column in scaled:
                    if row.get(column):
                        row[column] = _scale(float(row[column]), factor, measure)
            writer.writerow(row)
    target.write_text(out.getvalue(), encoding="utf-8")


def _scale(value: float, factor: float, measure: dict) -> str:
    scaled = value * factor
    if measure["unit"] == "percent":
        scaled = min(max(scaled, 0.0), 100.0)
    if measure["unit"] == "count":
        return str(round(scaled))
    return f"{scaled:.{measure.get('decimals', 1) + 2}f}"
