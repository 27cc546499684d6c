"""Direct-quote speaker attribution of newscollate, measured on PolNeAR.

PolNeAR (Newell et al., LREC 2018) annotates every attribution in 1,008
political news articles as brat standoff: a SOURCE span (absent for
``Attribution-no-source``), a CUE span and a CONTENT span, each possibly
discontinuous. The corpus is read in place from ``../shared/data/polnear``
(``--data`` overrides); never copy it into the repository. Usage:

    .venv/bin/python bench/polnear.py                # dev split, all 84 articles
    .venv/bin/python bench/polnear.py --limit 20 --errors 20

``--errors N`` prints N error cases (to the terminal only); ``--limit`` runs
write ``bench/results/polnear-limit.json`` so they never replace the full run.

Articles with several annotators' files (the agreement articles) use the file
of the alphabetically first annotator id, so each article is counted once.

Rules
-----
*Quoted text* (gold side, computed on the article text, independently of the
package): per line, a curly opening double quote opens a quoted region and
the curly closing one ends it; a straight double quote opens or closes it
alternately; a region still open at the end of a line runs to the end of that
line (the multi-paragraph quote convention). Single quotes are ignored (they
are also apostrophes). The marks belong to the region.

*Gold direct quote*: an attribution whose CONTENT has at least half of its
non-space characters inside quoted regions. Its gold span is the quoted part
of the content, marks excluded. Its gold speaker is the SOURCE text; direct
quotes without a SOURCE are counted apart and left out of speaker scoring.

*Match*: a predicted quote matches a gold direct quote when their character
overlap is at least half of the shorter of the two.

*Ignored predictions*: a predicted quote matching no gold direct quote but
lying at least half inside the CONTENT of another attribution (a partial quote
inside reported speech, "X said the plan was 'a disaster for everyone'") or in
a Discard/Discuss span is neither right nor spurious; such predictions are
counted apart. Every other unmatched prediction is a spurious quote. A
prediction matching a sourceless direct quote counts for detection only.

*Speaker*: the package's ``speaker`` field names an entity (its canonical name
is used) or holds the words found. It matches the gold SOURCE when its last
word appears, case-insensitively and as a whole word, among the source's
words (possessive ``'s`` removed): "Mike Pence" matches "Indiana Gov. Mike
Pence". When the gold source is only a pronoun ("he", "she", "they"...), the
gold name is the nearest earlier SOURCE span of the same article that holds a
proper noun (a capitalised word found mid-sentence and never in lower case in
the article). That stand-in for coreference is often wrong, so the figures are
also given apart for named and pronoun gold sources; the named ones are the
reliable measure. A predicted speaker that is itself an unresolved pronoun
never matches.

Scores: quote detection precision = predicted quotes matching a gold direct
quote / non-ignored predicted quotes; recall = gold direct quotes matched /
gold direct quotes. Speaker attribution scores (speaker, content) pairs:
predicted pairs are predicted quotes with a speaker, except ignored ones and
those matching only a sourceless gold quote; one is right
when its content matches a gold direct quote with a source and its speaker
matches that source; recall counts gold direct quotes with a source that at
least one right pair matches.

Offsets: the package ingests and cleans the text before segmenting it
(stripped lines, datelines and furniture lines removed), so the script runs
the real pipeline (``ingest.load`` over the split with the outlet as metadata,
``segment.document``, then ``facts.extract`` per article) and maps the cleaned
text's offsets back to the raw file line by line; the mapping is verified
character by character. Results go to ``bench/results/polnear.json``, with
the commit and the uncommitted changes under ``src`` they were measured on.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import newscollate
from newscollate.config import Settings
from newscollate.facts import extract
from newscollate.ingest import load
from newscollate.models import Article, Document
from newscollate.segment import document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"
RESULTS = ROOT / "bench" / "results"

Json = dict[str, Any]
Span = tuple[int, int]

DIRECT_SHARE = 0.5  # quoted share of the content's non-space characters
MATCH_OVERLAP = 0.5  # overlap / shorter span
PRONOUNS = frozenset(
    "he she they him her them his hers their i we me us my our you it this that".split()
)
_WORD = re.compile(r"[\w’'.-]+")


# ---------------------------------------------------------------- gold


@dataclass
class GoldQuote:
    id: str
    content: list[Span]  # the attribution's content fragments
    quoted: frozenset[int]  # offsets of the quoted characters of the content, marks excluded
    source: str | None
    source_start: int | None
    resolved: str | None = None  # the gold name behind a pronoun source


@dataclass
class Gold:
    direct: list[GoldQuote] = field(default_factory=list)
    other_contents: list[frozenset[int]] = field(default_factory=list)  # indirect attributions
    sourceless: list[frozenset[int]] = field(default_factory=list)
    discard: list[frozenset[int]] = field(default_factory=list)
    attributions: int = 0
    offset_errors: int = 0


def parse_ann(path: Path, text: str) -> Gold:
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[dict[str, str]] = []
    offset_errors = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind, _, offsets = parts[1].partition(" ")
            bounds = (f.split() for f in offsets.split(";"))
            fragments = [(int(a), int(b)) for a, b in bounds]
            if " ".join(text[a:b] for a, b in fragments) != parts[2]:
                offset_errors += 1
            spans[parts[0]] = (kind, fragments)
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            events.append(args)
    regions = quoted_offsets(text)
    gold = Gold(offset_errors=offset_errors)
    for kind, fragments in spans.values():
        if kind in ("Discard", "Discuss"):
            gold.discard.append(_offsets(fragments))
    for args in events:
        content = [f for role, tid in args.items() if role.startswith("Content") and tid in spans
                   for f in spans[tid][1]]  # fmt: skip
        if not content:
            continue
        gold.attributions += 1
        chars = _offsets(content)
        visible = {i for i in chars if not text[i].isspace()}
        quoted = frozenset(i for i in chars if i in regions and text[i] not in '"“”')
        if not visible or len(visible & regions) < DIRECT_SHARE * len(visible):
            gold.other_contents.append(chars)
            continue
        source_id = args.get("Source")
        if source_id not in spans:
            gold.sourceless.append(quoted)
            continue
        fragments = spans[source_id][1]
        source = " ".join(text[a:b] for a, b in fragments)
        gold.direct.append(GoldQuote(source_id, content, quoted, source, fragments[0][0]))
    _resolve_pronouns(gold, spans, text)
    return gold


def _resolve_pronouns(gold: Gold, spans: dict[str, tuple[str, list[Span]]], text: str) -> None:
    """A pronoun source stands for the nearest earlier named SOURCE span of the article."""
    named = sorted(
        (frags[0][0], " ".join(text[a:b] for a, b in frags))
        for kind, frags in spans.values()
        if kind == "Source"
    )
    proper = _proper_nouns(text)
    named = [(start, s) for start, s in named if any(w in proper for w in _WORD.findall(s))]
    for quote in gold.direct:
        if quote.source and is_pronoun(quote.source) and quote.source_start is not None:
            earlier = [s for start, s in named if start < quote.source_start]
            quote.resolved = earlier[-1] if earlier else None


def _proper_nouns(text: str) -> set[str]:
    """Capitalised words that occur mid-sentence and never in lower case: names, not
    sentence-initial common words ("Delegates", "Few")."""
    lower = set(re.findall(r"\b[a-z][\w’'-]*", text))
    mid = set(re.findall(r"(?<=[a-z,;]\s)[A-Z][\w’'.-]*", text))
    return {w for w in mid if w.lower() not in lower and w.lower() not in PRONOUNS}


def _offsets(fragments: Iterable[Span]) -> frozenset[int]:
    return frozenset(i for a, b in fragments for i in range(a, b))


def quoted_offsets(text: str) -> frozenset[int]:
    """Offsets inside double-quoted regions (marks included), by the rule in the docstring."""
    inside: set[int] = set()
    for line in re.finditer(r"[^\n]+", text):
        opened: int | None = None
        for i, ch in enumerate(line.group(), line.start()):
            if opened is None and ch in '"“':
                opened = i
            elif opened is not None and ch in '"”':
                inside.update(range(opened, i + 1))
                opened = None
        if opened is not None:
            inside.update(range(opened, line.end()))
    return frozenset(inside)


def is_pronoun(source: str) -> bool:
    words = [w.lower() for w in _WORD.findall(source)]
    return bool(words) and all(w in PRONOUNS for w in words)


# ---------------------------------------------------------------- predictions


@dataclass(frozen=True)
class Predicted:
    start: int  # offsets into the raw article text
    end: int
    speaker: str | None


def offset_map(raw: str, cleaned: str) -> list[int]:
    """Raw offset of every cleaned character: cleaning keeps lines (stripped, or a dateline's
    remainder) in order and drops others, so each kept line is found in turn."""
    mapping = [0] * (len(cleaned) + 1)
    cursor = 0
    pos = 0
    for line in cleaned.split("\n"):
        if line:
            at = raw.find(line, cursor)
            if at < 0:
                raise ValueError("cleaned line not found in the raw text")
            mapping[pos : pos + len(line)] = range(at, at + len(line))
            cursor = at + len(line)
        if pos + len(line) < len(cleaned):
            mapping[pos + len(line)] = cursor  # the newline
        pos += len(line) + 1
    mapping[len(cleaned)] = cursor
    for i, ch in enumerate(cleaned):
        if ch != "\n" and raw[mapping[i]] != ch:
            raise ValueError("offset map does not reproduce the cleaned text")
    return mapping


def predict(doc: Document, raw: str) -> list[Predicted]:
    factset = extract([doc])
    names = {e.id: e.name for e in factset.entities}
    mapping = offset_map(raw, doc.text)
    return [
        Predicted(
            mapping[f.start],
            mapping[f.end - 1] + 1,
            names.get(f.speaker, f.speaker) if f.speaker else None,
        )
        for f in factset.facts
        if f.kind == "quote"
    ]


# ---------------------------------------------------------------- scoring


def overlaps(a: frozenset[int], b: frozenset[int]) -> bool:
    shorter = min(len(a), len(b))
    return shorter > 0 and len(a & b) >= MATCH_OVERLAP * shorter


def inside(a: frozenset[int], region: frozenset[int]) -> bool:
    return bool(a) and len(a & region) >= MATCH_OVERLAP * len(a)


def words(text: str) -> list[str]:
    return [re.sub(r"['’]s$", "", w.lower()).strip(".-") for w in _WORD.findall(text)]


def _pronoun_source(quote: GoldQuote) -> bool:
    return bool(quote.source) and is_pronoun(quote.source or "")


def speaker_matches(predicted: str, quote: GoldQuote) -> bool:
    if is_pronoun(predicted):
        return False
    last = words(predicted)[-1:]
    target = quote.resolved if quote.source and is_pronoun(quote.source) else quote.source
    return bool(last and target) and last[0] in words(target or "")


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, article, detail)


def score_article(
    name: str, raw: str, gold: Gold, predicted: Sequence[Predicted], t: Tally
) -> None:
    c = t.counts
    c["articles"] += 1
    c["gold_attributions"] += gold.attributions
    c["gold_direct"] += len(gold.direct) + len(gold.sourceless)
    c["gold_direct_with_source"] += len(gold.direct)
    c["gold_direct_sourceless"] += len(gold.sourceless)
    c["predicted_quotes"] += len(predicted)
    c["offset_errors"] += gold.offset_errors
    spans = [frozenset(range(p.start, p.end)) for p in predicted]
    matched: list[list[GoldQuote]] = [
        [q for q in gold.direct if overlaps(s, q.quoted)] for s in spans
    ]
    sourceless_hit = [[g for g in gold.sourceless if overlaps(s, g)] for s in spans]
    for s, p, hits, none_hits in zip(spans, predicted, matched, sourceless_hit, strict=True):
        if hits or none_hits:
            c["predicted_matched"] += 1
            c["predicted_considered"] += 1
            if hits and p.speaker:
                right = any(speaker_matches(p.speaker, q) for q in hits)
                c["predicted_pairs"] += 1
                c["pairs_right"] += right
                group = "pronoun" if all(_pronoun_source(q) for q in hits) else "named"
                c[f"pairs_{group}"] += 1
                c[f"pairs_{group}_right"] += right
            elif not hits:  # a quote with no source: detection only
                c["predicted_on_sourceless"] += 1
                c["sourceless_given_speaker"] += bool(p.speaker)
            continue
        if any(inside(s, r) for r in gold.other_contents):
            c["ignored_inside_indirect"] += 1
        elif any(inside(s, r) for r in gold.discard):
            c["ignored_discard"] += 1
        else:
            c["predicted_considered"] += 1
            c["err_spurious_quote"] += 1
            if p.speaker:
                c["predicted_pairs"] += 1
                c["spurious_with_speaker"] += 1
            t.examples.append(("spurious quote", name, _show(raw, p.start, p.end, p.speaker)))
    for g in gold.sourceless:
        c["gold_direct_matched"] += any(g in hits for hits in sourceless_hit)
    for q in gold.direct:
        preds = [p for p, hits in zip(predicted, matched, strict=True) if q in hits]
        first = min(q.quoted) if q.quoted else q.content[0][0]
        last = max(q.quoted) + 1 if q.quoted else q.content[-1][1]
        gold_who = q.source + (f" (= {q.resolved})" if q.resolved else "") if q.source else "-"
        group = "pronoun" if _pronoun_source(q) else "named"
        c[f"gold_{group}"] += 1
        if not preds:
            c["err_quote_not_found"] += 1
            t.examples.append(("quote not found", name, _show(raw, first, last, None, gold_who)))
            continue
        c["gold_direct_matched"] += 1
        if any(p.speaker and speaker_matches(p.speaker, q) for p in preds):
            c["gold_pairs_recalled"] += 1
            c[f"gold_{group}_recalled"] += 1
            continue
        said = [p.speaker for p in preds if p.speaker]
        if not said:
            c["err_no_speaker"] += 1
            kind = "no speaker"
        else:
            c["err_wrong_speaker"] += 1
            kind = "wrong speaker"
            if all(is_pronoun(s) for s in said):
                c["err_wrong_speaker_of_which_unresolved_pronoun"] += 1
        t.examples.append((kind, name, _show(raw, first, last, ", ".join(said) or None, gold_who)))


def _show(raw: str, start: int, end: int, speaker: str | None, gold: str | None = None) -> str:
    quote = raw[start:end].replace("\n", " ")
    quote = quote if len(quote) <= 90 else quote[:60] + " ... " + quote[-25:]
    after = raw[end : end + 70].split("\n")[0]
    before = raw[max(0, start - 50) : start].split("\n")[-1]
    who = f"predicted={speaker!r}" + (f" gold={gold!r}" if gold else "")
    return f"{who}\n      ...{before}[[{quote}]]{after}..."


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def f1(p: float | None, r: float | None) -> float | None:
    return round(2 * p * r / (p + r), 4) if p and r else None


def figures(c: Counter[str]) -> Json:
    qp = ratio(c["predicted_matched"], c["predicted_considered"])
    qr = ratio(c["gold_direct_matched"], c["gold_direct"])
    sp = ratio(c["pairs_right"], c["predicted_pairs"])
    sr = ratio(c["gold_pairs_recalled"], c["gold_direct_with_source"])
    by_source = {}
    for group in ("named", "pronoun"):
        gp = ratio(c[f"pairs_{group}_right"], c[f"pairs_{group}"])
        gr = ratio(c[f"gold_{group}_recalled"], c[f"gold_{group}"])
        by_source[group] = {"precision": gp, "recall": gr, "f1": f1(gp, gr)}
    return {
        "quote_detection": {"precision": qp, "recall": qr, "f1": f1(qp, qr)},
        "speaker_attribution": {"precision": sp, "recall": sr, "f1": f1(sp, sr)},
        # by the gold source: a name or description ("named"), or a pronoun; precision here
        # is over the predicted pairs whose quote matched such a gold quote (no spurious ones)
        "speaker_attribution_by_source": by_source,
        "counts": {k: c[k] for k in sorted(c) if not k.startswith("err_")},
        "errors": {k.removeprefix("err_"): c[k] for k in sorted(c) if k.startswith("err_")},
    }


# ---------------------------------------------------------------- driver


def articles(split_dir: Path, limit: int | None) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs; one annotator's file per article, the first id in order."""
    pairs = []
    for text in sorted((split_dir / "text").glob("*.txt")):
        anns = sorted((split_dir / "attributions").glob(f"{text.stem}_*.ann"))
        if anns:
            pairs.append((text, anns[0]))
    return pairs[:limit] if limit else pairs


def run(data: Path, split: str, limit: int | None) -> tuple[Json, Tally]:
    files = articles(data / split, limit)
    raw = {t.stem: t.read_text(encoding="utf-8") for t, _ in files}
    inputs = [Article(text=raw[t.stem], id=t.stem, outlet=t.stem.split("_")[0]) for t, _ in files]
    loaded = load(inputs, Settings())  # 1: ingest (as compare does it, outlet furniture included)
    docs = {c.article.id: document(c) for c in loaded.articles}  # 2: segment
    tally = Tally()
    skipped = [t.stem for t, _ in files if t.stem not in docs]
    for text_path, ann_path in files:
        if text_path.stem not in docs:
            continue
        text = raw[text_path.stem]
        gold = parse_ann(ann_path, text)
        predicted = predict(docs[text_path.stem], text)  # 6: facts, per article
        score_article(text_path.stem, text, gold, predicted, tally)
    result = figures(tally.counts)
    result["skipped_articles"] = len(skipped)
    return result, tally


def table(result: Json) -> str:
    q, s, c, e = (result[k] for k in ("quote_detection", "speaker_attribution", "counts", "errors"))

    def pct(x: float | None) -> str:
        return "-" if x is None else f"{100 * x:.1f}"

    rows = [
        "| task | precision | recall | F1 |",
        "|---|---:|---:|---:|",
        f"| direct quote detection | {pct(q['precision'])} | {pct(q['recall'])} | {pct(q['f1'])} |",
        f"| speaker attribution (speaker, quote) | {pct(s['precision'])} | {pct(s['recall'])} "
        f"| {pct(s['f1'])} |",
        *(
            f"| - gold source {g} ({result['counts'].get(f'gold_{g}', 0)} quotes) "
            f"| {pct(v['precision'])} | {pct(v['recall'])} | {pct(v['f1'])} |"
            for g, v in result["speaker_attribution_by_source"].items()
        ),
        "",
        f"articles {c.get('articles', 0)}, attributions {c.get('gold_attributions', 0)}, "
        f"gold direct quotes {c.get('gold_direct', 0)} "
        f"({c.get('gold_direct_with_source', 0)} with a source, "
        f"{c.get('gold_direct_sourceless', 0)} without), "
        f"predicted quotes {c.get('predicted_quotes', 0)} "
        f"(ignored: {c.get('ignored_inside_indirect', 0)} inside indirect attributions, "
        f"{c.get('ignored_discard', 0)} in discarded spans)",
        "errors: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in e.items()),
    ]
    return "\n".join(rows)


def _git_state() -> Json:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    changed = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines()]
    return {"commit": git("rev-parse", "--short", "HEAD").strip() or None, "src_changes": changed}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR data directory")
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--errors", type=int, default=0, help="print N error examples")
    parser.add_argument("--out", type=Path, default=None, help="results file (default bench/results/polnear.json)")  # fmt: skip
    args = parser.parse_args(argv)
    if not (args.data / args.split / "attributions").is_dir():
        parser.error(f"no PolNeAR {args.split} split under {args.data}")
    began = time.perf_counter()
    result, tally = run(args.data, args.split, args.limit)
    seconds = round(time.perf_counter() - began, 1)
    record = {
        "benchmark": "PolNeAR direct-quote speaker attribution",
        "split": args.split,
        "limit": args.limit,
        "articles": result["counts"].get("articles", 0),
        "newscollate": newscollate.__version__,
        "seconds": seconds,
        "git": _git_state(),
        "rules": {"direct_quote_share": DIRECT_SHARE, "match_overlap": MATCH_OVERLAP},
        **result,
    }
    out = args.out or RESULTS / ("polnear.json" if not args.limit else "polnear-limit.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    print(f"{seconds} s; written to {out}")
    for kind, name, detail in tally.examples[: args.errors]:
        print(f"\n[{kind}] {name}: {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
