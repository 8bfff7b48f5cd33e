"""Who gets which curated disease: sex and age band, written by MedAction from the epidemiology
sections of HARRISON and OXFORD (sources.py). Read as three pseudo-findings every presentation
carries (female sex, child under 16, aged 50 or over), so a demographic is ordinary Bayesian
evidence: a prostate disease in a woman or croup in a 70-year-old becomes very unlikely.
demographic_links() also hands the graph the risk-factor links of risk_factors.py.

One line per disease: disease name (as in diseases_*.py) | female | male | child | older | any
sex restriction ("female", "male" or blank) | age band ("child", "adult", "older" or blank).
"""

from __future__ import annotations

import re

# P(demographic | disease) by band. "adult" = rarely under 16; "older" = mostly 50 or over.
SEX_P = {"female": 0.99, "male": 0.01}
AGE_P = {"child": (0.9, 0.02), "adult": (0.03, None), "older": (0.01, 0.85)}  # (P(child), P(older))
LEAK = {"female_sex": 0.5, "child_age": 0.2, "older_age": 0.35}

DEMOGRAPHICS_TABLE = """
Benign prostatic hyperplasia | male | older
Prostate cancer | male | older
Testicular torsion | male | child
Epididymitis | male |
Chronic prostatitis | male | adult
Ectopic pregnancy | female | adult
Pelvic inflammatory disease | female | adult
Ovarian torsion | female |
Endometriosis | female | adult
Uterine fibroids | female | adult
Bacterial vaginosis | female | adult
Vulvovaginal candidiasis | female |
Polycystic ovary syndrome | female | adult
Pre-eclampsia | female | adult
Placental abruption | female | adult
Breast fibroadenoma | female | adult
Breast cancer | female | adult
Prolactinoma | | adult
Haemophilia A | male |
Croup | | child
Bronchiolitis | | child
Infantile hypertrophic pyloric stenosis | | child
Intussusception | | child
Duodenal atresia | | child
Neonatal respiratory distress syndrome | | child
Physiological neonatal jaundice | | child
Tetralogy of Fallot | | child
Kawasaki disease | | child
Hand foot and mouth disease | | child
Erythema infectiosum | | child
Scarlet fever | | child
Chickenpox | | child
Acute otitis media | | child
Attention deficit hyperactivity disorder | | child
Oppositional defiant disorder | | child
Autism spectrum disorder | | child
Alzheimer disease | | older
Parkinson disease | | older
Normal pressure hydrocephalus | | older
Polymyalgia rheumatica | | older
Giant cell arteritis | | older
Osteoarthritis | | older
Osteoporosis | | older
Chronic lymphocytic leukaemia | | older
Multiple myeloma | | older
Actinic keratosis | | older
Basal cell carcinoma | | older
Cutaneous squamous cell carcinoma | | older
Seborrhoeic keratosis | | older
Bullous pemphigoid | | older
Lung cancer | | older
Colorectal cancer | | older
Pancreatic cancer | | older
Gastric cancer | | older
Oesophageal cancer | | older
Aortic stenosis | | older
Atrial fibrillation | | older
Acute myocardial infarction | | adult
Unstable angina | | adult
Stable angina | | adult
Chronic obstructive pulmonary disease | | older
COPD exacerbation | | older
Peripheral arterial disease | | older
Lumbar spinal stenosis | | older
Acute ischaemic stroke | | adult
Transient ischaemic attack | | adult
Type 2 diabetes mellitus | | adult
Acute mesenteric ischaemia | | older
Takotsubo cardiomyopathy | female | older
Gout | | adult
Acute diverticulitis | | older
"""


def demographic_links() -> dict[str, list[tuple[str, float]]]:
    """Disease name -> [(finding key, P(finding | disease))] for the demographic pseudo-findings,
    and for the risk factors of risk_factors.py (who gets the disease: exposures, medicines,
    family history, onset), for the diseases the catalogue holds."""
    from diagnosis.kg.curated import diseases
    from diagnosis.kg.curated.risk_factors import risk_factor_links

    known = {d.name for d in diseases()}
    out: dict[str, list[tuple[str, float]]] = {}
    for name, pairs, _sources in risk_factor_links():
        if name in known:
            out.setdefault(name, []).extend(pairs)
    for line in DEMOGRAPHICS_TABLE.strip().splitlines():
        name, sex, age = (c.strip() for c in line.split("|"))
        links: list[tuple[str, float]] = []
        if sex:
            links.append(("female_sex", SEX_P[sex]))
        if age:
            child, older = AGE_P[age]
            links.append(("child_age", child))
            if older is not None:
                links.append(("older_age", older))
        out.setdefault(name, []).extend(links)
    return out


_AGE_YEARS = re.compile(
    r"\b(\d{1,3})[- ]?(?:year|yr)s?[- ]?old\b|\baged? (\d{1,3})\b|\b(\d{1,3}) ?(?:yo|y/o|y\.o\.)\b"
)
_AGE_YOUNG = re.compile(
    r"\b\d{1,2}[- ]?(?:month|week|day|hour)s?[- ]?old\b|\b(?:newborn|neonate|infant|toddler|baby)\b"
)
_FEMALE = re.compile(r"\b(?:female|woman|girl|lady|she|her|mother|pregnant|gravida)\b")
_MALE = re.compile(r"\b(?:male|man|boy|gentleman|he|his)\b")


def demographic_facts(text: str) -> dict[str, bool]:
    """female_sex / child_age / older_age from a demographics line or a presentation's opening
    ("56-year-old male", "A 3-week-old girl"); only what the text states."""
    text = text.lower()[:400]
    out: dict[str, bool] = {}
    female, male = _FEMALE.search(text), _MALE.search(text)
    if female and (not male or female.start() < male.start()):
        out["female_sex"] = True
    elif male:
        out["female_sex"] = False
    years = _AGE_YEARS.search(text)
    if _AGE_YOUNG.search(text) and not years:
        out["child_age"], out["older_age"] = True, False
    elif years:
        age = int(next(g for g in years.groups() if g))
        out["child_age"], out["older_age"] = age < 16, age >= 50
    return out
