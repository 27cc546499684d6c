"""Story clustering of newscollate on real articles, next to the MinHash baseline.

Two tasks on public labelled data, read in place from ``../shared`` (relative to
the project root; ``--shared`` overrides). None of its text is ever copied into
the repository: the result file holds ids, labels and figures only.

**Clustering.** One ``newscollate.dedup`` run over a mixed corpus of

* BASIL (Fan et al., EMNLP 2019), dev split: 165 articles, 55 events each covered
  by Fox News, the New York Times and HuffPost, 2010-2019. Gold story =
  ``triplet-uuid``; the three versions are written independently (the "same
  story, other words" case) and many events share a political topic. Each JSON
  gives title, date, source and ``body-paragraphs`` (a list of paragraphs, each a
  list of sentences; a string holding that list as a Python literal is accepted
  too): sentences are joined by a space, paragraphs by a blank line.
* the two seed articles (``../shared/seeds``): two outlets' versions of one
  November 2022 story, raw scrapes with leftovers, one gold story. Their title
  and date are what the project's ingest reads from them (one has neither).
* the project's generated example corpus, ``examples/newsdesk/newsdesk.jsonl``
  (120 articles, gold in ``tests/store/newsdesk.gold.json``).

Ids are prefixed by source (``basil/``, ``seeds/``, ``newsdesk/``) and every
article carries its outlet, title and publication date. Scores are
``cluster_scores`` (pairwise precision, recall, F1 and ARI) on the whole corpus,
on BASIL alone and on newsdesk alone (the same run, its labels restricted to
those articles). A story that joins a BASIL article with a seed or newsdesk
article is wrong whatever the gold says (different decades, different worlds):
those cross-source pairs are counted apart.

**Same-story decision.** SemEval-2022 Task 8 (dev split), the 209
English-English pairs. Each pair is a ``dedup`` over its two texts alone (no
title column, no dates: the data has none), and "same story" means both get one
story label. Gold "same story" is ``Overall <= 2`` (Overall is the mean of 1-4
ratings, 1 = same event, 4 = unrelated; 2 = "mostly similar" is the last grade
that still describes one event). Reported: accuracy, precision, recall, F1,
the confusion counts, and Pearson r of the link score (0 when unlinked) with
Overall, which should be negative.

**Every article embedded** (``--embed-all``): both tasks again with
``Settings(embed_all=True)``: every article's title and opening is embedded and
paired with its nearest earlier articles in meaning, so pairs that share no names
reach the model too.

**Peer** (``--peers``): datasketch ``MinHash`` + ``MinHashLSH`` (threshold 0.5,
num_perm 128) on the project's word 5-shingles, the baseline a user would pick.
Clustering = connected components of LSH candidate pairs whose estimated
Jaccard is >= 0.5; SemEval "same" = estimated Jaccard >= 0.5. datasketch lives
only in ``bench/.venv-peers`` (``bash bench/peers/setup.sh``), so it runs as a
subprocess (``bench/peers/run_datasketch_stories.py``) on a temporary JSONL of
the same texts. No threshold of either tool is tuned here: both run as shipped.

Usage::

    .venv/bin/python bench/stories_real.py [--out bench/results/stories_real.json] [--peers] [--embed-all] [--details]

``--details`` prints which BASIL events were split or merged, with their titles,
to the terminal only. ``tests/eval/test_stories_real.py`` runs the newscollate
part as a quality gate with floors in ``tests/eval/stories_baseline.json``.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from scipy import stats

import newscollate
from newscollate import Article, Embedder, Settings
from newscollate.cluster.metrics import cluster_scores
from newscollate.ingest import load

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:  # imported from the tests, bench/ is not on the path
    sys.path.insert(0, str(BENCH))

from quality import environment, markdown_table  # noqa: E402  (bench/ is not a package)

sys.path.insert(0, str(BENCH / "peers"))  # the peers' helpers: standard library only
from _recall import components as linked_components  # noqa: E402

ROOT = BENCH.parent
DEFAULT_SHARED = ROOT.parent / "shared"
NEWSDESK = ROOT / "examples" / "newsdesk" / "newsdesk.jsonl"
NEWSDESK_GOLD = ROOT / "tests" / "store" / "newsdesk.gold.json"
RESULTS = BENCH / "results"
PEERS_PYTHON = BENCH / ".venv-peers" / "bin" / "python"
PEER_SCRIPT = BENCH / "peers" / "run_datasketch_stories.py"

SAME_STORY_MAX_OVERALL = 2.0  # SemEval Overall <= 2: same event (see the module docstring)
PEER_THRESHOLD = 0.5
PEER_NUM_PERM = 128
SOURCES = ("basil", "seeds", "newsdesk")

Json = dict[str, Any]


# --------------------------------------------------------------------------- data


@dataclass
class Corpus:
    """Articles with their gold story and the data set each came from."""

    articles: list[Article] = field(default_factory=list)
    gold: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)
    # BASIL event titles by gold label, for --details on the terminal only
    events: dict[str, str] = field(default_factory=dict)

    def add(self, article: Article, story: str, source: str) -> None:
        if article.id is None:
            raise ValueError("every article needs an id")
        if article.id in self.gold:
            raise ValueError(f"article id {article.id!r} appears twice")
        self.articles.append(article)
        self.gold[article.id] = story
        self.source[article.id] = source

    def ids(self, source: str) -> list[str]:
        return [a for a, s in self.source.items() if s == source]


def basil_body(paragraphs: str | list[list[str]]) -> str:
    """BASIL's ``body-paragraphs`` (paragraphs of sentences) as plain text with blank
    lines between paragraphs, as the article was laid out."""
    parsed = ast.literal_eval(paragraphs) if isinstance(paragraphs, str) else paragraphs
    return "\n\n".join(" ".join(s.strip() for s in p if s.strip()) for p in parsed if p)


def add_basil(corpus: Corpus, shared: Path) -> None:
    paths = sorted((shared / "data" / "basil" / "articles").glob("*/*.json"))
    if not paths:
        raise FileNotFoundError(f"no BASIL articles under {shared / 'data' / 'basil'}")
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        story = f"basil/{record['triplet-uuid']}"
        corpus.add(
            Article(
                id=f"basil/{path.stem}",
                text=basil_body(record["body-paragraphs"]),
                title=record["title"],
                outlet=record["source"].lower(),  # three files say NYT/FOX/HPO
                published=record["date"],
                language="en",
                source=str(path.relative_to(shared)),
            ),
            story,
            "basil",
        )
        corpus.events[story] = record.get("main-event") or record["title"]


def add_seeds(corpus: Corpus, shared: Path) -> None:
    """The seeds are raw scrapes: their title, date and author are what the project's
    own ingest reads from the text (one of the two has no byline and no date)."""
    paths = sorted((shared / "seeds").glob("*.txt"))
    if len(paths) != 2:
        raise FileNotFoundError(f"expected the two seed articles in {shared / 'seeds'}")
    loaded = load(paths, Settings())
    if loaded.problems or len(loaded.articles) != 2:
        raise ValueError(f"seed articles not readable: {loaded.problems}")
    for path, cleaned in zip(paths, loaded.articles, strict=True):
        meta = cleaned.article
        corpus.add(
            Article(
                id=f"seeds/{path.stem}",
                text=path.read_text(encoding="utf-8"),
                title=meta.title,
                outlet=f"seed-{path.stem.split('_')[0]}",  # the files name no outlet
                published=meta.published,
                author=meta.author,
                language="en",
                source=str(path.relative_to(shared)),
            ),
            "seeds/one-story",
            "seeds",
        )


def add_newsdesk(corpus: Corpus) -> None:
    gold = json.loads(NEWSDESK_GOLD.read_text(encoding="utf-8"))
    story_of = {a: s for s, ids in gold["stories"].items() for a in ids}
    with NEWSDESK.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            r = json.loads(line)
            corpus.add(
                Article(
                    id=f"newsdesk/{r['id']}",
                    text=r["text"],
                    title=r.get("title"),
                    outlet=r.get("outlet"),
                    published=r.get("published"),
                    author=r.get("author"),
                    language=r.get("language"),
                ),
                f"newsdesk/{story_of[r['id']]}",
                "newsdesk",
            )


def mixed_corpus(shared: Path = DEFAULT_SHARED) -> Corpus:
    corpus = Corpus()
    add_basil(corpus, shared)
    add_seeds(corpus, shared)
    add_newsdesk(corpus)
    return corpus


@dataclass(frozen=True, slots=True)
class SemevalPair:
    pair_id: str
    a: Article
    b: Article
    overall: float

    @property
    def same(self) -> bool:
        return self.overall <= SAME_STORY_MAX_OVERALL


def semeval_pairs(shared: Path = DEFAULT_SHARED) -> list[SemevalPair]:
    """English-English pairs. The crawled texts start with the headline and carry no
    date, title or outlet column, so the articles get only id, text and language."""
    path = shared / "data" / "semeval2022-task8" / "pairs.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["lang1"] == r["lang2"] == "en"]
    return [
        SemevalPair(
            r["pair_id"],
            Article(id=f"{r['pair_id']}:1", text=r["text1"], language="en"),
            Article(id=f"{r['pair_id']}:2", text=r["text2"], language="en"),
            float(r["Overall"]),
        )
        for r in rows
    ]


def src_diff_sha256() -> str | None:
    """sha256 of the uncommitted changes under ``src`` (None when there are none): the
    store is tuned while these figures are taken, so the commit alone does not say
    which code measured them."""
    diff = subprocess.run(
        ["git", "-C", str(ROOT), "diff", "HEAD", "--", "src"],
        capture_output=True,
        check=False,
    ).stdout
    return hashlib.sha256(diff).hexdigest() if diff else None


def data_fingerprint(shared: Path = DEFAULT_SHARED) -> str:
    """sha256 over every input file read, so floors set on one version of the data
    are never silently checked against another."""
    digest = hashlib.sha256()
    files = [
        *sorted((shared / "data" / "basil" / "articles").glob("*/*.json")),
        *sorted((shared / "seeds").glob("*.txt")),
        shared / "data" / "semeval2022-task8" / "pairs.csv",
        NEWSDESK,
        NEWSDESK_GOLD,
    ]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# --------------------------------------------------------------------------- scoring


def restricted(labels: Mapping[str, Any], ids: Iterable[str]) -> dict[str, Any]:
    return {a: labels[a] for a in ids if a in labels}


def cross_source_pairs(predicted: Mapping[str, Any], source: Mapping[str, str]) -> Json:
    """Article pairs put in one story although they come from different data sets,
    by pair of data sets (e.g. ``basil+newsdesk``)."""
    per_story: dict[Any, Counter[str]] = defaultdict(Counter)
    for article, story in predicted.items():
        per_story[story][source[article]] += 1
    found: Counter[str] = Counter()
    for counts in per_story.values():
        for s, t in combinations(sorted(counts), 2):
            found[f"{s}+{t}"] += counts[s] * counts[t]
    return {"total": sum(found.values()), "by_sources": dict(sorted(found.items()))}


def basil_errors(predicted: Mapping[str, Any], corpus: Corpus) -> Json:
    """Which gold events are split over several stories and which stories join
    several events: ids and uuids only (titles stay on the terminal)."""
    ids = corpus.ids("basil")
    stories_of_event: dict[str, set[Any]] = defaultdict(set)
    events_of_story: dict[Any, set[str]] = defaultdict(set)
    for a in ids:
        stories_of_event[corpus.gold[a]].add(predicted[a])
        events_of_story[predicted[a]].add(corpus.gold[a])
    sizes = Counter(predicted[a] for a in ids)
    whole = sum(1 for s in stories_of_event.values() if len(s) == 1)
    apart = [e for e, s in stories_of_event.items() if all(sizes[x] == 1 for x in s)]
    merged = {
        str(story): sorted(events) for story, events in events_of_story.items() if len(events) > 1
    }
    split = {
        event: [sorted(a for a in ids if predicted[a] == s) for s in sorted(stories, key=str)]
        for event, stories in sorted(stories_of_event.items())
        if len(stories) > 1
    }
    return {
        "events": len(stories_of_event),
        "events_in_one_story": whole,
        "events_all_singletons": len(apart),
        "events_split": split,
        "stories_joining_events": merged,
    }


def clustering_scores(predicted: Mapping[str, Any], corpus: Corpus) -> Json:
    """The figures every clusterer gets: overall, per data set, cross-source pairs."""
    return {
        "mixed": cluster_scores(predicted, corpus.gold).as_dict(),
        "basil": cluster_scores(restricted(predicted, corpus.ids("basil")), corpus.gold).as_dict(),
        "newsdesk": cluster_scores(
            restricted(predicted, corpus.ids("newsdesk")), corpus.gold
        ).as_dict(),
        "seeds_together": len({predicted[a] for a in corpus.ids("seeds")}) == 1,
        "cross_source_pairs": cross_source_pairs(predicted, corpus.source),
        "basil_errors": basil_errors(predicted, corpus),
    }


def binary_scores(predicted: Sequence[bool], gold: Sequence[bool]) -> Json:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    tn = len(gold) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": len(gold),
        "accuracy": (tp + tn) / len(gold) if gold else float("nan"),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
    }


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    if len(x) < 3 or len(set(x)) < 2:
        return float("nan")
    return float(stats.pearsonr(x, y).statistic)


# --------------------------------------------------------------------------- newscollate


def run_newscollate_clustering(
    corpus: Corpus,
    embedder: Embedder,
    *,
    link_counts: bool = True,
    settings: Settings | None = None,
) -> Json:
    """One ``dedup`` over the whole mixed corpus, scored. ``dedup`` returns each
    article's strongest link only; ``link_counts`` re-adds the corpus to an
    in-memory ``Store`` (what ``dedup`` runs; the model's cache makes it cheap) to
    count every link by relation, and checks it finds the same stories."""
    start = time.perf_counter()
    annotated, summary = newscollate.dedup(corpus.articles, embedder=embedder, settings=settings)
    seconds = time.perf_counter() - start
    predicted = {a.article.id: a.story for a in annotated if a.article.id is not None}
    result: Json = {
        "articles": {s: len(corpus.ids(s)) for s in SOURCES},
        "stories": len(set(predicted.values())),
        "problems": [str(p) for p in summary.problems],
        "unclustered": sorted(set(corpus.gold) - set(predicted)),
        **clustering_scores(predicted, corpus),
        "links": summary.links,
        "articles_by_strongest_relation": dict(
            sorted(Counter(a.relation or "none" for a in annotated).items())
        ),
        "dedup_seconds": round(seconds, 2),
        "dedup_stage_seconds": {k: round(v, 2) for k, v in summary.timings.items()},
    }
    if link_counts:
        with newscollate.Store(":memory:", embedder=embedder, settings=settings) as store:
            store.add(corpus.articles)
            relations: Counter[str] = Counter()
            for info in store.stories():
                relations.update(info.relations)
            again = {a.article.id: a.story for a in store.annotated()}
        result["links_by_relation"] = dict(sorted(relations.items()))
        result["store_agrees_with_dedup"] = same_partition(again, predicted)
    result["_predicted"] = predicted  # dropped before writing; for --details
    return result


def same_partition(a: Mapping[Any, Any], b: Mapping[Any, Any]) -> bool:
    def blocks(m: Mapping[Any, Any]) -> set[frozenset[Any]]:
        groups: dict[Any, set[Any]] = defaultdict(set)
        for k, v in m.items():
            groups[v].add(k)
        return {frozenset(g) for g in groups.values()}

    return blocks(a) == blocks(b)


def pair_same(
    pair: SemevalPair, embedder: Embedder, settings: Settings | None = None
) -> tuple[bool, list[Any], Any]:
    """A pair alone through ``dedup``: whether its two texts get one story label, with
    what ``dedup`` returned (an unreadable text leaves one article: not "same")."""
    annotated, summary = newscollate.dedup([pair.a, pair.b], embedder=embedder, settings=settings)
    return len(annotated) == 2 and annotated[0].story == annotated[1].story, annotated, summary


def run_newscollate_semeval(
    pairs: Sequence[SemevalPair], embedder: Embedder, settings: Settings | None = None
) -> Json:
    """Each pair alone through ``dedup``: same story label = "same story". The score
    for the correlation is the link's (0 when the two are not linked)."""
    start = time.perf_counter()
    predicted: list[bool] = []
    scores: list[float] = []
    relations: Counter[str] = Counter()
    skipped: list[Json] = []
    per_pair: list[list[Any]] = []
    for pair in pairs:
        same, annotated, summary = pair_same(pair, embedder, settings)
        if len(annotated) != 2:  # an unreadable text: the pair cannot be "same"
            skipped.append(
                {"pair_id": pair.pair_id, "problems": [str(p) for p in summary.problems]}
            )
        predicted.append(same)
        score = max((a.score or 0.0 for a in annotated), default=0.0) if same else 0.0
        scores.append(score)
        relation = (annotated[0].relation or "none") if same else "unlinked"
        relations[relation] += 1
        per_pair.append([pair.pair_id, round(pair.overall, 3), same, relation, score])
    gold = [p.same for p in pairs]
    overall = [p.overall for p in pairs]
    return {
        **binary_scores(predicted, gold),
        "gold_same": sum(gold),
        "predicted_by_relation": dict(sorted(relations.items())),
        "score": "link score, 0 when unlinked",
        "pearson_score_vs_overall": pearson(scores, overall),
        "skipped": skipped,
        "seconds": round(time.perf_counter() - start, 2),
        "per_pair_columns": ["pair_id", "overall", "same", "relation", "score"],
        "per_pair": per_pair,
    }


def evaluate_newscollate(
    embedder: Embedder,
    shared: Path = DEFAULT_SHARED,
    *,
    link_counts: bool = True,
    settings: Settings | None = None,
) -> Json:
    """Both tasks for newscollate: what the quality gate checks."""
    corpus = mixed_corpus(shared)
    return {
        "clustering": run_newscollate_clustering(
            corpus, embedder, link_counts=link_counts, settings=settings
        ),
        "semeval": run_newscollate_semeval(semeval_pairs(shared), embedder, settings),
    }


# --------------------------------------------------------------------------- peer


def run_peer(texts: Sequence[Article], score_pairs: Sequence[tuple[str, str]], work: Path) -> Json:
    """datasketch in its own venv over ``texts`` (the raw text each article gave
    newscollate); returns its result JSON."""
    if not PEERS_PYTHON.exists():
        raise SystemExit(f"{PEERS_PYTHON} is missing: run `bash bench/peers/setup.sh` first")
    corpus = work / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for a in texts:
            handle.write(json.dumps({"id": a.id, "text": a.text}) + "\n")
    pairs = work / "pairs.tsv"
    pairs.write_text("".join(f"{a}\t{b}\n" for a, b in score_pairs), encoding="utf-8")
    out = work / "result.json"
    subprocess.run(
        [
            str(PEERS_PYTHON),
            str(PEER_SCRIPT),
            str(corpus),
            "--threshold",
            str(PEER_THRESHOLD),
            "--num-perm",
            str(PEER_NUM_PERM),
            "--score-pairs",
            str(pairs),
            "--out",
            str(out),
        ],
        check=True,
    )
    result: Json = json.loads(out.read_text(encoding="utf-8"))
    return result


def components(ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Connected components as labels (each component's smallest id); ids without an
    edge are their own component."""
    labels = {a: a for a in ids}
    labels.update(linked_components((a, b, "") for a, b in edges))
    return labels


def run_peers(corpus: Corpus, pairs: Sequence[SemevalPair]) -> Json:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="stories_real_") as tmp:
        work = Path(tmp)
        (work / "mixed").mkdir()
        (work / "semeval").mkdir()
        mixed = run_peer(corpus.articles, [], work / "mixed")
        semeval = run_peer(
            [a for p in pairs for a in (p.a, p.b)],
            [(str(p.a.id), str(p.b.id)) for p in pairs],
            work / "semeval",
        )
    kept = [(a, b) for a, b, j in mixed["candidates"] if j >= PEER_THRESHOLD]
    predicted = components(corpus.gold, kept)
    jaccard = {(a, b): j for a, b, j in semeval["scored_pairs"]}
    scores = [jaccard[(str(p.a.id), str(p.b.id))] for p in pairs]
    return {
        "tool": "datasketch MinHash + MinHashLSH",
        "versions": mixed["versions"],
        "params": mixed["params"],
        "clustering": {
            "stories": len(set(predicted.values())),
            **clustering_scores(predicted, corpus),
            "candidate_pairs": len(mixed["candidates"]),
            "pairs_at_least_threshold": len(kept),
            "seconds": mixed["seconds"],
            "_predicted": predicted,
        },
        "semeval": {
            **binary_scores([s >= PEER_THRESHOLD for s in scores], [p.same for p in pairs]),
            "gold_same": sum(p.same for p in pairs),
            "score": "MinHash-estimated Jaccard",
            "pearson_score_vs_overall": pearson(scores, [p.overall for p in pairs]),
            "seconds": semeval["seconds"],
            "per_pair_columns": ["pair_id", "overall", "estimated_jaccard"],
            "per_pair": [
                [p.pair_id, round(p.overall, 3), s] for p, s in zip(pairs, scores, strict=True)
            ],
        },
        "wall_seconds": round(time.perf_counter() - start, 2),
    }


# --------------------------------------------------------------------------- report


EMBED_ALL = "newscollate_embed_all"  # the result key of the --embed-all run


def markdown(result: Json) -> str:
    tools: list[tuple[str, Json]] = [("newscollate", result["newscollate"])]
    if EMBED_ALL in result:
        tools.append(("newscollate --embed-all", result[EMBED_ALL]))
    if "datasketch" in result:
        tools.append(("datasketch MinHash", result["datasketch"]))
    rows = []
    for name, r in tools:
        c = r["clustering"]
        rows.append(
            [name]
            + [
                c[part][k]
                for part in ("basil", "mixed")
                for k in ("ari", "precision", "recall", "f1")
            ]
            + [c["cross_source_pairs"]["total"]]
        )
    counts = result["newscollate"]["clustering"]["articles"]
    clustering = markdown_table(
        ["tool", "BASIL ARI", "P", "R", "F1", "mixed ARI", "P", "R", "F1", "cross-source pairs"],
        rows,
    )
    semeval = markdown_table(
        ["tool", "accuracy", "precision", "recall", "F1", "TP", "FP", "FN", "TN", "Pearson r"],
        [
            [
                name,
                *(r["semeval"][k] for k in ("accuracy", "precision", "recall", "f1")),
                *r["semeval"]["confusion"].values(),
                r["semeval"]["pearson_score_vs_overall"],
            ]
            for name, r in tools
        ],
    )
    env = result["environment"]
    versions = ", ".join(f"{k} {v}" for k, v in env["versions"].items() if v)
    if "datasketch" in result:
        versions += f", datasketch {result['datasketch']['versions'].get('datasketch')}"
    nc = result["newscollate"]
    return "\n".join(
        [
            f"Story clustering, one run over BASIL ({counts['basil']} articles, 55 events) + "
            f"seeds ({counts['seeds']}) + newsdesk ({counts['newsdesk']}); pairwise scores:",
            "",
            clustering,
            "",
            f"newscollate on newsdesk alone: ARI {nc['clustering']['newsdesk']['ari']:.3f}, "
            f"P {nc['clustering']['newsdesk']['precision']:.3f}, "
            f"R {nc['clustering']['newsdesk']['recall']:.3f}; links by relation "
            f"{nc['clustering'].get('links_by_relation', nc['clustering']['links'])}.",
            "",
            f"SemEval-2022 Task 8, {nc['semeval']['pairs']} English pairs, same story = "
            f"Overall <= 2 ({nc['semeval']['gold_same']} pairs); Pearson r of the link score "
            "(newscollate, 0 if unlinked) or estimated Jaccard (MinHash) with Overall:",
            "",
            semeval,
            "",
            f"{env['platform']}, {env['cpu_count']} CPUs, Python {env['python']}; {versions}. "
            f"Wall time {result['wall_seconds']['total']:.1f} s "
            f"({', '.join(f'{k} {v:.1f}' for k, v in result['wall_seconds'].items() if k != 'total')}).",
        ]
    )


def compact_json(value: Json) -> str:
    """Indented JSON with every innermost list on one line: the per-pair rows stay
    readable and diffable without a line per number. (JSON strings hold no raw
    newlines, so only the layout changes.)"""
    text = json.dumps(value, indent=1)
    return re.sub(r"\[[^\[\]{}]*\]", lambda m: re.sub(r"\n\s*", " ", m.group(0)), text)


def written(result: Json, table: str, out: Path) -> int:
    """Writes the result file, prints the tables and where the file went."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(compact_json(result) + "\n", encoding="utf-8")
    print(table)
    print(f"\nwritten: {out}")
    return 0


def print_details(corpus: Corpus, name: str, predicted: Mapping[str, Any]) -> None:
    """Split and merged BASIL events with their titles: terminal only, never the file."""
    errors = basil_errors(predicted, corpus)
    print(f"\n{name}: BASIL events split over several stories")
    for event, parts in errors["events_split"].items():
        print(f"  {corpus.events[event]!r}: {parts}")
    print(f"{name}: stories joining several BASIL events")
    for story, events in errors["stories_joining_events"].items():
        members = sorted(a for a, s in predicted.items() if s == story)
        print(f"  story {story} ({len(members)} articles: {members})")
        for event in events:
            print(f"    {corpus.events[event]!r}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=RESULTS / "stories_real.json")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder")
    parser.add_argument(
        "--peers", action="store_true", help="also run datasketch (bench/.venv-peers)"
    )
    parser.add_argument(
        "--details", action="store_true", help="print split/merged BASIL events (terminal only)"
    )
    parser.add_argument(
        "--embed-all",
        action="store_true",
        help="also run newscollate with Settings(embed_all=True) (every article embedded)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    code_at_start = src_diff_sha256()
    start = time.perf_counter()
    wall: dict[str, float] = {}
    embedder = newscollate.default_embedder()
    embedder.encode(["warm-up"])  # model load apart from the tasks' times
    wall["model_load"] = time.perf_counter() - start
    corpus = mixed_corpus(args.shared)
    pairs = semeval_pairs(args.shared)
    t = time.perf_counter()
    clustering = run_newscollate_clustering(corpus, embedder)
    wall["newscollate_clustering"] = time.perf_counter() - t
    t = time.perf_counter()
    semeval = run_newscollate_semeval(pairs, embedder)
    wall["newscollate_semeval"] = time.perf_counter() - t
    result: Json = {
        "what": "story clustering on BASIL + seeds + newsdesk, and the same-story decision on "
        "SemEval-2022 Task 8 English pairs (Overall <= 2 = same); dev splits",
        "data_sha256": data_fingerprint(args.shared),
        "environment": {
            **environment(),
            "src_diff_sha256": code_at_start,
            # the git fields describe ROOT/src; PYTHONPATH can make another copy run
            "newscollate_imported_from": str(Path(newscollate.__file__).parent),
        },
        "newscollate": {"clustering": clustering, "semeval": semeval},
    }
    if args.embed_all:
        t = time.perf_counter()
        result[EMBED_ALL] = evaluate_newscollate(
            embedder, args.shared, link_counts=False, settings=Settings(embed_all=True)
        )
        wall["newscollate_embed_all"] = time.perf_counter() - t
    if args.peers:
        t = time.perf_counter()
        result["datasketch"] = run_peers(corpus, pairs)
        wall["datasketch"] = time.perf_counter() - t
    wall["total"] = time.perf_counter() - start
    if src_diff_sha256() != code_at_start:  # the figures may mix two versions of the code
        result["environment"]["src_changed_during_run"] = True
        print("warning: files under src/ changed during the run; run it again", file=sys.stderr)
    result["wall_seconds"] = {k: round(v, 2) for k, v in wall.items()}
    if args.details:
        print_details(corpus, "newscollate", clustering["_predicted"])
        if args.peers:
            print_details(corpus, "datasketch", result["datasketch"]["clustering"]["_predicted"])
    for tool in ("newscollate", EMBED_ALL, "datasketch"):
        if tool in result:
            result[tool]["clustering"].pop("_predicted")
    return written(result, markdown(result), args.out)


if __name__ == "__main__":
    raise SystemExit(main())
