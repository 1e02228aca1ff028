"""The rule packs' lemmas, kept between runs: the second run compiles the source terms
without loading simplemma (whose dictionaries take about a second a language)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from reviewer.config import RunConfig
from reviewer.lemma_cache import NAMESPACE, recall, table_key
from reviewer.registry import open_cache

RULES = Path(__file__).resolve().parents[1] / "rules"

BUILD_PACKS = """
import json, os, sys
from pathlib import Path
from reviewer import lemma_cache
from reviewer.registry import fast_checkers
from reviewer.config import RunConfig
config = RunConfig.build(os.environ, Path.cwd(), rule_paths=[Path(sys.argv[1])])
known = lemma_cache.recall(config.cache)
built = fast_checkers(config)
lemma_cache.remember(config.cache, known)
print(json.dumps({"remembered": known, "simplemma": "simplemma" in sys.modules, "errors": len(built.errors)}))
"""


def build_in_a_process(tmp_path: Path) -> dict[str, object]:
    env = {**os.environ, "REVIEWER_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", BUILD_PACKS, str(RULES)], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_the_second_run_compiles_the_terms_without_simplemma(tmp_path: Path) -> None:
    first, second = build_in_a_process(tmp_path), build_in_a_process(tmp_path)
    assert first["simplemma"] is True and first["remembered"] == 0
    assert second["simplemma"] is False and int(second["remembered"]) > 1000  # type: ignore[call-overload]
    assert first["errors"] == second["errors"] == 0


def test_an_unreadable_table_is_a_miss(tmp_path: Path) -> None:
    config = RunConfig.build(dict(os.environ, REVIEWER_CACHE_DIR=str(tmp_path)), tmp_path).cache
    with closing(open_cache(config)) as cache:
        cache.put_many(NAMESPACE, {table_key(): {"de\tbekam": 3}})
    assert recall(config) == 0
