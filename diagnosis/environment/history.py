"""History questions: "History: pruritus?", "Ask about: fever" answered from the facts a case
holds back for asking (menu items of category "History", e.g. MediQ's atomic facts).

A question is answered with the facts that speak of what it asks: the knowledge graph reads the
question and each fact into findings (diagnosis.kg.text, so "itchy" answers "pruritus" and
"denies fever" answers "fever"); failing that, a fact that says every content word of the question.
A question no fact speaks of is UNAVAILABLE: the record is silent, which is not a "no".
History questions cost nothing on the ledger (taking a history is part of the visit).
"""

from __future__ import annotations

import re
from typing import Any

from diagnosis.environment import terms as T
from diagnosis.environment.found import Answer
from diagnosis.environment.sentences import _same_word, _tokens
from diagnosis.kg import get_kg

HISTORY_CATEGORY = "history"
_PREFIX = re.compile(
    r"^\s*(?:history|ask(?:\s+about)?|question|hx)\s*[:\-–]\s*(?P<q>.+?)\s*\??\s*$",
    re.IGNORECASE | re.DOTALL,
)
MAX_FACTS = 3  # an answer quotes at most this many facts
# Words every history question may carry that say nothing about what is asked.
_GENERIC = {"patient", "history", "any", "ask", "about", "symptom", "have", "has", "had", "did"}


def question_of(order: str) -> str | None:
    """The asked part of a history order ("History: chest pain on exertion?" -> "chest pain on
    exertion"), or None when the order is not a history question."""
    found = _PREFIX.match(order)
    return found.group("q").strip() if found and found.group("q").strip() else None


def is_history_item(item: dict[str, Any]) -> bool:
    return (item.get("category") or "").strip().lower() == HISTORY_CATEGORY


def _content_words(text: str) -> set[str]:
    return {w for w in _tokens(text) if len(w) > 2 and w not in T.STOPWORDS and w not in _GENERIC}


def answering_facts(question: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The history items that speak of what the question asks, in record order."""
    facts = [i for i in items if is_history_item(i) and (i.get("result") or "").strip()]
    if not facts:
        return []
    kg = get_kg()
    asked = set(kg.findings_in(question))
    if asked:
        hits = [f for f in facts if asked & set(kg.findings_in(f["result"]))]
        if hits:
            return hits[:MAX_FACTS]
    words = _content_words(question)
    if not words:
        return []
    return [
        f
        for f in facts
        if all(any(_same_word(w, x) for x in _content_words(f["result"])) for w in words)
    ][:MAX_FACTS]


def answer(order: str, question: str, menu: list[dict[str, Any]]) -> Answer:
    """The oracle's answer to a history question: the facts that speak of it, or UNAVAILABLE."""
    facts = answering_facts(question, menu)
    if not facts:
        return Answer(order=order, status="unavailable")
    return Answer(
        order=order,
        status="answered",
        item="History",
        category="History",
        result=" ".join(f["result"].strip() for f in facts),
        score=1.0,
        items=facts,
        via="history",
    )
