"""Reading a lab result's direction: a multiple of a reference limit ("4x ULN", "four times the
upper limit"), a value against the reference the report states ("4,800 pmol/L (reference
<1,180)", "(ref 0.4-4.0)"), a direction word ("raised", "markedly elevated", "low"), or a value
against our own reference limits (labs.NUMERIC_TABLE), in that order.

Works on the token list of diagnosis.kg.text (folded, singular: "times" reads "time").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
# "4x", "x4", "4.5x"
_TIMES_TOKEN = re.compile(r"^(?:(\d+(?:\.\d+)?)x|x(\d+(?:\.\d+)?))$")
_NUMBER_WORDS = {
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "twenty": 20.0,
    "hundred": 100.0,
}
_ONCE_WORDS = {"twice": 2.0, "double": 2.0, "doubled": 2.0, "triple": 3.0, "tripled": 3.0}
_LIMIT_WORDS = {"uln", "upper", "normal", "limit", "reference", "ref", "lln", "lower"}
# words that open a stated reference: "(reference <1,180)", "(ref 0.4-4.0)", "(ULN 1180)"
_REFERENCE_OPENERS = {"reference", "ref", "rr", "nr", "uln", "range", "interval"}
_REFERENCE_FILLER = {":", "=", "range", "interval", "value", "is", "of", "normal", "limit", "up"}
WINDOW = 14  # tokens after the analyte a multiple or a stated reference may sit in


@dataclass(frozen=True)
class NumericRule:
    low: float | None
    high: float | None
    convert: str = ""


def _number_at(toks: list[str], j: int) -> tuple[float, int] | None:
    """The number starting at toks[j] ("15,000" spans three tokens) and the index after it."""
    if j >= len(toks) or not _NUMBER.match(toks[j]):
        return None
    text = toks[j]
    while j + 2 < len(toks) and toks[j + 1] == "," and re.fullmatch(r"\d{3}", toks[j + 2]):
        text, j = text + toks[j + 2], j + 2  # "15,000"
    return float(text), j + 1


def number_after(toks: list[str], end: int) -> tuple[float, int] | None:
    j = end
    while j < len(toks) and j < end + 4 and toks[j] in _FILLER:
        j += 1
    return _number_at(toks, j)


def _window_end(toks: list[str], end: int) -> int:
    """Where a result's qualifiers stop: the end of its clause (parentheses included)."""
    stop = min(len(toks), end + WINDOW)
    j = end
    while j < stop and toks[j] not in (".", ";"):
        j += 1
    return j


def multiple_of_limit(toks: list[str], start: int, stop: int) -> str | None:
    """'high' or 'low' from "4x ULN", "x4 upper limit", "four times the upper limit of normal",
    "3-fold the reference", "twice normal"; None when the window says no such thing."""
    for j in range(start, stop):
        tok = toks[j]
        factor: float | None = None
        after = j + 1
        hit = _TIMES_TOKEN.match(tok)
        if hit:
            factor = float(hit.group(1) or hit.group(2))
        elif tok in _ONCE_WORDS:
            factor = _ONCE_WORDS[tok]
        elif (_NUMBER.match(tok) or tok in _NUMBER_WORDS) and j + 1 < stop:
            if toks[j + 1] in ("x", "time", "fold"):
                factor = float(tok) if _NUMBER.match(tok) else _NUMBER_WORDS[tok]
                after = j + 2
        if factor is None or (after < stop and _NUMBER.match(toks[after])):
            continue  # "15 x 10^9/L" is a unit, not a multiple
        near = toks[after : min(stop, after + 4)]
        if not any(w in _LIMIT_WORDS for w in near):
            continue
        lower = any(w in ("lln", "lower") for w in near)
        if lower and factor < 1:
            return "low"
        if not lower and factor > 1:
            return "high"
        return None
    return None


def stated_reference(
    toks: list[str], start: int, stop: int
) -> tuple[float | None, float | None] | None:
    """(low, high) limits the report states after the value: "(reference <1,180)",
    "(ref 0.4-4.0)", "(normal range 3.5 - 5.0)", "(ULN 1180)", "(reference >60)"."""
    for j in range(start, stop):
        if toks[j] not in _REFERENCE_OPENERS:
            continue
        opener = toks[j]
        k = j + 1
        while k < stop and toks[k] in _REFERENCE_FILLER:
            k += 1
        if k >= stop:
            return None
        if toks[k] in ("<", ">"):
            limit = _number_at(toks, k + 1)
            if limit is None:
                return None
            return (None, limit[0]) if toks[k] == "<" else (limit[0], None)
        first = _number_at(toks, k)
        if first is None:
            return None
        if opener == "uln" or toks[k - 1] == "up":
            return None, first[0]
        second = _number_at(toks, first[1] + (first[1] < stop and toks[first[1]] == "to"))
        if second is not None and second[0] >= first[0]:
            return first[0], second[0]
        return None
    return None


def _serial_value(toks: list[str], end: int) -> tuple[float, int] | None:
    """The latest of serial values in a run of numbers, units and times ("0 h: 48 ng/L; 1 h:
    96 ng/L (reference <14)" -> 96), which its stated reference follows."""
    last = None
    j = end
    while j < len(toks) and toks[j] not in (".", "<", ">") and toks[j] not in _REFERENCE_OPENERS:
        hit = _number_at(toks, j)
        if hit is not None:
            last, j = hit, hit[1]
        elif len(toks[j]) <= 3:
            j += 1
        else:
            break
    return last


def _set(out: dict[str, bool], directions: dict[str, str], kind: str) -> None:
    """Record the analyte's finding for kind: high, low or normal (normal never overrides)."""
    if kind == "normal":
        for finding in set(directions.values()):
            out.setdefault(finding, False)
        return
    target = directions.get(kind) or (directions.get("positive") if kind == "high" else None)
    if target:
        out[target] = True
        other = directions.get("low" if kind == "high" else "high")
        if other and other != target:
            out.setdefault(other, False)


def read_analyte(
    toks: list[str],
    end: int,
    directions: dict[str, str],
    out: dict[str, bool],
    rule: NumericRule | None = None,
) -> None:
    """An analyte's direction from what follows it in the clause: a multiple of a limit, its
    number against the report's own reference, a direction word ('ferritin 6 ug/L (low)'), or
    its number against the rule's reference limits ('WBC 15,000/mm3')."""
    stop = _window_end(toks, end)
    multiple = multiple_of_limit(toks, end, stop)
    if multiple is not None:
        _set(out, directions, multiple)
        return
    number = number_after(toks, end)
    reference = stated_reference(toks, number[1], stop) if number is not None else None
    if reference is None and (serial := _serial_value(toks, end)) is not None:
        sentence = min(_window_end(toks, serial[1]), serial[1] + WINDOW)
        reference = stated_reference(toks, serial[1], sentence)
        number = serial if reference is not None else number
    if number is not None:
        if reference is not None:
            low, high = reference
            value = number[0]
            kind = (
                "low"
                if low is not None and value < low
                else ("high" if high is not None and value > high else "normal")
            )
            _set(out, directions, kind)
            return
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
                _set(out, directions, "normal")
            elif directions.get(kind):
                out[directions[kind]] = True
            return
    j = end
    stop = min(len(toks), end + 10)
    while j < stop and toks[j] not in (".", ";"):
        word = toks[j]
        if word in HIGH_WORDS or word in LOW_WORDS:
            _set(out, directions, "high" if word in HIGH_WORDS else "low")
            return
        if word in NORMAL_WORDS or tuple(toks[j : j + 3]) == ("within", "normal", "limit"):
            _set(out, directions, "normal")
            return
        j += 1
