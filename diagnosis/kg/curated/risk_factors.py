"""Risk factors, exposures, medicines, family history and time course as evidence, written by
MedAction: how often each is present in a disease it raises. Read like the disease tables' own
links (finding key:P(finding | disease)); the findings are in findings_c.py and findings.py, the
references in sources.py. Rounded estimates from the cited criteria (the Wells and revised
Geneva scores weigh exactly these for pulmonary embolism), for ranking, not for care.

One line per disease: disease name (as in diseases_*.py) | links | source keys.
"""

from __future__ import annotations

RISK_FACTORS_TABLE = """
Pulmonary embolism | estrogen_use:.25 prior_vte:.2 active_cancer:.15 sudden_onset:.6 | WELLS;GENEVA;ESC_PE
Deep vein thrombosis | estrogen_use:.25 prior_vte:.25 active_cancer:.15 | WELLS;ESC_PE
Hypothyroidism | family_thyroid:.4 | NICE_CKS;HARRISON
Hyperthyroidism | family_thyroid:.35 | ATA_THYROID
Type 1 diabetes mellitus | family_thyroid:.15 | ADA
Pheochromocytoma | family_endocrine_tumour:.2 | ENDO_PPGL
Acute myocardial infarction | sudden_onset:.5 family_cad:.3 | ESC_ACS;ESC_PREVENT
Unstable angina | family_cad:.3 | ESC_ACS;ESC_PREVENT
Stable angina | family_cad:.3 | ESC_PREVENT
Aortic dissection | sudden_onset:.85 | ESC_AORTA
Spontaneous pneumothorax | sudden_onset:.8 | BTS_PTX
Subarachnoid haemorrhage | sudden_onset:.95 | AHA_SAH
Acute ischaemic stroke | sudden_onset:.8 estrogen_use:.1 | AHA_STROKE
Intracerebral haemorrhage | sudden_onset:.8 | AHA_STROKE
Supraventricular tachycardia | sudden_onset:.7 | HARRISON
Renal colic | sudden_onset:.6 | EAU_URO
Ovarian torsion | sudden_onset:.7 | TINTINALLI
Testicular torsion | sudden_onset:.8 | TINTINALLI
Anaphylaxis | sudden_onset:.7 | WAO_ANAPH
Acute mesenteric ischaemia | sudden_onset:.6 active_cancer:.05 | ESC_AORTA;TINTINALLI
"""


def risk_factor_links() -> list[tuple[str, list[tuple[str, float]], tuple[str, ...]]]:
    """(disease name, [(finding key, P(finding | disease))], source keys) per table line."""
    out = []
    for line in RISK_FACTORS_TABLE.strip().splitlines():
        name, links, sources = (c.strip() for c in line.split("|"))
        pairs = [(k, float(p)) for k, p in (item.split(":") for item in links.split())]
        out.append((name, pairs, tuple(s.strip() for s in sources.split(";") if s.strip())))
    return out
