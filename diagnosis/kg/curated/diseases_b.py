"""Curated common diseases (endocrine, haematology, neurology, infection, rheumatology,
obstetrics and gynaecology, toxicology, skin), written by MedAction. Format as in diseases_a.py.
"""

DISEASES_B = """
Diabetic ketoacidosis | dka; diabetic ketoacidosis | E10.1 | 2 | polyuria:.8 polydipsia:.8 vomiting:.6 abdominal_pain:.5 kussmaul:.5 dehydration:.7 confusion:.3 hyperglycemia:.98 ketones:.98 metabolic_acidosis:.98 hyperkalemia:.3 tachycardia:.6 | JBDS_DKA;ADA
Type 2 diabetes mellitus | type 2 diabetes; t2dm; ~Diabetes mellitus = diabetes = new onset diabetes | E11 | 4 | polyuria:.5 polydipsia:.5 fatigue:.4 weight_loss:.2 hyperglycemia:.95 hba1c_high:.98 glycosuria:.6 visual_loss:.2 | ADA;NICE_CKS
Hypoglycaemia | hypoglycemia; insulin induced hypoglycemia | E16.2 | 2 | hypoglycemia:.99 diaphoresis:.7 confusion:.5 tremulousness:.5 palpitations:.4 seizure:.1 reduced_consciousness:.3 | ADA;TINTINALLI
Hypothyroidism | hashimoto thyroiditis; underactive thyroid; myxedema; primary hypothyroidism | E03.9 | 3 | fatigue:.8 weight_gain:.6 anti_tpo_positive:.8 cold_intolerance:.6 constipation:.5 depressed_mood:.3 edema:.2 bradycardia:.3 tsh_high:.98 t4_low:.8 goiter:.3 hyponatremia:.1 | ATA_THYROID;NICE_CKS
Hyperthyroidism | thyrotoxicosis; overactive thyroid; ~Graves disease; ~Toxic multinodular goiter | E05 | 3 | weight_loss:.6 heat_intolerance:.6 palpitations:.7 tremor:.6 anxiety:.5 diarrhea:.25 diaphoresis:.5 tachycardia:.7 goiter:.6 exophthalmos:.3 tsh_low:.98 t4_high:.9 af_ecg:.1 | ATA_THYROID;NICE_CKS
Adrenal insufficiency | addison disease; addisons disease; primary adrenal insufficiency; ~Adrenal crisis | E27.1 | 1 | fatigue:.9 weight_loss:.7 hypotension:.6 hyperpigmentation:.6 abdominal_pain:.3 nausea:.5 vomiting:.4 hyponatremia:.8 hyperkalemia:.5 hypoglycemia:.3 cortisol_low:.95 | HARRISON
Iron deficiency anaemia | iron deficiency anemia; ida; ~Iron deficiency | D50 | 4 | fatigue:.8 pallor:.6 dyspnea:.4 anemia:.98 microcytosis:.85 ferritin_low:.95 thrombocytosis:.2 | BSH_ANAEMIA;NICE_CKS
Vitamin B12 deficiency anaemia | pernicious anemia; b12 deficiency; vitamin b12 deficiency; pernicious anaemia; ~Megaloblastic anaemia | D51 | 2 | fatigue:.8 pallor:.5 paresthesia:.4 ataxia:.15 memory_loss:.1 anemia:.9 macrocytosis:.9 b12_low:.98 | BSH_ANAEMIA;HARRISON
Anaemia | anemia | D64.9 | 3 | fatigue:.8 pallor:.6 dyspnea:.4 dizziness:.3 anemia:.99 | BSH_ANAEMIA;HARRISON
Deep vein thrombosis | dvt; deep venous thrombosis; ~Venous thromboembolism = vte | I80.2 | 3 | unilateral_leg_swelling:.9 edema:.6 erythema_warmth:.4 immobility:.35 ddimer_high:.97 dvt_img:.95 | RATIONAL;ESC_PE
Acute leukaemia | acute leukemia; ~Acute myeloid leukaemia = aml; ~Acute lymphoblastic leukaemia = all | C95.0 | 1 | fatigue:.8 fever:.5 pallor:.6 petechiae:.4 anemia:.9 thrombocytopenia:.85 leukocytosis:.5 leukopenia:.3 lymphadenopathy:.3 splenomegaly:.3 weight_loss:.2 | HARRISON
Acute ischaemic stroke | ischemic stroke; cerebral infarction; ~Stroke = cerebrovascular accident = cva | I63 | 3 | hemiparesis:.85 aphasia:.35 dysarthria:.4 facial_palsy:.45 visual_loss:.2 ataxia:.15 hypertension:.6 af_ecg:.2 ct_infarct:.7 headache:.15 | AHA_STROKE;HARRISON
Transient ischaemic attack | tia; transient ischemic attack; mini stroke | G45.9 | 3 | hemiparesis:.6 aphasia:.3 dysarthria:.3 visual_loss:.2 paresthesia:.3 ct_infarct:.05 hypertension:.6 | AHA_STROKE;NICE_CKS
Intracerebral haemorrhage | intracerebral hemorrhage; hemorrhagic stroke; ich; intraparenchymal hemorrhage | I61 | 2 | hemiparesis:.8 headache:.5 vomiting:.4 reduced_consciousness:.5 hypertension:.85 ct_bleed:.98 seizure:.1 | AHA_STROKE;HARRISON
Subarachnoid haemorrhage | subarachnoid hemorrhage; sah; ruptured aneurysm | I60 | 1 | thunderclap:.9 headache:.98 neck_stiffness:.6 vomiting:.6 photophobia:.4 syncope:.2 reduced_consciousness:.3 ct_bleed:.9 xanthochromia:.9 | AHA_SAH;RATIONAL
Bacterial meningitis | ~Meningitis; ~Meningococcal meningitis; ~Pneumococcal meningitis | G00 | 1 | fever:.85 headache:.85 neck_stiffness:.7 confusion:.6 photophobia:.5 vomiting:.5 petechiae:.2 seizure:.15 csf_pleocytosis:.98 leukocytosis:.7 crp_high:.9 | IDSA_MENING;RATIONAL
Migraine | ~Migraine with aura; ~Migraine without aura = common migraine | G43 | 4 | headache:.99 headache_unilateral:.6 nausea:.7 photophobia:.8 vomiting:.4 aura:.25 visual_loss:.1 fever:.01 neck_stiffness:.02 | ICHD3;NICE_CKS
Tension-type headache | tension headache; tension type headache | G44.2 | 4 | headache:.99 nausea:.05 photophobia:.1 fever:.01 | ICHD3;NICE_CKS
Epileptic seizure | seizure; epilepsy; first seizure; ~Generalized tonic clonic seizure; ~Focal seizure; ~Complex partial seizure | G40 | 3 | seizure:.98 confusion:.5 reduced_consciousness:.4 syncope:.2 ck_high:.2 lactate_high:.3 | HARRISON;NICE_CKS
Bell palsy | bells palsy; bell's palsy; idiopathic facial palsy; facial nerve palsy | G51.0 | 3 | facial_palsy:.99 ear_pain:.4 hemiparesis:.01 | HARRISON;NICE_CKS
Guillain-Barre syndrome | guillain barre syndrome; gbs; acute inflammatory demyelinating polyneuropathy | G61.0 | 1 | ascending_weakness:.8 weakness:.95 areflexia:.9 paresthesia:.6 back_pain:.3 dyspnea:.2 facial_palsy:.4 csf_albuminocytologic:.8 nerve_conduction_demyelinating:.85 | HARRISON
Myasthenia gravis | myasthenia; ocular myasthenia | G70.0 | 1 | fatigable_weakness:.9 ptosis:.7 diplopia:.65 weakness:.8 dysphagia:.3 dysarthria:.2 achr_positive:.85 dyspnea:.15 | HARRISON
Multiple sclerosis | ms; relapsing remitting multiple sclerosis; ~Demyelinating disease | G35 | 2 | paresthesia:.6 visual_loss:.4 weakness:.5 ataxia:.3 diplopia:.2 fatigue:.7 | MCDONALD;HARRISON
Parkinson disease | parkinsons disease; parkinson's disease; idiopathic parkinsonism | G20 | 3 | tremor:.75 bradykinesia:.98 rigidity:.8 memory_loss:.2 constipation:.4 depressed_mood:.3 | MDS_PD;NICE_CKS
Alzheimer disease | alzheimers disease; alzheimer's disease; alzheimer dementia; ~Dementia | G30 | 3 | memory_loss:.98 confusion:.4 depressed_mood:.2 hallucinations:.1 | HARRISON;NICE_CKS
Benign paroxysmal positional vertigo | bppv; positional vertigo | H81.1 | 3 | vertigo:.99 nausea:.5 vomiting:.2 dizziness:.6 hemiparesis:.01 headache:.05 | HARRISON;NICE_CKS
Sepsis | septicemia; septic shock; urosepsis | A41.9 | 3 | fever:.75 tachycardia:.85 hypotension:.5 tachypnea:.6 confusion:.4 chills:.5 leukocytosis:.7 lactate_high:.7 crp_high:.95 procalcitonin_high:.85 blood_culture_positive:.4 creatinine_high:.4 | SEPSIS3;HARRISON
Cellulitis | erysipelas; ~Skin and soft tissue infection | L03 | 4 | erythema_warmth:.98 fever:.3 edema:.5 unilateral_leg_swelling:.5 leukocytosis:.4 crp_high:.6 | IDSA_SSTI;NICE_CKS
Infectious mononucleosis | glandular fever; mono; ebv infection; epstein barr virus infection | B27 | 2 | sore_throat:.85 fever:.8 lymphadenopathy:.9 fatigue:.8 tonsillar_exudate:.5 splenomegaly:.5 lymphocytosis:.7 monospot_positive:.85 transaminases_high:.6 rash:.1 | HARRISON;RATIONAL
Acute HIV infection | hiv; hiv infection; acute retroviral syndrome; hiv initial infection | B20 | 1 | fever:.8 fatigue:.7 rash:.4 sore_throat:.5 lymphadenopathy:.5 myalgia:.5 weight_loss:.3 diarrhea:.3 hiv_positive:.95 | HARRISON;CDC_STI
Acute otitis media | otitis media; middle ear infection | H66 | 4 | ear_pain:.95 fever:.5 hearing_loss:.4 rhinorrhea:.3 | NICE_CKS
Acute rhinosinusitis | sinusitis; acute sinusitis; bacterial sinusitis | J01 | 4 | facial_pain:.8 rhinorrhea:.85 headache:.5 fever:.3 cough:.4 | NICE_CKS;HARRISON
Herpes zoster | shingles; zoster | B02 | 3 | vesicular_rash:.95 rash:.98 pruritus:.3 paresthesia:.5 fever:.1 | NICE_CKS;HARRISON
Lyme disease | lyme borreliosis; erythema migrans | A69.2 | 1 | rash:.8 fever:.4 fatigue:.5 arthralgia:.4 headache:.4 facial_palsy:.05 | HARRISON
Gout | acute gout; gouty arthritis; podagra | M10 | 3 | monoarthritis:.9 joint_swelling:.9 arthralgia:.95 erythema_warmth:.6 uric_acid_high:.7 joint_crystals:.85 fever:.1 crp_high:.5 | ACR_GOUT;NICE_CKS
Septic arthritis | infectious arthritis; bacterial arthritis | M00 | 1 | monoarthritis:.9 joint_swelling:.95 arthralgia:.98 fever:.6 erythema_warmth:.6 joint_purulent:.9 leukocytosis:.5 crp_high:.9 blood_culture_positive:.3 | HARRISON;RATIONAL
Rheumatoid arthritis | ra | M06 | 3 | arthralgia:.95 joint_swelling:.85 morning_stiffness:.85 fatigue:.5 rf_positive:.75 esr_high:.6 crp_high:.6 anemia:.3 joint_erosions:.4 | ACR_RA;NICE_CKS
Osteoarthritis | degenerative joint disease; oa | M19 | 4 | arthralgia:.95 joint_swelling:.3 morning_stiffness:.2 crp_high:.05 joint_space_narrowing:.9 | NICE_CKS;HARRISON
Systemic lupus erythematosus | sle; lupus | M32 | 1 | arthralgia:.8 fatigue:.8 malar_rash:.4 rash:.6 fever:.4 ana_positive:.98 dsdna_positive:.6 anemia:.4 leukopenia:.4 thrombocytopenia:.2 proteinuria:.3 pleuritic_pain:.2 | EULAR_SLE;HARRISON
Polymyalgia rheumatica | pmr | M35.3 | 2 | shoulder_hip_stiffness:.95 morning_stiffness:.9 myalgia:.6 fatigue:.5 esr_high:.9 crp_high:.9 ck_high:.02 | NICE_CKS;HARRISON
Giant cell arteritis | temporal arteritis; gca | M31.6 | 1 | headache:.8 scalp_tenderness:.5 jaw_claudication:.4 visual_loss:.2 fever:.3 temporal_artery_abnormal:.7 esr_high:.95 crp_high:.95 shoulder_hip_stiffness:.4 | RATIONAL;HARRISON
Mechanical low back pain | low back pain; lumbago; lumbar strain; nonspecific low back pain | M54.5 | 4 | back_pain:.99 fever:.01 weight_loss:.01 | NICE_CKS;HARRISON
Ectopic pregnancy | tubal pregnancy; ectopic | O00 | 2 | pelvic_pain:.9 abdominal_pain:.9 vaginal_bleeding:.7 hcg_positive:.99 ectopic_img:.8 hypotension:.15 syncope:.1 | ACOG;TINTINALLI
Pelvic inflammatory disease | pid; salpingitis | N73.9 | 2 | pelvic_pain:.9 vaginal_discharge:.6 fever:.4 dysuria:.2 crp_high:.6 leukocytosis:.4 hcg_positive:.01 | CDC_STI;NICE_CKS
Ovarian torsion | adnexal torsion | N83.5 | 1 | pelvic_pain:.95 abdominal_pain:.9 nausea:.7 vomiting:.6 adnexal_mass:.9 | TINTINALLI
Testicular torsion | torsion of testis; spermatic cord torsion | N44 | 1 | testicular_pain:.99 nausea:.5 vomiting:.4 abdominal_pain:.3 testis_no_flow:.9 | TINTINALLI;EAU_URO
Anaphylaxis | anaphylactic reaction; anaphylactic shock | T78.2 | 2 | urticaria:.85 angioedema:.5 wheeze:.5 dyspnea:.6 hypotension:.4 tachycardia:.5 vomiting:.3 pruritus:.6 | WAO_ANAPH
Panic attack | panic disorder; anxiety attack | F41.0 | 3 | anxiety:.95 palpitations:.8 chest_pain:.5 dyspnea:.6 diaphoresis:.5 tremor:.4 paresthesia:.3 dizziness:.4 troponin_high:.01 | HARRISON;NICE_CKS
Major depressive disorder | depression; major depression; clinical depression | F32 | 4 | depressed_mood:.98 fatigue:.7 insomnia:.6 anorexia:.4 weight_loss:.3 memory_loss:.2 | NICE_CKS;HARRISON
Alcohol withdrawal syndrome | alcohol withdrawal; delirium tremens | F10.3 | 2 | tremulousness:.8 tremor:.8 anxiety:.6 diaphoresis:.6 tachycardia:.7 hypertension:.5 hallucinations:.3 seizure:.15 alcohol_use:.98 confusion:.3 | NICE_AW;TINTINALLI
Opioid overdose | opioid intoxication; opioid toxicity; heroin overdose | T40 | 2 | miosis:.9 hypoventilation:.85 reduced_consciousness:.9 hypoxemia:.5 bradycardia:.3 hypotension:.3 hypercapnia:.6 | TINTINALLI
Heat stroke | hyperthermia; exertional heat stroke | T67.0 | 1 | fever:.98 confusion:.8 tachycardia:.8 hypotension:.4 seizure:.2 ck_high:.5 creatinine_high:.4 transaminases_high:.5 | TINTINALLI
Urticaria | hives; acute urticaria | L50 | 3 | urticaria:.99 pruritus:.9 angioedema:.2 | NICE_CKS
Atopic dermatitis | atopic eczema; ~Eczema = eczematous dermatitis | L20 | 4 | pruritus:.95 rash:.98 erythema_warmth:.3 scaling:.5 papule:.3 eosinophilia:.2 | NICE_CKS
Psoriasis | plaque psoriasis; psoriasis vulgaris | L40 | 3 | rash:.98 plaque:.9 silvery_scale:.7 scaling:.9 pruritus:.5 arthralgia:.1 | NICE_CKS
Pheochromocytoma | phaeochromocytoma; adrenal pheochromocytoma; catecholamine secreting tumor | D35.0 | 1 | hypertension:.9 headache:.8 diaphoresis:.7 palpitations:.7 tachycardia:.6 anxiety:.4 tremor:.3 hyperglycemia:.3 weight_loss:.3 metanephrines_high:.97 adrenal_mass:.9 | HARRISON;OXFORD
Wilson disease | wilsons disease; wilson's disease; hepatolenticular degeneration | E83.0 | 1 | tremor:.4 dysarthria:.35 transaminases_high:.8 jaundice:.3 kf_rings:.6 ceruloplasmin_low:.9 urine_copper_high:.85 anemia:.2 depressed_mood:.2 cirrhotic_liver:.4 | HARRISON;OXFORD
Tinea corporis | ringworm; ~Tinea = dermatophytosis = fungal skin infection; ~Tinea pedis; ~Tinea cruris; ~Tinea capitis | B35 | 3 | rash:.95 annular:.8 scaling:.8 pruritus:.7 plaque:.5 koh_hyphae:.85 | NICE_CKS;HARRISON
Scabies | scabies infestation; norwegian scabies | B86 | 3 | pruritus:.98 itching_night:.8 papule:.8 burrows:.5 rash:.9 mites_seen:.7 | NICE_CKS
Acne vulgaris | acne | L70 | 4 | comedones:.9 papule:.8 pustules:.7 | NICE_CKS
Rosacea | acne rosacea | L71 | 3 | facial_flushing:.9 papule:.5 pustules:.4 comedones:.02 | NICE_CKS
Seborrhoeic keratosis | seborrheic keratosis; basal cell papilloma | L82 | 3 | stuck_on:.9 plaque:.6 papule:.3 | NICE_CKS
Pityriasis rosea | | L42 | 2 | herald_patch:.7 scaling:.7 rash:.99 pruritus:.5 plaque:.5 | NICE_CKS
Vitiligo | | L80 | 2 | depigmentation:.98 pruritus:.05 scaling:.02 | NICE_CKS
Alopecia areata | | L63 | 2 | patchy_hair_loss:.98 scaling:.05 pruritus:.1 | NICE_CKS
Molluscum contagiosum | molluscum | B08.1 | 2 | umbilicated:.9 papule:.95 pruritus:.2 | NICE_CKS
Impetigo | ~Bullous impetigo; ~Non-bullous impetigo | L01 | 3 | honey_crust:.8 rash:.95 vesicular_rash:.3 pruritus:.4 | NICE_CKS;IDSA_SSTI
Contact dermatitis | toxicodendron dermatitis; shoe dermatitis; ~Allergic contact dermatitis; ~Irritant contact dermatitis | L25 | 3 | contact_exposure:.7 pruritus:.9 erythema_warmth:.6 vesicular_rash:.3 rash:.95 | NICE_CKS
Seborrhoeic dermatitis | seborrheic dermatitis; dandruff | L21 | 3 | greasy_scale:.85 scaling:.9 erythema_warmth:.5 pruritus:.5 rash:.9 | NICE_CKS
Basal cell carcinoma | bcc; rodent ulcer | C44.91 | 2 | pearly_nodule:.8 papule:.5 plaque:.3 | NICE_CKS
Malignant melanoma | melanoma; cutaneous melanoma; ~Acral lentiginous melanoma | C43 | 1 | changing_mole:.9 plaque:.3 papule:.3 | NICE_CKS;HARRISON
Actinic keratosis | solar keratosis | L57.0 | 2 | rough_sun_patch:.9 scaling:.8 plaque:.3 | NICE_CKS
Common wart | verruca vulgaris; warts; viral warts | B07 | 3 | wart:.95 papule:.8 stuck_on:.1 | NICE_CKS
Lichen planus | | L43 | 1 | violaceous_papules:.9 pruritus:.8 papule:.95 | NICE_CKS;HARRISON
Multiple myeloma | myeloma; plasma cell myeloma | C90.0 | 1 | bone_pain:.7 back_pain:.5 fatigue:.7 anemia:.75 hypercalcemia:.3 creatinine_high:.4 m_protein:.9 lytic_lesions:.7 esr_high:.7 | HARRISON;OXFORD
Chronic lymphocytic leukaemia | chronic lymphocytic leukemia; cll | C91.1 | 1 | lymphocytosis:.95 lymphadenopathy:.6 smudge_cells:.7 fatigue:.4 splenomegaly:.3 anemia:.2 thrombocytopenia:.15 | HARRISON;OXFORD
Lymphoma | ~Hodgkin lymphoma = hodgkins disease; ~Non-Hodgkin lymphoma; ~Diffuse large B-cell lymphoma = dlbcl | C85.9 | 1 | lymphadenopathy:.9 night_sweats:.4 fever:.35 weight_loss:.4 fatigue:.5 ldh_high:.5 splenomegaly:.3 pruritus:.15 anemia:.3 | HARRISON;OXFORD
Haemolytic anaemia | hemolytic anemia; ~Autoimmune haemolytic anaemia | D59 | 1 | anemia:.98 jaundice:.5 fatigue:.7 reticulocytosis:.9 haptoglobin_low:.9 ldh_high:.85 bilirubin_high:.7 splenomegaly:.3 | BSH_ANAEMIA;HARRISON
Colorectal cancer | colorectal carcinoma; ~Colon cancer = colon adenocarcinoma; ~Rectal cancer | C18 | 2 | bowel_habit_change:.5 hematochezia:.4 anemia:.5 ferritin_low:.4 weight_loss:.4 abdominal_pain:.4 colon_mass:.95 | NICE_CKS;HARRISON
Pancreatic cancer | pancreatic adenocarcinoma; carcinoma of the pancreas; pancreatic neoplasm | C25 | 1 | jaundice:.5 weight_loss:.8 epigastric_pain:.6 back_pain:.3 anorexia:.6 pancreatic_mass:.9 bilirubin_high:.5 hyperglycemia:.2 | HARRISON;NICE_CKS
Hepatocellular carcinoma | hcc; liver cancer; hepatoma | C22.0 | 1 | liver_mass:.95 afp_high:.7 weight_loss:.5 ruq_pain:.4 cirrhotic_liver:.7 ascites:.3 jaundice:.2 | EASL;HARRISON
Prostate cancer | prostate carcinoma; prostatic adenocarcinoma | C61 | 2 | psa_high:.9 frequency:.3 bone_pain:.15 back_pain:.15 weight_loss:.1 | NICE_CKS;EAU_URO
Cushing syndrome | cushings syndrome; cushing's syndrome; hypercortisolism; ~Cushing disease | E24 | 1 | weight_gain:.8 moon_face:.8 striae:.6 hypertension:.75 hyperglycemia:.5 weakness:.5 cortisol_high:.95 hypokalemia:.2 depressed_mood:.3 | HARRISON;OXFORD
Primary hyperparathyroidism | hyperparathyroidism | E21.0 | 2 | hypercalcemia:.98 pth_high:.95 kidney_stone_img:.2 bone_pain:.2 constipation:.3 fatigue:.4 depressed_mood:.2 polyuria:.2 | HARRISON;OXFORD
Nephrotic syndrome | | N04 | 1 | edema:.95 proteinuria:.99 albumin_low:.95 hyperlipidemia:.8 weight_gain:.4 creatinine_high:.2 | KDIGO_AKI;HARRISON
Acute glomerulonephritis | glomerulonephritis; nephritic syndrome; ~Post-streptococcal glomerulonephritis; ~IgA nephropathy | N00 | 1 | hematuria:.95 proteinuria:.7 hypertension:.7 edema:.6 oliguria:.4 creatinine_high:.7 | KDIGO_AKI;HARRISON
Conjunctivitis | pink eye; ~Viral conjunctivitis; ~Bacterial conjunctivitis; ~Allergic conjunctivitis | H10 | 4 | red_eye:.98 eye_discharge:.8 pruritus:.3 eye_pain:.1 visual_loss:.02 | NICE_CKS
Acute angle-closure glaucoma | acute angle closure glaucoma; angle closure glaucoma; acute glaucoma | H40.2 | 1 | eye_pain:.95 red_eye:.9 visual_loss:.8 halos:.6 headache:.7 nausea:.5 vomiting:.4 iop_high:.98 | NICE_CKS;TINTINALLI
Croup | laryngotracheobronchitis; viral croup | J05.0 | 3 | barking_cough:.95 stridor:.7 fever:.5 rhinorrhea:.5 dyspnea:.3 | NICE_CKS
Bronchiolitis | acute bronchiolitis; rsv bronchiolitis | J21 | 3 | cough:.95 wheeze:.7 crackles:.6 rhinorrhea:.8 tachypnea:.6 fever:.4 hypoxemia:.3 | NICE_CKS
Generalised anxiety disorder | generalized anxiety disorder; gad; ~Anxiety disorder | F41.1 | 4 | worry:.95 anxiety:.95 insomnia:.6 fatigue:.5 palpitations:.3 tremor:.1 | NICE_CKS
Bipolar disorder | bipolar affective disorder; manic depression; bipolar i disorder | F31 | 2 | mania:.9 depressed_mood:.7 insomnia:.6 delusions:.2 | NICE_CKS;HARRISON
Schizophrenia | | F20 | 2 | hallucinations:.8 delusions:.85 memory_loss:.1 depressed_mood:.2 | NICE_CKS;HARRISON
Attention deficit hyperactivity disorder | adhd; attention deficit disorder | F90 | 3 | inattention:.95 hyperactivity:.7 insomnia:.2 | NICE_CKS
Anorexia nervosa | | F50.0 | 2 | body_image:.9 low_bmi:.95 weight_loss:.9 bradycardia:.4 hypokalemia:.2 vaginal_bleeding:.5 cold_intolerance:.3 | NICE_CKS
Post-traumatic stress disorder | ptsd; posttraumatic stress disorder | F43.1 | 2 | trauma_reexperiencing:.9 anxiety:.8 insomnia:.7 depressed_mood:.5 | NICE_CKS
Benign prostatic hyperplasia | bph; prostatic hyperplasia | N40 | 4 | frequency:.8 polyuria:.2 dysuria:.1 hydronephrosis:.05 creatinine_high:.1 | NICE_CKS;EAU_URO
"""
