"""Readable names and categories for test menu items built from dataset keys and free text."""

from __future__ import annotations

import re

# Keys that only say "the result of the parent": the item takes the parent's name.
GENERIC_LEAVES = {
    "findings",
    "finding",
    "result",
    "results",
    "value",
    "values",
    "description",
    "impression",
    "report",
    "interpretation",
    "level",
    "levels",
    "recordings",
    "details",
    "observation",
    "observations",
    "outcome",
    "status",
}
# Groups that only collect tests; they are not orderable panels.
CONTAINERS = {
    "test results",
    "blood tests",
    "blood work",
    "bloodwork",
    "laboratory studies",
    "laboratory tests",
    "laboratory results",
    "laboratory findings",
    "laboratory",
    "labs",
    "lab tests",
    "lab results",
    "imaging",
    "imaging studies",
    "radiology",
    "other tests",
    "additional tests",
    "additional studies",
    "diagnostic tests",
    "investigations",
    "tests",
    "studies",
    "basic labs",
    "initial labs",
    "blood analysis",
    "physical examination findings",
    "blood test",
    "lab test",
    "laboratory test",
    "imaging study",
    "imaging results",
    "laboratory investigations",
    "basic investigations",
    "routine blood tests",
    "routine labs",
    "additional investigations",
    "test",
}
_KEEP_UPPER = re.compile(
    r"^(?:[A-Z0-9]{2,6}s?|[A-Z][a-z]?[A-Z0-9]+|pH|HbA1c|IgA|IgG|IgM|IgE|T3|T4)$"
)

CATEGORY_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "Imaging",
        re.compile(
            r"\b(x-?ray|radiograph\w*|ct|cta|cat scan|computed tomograph\w*|mri|mra|"
            r"magnetic resonance|"
            r"ultraso\w+|sonograph\w*|doppler|echocardiogra\w*|echo|tte|tee|pet|spect|scintigra\w*|"
            r"angiogra\w*|venogra\w*|mammogra\w*|fluorosc\w*|barium|imaging|scan|dexa|dxa|"
            r"cholangiogra\w*|mrcp|hida|urogra\w*|myelogra\w*|ventilation.perfusion|v/q)\b",
            re.I,
        ),
    ),
    (
        "Function tests",
        re.compile(
            r"\b(ecg|ekg|electrocardiogra\w*|eeg|electroencephalogra\w*|emg|electromyogra\w*|"
            r"nerve conduction|spirometry|pulmonary function|pft|holter|stress test|"
            r"audiometr\w*|tympanometr\w*|polysomnogra\w*|sleep study|manometry|"
            r"tilt.table|visual field|tonometr\w*|urodynamic\w*|cephalometric|ankle.brachial)\b",
            re.I,
        ),
    ),
    (
        "Pathology",
        re.compile(
            r"\b(biops\w+|histolog\w*|histopatholog\w*|patholog\w*|cytolog\w*|immunohisto\w*|"
            r"aspirat\w*|fnac?|smear|frozen section|karyotyp\w*|genetic|sequencing|mutation|"
            r"microscop\w*|flow cytometry|bone marrow)\b",
            re.I,
        ),
    ),
    (
        "Microbiology",
        re.compile(
            r"\b(cultures?|gram stain|pcr|serolog\w*|antigen|rapid strep|swab|stool o ?& ?p|"
            r"ova and parasites|acid.fast|afb|viral load|hiv|hepatitis [abc]|quantiferon|"
            r"tuberculin|ppd|mantoux|blood cultures?)\b",
            re.I,
        ),
    ),
    (
        "Procedures",
        re.compile(
            r"\b(endoscop\w*|colonoscop\w*|gastroscop\w*|egd|bronchoscop\w*|cystoscop\w*|"
            r"laparoscop\w*|arthroscop\w*|sigmoidoscop\w*|lumbar puncture|paracentesis|"
            r"thoracentesis|arthrocentesis|catheteri[sz]ation|slit.lamp|fundoscop\w*|otoscop\w*)\b",
            re.I,
        ),
    ),
]


def humanise(key: str) -> str:
    """`Chest_X-ray` → `Chest X-ray`, `Serum_TSH_level` → `Serum TSH level`."""
    words = [w for w in re.split(r"[_\s]+", key.strip()) if w]
    out = []
    for i, word in enumerate(words):
        if _KEEP_UPPER.match(word) or any(c.isdigit() for c in word):
            out.append(word)
        elif i == 0:
            out.append(word[:1].upper() + word[1:].lower())
        else:
            out.append(word.lower())
    return " ".join(out)


def is_container(name: str) -> bool:
    return name.lower().strip() in CONTAINERS


def is_generic_leaf(name: str) -> bool:
    return name.lower().strip() in GENERIC_LEAVES


def categorise(text: str, default: str = "Laboratory") -> str:
    for category, pattern in CATEGORY_PATTERNS:
        if pattern.search(text):
            return category
    return default


def abbreviation_aliases(name: str) -> list[str]:
    """`Erythrocyte sedimentation rate (ESR)` → ["ESR", "Erythrocyte sedimentation rate"]."""
    aliases = []
    match = re.match(r"^(.*?)\s*\(([^()]{1,40})\)\s*$", name)
    if match:
        aliases = [match.group(2).strip(), match.group(1).strip()]
    return [a for a in aliases if a and a != name]
