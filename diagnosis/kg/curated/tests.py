"""The knowledge graph's tests, written by MedAction: what each common test can reveal.

A test's name, aliases and category come from the one test catalogue
(diagnosis/vocabulary/tests.toml); this table adds what only the graph knows. One line per test:
catalogue key | catalogue keys of other tests it also stands for (;) — their names resolve to it
unless another line has them as its own | priced as: empty for the test's own catalogue price, or
the catalogue key whose price the bill charges for it (an abdominal ultrasound is billed as an
ultrasound) | finding keys the test can reveal, present or absent; an indented line goes on with
the finding keys of the line above.

What a test costs the engine is what the bill charges (`list_price`, the ledger's rule in
diagnosis/environment/costs.py on the catalogue's built-in prices): an examination or a vital sign
is part of the visit ($0), a priced catalogue entry costs its price, and an entry without one costs
the ledger's default, DEFAULT_TEST_PRICE. tests/environment/test_costs.py checks every test here
against the ledger.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

FREE_CATEGORIES = frozenset({"examination", "physical examination", "vital signs"})  # as the bill
DEFAULT_TEST_PRICE = Decimal("25")  # the ledger's default (CostTable.default_price)


def list_price(catalogue: Any, key: str, priced_as: str = "") -> float:
    """What the bill charges for the catalogue test `key` (priced as `priced_as` when given)."""
    entry = catalogue[key]
    if entry.category.lower() in FREE_CATEGORIES:
        return 0.0
    price = catalogue[priced_as].price if priced_as else entry.price
    return float(price if price is not None else DEFAULT_TEST_PRICE)


TESTS_TABLE = """
vitals |  | | fever tachycardia bradycardia hypotension hypertension tachypnea hypoxemia
    irregular_pulse hypothermia
exam_neuro |  | | hemiparesis aphasia dysarthria facial_palsy ataxia areflexia weakness ptosis
    diplopia neck_stiffness confusion tremor rigidity bradykinesia paresthesia fatigable_weakness
exam_abd |  | | rlq_pain llq_pain ruq_pain epigastric_pain rebound murphy_sign distension
    hepatomegaly splenomegaly ascites flank_pain
exam_cardiac |  | | murmur friction_rub jvd edema irregular_pulse unilateral_leg_swelling
exam_resp |  | | crackles wheeze tachypnea
exam_skin |  | | rash malar_rash vesicular_rash urticaria petechiae erythema_warmth jaundice
    pallor hyperpigmentation angioedema papule plaque scaling annular umbilicated comedones pustules
    burrows honey_crust depigmentation pearly_nodule changing_mole wart
exam_msk |  | | joint_swelling monoarthritis erythema_warmth
head_and_neck_examination | exam_neck; exam_ent | | tonsillar_exudate lymphadenopathy goiter
    sore_throat
exam_slit_lamp | exam_eye | | kf_rings
catecholamines |  | | metanephrines_high
serum_ceruloplasmin |  | | ceruloplasmin_low
24_hour_urinary_copper |  | | urine_copper_high
anti_ttg |  | | ttg_positive
anti_tpo_antibodies |  | | anti_tpo_positive
ncs |  | | nerve_conduction_demyelinating
temporal_artery_ultrasound | temporal_artery_biopsy | ultrasound | temporal_artery_abnormal
kOH |  | | koh_hyphae
skin_scraping_for_scabies |  | | mites_seen
spep | free_light_chains | | m_protein
ldh |  | | ldh_high
reticulocytes |  | | reticulocytosis
haptoglobin |  | | haptoglobin_low
peripheral_smear |  | | smudge_cells reticulocytosis
pth |  | | pth_high
psa |  | | psa_high
afp |  | | afp_high
lipid_panel | cholesterol | | hyperlipidemia
dexamethasone_suppression_test |  | | cortisol_high
skeletal_survey |  | | lytic_lesions
colonoscopy |  | | colon_mass
exam_iop |  | | iop_high
exam_eye |  | | red_eye eye_discharge visual_loss
cbc |  | | anemia microcytosis macrocytosis leukocytosis leukopenia thrombocytopenia
    thrombocytosis lymphocytosis eosinophilia
bmp | electrolytes; ue | | hyponatremia hypernatremia hyperkalemia hypokalemia creatinine_high
    hyperglycemia hypoglycemia metabolic_acidosis
lft |  | | transaminases_high bilirubin_high alp_high albumin_low
lipase | amylase | | lipase_high
troponin | cardiac_enzymes | | troponin_high
ecg |  | | stemi_ecg st_depression af_ecg svt_ecg diffuse_st s1q3t3 lvh
chest_x_ray |  | | consolidation pleural_effusion pneumothorax_img cardiomegaly
    pulmonary_congestion hyperinflation lung_mass hilar_lymphadenopathy cavitation
    mediastinal_widening free_air
crp |  | | crp_high
esr |  | | esr_high
procalcitonin |  | | procalcitonin_high
ddimer |  | | ddimer_high
bnp |  | | bnp_high
abg |  | | metabolic_acidosis respiratory_alkalosis hypercapnia hypoxemia lactate_high
lactate |  | | lactate_high
glucose |  | | hyperglycemia hypoglycemia
hba1c |  | | hba1c_high
ketones |  | | ketones
tft | tsh; free_t4 | | tsh_high tsh_low t4_low t4_high
ferritin | iron_studies | | ferritin_low ferritin_high
b12 |  | | b12_low
coag | pt_inr; aptt | | inr_high
calcium |  | | hypercalcemia hypocalcemia
ck |  | | ck_high
uric_acid |  | | uric_acid_high
cortisol | acth_stimulation_test | | cortisol_low
ana | anti_dsdna | | ana_positive dsdna_positive
rf | anti_ccp | | rf_positive
anti_achr |  | | achr_positive
urinalysis |  | | pyuria nitrite_positive hematuria proteinuria glycosuria ketones
urine_culture |  | | bacteriuria
hcg |  | | hcg_positive
blood_culture |  | | blood_culture_positive
throat_culture |  | | strep_positive
influenza_pcr |  | | influenza_positive
sars_cov_2_pcr |  | | covid_positive
monospot |  | | monospot_positive
hiv |  | | hiv_positive
stool_c_difficile_toxin |  | | cdiff_positive
sputum_afb_smear |  | | afb_positive
arthrocentesis |  | | joint_crystals joint_purulent
csf |  | | csf_pleocytosis csf_albuminocytologic xanthochromia
spirometry |  | | obstructive_spirometry reversible_obstruction
echocardiogram |  | | wall_motion low_ef vegetation pericardial_effusion aortic_dilation lvh
ct_pulmonary_angiogram |  | ct_angiography | filling_defect consolidation pleural_effusion lung_mass
ct_head |  | | ct_bleed ct_infarct
mri_brain |  | | ct_infarct ct_bleed
ct_abdomen_and_pelvis |  | | appendix_img diverticula_inflamed bowel_dilation free_air
    pancreas_inflamed kidney_stone_img hydronephrosis cirrhotic_liver adrenal_mass pancreatic_mass
    liver_mass colon_mass
ct_angiography_of_the_aorta |  | ct_angiography | mediastinal_widening aortic_dilation
abdominal_ultrasound |  | ultrasound | gallstones gb_wall hydronephrosis cirrhotic_liver
    steatosis ascites splenomegaly hepatomegaly liver_mass
pelvic_ultrasound |  | ultrasound | adnexal_mass ectopic_img
scrotal_ultrasound |  | ultrasound | testis_no_flow
lower_limb_venous_doppler_ultrasound |  | ultrasound | dvt_img
joint_x_ray |  | x_ray | joint_erosions joint_space_narrowing
"""
