"""Golden summaries: the exact summary of every shipped scenario, 1 seed × 1 year and 1 seed over
its whole horizon, with digests of the raw books and series of the horizon run. A change that
moves any number shows here.

The file is regenerated only on purpose, in a commit that says why:

    CENTRUMSIM_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pytest

from centrumsim import load_scenario
from centrumsim.analysis import run_seeds as run

from .conftest import CITY_SIZED, ROOT, SCENARIO_PARAMS, SCENARIOS

GOLDEN = Path(__file__).parent / "golden" / "summaries.json"
UPDATE = os.environ.get("CENTRUMSIM_UPDATE_GOLDEN") == "1"
# what depends on the machine or the release rather than on the model (run_id hashes the version)
VOLATILE = ("scenario_file", "version", "run_id")


def _stable(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k not in VOLATILE}


def _digest(arrays: dict[str, np.ndarray]) -> dict[str, str]:
    return {k: hashlib.sha256(np.ascontiguousarray(v).tobytes()).hexdigest()[:16] for k, v in sorted(arrays.items())}


def golden_of(path: Path) -> dict:
    sc = load_scenario(path)
    one_year = run(sc, seeds=[0], years=1, workers=1)
    horizon = run(sc, seeds=[0], workers=1)
    r = horizon.runs[0]
    arrays = {f"daily.{k}": v for k, v in r.daily.items()} | {f"monthly.{k}": v for k, v in r.monthly.items()}
    arrays |= {"books": r.books, "status": r.status, "unit_visits": r.unit_visits}
    out = {
        "one_year": _stable(one_year.summary()),
        "horizon": _stable(horizon.summary()),
        "horizon_digests": _digest(arrays),
    }
    if path.name in CITY_SIZED:  # 300 units: a megabyte of summary; its digests fail as surely
        for k in ("one_year", "horizon"):
            text = json.dumps(out[k], ensure_ascii=False, sort_keys=True)  # as the file holds it
            out[k] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return out


@pytest.fixture(scope="module")
def golden() -> dict:
    if UPDATE:
        data = {p.relative_to(ROOT).as_posix(): golden_of(p) for p in SCENARIOS}
        GOLDEN.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    return json.loads(GOLDEN.read_text("utf-8"))


def test_every_shipped_scenario_has_a_golden_summary(golden):
    assert sorted(golden) == sorted(p.relative_to(ROOT).as_posix() for p in SCENARIOS)


@pytest.mark.parametrize("path", SCENARIO_PARAMS)  # the city-sized ones in the slow tier
def test_summary_is_exactly_the_golden_one(golden, path):
    want = golden[path.relative_to(ROOT).as_posix()]
    # through JSON, as summary.json holds it (NaN → null, tuples → lists)
    got = json.loads(json.dumps(golden_of(path), ensure_ascii=False))
    assert got["horizon_digests"] == want["horizon_digests"]
    assert got["one_year"] == want["one_year"]
    assert got["horizon"] == want["horizon"]
