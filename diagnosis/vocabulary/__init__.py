"""One vocabulary of tests for the oracle, the cost ledger and the knowledge graph.

- `catalogue()`: every test once (tests.toml): canonical name, category, aliases and abbreviations,
  CPT/HCPCS code and our price where we have one, and the source of each entry.
- `oracle_words()`: the oracle's words that are not tests (words.toml): modalities, regions,
  fillers.
- `american()`: the one British -> American spelling map, folded by the oracle and the KG alike.
"""

from diagnosis.vocabulary.catalogue import Catalogue, TestEntry, catalogue, oracle_words
from diagnosis.vocabulary.spelling import BRITISH_TO_AMERICAN, american

__all__ = [
    "BRITISH_TO_AMERICAN",
    "Catalogue",
    "TestEntry",
    "american",
    "catalogue",
    "oracle_words",
]
