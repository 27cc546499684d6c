"""A small stopword-profile language guesser.

Enough to tell which of the common news languages an article is in, so that
reports can say it and later stages can refuse to compare across languages with
an English-only model. It answers ``None`` rather than guess on short or mixed
text. HTML pages that declare a language keep the declared one.
"""

from __future__ import annotations

from newscollate.ingest.normalize import fold, words

_PROFILES: dict[str, frozenset[str]] = {
    lang: frozenset(ws.split())
    for lang, ws in {
        "en": "the of and to in is that for on with as was said it by at from his he are have has but not be this which were an their who they will",
        "de": "der die und das ist nicht den von zu mit sich des auf für im dem eine ein als auch es an werden aus er hat dass sie nach wird bei einer um",
        "fr": "le la les de des et est un une du en que qui dans pour pas sur au par il a ne plus se ce avec sont elle ont été aux",
        "es": "el la los las de del y en que un una por con para es no se su al lo como más pero sus le ha fue este esta son entre",
        "it": "il la di che e è un una per non in del della le gli sono con da si al dei ha più nel anche come alla questo",
        "pt": "o a os as de do da dos das e em que um uma para com não no na por se mais ao foi é pelo pela seu sua como",
        "nl": "de het een en van in is dat op te zijn met voor niet aan er die ook als bij door om naar werd heeft",
        "pl": "i w na z że do się nie jest to o jak po od za przez ale dla był tak jego które są oraz",
        "tr": "ve bir bu da de için ile olarak çok daha en gibi ama olan kadar sonra ancak göre ise değil",
        "hu": "a az és hogy nem is egy meg de csak már van volt ez mint még el ki be fel után szerint",
    }.items()
}
_MIN_WORDS = 12
_MIN_SHARE = 0.08


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the likeliest language, or ``None`` when unsure."""
    tokens = words(fold(text[:20000]))
    if len(tokens) < _MIN_WORDS:
        return None
    scores = {
        lang: sum(t in profile for t in tokens) / len(tokens) for lang, profile in _PROFILES.items()
    }
    best, share = max(scores.items(), key=lambda kv: kv[1])
    runner_up = max(v for k, v in scores.items() if k != best)
    if share < _MIN_SHARE or share < 1.3 * runner_up:
        return None
    return best
