"""bench/corpusgen.py: the seeded benchmark corpus and its gold story clusters."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import corpusgen  # noqa: E402  (bench/ is not a package)

N = 2000
SEED = 7
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def corpus() -> tuple[list[dict[str, str]], corpusgen.Gold]:
    return corpusgen.generate_corpus(N, SEED)


@pytest.fixture(scope="module")
def articles(corpus: tuple[list[dict[str, str]], corpusgen.Gold]) -> dict[str, dict[str, str]]:
    return {a["id"]: a for a in corpus[0]}


@pytest.fixture(scope="module")
def gold(corpus: tuple[list[dict[str, str]], corpusgen.Gold]) -> corpusgen.Gold:
    return corpus[1]


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b)


def pairs(gold: corpusgen.Gold, relation: str) -> list[tuple[str, str]]:
    return [(derived, source) for derived, source, rel in gold.links if rel == relation]


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    first = corpusgen.write(300, 3, tmp_path / "a.jsonl")
    corpusgen.write(300, 3, tmp_path / "b.jsonl")
    corpusgen.write(300, 4, tmp_path / "c.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert (tmp_path / "a.gold.json").read_bytes() == (tmp_path / "b.gold.json").read_bytes()
    assert (tmp_path / "a.jsonl").read_bytes() != (tmp_path / "c.jsonl").read_bytes()
    data = json.loads((tmp_path / "a.gold.json").read_text(encoding="utf-8"))
    assert data["articles"] == 300 and data["seed"] == 3
    assert set(data) >= {"articles", "seed", "stories", "links", "relations", "topics"}
    assert corpusgen.Gold.from_json(data) == first
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(corpusgen.generate(300, 3))


def test_gold_needs_no_text(gold: corpusgen.Gold) -> None:
    assert corpusgen.gold(N, SEED) == gold


def test_article_fields(corpus: tuple[list[dict[str, str]], corpusgen.Gold]) -> None:
    arts = corpus[0]
    assert [a["id"] for a in arts] == [f"a{k:06d}" for k in range(1, N + 1)]
    for a in arts:
        assert list(a) == ["id", "title", "text", "outlet", "published", "author", "language"]
        assert a["language"] == "en"
        assert all(a[k] for k in a)
        dt.date.fromisoformat(a["published"])
        assert "\n\n" in a["text"] and "\n\n\n" not in a["text"]
        assert not a["text"].startswith(("\n", " ")) and not a["text"].endswith(("\n", " "))
    assert 100 <= len({a["outlet"] for a in arts}) <= 300


def test_lengths(corpus: tuple[list[dict[str, str]], corpusgen.Gold]) -> None:
    lengths = [len(a["text"].split()) for a in corpus[0]]
    assert min(lengths) >= 150
    assert max(lengths) <= 900
    assert 330 <= statistics.median(lengths) <= 470


def test_every_article_in_exactly_one_story(
    gold: corpusgen.Gold, articles: dict[str, dict[str, str]]
) -> None:
    members = [a for ids in gold.stories.values() for a in ids]
    assert len(members) == len(set(members)) == N
    assert set(members) == set(articles)
    assert set(gold.topics) == set(gold.stories) == set(gold.places)
    assert set(gold.topics.values()) == set(corpusgen.TOPICS)


def test_links(gold: corpusgen.Gold, articles: dict[str, dict[str, str]]) -> None:
    story_of = gold.story_of()
    assert set(gold.relations) == set(corpusgen.RELATIONS)
    assert all(count > 0 for count in gold.relations.values()), gold.relations
    derived = [d for d, _, _ in gold.links]
    assert len(derived) == len(set(derived))  # one source per derived article
    for d, s, rel in gold.links:
        assert story_of[d] == story_of[s]
        late = (
            dt.date.fromisoformat(articles[d]["published"])
            - dt.date.fromisoformat(articles[s]["published"])
        ).days
        assert 0 <= late <= (7 if rel in ("rewrite", "same-story") else 3)
    # Every story of k articles has k - 1 links: one first report, the rest derived.
    linked = Counter(story_of[d] for d in derived)
    for sid, ids in gold.stories.items():
        assert linked[sid] == len(ids) - 1


def test_exact_copies(gold: corpusgen.Gold, articles: dict[str, dict[str, str]]) -> None:
    exact = pairs(gold, "exact")
    assert exact
    for d, s in exact:
        assert articles[d]["text"] == articles[s]["text"]
        assert articles[d]["outlet"] != articles[s]["outlet"]
    assert any(articles[d]["title"] != articles[s]["title"] for d, s in exact)


def test_near_duplicates(gold: corpusgen.Gold, articles: dict[str, dict[str, str]]) -> None:
    scores = []
    for d, s in pairs(gold, "near-duplicate"):
        assert articles[d]["text"] != articles[s]["text"]
        scores.append(jaccard(shingles(articles[d]["text"]), shingles(articles[s]["text"])))
    assert statistics.mean(scores) >= 0.7


def test_trimmed_copies_are_prefixes(
    gold: corpusgen.Gold, articles: dict[str, dict[str, str]]
) -> None:
    trimmed = pairs(gold, "trimmed")
    assert trimmed
    for d, s in trimmed:
        short, full = articles[d]["text"], articles[s]["text"]
        kept = shingles(short)
        assert len(kept & shingles(full)) / len(kept) >= 0.8
        share = short.count("\n\n") / full.count("\n\n")
        assert 0.2 <= share < 1
        assert short.split("\n\n")[0] == full.split("\n\n")[0] or len(short) < len(full)


def test_reordered_copies(gold: corpusgen.Gold, articles: dict[str, dict[str, str]]) -> None:
    for d, s in pairs(gold, "reordered"):
        a, b = articles[d]["text"].split("\n\n"), articles[s]["text"].split("\n\n")
        assert len(a) == len(b) and a != b
        assert jaccard(shingles(articles[d]["text"]), shingles(articles[s]["text"])) >= 0.4


def test_rewrites_share_some_shingles(
    gold: corpusgen.Gold, articles: dict[str, dict[str, str]]
) -> None:
    scores = [
        jaccard(shingles(articles[d]["text"]), shingles(articles[s]["text"]))
        for d, s in pairs(gold, "rewrite")
    ]
    assert len(scores) >= 20
    assert 0.1 <= statistics.mean(scores) <= 0.7


def test_same_story_reports_share_facts_not_shingles(
    gold: corpusgen.Gold, articles: dict[str, dict[str, str]]
) -> None:
    story_of = gold.story_of()
    same = pairs(gold, "same-story")
    assert len(same) >= 20
    scores = []
    for d, s in same:
        scores.append(jaccard(shingles(articles[d]["text"]), shingles(articles[s]["text"])))
        place = gold.places[story_of[d]]
        assert place.lower() in articles[d]["text"].lower()
        assert place.lower() in articles[s]["text"].lower()
    assert statistics.mean(scores) < 0.15


def test_distractor_stories(gold: corpusgen.Gold, articles: dict[str, dict[str, str]]) -> None:
    """Different stories of one topic, close in time, in different towns."""
    assert len(gold.distractors) >= 0.1 * len(gold.stories)

    def first_day(sid: str) -> dt.date:
        return min(dt.date.fromisoformat(articles[a]["published"]) for a in gold.stories[sid])

    for a, b in gold.distractors:
        assert a != b
        assert gold.topics[a] == gold.topics[b]
        assert gold.places[a] != gold.places[b]
        assert abs((first_day(a) - first_day(b)).days) <= 7
    # Many topics have such pairs, and they share vocabulary but few shingles.
    assert len({gold.topics[a] for a, _ in gold.distractors}) == len(corpusgen.TOPICS)
    scores = [
        jaccard(
            shingles(articles[gold.stories[a][0]]["text"]),
            shingles(articles[gold.stories[b][0]]["text"]),
        )
        for a, b in gold.distractors
    ]
    assert statistics.mean(scores) < 0.1


def test_story_sizes(gold: corpusgen.Gold) -> None:
    sizes = Counter(len(ids) for ids in gold.stories.values())
    singles = sizes[1] / N
    assert 0.35 <= singles <= 0.65
    multi = [k for k in sizes.elements() if k > 1]
    assert sum(2 <= k <= 5 for k in multi) / len(multi) >= 0.6
    assert any(k >= 10 for k in multi)
    assert max(multi) <= 50


def test_wire_stories_scale_with_n() -> None:
    big = corpusgen.gold(10_000, 1)  # the plan only: no text is generated
    story_of = big.story_of()
    largest = max(big.stories, key=lambda sid: len(big.stories[sid]))
    assert len(big.stories[largest]) == 100  # the wire story: max(100, 0.5% of n)
    rels = Counter(rel for d, _, rel in big.links if story_of[d] == largest)
    assert rels["exact"] + rels["near-duplicate"] >= 0.8 * sum(rels.values())
    assert max(len(ids) for ids in corpusgen.gold(5000, 1).stories.values()) <= 50


def test_related_articles_are_not_adjacent(
    corpus: tuple[list[dict[str, str]], corpusgen.Gold],
) -> None:
    arts, gold = corpus
    story_of = gold.story_of()
    order = [story_of[a["id"]] for a in arts]
    assert all(x != y for x, y in itertools.pairwise(order))


def test_zipf_vocabulary(corpus: tuple[list[dict[str, str]], corpusgen.Gold]) -> None:
    counts = Counter(w for a in corpus[0][:500] for w in WORD.findall(a["text"].lower()))
    freqs = sorted(counts.values(), reverse=True)
    assert len(freqs) > 3000
    # Rank-frequency slope over ranks 10..1000 on log-log axes is near -1.
    xs = [math.log(r) for r in range(10, 1000)]
    ys = [math.log(freqs[r - 1]) for r in range(10, 1000)]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    assert -1.5 <= slope <= -0.7


def test_a_shorter_span_packs_the_stories_into_fewer_days(
    corpus: tuple[list[dict[str, str]], corpusgen.Gold],
) -> None:
    """``span_days`` sets the calendar the stories start in, so a corpus can keep its
    density as it grows; the gold records it and survives its JSON."""

    def days(articles: list[dict[str, str]]) -> list[dt.date]:
        return [dt.date.fromisoformat(a["published"][:10]) for a in articles]

    packed, packed_gold = corpusgen.generate_corpus(N, SEED, span_days=30)
    start = dt.date(2023, 1, 1)
    first_reports = {a["id"] for a in packed} - {d for d, _, _ in packed_gold.links}
    packed_days = dict(zip((a["id"] for a in packed), days(packed), strict=True))
    assert max((packed_days[a] - start).days for a in first_reports) < 30
    assert max(days(packed)) - max(days(corpus[0])) < dt.timedelta(0)
    assert corpusgen.Gold.from_json(packed_gold.to_json()).span_days == 30
    assert corpus[1].span_days == corpusgen.SPAN_DAYS
    counts = Counter(days(packed))
    assert max(counts.values()) > 3 * max(Counter(days(corpus[0])).values())
