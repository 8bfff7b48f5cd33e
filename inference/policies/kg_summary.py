"""What the KG engine says: a clinician's one-paragraph summary of a turn (who the patient is,
key positives, key negatives, the leading hypotheses and why), each test's rationale with the
price the bill will show, and the plain warning of a low-confidence commit."""

from __future__ import annotations

from decimal import Decimal

from django.db import DatabaseError

from diagnosis.environment.costs import CostTable, cost_table, default_table
from diagnosis.kg import KnowledgeGraph, TestSpec
from diagnosis.kg.bayes import GainModel, Ranked
from diagnosis.kg.curated.demographics import demographic_facts
from diagnosis.protocol import PolicyContext

KEY_POSITIVES = 6
KEY_NEGATIVES = 4
LEADING_SHOWN = 3
LOW_CONFIDENCE = 0.5  # a commit below this says so, with the tests that would settle it


def patient_line(context: PolicyContext) -> str:
    """ "Patient: male, aged 50 or over." from the demographics line (or the presentation)."""
    facts = demographic_facts(context.demographics or context.presentation)
    parts = []
    if "female_sex" in facts:
        parts.append("female" if facts["female_sex"] else "male")
    if facts.get("child_age"):
        parts.append("child under 16")
    elif facts.get("older_age"):
        parts.append("aged 50 or over")
    elif "older_age" in facts:
        parts.append("aged 16 to 49")
    return f"Patient: {', '.join(parts)}." if parts else ""


def _lower(name: str) -> str:
    """'Fever' -> 'fever' in running text; 'CRP raised' and 'ESR' keep their capitals."""
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _weights(ranked: list[Ranked]) -> dict[tuple[str, bool], float]:
    """How much each observed finding moved the leading hypotheses (probability-weighted)."""
    out: dict[tuple[str, bool], float] = {}
    for h in ranked[:5]:
        for fid, present, lr in h.moved_by:
            out[(fid, present)] = out.get((fid, present), 0.0) + h.probability * abs(lr)
    return out


def summary(
    kg: KnowledgeGraph,
    context: PolicyContext,
    clinical: dict[str, bool],
    ranked: list[Ranked],
) -> str:
    """One paragraph: patient, key positives, key negatives, leading hypotheses and why."""
    weights = _weights(ranked)
    # ties break by finding id, not by the order findings were read in (it follows hashing)
    present = sorted(
        (f for f, p in clinical.items() if p), key=lambda f: (-weights.get((f, True), 0.0), f)
    )
    absent = sorted(
        (f for f, p in clinical.items() if not p),
        key=lambda f: (-weights.get((f, False), 0.0), f),
    )
    parts = [patient_line(context)] if patient_line(context) else []
    if present:
        names = [kg.finding_name(f) for f in present[:KEY_POSITIVES]]
        more = len(present) - KEY_POSITIVES
        parts.append(f"Key positives: {', '.join(names)}{f' (+{more} more)' if more > 0 else ''}.")
    else:
        parts.append("Key positives: none recognised yet.")
    if absent:
        names = [f"no {_lower(kg.finding_name(f))}" for f in absent[:KEY_NEGATIVES]]
        parts.append(f"Key negatives: {', '.join(names)}.")
    if ranked:
        top = ranked[0]
        why = [
            _lower(kg.finding_name(f))
            for f, p, lr in top.moved_by
            if lr > 0 and clinical.get(f) is p and p
        ][:3]
        lead = f"Leading: {top.name} ({top.probability:.0%})"
        if why:
            lead += f", raised by {_and(why)}"
        others = [f"{h.name} ({h.probability:.0%})" for h in ranked[1:LEADING_SHOWN]]
        parts.append(lead + (f"; then {', '.join(others)}." if others else "."))
    return " ".join(parts)


def ledger() -> CostTable:
    """The prices the bill uses: the database's table, or the built-in prices without one."""
    try:
        return cost_table()
    except (DatabaseError, RuntimeError):  # no database (a unit test, a benchmark in memory)
        return default_table()


def price(table: CostTable, test: TestSpec) -> str:
    amount: Decimal = table.price_of({"name": test.name, "category": test.category})
    return f"${amount:,.2f}"


def rationale(table: CostTable, test: TestSpec, separated: list[str], gain: float) -> str:
    names = _and(separated[:4]) if separated else "the leading hypotheses"
    return f"Separates {names} (expected gain {gain:.2f} bits); {price(table, test)}."


def low_confidence(
    kg: KnowledgeGraph, ranked: list[Ranked], known: set[str], done: set[str]
) -> str:
    """ "Low confidence — consider ESR, Temporal artery ultrasound (to separate A from B)." with
    the untried tests of most information over the leading hypotheses."""
    top = ranked[0]
    if top.probability >= LOW_CONFIDENCE:
        return ""
    model = GainModel(kg, ranked[:LEADING_SHOWN])  # what separates the leaders themselves
    # gains rounded: sums over a set differ in the last bit between processes; ties go by name
    scored = sorted(
        ((round(model.test_value(t, known)[0], 9), t.name) for t in kg.tests if t.name not in done),
        reverse=True,
    )
    tests = [name for gain, name in scored[:3] if gain > 0]
    rivals = [h.name for h in ranked[1:3]]
    against = f" to separate {top.name} from {_and(rivals)}" if rivals else ""
    if not tests:
        return (
            f"Low confidence \u2014 consider specialist review: no test on the list separates "
            f"{top.name}{' from ' + _and(rivals) if rivals else ''}."
        )
    return f"Low confidence \u2014 consider {', '.join(tests)}{against}."
