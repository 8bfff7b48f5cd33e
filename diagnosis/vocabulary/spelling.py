"""The one British -> American spelling map (word stems), used by the oracle's and the KG's
normalisation: "haemoglobin" and "hemoglobin", "oesophageal" and "esophageal" read the same."""

from __future__ import annotations

import re

# A British stem -> its American spelling; replaced wherever it occurs in lower-case text.
BRITISH_TO_AMERICAN = {
    "anaemia": "anemia",
    "haem": "hem",
    "oedema": "edema",
    "oesophag": "esophag",
    "faec": "fec",
    "paediatric": "pediatric",
    "tumour": "tumor",
    "leukaem": "leukem",
    "ischaem": "ischem",
    "diarrhoea": "diarrhea",
    "dyspnoea": "dyspnea",
    "oestr": "estr",
    "coeliac": "celiac",
    "haemorrhag": "hemorrhag",
    "apnoea": "apnea",
    "gonorrhoea": "gonorrhea",
}
_BRITISH = re.compile("|".join(sorted(BRITISH_TO_AMERICAN, key=len, reverse=True)))


def american(text: str) -> str:
    """Lower-case text with its British spellings made American ("oesophageal" -> "esophageal")."""
    return _BRITISH.sub(lambda m: BRITISH_TO_AMERICAN[m.group(0)], text)
