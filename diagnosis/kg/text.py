"""Text normalisation and finding extraction with negation (a small NegEx-style scanner).

Free text (a presentation, a result such as "Troponin I: 2.3 ng/mL (elevated)") becomes a map
finding id -> present (True) / absent (False). Phrases come from a lexicon of token tuples; lab
analytes ("troponin", "ferritin") take their direction from what follows them in the clause
(diagnosis.kg.values). A question ("Vaginal discharge? None.") names findings whose state the
answer gives; what a relative has ("Sister has vitiligo") is family history, not the patient's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from diagnosis.kg.negation import POST_NEGATION, PRE_NEGATION, TERMINATORS
from diagnosis.kg.values import NumericRule, read_analyte
from diagnosis.vocabulary import american

__all__ = ["Lexicon", "NumericRule", "extract_findings", "fold", "normalise_name", "phrase_key"]

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*|[.;:!?()<>]|,|\u2191|\u2193")
CLAUSE_END = {".", ";", "!", "?", "(", ")"}


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


@dataclass
class Lexicon:
    """Phrase -> finding id, and lab analytes -> finding ids by direction (high, low, positive)."""

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    analytes: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict)
    numeric: dict[tuple[str, ...], NumericRule] = field(default_factory=dict)
    max_len: int = 1
    # findings a negated mention does not rule out ("no lesions elsewhere"): read only when present
    present_only: frozenset[str] = frozenset()

    def add_phrase(self, text: str, finding_id: str, *, override: bool = False) -> None:
        key = phrase_key(text)
        if not key:
            return
        if override or key not in self.phrases:
            self.phrases[key] = finding_id
            self.max_len = max(self.max_len, len(key))

    def first_words(self) -> frozenset[str]:
        """The words that begin a phrase (remembered; phrases are all added before reading)."""
        cached: tuple[int, frozenset[str]] | None = self.__dict__.get("_first_words")
        if cached is None or cached[0] != len(self.phrases):
            cached = (len(self.phrases), frozenset(k[0] for k in self.phrases))
            self.__dict__["_first_words"] = cached
        return cached[1]

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

# What a relative has is family history: "Sister has vitiligo", "mother had thyroid trouble".
# The patient's own child is often the patient ("her son has a fever"): children are no relatives.
RELATIVES = set(
    "mother father sister brother sibling parent aunt uncle grandmother "
    "grandfather grandparent cousin family twin mum dad".split()
)
_RELATIVE_VERBS = {
    "has",
    "had",
    "have",
    "having",
    "with",
    "died",
    "suffered",
    "diagnosed",
    "history",
}
_REPORTING = {
    "noticed",
    "observed",
    "reported",
    "noted",
    "been",
    "brought",
    "seen",
    "said",
    "tried",
}
FAMILY_KEY = ("family", "history", "of")  # a family-history finding is named "family history of X"
NO_ANSWERS = {"no", "none", "deny", "denied", "negative", "never", "nil", "not", "nope", "absent"}
YES_ANSWERS = {"yes", "yeah", "yep", "positive", "present", "confirmed", "sometime", "often"}
# "lost 3 kg" is weight loss and "gained 6 kg" weight gain, whatever the number and unit
_WEIGHT = re.compile(
    r"\b(lost|losing|gained|gaining|put on)\s+(?:about |around |approximately |nearly |over )?"
    r"\d+(?:\.\d+)?\s*(?:kg|kilograms?|kilos?|lbs?|pounds?|stones?)\b"
)


def _weight_words(text: str) -> str:
    return _WEIGHT.sub(
        lambda m: "lost weight" if m.group(1).startswith("los") else "gained weight", text
    )


def _relative_here(toks: list[str], i: int) -> bool:
    """Whether toks[i] opens a statement about a relative ("mother had", "family history")."""
    if toks[i] not in RELATIVES:
        return False
    skip = ("'s", "s", "also", "both", "was", "is", "were")  # "sister was diagnosed with"
    after = [t for t in toks[i + 1 : i + 5] if t not in skip][:2]
    if not after or after[0] not in _RELATIVE_VERBS:
        return False
    return len(after) < 2 or after[1] not in _REPORTING


def _family_match(toks: list[str], i: int, lexicon: Lexicon) -> tuple[int, str | None]:
    """Inside a relative's clause: "vitiligo" read as the phrase "family history of vitiligo"."""
    for length in range(min(lexicon.max_len - len(FAMILY_KEY), len(toks) - i), 0, -1):
        finding = lexicon.phrases.get(FAMILY_KEY + tuple(toks[i : i + length]))
        if finding is not None:
            return length, finding
    return 0, None


def _answer(toks: list[str], q: int) -> bool | None:
    """What the answer after the question mark at toks[q] says: yes (True), no (False), or
    something else (None: the answer's own words are read as findings)."""
    j = q + 1
    while j < len(toks) and toks[j] in (":", ",", "-"):
        j += 1
    if j >= len(toks):
        return None
    if toks[j] in NO_ANSWERS:
        return False
    return True if toks[j] in YES_ANSWERS else None


def _next_stop(toks: list[str], i: int) -> int:
    j = i + 1
    while j < len(toks) and toks[j] not in (".", "?", "!"):
        j += 1
    return j


def extract_findings(text: str, lexicon: Lexicon, *, max_scope: int = 12) -> dict[str, bool]:
    """Findings mentioned in text: id -> True (present) or False (negated). Present wins a tie.

    A question ("Pregnancy? Last period two weeks ago") names findings without asserting them:
    the answer says present ("Yes"), absent ("None", "No", "Denies") or nothing about them. In a
    relative's clause only family-history findings count."""
    raw = _TOKEN.findall(_weight_words(fold(text)))
    toks = _split_non([_singular(t) if t.isalnum() else t for t in raw], lexicon)
    out: dict[str, bool] = {}
    negated_until = family_until = -1
    narrow = False  # the negation is a "non" prefix, its scope the next finding only
    clause: list[tuple[str, bool | None]] = []  # findings of this clause, and their state before
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        if tok in CLAUSE_END:
            if tok == "?":
                said = _answer(toks, i)
                for fid, before in reversed(clause):
                    if before is None:
                        out.pop(fid, None)
                    else:
                        out[fid] = before
                for fid, _before in clause:
                    if said is not None:
                        out[fid] = out.get(fid, False) or said
                if family_until > i - 1 or any(t in RELATIVES for t in toks[max(0, i - 4) : i]):
                    family_until = _next_stop(toks, i)  # "Family history? Sister has ..."
            clause = []
            negated_until = -1
            if i >= family_until:
                family_until = -1
            i += 1
            continue
        if tok in TERMINATORS:
            negated_until = -1
            i += 1
            continue
        if _relative_here(toks, i):
            family_until = max(family_until, _clause_end(toks, i))
        neg_len = _starts(toks, i, PRE_NEGATION)
        if neg_len and _longest_match(toks, i, lexicon)[0] > neg_len:
            neg_len = 0  # a phrase that begins like a negation ("non healing ulcer", "not eating")
        if neg_len:
            following = toks[i + neg_len] if i + neg_len < n else "."
            if following != "," and following not in CLAUSE_END:  # "others do not, is ..."
                negated_until = min(_clause_end(toks, i), i + neg_len + max_scope)
                if toks[i] == "non":  # a prefix: "non-tender papules" negates the one finding
                    negated_until, narrow = i + neg_len + 1, True
            i += neg_len
            continue
        finding: str | None = None
        directions: dict[str, str] | None = None
        if i < family_until:
            match_len, finding = _family_match(toks, i, lexicon)
            if not match_len:
                match_len, finding, directions = _longest_match(toks, i, lexicon)
                if match_len and toks[i] != "family":  # the patient's findings are not here
                    i += match_len
                    continue
        else:
            match_len, finding, directions = _longest_match(toks, i, lexicon)
        if not match_len:
            i += 1
            continue
        end = i + match_len
        if directions is not None:
            read_analyte(toks, end, directions, out, lexicon.numeric.get(tuple(toks[i:end])))
        elif finding is not None:
            negated = i < negated_until
            present = not negated and not _post_negated(toks, end)
            if all(fid != finding for fid, _ in clause):
                clause.append((finding, out.get(finding)))
            out[finding] = out.get(finding, False) or present
            if negated and not narrow:  # a list goes on ("denies fever, chills or sweats")
                negated_until = max(negated_until, min(_clause_end(toks, i), end + LIST_SCOPE))
            narrow = False
        i = end
    if lexicon.present_only:
        return {f: v for f, v in out.items() if v or f not in lexicon.present_only}
    return out


def _split_non(toks: list[str], lexicon: Lexicon) -> list[str]:
    """ "nonpruritic" as "non pruritic" (a negation, then the finding) where the rest of the word
    begins a phrase of the lexicon, as the hyphenated "non-pruritic" is read."""
    firsts = lexicon.first_words()
    out: list[str] = []
    for tok in toks:
        rest = tok[3:]
        if tok.startswith("non") and len(rest) > 3 and tok not in firsts:
            rest = _singular(rest)
            if rest in firsts:
                out += ["non", rest]
                continue
        out.append(tok)
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
