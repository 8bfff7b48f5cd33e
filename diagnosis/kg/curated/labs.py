"""Lab analytes, written by MedAction: the finding a result in each direction means ("high"/"low");
the parser reads the direction from the words after the analyte ("ferritin 6 ug/L (low)"), or
compares the number with the reference limits in NUMERIC_TABLE.
"""

# analyte synonyms (;-separated) | finding when high | finding when low
LAB_ANALYTES_TABLE = """
troponin; troponin i; troponin t; hs troponin; high sensitivity troponin; ctni; ctnt | troponin_high |
white blood cell count; white blood cell; white cell count; wbc; leukocyte count; leukocytes | leukocytosis | leukopenia
hemoglobin; hb; hgb; haemoglobin | | anemia
mean corpuscular volume; mcv | macrocytosis | microcytosis
platelet; platelet count; platelets; plt | thrombocytosis | thrombocytopenia
c reactive protein; crp | crp_high |
erythrocyte sedimentation rate; esr; sed rate | esr_high |
procalcitonin | procalcitonin_high |
bnp; nt probnp; brain natriuretic peptide; b type natriuretic peptide; natriuretic peptide | bnp_high |
d dimer; ddimer | ddimer_high |
lactate; lactic acid; serum lactate | lactate_high |
glucose; blood glucose; blood sugar; serum glucose; fasting glucose | hyperglycemia | hypoglycemia
sodium; serum sodium | hypernatremia | hyponatremia
potassium; serum potassium | hyperkalemia | hypokalemia
calcium; serum calcium | hypercalcemia | hypocalcemia
creatinine; serum creatinine; urea; bun; blood urea nitrogen | creatinine_high |
alt; ast; alanine aminotransferase; aspartate aminotransferase; transaminases; liver enzymes | transaminases_high |
bilirubin; total bilirubin | bilirubin_high |
alkaline phosphatase; alp | alp_high |
lipase; amylase; serum lipase; serum amylase | lipase_high |
albumin | | albumin_low
inr; prothrombin time | inr_high |
ferritin; serum ferritin | ferritin_high | ferritin_low
vitamin b12; b12; cobalamin | | b12_low
tsh; thyroid stimulating hormone; thyrotropin | tsh_high | tsh_low
free t4; ft4; t4; thyroxine | t4_high | t4_low
hba1c; glycated hemoglobin; hemoglobin a1c; a1c | hba1c_high |
cortisol; morning cortisol | | cortisol_low
creatine kinase; ck; cpk | ck_high |
uric acid; urate; serum urate | uric_acid_high |
ana; antinuclear antibody; antinuclear antibodies | ana_positive |
rheumatoid factor; anti ccp; anti cyclic citrullinated peptide | rf_positive |
anti dsdna; dsdna; anti double stranded dna | dsdna_positive |
acetylcholine receptor antibody; acetylcholine receptor antibodies; achr antibody | achr_positive |
leukocyte esterase; urine leukocytes; urine wbc | pyuria |
nitrite; nitrites; urine nitrite | nitrite_positive |
urine glucose | glycosuria |
urine protein; urine albumin | proteinuria |
ketones; urine ketones; serum ketones; beta hydroxybutyrate | ketones |
beta hcg; hcg; pregnancy test; urine hcg; serum hcg | hcg_positive |
blood culture; blood cultures | blood_culture_positive |
rapid strep test; rapid antigen detection test; throat culture; rapid strep | strep_positive |
influenza pcr; influenza test; rapid influenza test | influenza_positive |
sars cov 2 pcr; covid 19 pcr; covid test; sars cov 2 | covid_positive |
monospot; heterophile antibody; heterophile antibodies | monospot_positive |
hiv test; hiv antibody; hiv 1 2 antigen antibody; hiv serology | hiv_positive |
c difficile toxin; c diff toxin; clostridioides difficile | cdiff_positive |
sputum afb; afb smear; acid fast smear; sputum acid fast | afb_positive |
urine culture | bacteriuria |
ldh; lactate dehydrogenase | ldh_high |
reticulocyte count; reticulocytes | reticulocytosis |
haptoglobin | | haptoglobin_low
pth; parathyroid hormone; intact pth | pth_high |
psa; prostate specific antigen | psa_high |
afp; alpha fetoprotein | afp_high |
intraocular pressure; iop | iop_high |
cholesterol; ldl; total cholesterol; ldl cholesterol | hyperlipidemia |
serum protein electrophoresis; spep; protein electrophoresis | m_protein |
24 hour urinary cortisol; urinary free cortisol; dexamethasone suppression test | cortisol_high |
koh preparation; koh; potassium hydroxide preparation | koh_hyphae |
plasma metanephrines; plasma free metanephrines; metanephrines; urine catecholamines; catecholamines; normetanephrine | metanephrines_high |
ceruloplasmin; serum ceruloplasmin | | ceruloplasmin_low
urinary copper; 24 hour urinary copper; urine copper | urine_copper_high |
ttg; ttg iga; tissue transglutaminase; coeliac serology; celiac serology; anti ttg | ttg_positive |
anti tpo; anti tpo antibodies; thyroid peroxidase antibodies; tpo antibodies | anti_tpo_positive |
lymphocyte count; absolute lymphocyte count; lymphocytes; lymphocyte | lymphocytosis |
eosinophil count; absolute eosinophil count; eosinophils; eosinophil | eosinophilia |
hematocrit; hct; packed cell volume | erythrocytosis | anemia
partial thromboplastin time; activated partial thromboplastin time; ptt; aptt | ptt_prolonged |
temperature; temp; body temperature | fever | hypothermia
heart rate; pulse; pulse rate | tachycardia | bradycardia
respiratory rate; respiration rate | tachypnea |
blood pressure; bp | hypertension | hypotension
oxygen saturation; spo2; o2 saturation; sao2; pulse oximetry; oxygen sat | | hypoxemia
"""

# analyte synonyms | below this is "low" | above this is "high" | unit rescue (see values.CONVERSIONS).
# Our adult reference limits, rounded (Oxford Handbook of Clinical Medicine, 11th ed., reference
# intervals); a direction word in the result ("low", "elevated") overrides the number.
NUMERIC_TABLE = """
temperature; temp; body temperature | 35 | 38.0 | fahrenheit
heart rate; pulse; pulse rate | 50 | 100 |
respiratory rate; respiration rate | | 22 |
blood pressure; bp | 90 | 160 |
oxygen saturation; spo2; o2 saturation; sao2; pulse oximetry; oxygen sat | 92 | |
white blood cell count; white blood cell; white cell count; wbc; leukocyte count; leukocytes | 4 | 11 | per_ul
hemoglobin; hb; hgb; haemoglobin | 12 | | g_per_l
mean corpuscular volume; mcv | 80 | 100 |
platelet; platelet count; platelets; plt | 150 | 450 | per_ul
sodium; serum sodium | 135 | 145 |
potassium; serum potassium | 3.5 | 5.2 |
glucose; blood glucose; blood sugar; serum glucose; fasting glucose | 70 | 180 | glucose_mmol
creatinine; serum creatinine | | 1.3 | creatinine_umol
calcium; serum calcium | 8.5 | 10.5 | calcium_mmol
albumin | 3.5 | | g_per_l
c reactive protein; crp | | 10 |
erythrocyte sedimentation rate; esr; sed rate | | 30 |
ferritin; serum ferritin | 20 | 400 |
tsh; thyroid stimulating hormone; thyrotropin | 0.4 | 4.5 |
alt; ast; alanine aminotransferase; aspartate aminotransferase | | 50 |
hba1c; glycated hemoglobin; hemoglobin a1c; a1c | | 6.5 |
lactate; lactic acid; serum lactate | | 2.0 |
lymphocyte count; absolute lymphocyte count | | 4.0 | per_ul
hematocrit; hct; packed cell volume | 36 | 52 |
partial thromboplastin time; activated partial thromboplastin time; ptt; aptt | | 40 |
bilirubin; total bilirubin | | 1.2 |
alkaline phosphatase; alp | | 130 |
creatine kinase; ck; cpk | | 250 |
inr | | 1.3 |
"""
