"""Direct quotes with their speakers and second-hand attributions.

Quotes are found on the whole text, not per sentence, because quotes span
sentences ("“I don’t think it’s rushed. I think he’s careful,” said X.").
Marks: straight and curly double quotes, guillemets, and low-high German
quotes. A closing mark with no opening one before it in its paragraph (scrapers
drop opening marks) opens at the paragraph start. Paragraphs that a scraper
left without marks are quotes when an attribution line follows them ("...
bloodshed / Zelensky said at a forum.").

The speaker comes from the attribution next to the quote: "..., X said",
"said X, the ...", "X (D-Wis.), the ..., said", "...” ― X", "X told reporters",
or before it: "X said: ...", "X said that ...", "X said:" on a line of its own,
"X ..., saying, ...". After a quote that ends its sentence, only a short
sentence counts as its attribution. A quote with no attribution of its own goes
on from the quote before it in the same paragraph ("“...,” she said. “...”") or
from a quote left open at the end of the paragraph before. A pronoun ("he
said") is left to the caller to resolve against the nearest named person
before it (``speaker_at`` says where the pronoun is).
Second-hand sources ("quoted the AFP", "the Kyiv Post reported", "according to
Reuters") are kept as ``attribution``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", '"': '"'}
_VERBS = (
    r"said|says|say|added|adds|told(?:\s+\w+){0,2}|tells|stated|states|argued|argues|claimed|claims|"
    r"insisted|insists|warned|warns|explained|explains|noted|notes|declared|declares|wrote|writes|"
    r"tweeted|tweets|stressed|stresses|suggested|suggests|asked|asks|answered|answers|replied|replies|"
    r"continued|continues|concluded|concludes|admitted|admits|acknowledged|acknowledges|recalled|"
    r"recalls|believes|thinks|cautioned|cautions|responded|responds|demanded|demands|boasted|boasts|"
    r"announced|announces|joked|jokes|quipped|quips|complained|complains|conceded|concedes|"
    r"countered|counters|predicted|predicts|promised|promises|vowed|vows|urged|urges|"
    r"emphasi[sz]ed|emphasi[sz]es|reiterated|reiterates|testified|testifies|shouted|shouts|yelled|"
    r"yells|called|calls|described|describes"
)
_NAME = r"(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|bin))*"
_PRONOUN = r"(?:he|she|they|He|She|They)"
# Between a name and its verb: a party tag "(D-Wis.)", an apposition ", the mayor of X,".
_PAREN = r"(?:\s*\([^()\n]{1,30}\))?"
_APPOSITION = r"(?:,\s(?:(?!\.\s)[^“”\"«»\n]){1,120}?,)?"
_PREP = r"\s(?:for|at|in|on|from|with|to|during|after|before)\b"  # "said Ann Lee for Morning Post"
_AFTER = re.compile(
    rf"^[\s,.;:!?–—-]*(?:"
    rf"(?P<pron>{_PRONOUN})\s+(?:{_VERBS})\b"
    rf"|(?:{_VERBS})\s+(?:[\w'’.-]+\s+){{0,4}}?(?P<name_after>{_NAME})(?=\s*(?:[,.;:!?()\n]|$)|{_PREP})"
    rf"|(?:[\w'’.-]+\s+){{0,6}}?(?P<name_before>{_NAME}){_PAREN}{_APPOSITION}\s+(?:{_VERBS})\b"
    rf"|(?:{_VERBS})\s+(?P<pron_after>he|she|they)\b"
    rf"|[―—–-]+\s*(?P<name_dash>{_NAME})(?=\s*(?:[,.;(\n]|$))"  # a signed quote: "...” ― Ann Lee"
    r")"
)
# "X said: “", "X said that “", "X, at a briefing, said the plan was “": the verb may be
# followed by a few words of the same sentence before the quote opens.
_BEFORE = re.compile(
    rf"(?:\b(?P<pron>{_PRONOUN})|(?P<name>{_NAME})){_PAREN}{_APPOSITION}\s+(?:{_VERBS})\b"
    r"[^.!?;“”\"«»\n]{0,80}\.?$"  # "..., Schiff said. “The other factor ...”"
)
# "Trump boasted, saying, “": the subject that opens the sentence.
_PARTICIPLE = re.compile(r",\s+(?:saying|adding|asking|tweeting|writing|telling\s+\w+)[,:]?$")
_SUBJECT = re.compile(rf"(?:\b(?P<pron>{_PRONOUN})|(?P<name>{_NAME}))\s+[a-z]")
_CUT_AT_DOT = re.compile(r"\b(?:[A-Z]|Rep|Sen|Gov|Del|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Capt|Sgt|Jr|St)$")
_ENDS_SENTENCE = re.compile(r"[.!?…]['’]?$")
_SECOND_HAND = re.compile(
    rf"(?:quoted(?:\s+by)?\s+(?:the\s+)?(?P<q>{_NAME})"
    rf"|(?:the\s+)?(?P<r>{_NAME})\s+(?:reported|reports|wrote)"
    rf"|according to\s+(?:the\s+)?(?P<a>{_NAME}))"
)
_TITLES = re.compile(
    r"^(?:(?:Gen\.?|General|President|"
    r"Prime|Minister|Secretary(?:\s+of\s+State)?|Senator|Sen\.?|Rep\.?|Representative|Governor|"
    r"Gov\.?|Del\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|Professor|"
    r"Spokesman|Spokeswoman|Judge|Mayor|Chairman|Director|Captain|Capt\.?|Lt\.?|Col\.?)\s+)+"
)
_NOT_NAMES = frozenset(
    """it this that these those the a an i we you there here some others in on at after before
    but and when while as if for during since with""".split()
)
_MIN_QUOTE_WORDS = 3


@dataclass(frozen=True, slots=True)
class QuoteMention:
    start: int  # the quoted words, marks excluded
    end: int
    speaker: str | None  # a name as written, without titles, or a pronoun
    pronoun: bool
    attribution: str | None  # second-hand source: "AFP", "the Kyiv Post"
    speaker_at: int | None = None  # where the speaker's words are in the text


def find_quotes(text: str) -> list[QuoteMention]:
    spans = _marked(text) + _unmarked(text)
    quotes = []
    previous: tuple[int, int, _Speaker] | None = None  # end, tail_from, speaker
    for start, end, tail_from in sorted(spans):
        found = _speaker(text, start, end, tail_from)
        if found[0] is None and previous and _continues(text, previous[0], previous[1], start):
            found = previous[2]  # "“...,” she said. “...”": the same speaker goes on
        previous = (end, tail_from, found)
        if len(text[start:end].split()) < _MIN_QUOTE_WORDS:
            continue  # scare quotes: a word or two, not a statement
        speaker, pronoun, at = found
        attribution = _attribution(text, start, tail_from)
        quotes.append(QuoteMention(start, end, speaker, pronoun, attribution, at))
    return quotes


def _continues(text: str, end: int, tail_from: int, start: int) -> bool:
    """Whether a quote opening at ``start`` goes on with the quote before it: later in the same
    paragraph ("“...,” she said. “...”"), or as the next paragraph of a quote left open."""
    if tail_from == end:  # left open at the end of its paragraph
        return re.fullmatch(r"\s*\n\s*[“\"«„]\s*", text[end:start]) is not None
    gap = text[tail_from:start]
    return "\n" not in gap and len(gap) <= 200


def _marked(text: str) -> list[tuple[int, int, int]]:
    spans: list[tuple[int, int, int]] = []
    for para_start, para in _paragraphs(text):
        i = 0
        while i < len(para):
            ch = para[i]
            if ch in _OPEN_CLOSE and (ch != '"' or _opens(para, i)):
                close = para.find(_OPEN_CLOSE[ch], i + 1)
                if ch == "“" and close < 0:
                    close = para.find('"', i + 1)
                if close < 0:
                    end = len(para.rstrip())
                    spans.append((para_start + i + 1, para_start + end, para_start + end))
                    break
                spans.append((para_start + i + 1, para_start + close, para_start + close + 1))
                i = close + 1
                continue
            closing = ch in "”»" or (ch == '"' and not _opens(para, i))
            if closing and not any(s <= para_start + i <= e + 1 for s, e, _ in spans):
                spans.append((para_start, para_start + i, para_start + i + 1))
            i += 1
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e, t) for s, e, t in spans]


def _opens(para: str, i: int) -> bool:
    """A straight double quote opens when it starts a word: at the start, or after space or a dash."""
    return i == 0 or para[i - 1] in " \t(—–-[:"


def _unmarked(text: str) -> list[tuple[int, int, int]]:
    """A paragraph without quote marks or final punctuation, followed by an attribution line."""
    spans = []
    paragraphs = _paragraphs(text)
    for (start, para), (next_start, following) in pairwise(paragraphs):
        body = para.rstrip()
        if any(m in body for m in '“”"«»') or body.endswith((".", "!", "?", ":")):
            continue
        if len(body.split()) >= 6 and _AFTER.match(following) and len(following.split()) <= 12:
            spans.append((start, start + len(body), next_start))
    return spans


def _paragraphs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


_Speaker = tuple[str | None, bool, int | None]  # name or pronoun, is a pronoun, offset


def _speaker(text: str, start: int, end: int, tail_from: int) -> _Speaker:
    tail = text[tail_from : tail_from + 160].split("\n\n")[0]
    if (m := _AFTER.match(tail)) and _attributes(text[start:end], tail):
        for group in ("pron", "pron_after", "name_after", "name_before", "name_dash"):
            if name := m.group(group):
                if group == "name_after" and _CUT_AT_DOT.search(name):
                    # "said Rep. Jo Ames of Ohio": the match stopped at a dot inside the name
                    name = re.match(_NAME, tail[m.start(group) :]).group()  # type: ignore[union-attr]
                return _name_or_pronoun(name, tail_from + m.start(group))
    head_from = max(0, start - 160)
    lines = text[head_from : max(0, start - 1)].split("\n")
    head, head_from = lines[-1], head_from + len("\n".join(lines[:-1])) + (len(lines) > 1)
    if not head.strip(' “"«') and len(lines) > 1:  # "X said:" as a line of its own
        k = next((k for k in range(len(lines) - 2, -1, -1) if lines[k].strip()), 0)
        lead = lines[k].rstrip()
        head = lead[:-1] if lead.endswith(":") else ""
        head_from = max(0, start - 160) + len("\n".join(lines[:k])) + (k > 0)
    head = head.rstrip(' “"«')
    if _PARTICIPLE.search(head):
        sentence_at = max((m.end() for m in re.finditer(r"[.!?]\s+", head)), default=0)
        m = _SUBJECT.match(head, sentence_at)
    else:
        m = _BEFORE.search(head)
    if m:
        group = "pron" if m.group("pron") else "name"
        return _name_or_pronoun(m.group(group), head_from + m.start(group))
    return None, False, None


def _attributes(quoted: str, tail: str) -> bool:
    """Whether the words after a quote can be its attribution. After a quote that ends its
    sentence ("...address.”) a new sentence can only be a short one ("Husted said on Friday.");
    "He said that if “...”" or "Russia insisted that Pyongyang “...”" start something else."""
    if not _ENDS_SENTENCE.search(quoted.rstrip()):
        return True
    sentence = re.split(r"(?<=[.!?])\s", tail.strip().split("\n")[0], maxsplit=1)[0]
    return len(sentence.split()) <= 12 and not any(m in sentence for m in '“”"«»')


def _name_or_pronoun(name: str, at: int) -> _Speaker:
    """A name as matched may run over a sentence end ("Monday. He"): keep what follows it."""
    kept = re.split(r"(?<=[a-z]{3})\.\s+", name)[-1]
    at += len(name) - len(kept)
    if re.fullmatch(_PRONOUN, kept):
        return kept.lower(), True, at
    cleaned = _clean_name(kept)
    return cleaned, False, at if cleaned else None


def _clean_name(name: str) -> str | None:
    name = _TITLES.sub("", name.strip()).strip(" ,.")
    name = re.sub(r"['’]s$", "", name)
    return name if name and name.lower() not in _NOT_NAMES else None


def _attribution(text: str, start: int, tail_from: int) -> str | None:
    tail = text[tail_from : tail_from + 120].split("\n")[0]
    if m := _SECOND_HAND.search(tail):
        source = m.group("q") or m.group("r") or m.group("a")
        return _clean_name(source)
    return None
