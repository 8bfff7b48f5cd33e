"""Curated test catalogue, written by MedAction: what each common test can reveal.

One line per test: name (the common name the engine orders; the oracle matches synonyms) |
aliases (;) | category | relative cost (our own rough figure, same scale as the app's cost
table) | finding keys the test can reveal, present or absent.
"""

TESTS_TABLE = """
Vital signs | observations; vitals; vital sign measurement | Examination | 2 | fever tachycardia bradycardia hypotension hypertension tachypnea hypoxemia irregular_pulse hypothermia
Neurological examination | neurologic examination; neuro exam; neurological exam | Examination | 5 | hemiparesis aphasia dysarthria facial_palsy ataxia areflexia weakness ptosis diplopia neck_stiffness confusion tremor rigidity bradykinesia paresthesia fatigable_weakness
Abdominal examination | abdominal exam; abdomen examination | Examination | 5 | rlq_pain llq_pain ruq_pain epigastric_pain rebound murphy_sign distension hepatomegaly splenomegaly ascites flank_pain
Cardiovascular examination | cardiac examination; heart examination; cardiovascular exam | Examination | 5 | murmur friction_rub jvd edema irregular_pulse unilateral_leg_swelling
Respiratory examination | chest examination; lung examination; respiratory exam; pulmonary examination | Examination | 5 | crackles wheeze tachypnea
Skin examination | dermatological examination; skin exam | Examination | 5 | rash malar_rash vesicular_rash urticaria petechiae erythema_warmth jaundice pallor hyperpigmentation angioedema papule plaque scaling annular umbilicated comedones pustules burrows honey_crust depigmentation pearly_nodule changing_mole wart
Musculoskeletal examination | joint examination; musculoskeletal exam | Examination | 5 | joint_swelling monoarthritis erythema_warmth
Head and neck examination | neck examination; throat examination; ent examination; lymph node examination | Examination | 5 | tonsillar_exudate lymphadenopathy goiter sore_throat
Slit lamp examination | slit lamp; ophthalmological examination | Examination | 30 | kf_rings
Plasma metanephrines | plasma free metanephrines; urine catecholamines; metanephrines | Biochemistry | 90 | metanephrines_high
Serum ceruloplasmin | ceruloplasmin | Biochemistry | 40 | ceruloplasmin_low
24-hour urinary copper | urine copper | Biochemistry | 60 | urine_copper_high
Coeliac serology | ttg iga; tissue transglutaminase antibodies; celiac serology | Immunology | 30 | ttg_positive
Anti-TPO antibodies | thyroid peroxidase antibodies | Immunology | 30 | anti_tpo_positive
Nerve conduction studies | ncs; electromyography; emg | Physiology | 200 | nerve_conduction_demyelinating
Temporal artery ultrasound | temporal artery biopsy | Imaging | 150 | temporal_artery_abnormal
KOH preparation | koh; skin scraping for fungus; fungal scraping; potassium hydroxide preparation | Microbiology | 15 | koh_hyphae
Skin scraping for scabies | scabies scraping; mineral oil preparation | Microbiology | 15 | mites_seen
Serum protein electrophoresis | spep; protein electrophoresis; serum free light chains | Biochemistry | 40 | m_protein
Lactate dehydrogenase | ldh | Biochemistry | 8 | ldh_high
Reticulocyte count | reticulocytes | Haematology | 8 | reticulocytosis
Haptoglobin | serum haptoglobin | Haematology | 15 | haptoglobin_low
Peripheral blood smear | blood film; peripheral smear; blood smear | Haematology | 15 | smudge_cells reticulocytosis
Parathyroid hormone | pth; intact pth | Biochemistry | 40 | pth_high
Prostate-specific antigen | psa | Biochemistry | 25 | psa_high
Alpha-fetoprotein | afp | Biochemistry | 30 | afp_high
Lipid panel | lipid profile; cholesterol; fasting lipids | Biochemistry | 15 | hyperlipidemia
Dexamethasone suppression test | 24 hour urinary cortisol; urinary free cortisol; late night salivary cortisol | Biochemistry | 60 | cortisol_high
Skeletal survey | skeletal x rays; bone survey | Imaging | 150 | lytic_lesions
Colonoscopy | lower gi endoscopy | Procedure | 600 | colon_mass
Tonometry | intraocular pressure; iop measurement | Examination | 20 | iop_high
Eye examination | ophthalmic examination; eye exam | Examination | 5 | red_eye eye_discharge visual_loss
Complete blood count | cbc; full blood count; fbc; blood count; hemogram | Haematology | 10 | anemia microcytosis macrocytosis leukocytosis leukopenia thrombocytopenia thrombocytosis lymphocytosis eosinophilia
Basic metabolic panel | bmp; electrolytes; urea and electrolytes; u and e; renal function; chem 7; serum electrolytes | Biochemistry | 12 | hyponatremia hypernatremia hyperkalemia hypokalemia creatinine_high hyperglycemia hypoglycemia metabolic_acidosis
Liver function tests | lfts; liver panel; hepatic function panel; liver enzymes | Biochemistry | 15 | transaminases_high bilirubin_high alp_high albumin_low
Lipase | serum lipase; amylase; serum amylase | Biochemistry | 15 | lipase_high
Troponin | troponin i; troponin t; high sensitivity troponin; cardiac troponin; cardiac enzymes | Biochemistry | 25 | troponin_high
Electrocardiogram | ecg; ekg; 12 lead ecg; electrocardiography | Cardiology | 20 | stemi_ecg st_depression af_ecg svt_ecg diffuse_st s1q3t3 lvh
Chest X-ray | cxr; chest radiograph; chest x ray; chest radiography | Imaging | 40 | consolidation pleural_effusion pneumothorax_img cardiomegaly pulmonary_congestion hyperinflation lung_mass hilar_lymphadenopathy cavitation mediastinal_widening free_air
C-reactive protein | crp | Biochemistry | 8 | crp_high
Erythrocyte sedimentation rate | esr; sed rate | Haematology | 6 | esr_high
Procalcitonin | pct | Biochemistry | 30 | procalcitonin_high
D-dimer | d dimer | Haematology | 20 | ddimer_high
BNP | b type natriuretic peptide; nt probnp; brain natriuretic peptide | Biochemistry | 35 | bnp_high
Arterial blood gas | abg; blood gas; venous blood gas | Biochemistry | 25 | metabolic_acidosis respiratory_alkalosis hypercapnia hypoxemia lactate_high
Lactate | serum lactate; lactic acid | Biochemistry | 15 | lactate_high
Blood glucose | glucose; fingerstick glucose; capillary glucose; blood sugar | Biochemistry | 3 | hyperglycemia hypoglycemia
HbA1c | hemoglobin a1c; glycated hemoglobin | Biochemistry | 15 | hba1c_high
Serum ketones | beta hydroxybutyrate; ketones; blood ketones | Biochemistry | 10 | ketones
Thyroid function tests | tsh; thyroid stimulating hormone; thyroid panel; free t4 | Biochemistry | 23 | tsh_high tsh_low t4_low t4_high
Ferritin | serum ferritin; iron studies | Biochemistry | 18 | ferritin_low ferritin_high
Vitamin B12 | b12; cobalamin; vitamin b12 level | Biochemistry | 20 | b12_low
Coagulation panel | inr; pt inr; prothrombin time; coagulation studies; aptt | Haematology | 12 | inr_high
Serum calcium | calcium | Biochemistry | 6 | hypercalcemia hypocalcemia
Creatine kinase | ck; cpk | Biochemistry | 12 | ck_high
Uric acid | serum urate; urate | Biochemistry | 8 | uric_acid_high
Morning cortisol | cortisol; serum cortisol; acth stimulation test | Biochemistry | 30 | cortisol_low
Antinuclear antibodies | ana; antinuclear antibody; anti dsdna | Immunology | 40 | ana_positive dsdna_positive
Rheumatoid factor | rf; anti ccp; anti cyclic citrullinated peptide | Immunology | 30 | rf_positive
Acetylcholine receptor antibodies | achr antibodies; anti achr antibodies | Immunology | 120 | achr_positive
Urinalysis | urine dipstick; ua; urine analysis; urine microscopy | Urine | 5 | pyuria nitrite_positive hematuria proteinuria glycosuria ketones
Urine culture | urine microscopy and culture; msu culture | Microbiology | 20 | bacteriuria
Pregnancy test | beta hcg; urine hcg; serum hcg; urine pregnancy test | Urine | 8 | hcg_positive
Blood cultures | blood culture | Microbiology | 40 | blood_culture_positive
Rapid strep test | rapid antigen detection test; throat swab; throat culture | Microbiology | 15 | strep_positive
Influenza PCR | influenza test; rapid influenza test; flu swab | Microbiology | 40 | influenza_positive
SARS-CoV-2 PCR | covid 19 test; covid pcr; sars cov 2 test | Microbiology | 40 | covid_positive
Monospot test | heterophile antibody test; ebv serology | Microbiology | 15 | monospot_positive
HIV test | hiv antigen antibody test; hiv serology; hiv 1 2 test | Microbiology | 30 | hiv_positive
Stool C. difficile toxin | c difficile toxin; c diff test; stool toxin | Microbiology | 35 | cdiff_positive
Sputum AFB smear | sputum acid fast bacilli; afb smear; sputum for tb | Microbiology | 30 | afb_positive
Joint aspiration | arthrocentesis; synovial fluid analysis | Procedure | 80 | joint_crystals joint_purulent
Lumbar puncture | csf analysis; spinal tap; cerebrospinal fluid analysis | Procedure | 150 | csf_pleocytosis csf_albuminocytologic xanthochromia
Spirometry | pulmonary function tests; pft; lung function tests | Physiology | 60 | obstructive_spirometry reversible_obstruction
Echocardiogram | echo; transthoracic echocardiogram; tte; echocardiography | Imaging | 200 | wall_motion low_ef vegetation pericardial_effusion aortic_dilation lvh
CT pulmonary angiogram | ctpa; ct angiography chest; ct chest with contrast | Imaging | 300 | filling_defect consolidation pleural_effusion lung_mass
CT head | head ct; non contrast ct head; ct brain | Imaging | 250 | ct_bleed ct_infarct
MRI brain | brain mri; mri head | Imaging | 600 | ct_infarct ct_bleed
CT abdomen and pelvis | ct abdomen; abdominal ct; ct abdomen pelvis | Imaging | 350 | appendix_img diverticula_inflamed bowel_dilation free_air pancreas_inflamed kidney_stone_img hydronephrosis cirrhotic_liver adrenal_mass pancreatic_mass liver_mass colon_mass
CT angiography of the aorta | ct aortogram; ct angiogram aorta | Imaging | 400 | mediastinal_widening aortic_dilation
Abdominal ultrasound | ultrasound abdomen; right upper quadrant ultrasound; ruq ultrasound; hepatobiliary ultrasound | Imaging | 120 | gallstones gb_wall hydronephrosis cirrhotic_liver steatosis ascites splenomegaly hepatomegaly liver_mass
Pelvic ultrasound | transvaginal ultrasound; pelvic us | Imaging | 150 | adnexal_mass ectopic_img
Scrotal ultrasound | testicular ultrasound; doppler ultrasound of the testes | Imaging | 150 | testis_no_flow
Lower limb venous Doppler ultrasound | compression ultrasound; venous duplex; leg doppler; doppler ultrasound of the leg | Imaging | 150 | dvt_img
Joint X-ray | x ray of the joint; hand x ray; knee x ray | Imaging | 40 | joint_erosions joint_space_narrowing
"""
