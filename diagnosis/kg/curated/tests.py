"""The knowledge graph's tests, written by MedAction: what each common test can reveal.

A test's name, aliases and category come from the one test catalogue
(diagnosis/vocabulary/tests.toml); this table adds what only the graph knows. One line per test:
catalogue key | catalogue keys of other tests it also stands for (;) — their names resolve to it
unless another line has them as its own | relative cost (our own rough figure, same scale as the
app's cost table) | finding keys the test can reveal, present or absent; an indented line
goes on with the finding keys of the line above.
"""

TESTS_TABLE = """
vitals |  | 2 | fever tachycardia bradycardia hypotension hypertension tachypnea hypoxemia
    irregular_pulse hypothermia
exam_neuro |  | 5 | hemiparesis aphasia dysarthria facial_palsy ataxia areflexia weakness ptosis
    diplopia neck_stiffness confusion tremor rigidity bradykinesia paresthesia fatigable_weakness
exam_abd |  | 5 | rlq_pain llq_pain ruq_pain epigastric_pain rebound murphy_sign distension
    hepatomegaly splenomegaly ascites flank_pain
exam_cardiac |  | 5 | murmur friction_rub jvd edema irregular_pulse unilateral_leg_swelling
exam_resp |  | 5 | crackles wheeze tachypnea
exam_skin |  | 5 | rash malar_rash vesicular_rash urticaria petechiae erythema_warmth jaundice
    pallor hyperpigmentation angioedema papule plaque scaling annular umbilicated comedones pustules
    burrows honey_crust depigmentation pearly_nodule changing_mole wart
exam_msk |  | 5 | joint_swelling monoarthritis erythema_warmth
head_and_neck_examination | exam_neck; exam_ent | 5 | tonsillar_exudate lymphadenopathy goiter
    sore_throat
exam_slit_lamp | exam_eye | 30 | kf_rings
catecholamines |  | 90 | metanephrines_high
serum_ceruloplasmin |  | 40 | ceruloplasmin_low
24_hour_urinary_copper |  | 60 | urine_copper_high
anti_ttg |  | 30 | ttg_positive
anti_tpo_antibodies |  | 30 | anti_tpo_positive
emg |  | 200 | nerve_conduction_demyelinating
temporal_artery_ultrasound | temporal_artery_biopsy | 150 | temporal_artery_abnormal
kOH |  | 15 | koh_hyphae
skin_scraping_for_scabies |  | 15 | mites_seen
spep | free_light_chains | 40 | m_protein
ldh |  | 8 | ldh_high
reticulocytes |  | 8 | reticulocytosis
haptoglobin |  | 15 | haptoglobin_low
peripheral_smear |  | 15 | smudge_cells reticulocytosis
pth |  | 40 | pth_high
psa |  | 25 | psa_high
afp |  | 30 | afp_high
lipid_panel | cholesterol | 15 | hyperlipidemia
dexamethasone_suppression_test |  | 60 | cortisol_high
skeletal_survey |  | 150 | lytic_lesions
colonoscopy |  | 600 | colon_mass
exam_iop |  | 20 | iop_high
exam_eye |  | 5 | red_eye eye_discharge visual_loss
cbc |  | 10 | anemia microcytosis macrocytosis leukocytosis leukopenia thrombocytopenia
    thrombocytosis lymphocytosis eosinophilia
bmp | electrolytes; ue | 12 | hyponatremia hypernatremia hyperkalemia hypokalemia creatinine_high
    hyperglycemia hypoglycemia metabolic_acidosis
lft |  | 15 | transaminases_high bilirubin_high alp_high albumin_low
lipase | amylase | 15 | lipase_high
troponin | cardiac_enzymes | 25 | troponin_high
ecg |  | 20 | stemi_ecg st_depression af_ecg svt_ecg diffuse_st s1q3t3 lvh
chest_x_ray |  | 40 | consolidation pleural_effusion pneumothorax_img cardiomegaly
    pulmonary_congestion hyperinflation lung_mass hilar_lymphadenopathy cavitation
    mediastinal_widening free_air
crp |  | 8 | crp_high
esr |  | 6 | esr_high
procalcitonin |  | 30 | procalcitonin_high
ddimer |  | 20 | ddimer_high
bnp |  | 35 | bnp_high
abg |  | 25 | metabolic_acidosis respiratory_alkalosis hypercapnia hypoxemia lactate_high
lactate |  | 15 | lactate_high
glucose |  | 3 | hyperglycemia hypoglycemia
hba1c |  | 15 | hba1c_high
ketones |  | 10 | ketones
tft | tsh; free_t4 | 23 | tsh_high tsh_low t4_low t4_high
ferritin | iron_studies | 18 | ferritin_low ferritin_high
b12 |  | 20 | b12_low
coag | pt_inr; aptt | 12 | inr_high
calcium |  | 6 | hypercalcemia hypocalcemia
ck |  | 12 | ck_high
uric_acid |  | 8 | uric_acid_high
cortisol | acth_stimulation_test | 30 | cortisol_low
ana | anti_dsdna | 40 | ana_positive dsdna_positive
rf | anti_ccp | 30 | rf_positive
anti_achr |  | 120 | achr_positive
urinalysis |  | 5 | pyuria nitrite_positive hematuria proteinuria glycosuria ketones
urine_culture |  | 20 | bacteriuria
hcg |  | 8 | hcg_positive
blood_culture |  | 40 | blood_culture_positive
throat_culture |  | 15 | strep_positive
influenza_pcr |  | 40 | influenza_positive
sars_cov_2_pcr |  | 40 | covid_positive
monospot |  | 15 | monospot_positive
hiv |  | 30 | hiv_positive
stool_c_difficile_toxin |  | 35 | cdiff_positive
sputum_afb_smear |  | 30 | afb_positive
arthrocentesis |  | 80 | joint_crystals joint_purulent
csf |  | 150 | csf_pleocytosis csf_albuminocytologic xanthochromia
spirometry |  | 60 | obstructive_spirometry reversible_obstruction
echocardiogram |  | 200 | wall_motion low_ef vegetation pericardial_effusion aortic_dilation lvh
ct_pulmonary_angiogram |  | 300 | filling_defect consolidation pleural_effusion lung_mass
ct_head |  | 250 | ct_bleed ct_infarct
mri_brain |  | 600 | ct_infarct ct_bleed
ct_abdomen_and_pelvis |  | 350 | appendix_img diverticula_inflamed bowel_dilation free_air
    pancreas_inflamed kidney_stone_img hydronephrosis cirrhotic_liver adrenal_mass pancreatic_mass
    liver_mass colon_mass
ct_angiography_of_the_aorta |  | 400 | mediastinal_widening aortic_dilation
abdominal_ultrasound |  | 120 | gallstones gb_wall hydronephrosis cirrhotic_liver steatosis ascites
    splenomegaly hepatomegaly liver_mass
pelvic_ultrasound |  | 150 | adnexal_mass ectopic_img
scrotal_ultrasound |  | 150 | testis_no_flow
lower_limb_venous_doppler_ultrasound |  | 150 | dvt_img
joint_x_ray |  | 40 | joint_erosions joint_space_narrowing
"""
