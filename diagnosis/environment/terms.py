"""The oracle's vocabulary, read from the one test catalogue (diagnosis/vocabulary/tests.toml: test
concepts with their abbreviations and synonyms, panels and what they contain) and its word lists
(diagnosis/vocabulary/words.toml: imaging modalities, body regions, filler words). What is code
stays here: the regular expressions.

Every surface form is matched after `parse.basic_text` and `vocabulary.american` (lower case, no
punctuation, American spelling), longest phrase first, so "complete blood count" wins over "blood".
"""

from __future__ import annotations

import re

from diagnosis.vocabulary import catalogue, oracle_words

_TESTS = catalogue()
_WORDS = oracle_words()


def _concepts(kind: str) -> dict[str, list[str]]:
    """kind -> {concept key: [surface forms]}; the key itself is not a surface form."""
    return {e.key: list(e.aliases) for e in _TESTS.of_kind(kind)}


LAB = _concepts("lab")
PANEL = _concepts("panel")
VITAL = _concepts("vital")
FUNCTION = _concepts("function")
MICRO = _concepts("micro")
PATH = _concepts("path")
PROCEDURE = _concepts("procedure")
EXAM = _concepts("exam")
# Imaging is matched as modality x region; "CT abdomen with contrast" = ct + abdomen.
MODALITY: dict[str, list[str]] = _WORDS["modality"]
REGION: dict[str, list[str]] = _WORDS["region"]
# A region inside another: "CT chest/abdomen" answers "CT liver".
REGION_PARENT: dict[str, str] = _WORDS["region_parent"]
# A specimen named without a test ("urine copper"): it must agree between order and item.
SPECIMEN: dict[str, list[str]] = _WORDS["specimen"]

# A panel order is answered with the menu items of its members (and any item named for the panel).
PANEL_MEMBERS: dict[str, set[str]] = {e.key: set(e.members) for e in _TESTS.entries if e.members}
# Panels that contain other panels ("BMP" answers from an "Electrolytes" item).
PANEL_INCLUDES: dict[str, set[str]] = {e.key: set(e.includes) for e in _TESTS.entries if e.includes}
# Findings that reveal a test was done, recognised only inside result text ("leukocytosis" → WBC).
MENTION_ONLY: dict[str, list[str]] = {e.key: list(e.mentions) for e in _TESTS.entries if e.mentions}
# A recorded examination that always contains the ordered one ("cardiac exam" → cardiopulmonary).
EXAM_INCLUDES: dict[str, set[str]] = {
    e.key: set(e.exam_includes) for e in _TESTS.entries if e.exam_includes
}
# A broad examination order answered by the one part of it recorded ("eye exam" → fundoscopy).
EXAM_PARTS: dict[str, set[str]] = {e.key: set(e.exam_parts) for e in _TESTS.entries if e.exam_parts}
# The specimen a panel's leaves come from: "Urinalysis / Protein" is the urine protein.
PANEL_SPECIMEN_PREFIX: dict[str, str] = {
    e.key: e.specimen_prefix for e in _TESTS.entries if e.specimen_prefix
}

# Words that carry no test identity once phrases are matched.
STOPWORDS: set[str] = set(_WORDS["stopwords"])
# Words a matched concept already implies: "sputum gram stain and culture" is the sputum culture.
IMPLIED_WORDS: dict[str, set[str]] = {k: set(v) for k, v in _WORDS["implied_words"].items()}
# Words that qualify an imaging study without naming a body site.
IMAGING_NEUTRAL: set[str] = set(_WORDS["imaging_neutral"])
# Words that speak of examining rather than testing.
EXAM_WORDS: set[str] = set(_WORDS["exam_words"])
# Words that stand for another before phrase matching (spelling: diagnosis/vocabulary/spelling.py).
WORD_MAP: dict[str, str] = _WORDS["word_map"]

# Abbreviations that carry a modality and a region (the catalogue's `abbreviations`), expanded
# before phrase matching; and the one spelled-out form that needs a pattern.
EXPANSIONS: list[tuple[str, str]] = [
    (rf"\b{re.escape(abbreviation)}\b", expansion)
    for e in _TESTS.entries
    for abbreviation, expansion in e.abbreviations
] + [(r"\bct pulmonary angio\w*", "cta pulmonary arteries")]
# Abbreviations and their spelled-out names (the catalogue's `expansions`), shown in answers.
EXPANSION_NAMES: dict[str, str] = {
    abbreviation.lower(): name for e in _TESTS.entries for abbreviation, name in e.expansions
}
# What follows these words says why, not what: "slit lamp exam for KF rings" is a slit lamp exam.
PURPOSE_PATTERN = (
    r"\b(?:to rule out|rule out|r o|to exclude|to assess|to evaluate|to look for|looking for|"
    r"to check for|to confirm|to see if|for)\b"
)
UNIT_PATTERN = (
    r"\b(?:mg|g|mmol|umol|µmol|mcg|ug|ng|pg|iu|u|meq|mm|mmhg|bpm|fl|dl|l|ml|cells|mm3|%)"
    r"(?:\s*/\s*(?:dl|l|ml|mm3|hpf|min|h|24h|kg|m2))?\b"
)
