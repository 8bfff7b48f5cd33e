"""Text normalisation and finding extraction with negation (a small NegEx-style scanner).

Free text (a presentation, a result such as "Troponin I: 2.3 ng/mL (elevated)") becomes a map
finding id -> present (True) / absent (False). Phrases come from a lexicon of token tuples; lab
analytes ("troponin", "ferritin") take their direction from words in the same clause.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from diagnosis.vocabulary import american

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*|[.;:!?()]|,|\u2191|\u2193")
CLAUSE_END = {".", ";", "!", "?", "(", ")"}
# Words that end a negation scope even without punctuation.
TERMINATORS = {
    "but",
    "however",
    "although",
    "though",
    "except",
    "apart",
    "aside",
    "which",
    "who",
    "while",
    "whereas",
    "yet",
    "showed",
    "shows",
    "revealed",
    "reveals",
    "demonstrated",
    "with",
    # a new assertion verb: "no fever, reports cough" (NegEx pseudo-terminations)
    "report",
    "reports",
    "reported",
    "complains",
    "complained",
    "endorses",
    "endorsed",
    "admits",
    "admitted",
    "describes",
    "described",
    "notes",
    "noted",
    "presents",
    "presented",
    "has",
    "had",
}
PRE_NEGATION = [
    ("no",),
    ("not",),
    ("denies",),
    ("denied",),
    ("deny",),
    ("denying",),
    ("without",),
    ("negative", "for"),
    ("free", "of"),
    ("absence", "of"),
    ("absent",),
    ("never",),
    ("nor",),
    ("ruled", "out"),
    ("rules", "out"),
    ("no", "evidence", "of"),
    ("no", "signs", "of"),
    ("none",),
    ("neither",),
    ("resolution", "of"),
    ("unremarkable", "for"),
    ("non",),
]
POST_NEGATION = [
    ("negative",),
    ("absent",),
    ("not", "present"),
    ("not", "seen"),
    ("not", "detected"),
    ("not", "found"),
    ("ruled", "out"),
    ("unremarkable",),
    ("normal",),
    ("within", "normal", "limits"),
    ("wnl",),
    ("were", "not", "found"),
    ("was", "not", "found"),
    ("not", "observed"),
    ("excluded",),
    ("undetectable",),
]
HIGH_WORDS = {
    "elevated",
    "high",
    "raised",
    "increased",
    "positive",
    "present",
    "detected",
    "reactive",
    "abnormal",
    "\u2191",
    "markedly",
    "significantly",
    "prolonged",
    "above",
    "hyper",
}
LOW_WORDS = {
    "low",
    "decreased",
    "reduced",
    "depressed",
    "diminished",
    "\u2193",
    "below",
    "deficient",
    "hypo",
}
NORMAL_WORDS = {
    "normal",
    "negative",
    "unremarkable",
    "nonreactive",
    "undetectable",
    "wnl",
    "absent",
}


def fold(text: str) -> str:
    """Lower-case, strip accents, British -> American spelling (diagnosis/vocabulary/spelling)."""
    if not text.isascii():
        text = text.replace("\u00b0", " ")  # "38.9°C" -> "38.9 C"
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return american(text.lower().replace("_", " "))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _singular(tok: str) -> str:
    if len(tok) > 4 and tok.endswith("ies"):
        return tok[:-3] + "y"
    if len(tok) > 3 and tok.endswith("s") and not tok.endswith(("ss", "us", "is", "sis")):
        return tok[:-1]
    return tok


def phrase_key(text: str) -> tuple[str, ...]:
    """The lookup key of a phrase: folded tokens, singular, punctuation dropped."""
    return tuple(_singular(t) for t in tokens(text) if t.isalnum() or "." in t or "'" in t)


def normalise_name(text: str) -> str:
    """A disease or test name as a comparable string: 'Crohn’s Disease' -> 'crohn disease'."""
    toks = [t.replace("'", "") for t in phrase_key(text)]
    toks = [
        t[:-1] if t.endswith("s") and len(t) > 3 and t[:-1] in _POSSESSIVE_STEMS else t
        for t in toks
    ]
    return " ".join(toks)


_POSSESSIVE_STEMS = {
    "crohn",
    "hodgkin",
    "parkinson",
    "alzheimer",
    "graves",
    "addison",
    "cushing",
    "bell",
    "wilm",
    "kaposi",
    "huntington",
    "wernicke",
    "sjogren",
    "raynaud",
    "reiter",
    "still",
    "wegener",
    "barrett",
    "meniere",
    "hashimoto",
    "kawasaki",
    "paget",
    "behcet",
    "pott",
}


# Unit rescue for numbers reported in another unit than the rule's (the value's size tells which).
CONVERSIONS = {
    "fahrenheit": lambda v: (v - 32) * 5 / 9 if v > 50 else v,
    "per_ul": lambda v: v / 1000 if v > 1000 else v,
    "g_per_l": lambda v: v / 10 if v > 25 else v,
    "glucose_mmol": lambda v: v * 18 if v < 35 else v,
    "creatinine_umol": lambda v: v / 88.4 if v > 20 else v,
    "calcium_mmol": lambda v: v * 4 if v < 5 else v,
}
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_FILLER = {":", "=", "of", "is", "was", "level", "count", "at", "a", "the", "measured", "mean"}


@dataclass(frozen=True)
class NumericRule:
    low: float | None
    high: float | None
    convert: str = ""


@dataclass
class Lexicon:
    """Phrase -> finding id, and lab analytes -> finding ids by direction (high, low, positive)."""

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    analytes: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict)
    numeric: dict[tuple[str, ...], NumericRule] = field(default_factory=dict)
    max_len: int = 1

    def add_phrase(self, text: str, finding_id: str, *, override: bool = False) -> None:
        key = phrase_key(text)
        if not key:
            return
        if override or key not in self.phrases:
            self.phrases[key] = finding_id
            self.max_len = max(self.max_len, len(key))

    def add_analyte(self, text: str, directions: Mapping[str, str]) -> None:
        key = phrase_key(text)
        if key:
            self.analytes.setdefault(key, {}).update(directions)
            self.max_len = max(self.max_len, len(key))

    def add_numeric(self, text: str, rule: NumericRule) -> None:
        key = phrase_key(text)
        if key in self.analytes:
            self.numeric[key] = rule


def _starts(toks: list[str], i: int, patterns: Iterable[tuple[str, ...]]) -> int:
    for pat in patterns:
        if tuple(toks[i : i + len(pat)]) == pat:
            return len(pat)
    return 0


def _clause_end(toks: list[str], i: int) -> int:
    j = i
    while j < len(toks) and toks[j] not in CLAUSE_END:
        j += 1
    return j


LIST_SCOPE = 6  # tokens a negation reaches past each negated finding of a list


def extract_findings(text: str, lexicon: Lexicon, *, max_scope: int = 12) -> dict[str, bool]:
    """Findings mentioned in text: id -> True (present) or False (negated). Present wins a tie."""
    raw = tokens(text)
    toks = [_singular(t) if t.isalnum() else t for t in raw]
    out: dict[str, bool] = {}
    negated_until = -1
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        if tok in CLAUSE_END or tok in TERMINATORS:
            negated_until = -1
            i += 1
            continue
        neg_len = _starts(toks, i, PRE_NEGATION)
        if neg_len:
            negated_until = min(_clause_end(toks, i), i + neg_len + max_scope)
            i += neg_len
            continue
        match_len, finding, directions = _longest_match(toks, i, lexicon)
        if not match_len:
            i += 1
            continue
        end = i + match_len
        if directions is not None:
            _read_analyte(toks, end, directions, out, lexicon.numeric.get(tuple(toks[i:end])))
        elif finding is not None:
            negated = i < negated_until
            present = not negated and not _post_negated(toks, end)
            out[finding] = out.get(finding, False) or present
            if (
                negated
            ):  # a negated list goes on ("denies fever, chills, weight loss or night sweats")
                negated_until = max(negated_until, min(_clause_end(toks, i), end + LIST_SCOPE))
        i = end
    return out


def _longest_match(
    toks: list[str], i: int, lexicon: Lexicon
) -> tuple[int, str | None, dict[str, str] | None]:
    for length in range(min(lexicon.max_len, len(toks) - i), 0, -1):
        key = tuple(toks[i : i + length])
        if key in lexicon.analytes:
            return length, None, lexicon.analytes[key]
        if key in lexicon.phrases:
            return length, lexicon.phrases[key], None
    return 0, None, None


def _post_negated(toks: list[str], end: int, window: int = 5) -> bool:
    stop = min(_clause_end(toks, end), end + window)
    j = end
    while j < stop:
        if toks[j] in TERMINATORS or toks[j] == ",":
            return False
        if toks[j] in ("is", "was", "were", "are", "be", "been", "appears", "appeared", ":"):
            j += 1
            continue
        return bool(_starts(toks, j, POST_NEGATION))
    return False


def _number_after(toks: list[str], end: int) -> tuple[float, int] | None:
    j = end
    while j < len(toks) and j < end + 4 and toks[j] in _FILLER:
        j += 1
    if j >= len(toks) or not _NUMBER.match(toks[j]):
        return None
    text = toks[j]
    if j + 2 < len(toks) and toks[j + 1] == "," and re.fullmatch(r"\d{3}", toks[j + 2]):
        text, j = text + toks[j + 2], j + 2  # "15,000"
    return float(text), j + 1


def _read_analyte(
    toks: list[str],
    end: int,
    directions: dict[str, str],
    out: dict[str, bool],
    rule: NumericRule | None = None,
) -> None:
    """An analyte's direction from the words after it in the clause ('ferritin 6 ug/L (low)'),
    or else from its number against the rule's reference limits ('WBC 15,000/mm3')."""
    number = _number_after(toks, end) if rule is not None else None
    if number is not None and rule is not None:
        words = toks[number[1] : number[1] + 6]
        if not any(w in HIGH_WORDS or w in LOW_WORDS or w in NORMAL_WORDS for w in words):
            value = CONVERSIONS[rule.convert](number[0]) if rule.convert else number[0]
            kind = (
                "low"
                if rule.low is not None and value < rule.low
                else ("high" if rule.high is not None and value > rule.high else "normal")
            )
            if kind == "normal":
                for finding in set(directions.values()):
                    out.setdefault(finding, False)
            elif directions.get(kind):
                out[directions[kind]] = True
            return
    j = end
    stop = min(len(toks), end + 10)
    while j < stop and toks[j] not in (".", ";"):
        word = toks[j]
        if word in HIGH_WORDS or word in LOW_WORDS:
            kind = "high" if word in HIGH_WORDS else "low"
            target: str | None = directions.get(kind) or (
                directions.get("positive") if kind == "high" else None
            )
            if target:
                out[target] = True
                other = directions.get("low" if kind == "high" else "high")
                if other and other != target:
                    out.setdefault(other, False)
            return
        if word in NORMAL_WORDS or tuple(toks[j : j + 3]) == ("within", "normal", "limit"):
            for target in set(directions.values()):
                out.setdefault(target, False)
            return
        j += 1
