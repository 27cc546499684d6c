"""Would int8 make the model cheap enough to embed more? A check, not a feature.

    .venv/bin/python bench/model_int8.py [--shared ../shared] [--out RESULT.json]

The transformer is story finding's one expensive stage, and the issue left int8
quantisation untried. This runs PyTorch's dynamic int8 quantisation of the bundled
all-MiniLM-L6-v2 (every ``nn.Linear``; weights int8, activations quantised on the
fly), the cheapest kind to adopt: no calibration data, no new dependency. On what
the store embeds (the title and first ``EMBED_WORDS`` words) of BASIL's dev articles
and the newsdesk example, it reports:

- leads embedded a second by each model (best of ``--repeats``, after a warm-up);
- how far int8 moves each vector (cosine of an article's two vectors);
- how far it moves the cosine of BASIL's same-event pairs and of pairs of different
  events, which the model bar (``store.verify.ModelBar``, 0.55 at its base) decides.

The model bar's margins are a few hundredths (docs/evaluation.md), so a model whose
pair cosines move by as much would need every threshold set again.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from stories_real import DEFAULT_SHARED, RESULTS, mixed_corpus  # noqa: E402

from newscollate.index.features import EMBED_WORDS, model_text  # noqa: E402
from newscollate.represent.embed import SentenceEmbedder  # noqa: E402


def rate(model: Any, texts: list[str], repeats: int) -> tuple[float, np.ndarray]:
    """Texts a second, the best of ``repeats`` runs after a warm-up, and the vectors."""
    model.encode(texts[:32], batch_size=32)
    best, vectors = float("inf"), np.empty(0)
    for _ in range(repeats):
        start = time.perf_counter()
        vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best, np.asarray(vectors, np.float32)


def spread(values: np.ndarray) -> dict[str, float]:
    return {
        "mean": round(float(values.mean()), 4),
        "p99": round(float(np.quantile(values, 0.99)), 4),
        "max": round(float(values.max()), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=RESULTS / "model_int8.json")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    import torch

    corpus = mixed_corpus(args.shared)
    articles = [a for a in corpus.articles if corpus.source[a.id] in ("basil", "newsdesk")]
    leads = [model_text(a.title, a.text) for a in articles]
    fp32 = SentenceEmbedder()._load()
    with warnings.catch_warnings():  # torch.ao.quantization's deprecation notice
        warnings.simplefilter("ignore")
        int8 = torch.ao.quantization.quantize_dynamic(
            copy.deepcopy(fp32), {torch.nn.Linear}, dtype=torch.qint8
        )
    rate32, v32 = rate(fp32, leads, args.repeats)
    rate8, v8 = rate(int8, leads, args.repeats)

    basil = [i for i, a in enumerate(articles) if corpus.source[a.id] == "basil"]
    same, other = [], []
    for i, j in itertools.combinations(basil, 2):
        same_event = corpus.gold[articles[i].id] == corpus.gold[articles[j].id]
        (same if same_event else other).append((i, j))

    def moved(pairs: list[tuple[int, int]]) -> dict[str, Any]:
        a, b = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
        c32, c8 = (v32[a] * v32[b]).sum(1), (v8[a] * v8[b]).sum(1)
        return {
            "pairs": len(pairs),
            "abs_change": spread(np.abs(c8 - c32)),
            "at_or_above_0.55": {"fp32": int((c32 >= 0.55).sum()), "int8": int((c8 >= 0.55).sum())},
        }

    result = {
        "what": "dynamic int8 quantisation of all-MiniLM-L6-v2 (torch.ao, nn.Linear) "
        f"against float32, on the title + first {EMBED_WORDS} words of BASIL dev and newsdesk",
        "texts": len(leads),
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "leads_per_second": {"fp32": round(rate32, 1), "int8": round(rate8, 1)},
        "speedup": round(rate8 / rate32, 2),
        "vector_self_cosine": {
            "mean": round(float((v32 * v8).sum(1).mean()), 4),
            "min": round(float((v32 * v8).sum(1).min()), 4),
        },
        "basil_same_event_pair_cosine": moved(same),
        "basil_other_event_pair_cosine": moved(other),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
