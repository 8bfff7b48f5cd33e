"""Curated common diseases, third table (diagnoses that recur in internal, emergency, primary-care,
paediatric, obstetric, psychiatric and skin practice and in licensing-exam curricula), written by
MedAction. Format as in diseases_a.py; frequencies are our own rounded estimates.
"""

DISEASES_C = """
Chronic obstructive pulmonary disease | copd; emphysema; chronic bronchitis; stable copd | J44.9 | 3 | dyspnea:.9 smoking:.9 cough:.6 productive_cough:.4 wheeze:.4 obstructive_spirometry:.95 hyperinflation:.5 hypoxemia:.2 weight_loss:.2 | GOLD;HARRISON
Asthma | bronchial asthma; chronic asthma; allergic asthma | J45.9 | 3 | wheeze:.8 cough:.6 dyspnea:.8 chest_pain:.2 reversible_obstruction:.9 obstructive_spirometry:.6 eosinophilia:.3 | GINA;NICE_CKS
Bronchiectasis | | J47 | 2 | productive_cough:.95 cough:.95 recurrent_infections:.6 hemoptysis:.3 crackles:.6 clubbing:.2 dyspnea:.6 | BTS_PTX;HARRISON
Idiopathic pulmonary fibrosis | ipf; usual interstitial pneumonia; ~Pulmonary fibrosis; ~Interstitial lung disease | J84.1 | 1 | dyspnea:.95 cough:.8 crackles:.9 clubbing:.4 restrictive_pft:.95 hypoxemia:.5 | HARRISON;OXFORD
Obstructive sleep apnoea | obstructive sleep apnea; osa; sleep apnea | G47.33 | 3 | snoring:.95 fatigue:.6 hypertension:.5 headache:.3 | HARRISON;NICE_CKS
Cystic fibrosis | cf; mucoviscidosis | E84 | 1 | productive_cough:.8 recurrent_infections:.9 failure_to_thrive:.6 steatorrhea:.7 clubbing:.4 | HARRISON;OXFORD
Aortic stenosis | aortic valve stenosis; calcific aortic stenosis | I35.0 | 2 | as_murmur:.95 murmur:.95 syncope:.3 chest_pain:.4 dyspnea:.6 lvh:.6 | HARRISON;MCGEE
Hypertrophic cardiomyopathy | hcm; hypertrophic obstructive cardiomyopathy; hocm | I42.1 | 1 | murmur:.7 syncope:.4 dyspnea:.6 chest_pain:.4 palpitations:.4 lvh:.9 | HARRISON;OXFORD
Cardiac tamponade | pericardial tamponade | I31.4 | 1 | pulsus:.8 hypotension:.8 jvd:.9 tachycardia:.9 dyspnea:.8 pericardial_effusion:.99 | ESC_PERI;TINTINALLI
Peripheral arterial disease | peripheral artery disease; peripheral vascular disease; pad; arterial insufficiency | I73.9 | 3 | claudication:.8 weak_pulses:.85 smoking:.8 leg_ulcer:.2 hypertension:.6 | ESC_AORTA;HARRISON
Chronic venous insufficiency | venous insufficiency; venous stasis; stasis dermatitis | I87.2 | 3 | varicose_veins:.7 edema:.8 hyperpigmentation:.6 leg_ulcer:.3 pruritus:.3 | HARRISON;NICE_CKS
Takotsubo cardiomyopathy | stress cardiomyopathy; broken heart syndrome; apical ballooning syndrome | I51.81 | 1 | chest_pain:.9 dyspnea:.5 troponin_high:.9 wall_motion:.95 st_depression:.2 stemi_ecg:.4 low_ef:.8 | ESC_ACS;HARRISON
Acute liver failure | fulminant hepatic failure; fulminant liver failure; acute hepatic failure | K72.0 | 1 | jaundice:.9 confusion:.7 transaminases_high:.95 inr_high:.99 bilirubin_high:.9 hypoglycemia:.3 | EASL;HARRISON
Achalasia | oesophageal achalasia | K22.0 | 1 | achalasia_signs:.9 dysphagia:.95 weight_loss:.5 chest_pain:.3 heartburn:.3 | ACG_GI;HARRISON
Oesophageal cancer | esophageal cancer; esophageal carcinoma; oesophageal carcinoma | C15 | 1 | dysphagia:.9 weight_loss:.8 smoking:.5 alcohol_use:.4 anemia:.3 hematemesis:.1 | HARRISON;NICE_CKS
Gastric cancer | stomach cancer; gastric adenocarcinoma | C16 | 1 | weight_loss:.8 early_satiety:.5 epigastric_pain:.6 anemia:.5 anorexia:.6 melena:.2 lymphadenopathy:.1 | HARRISON;NICE_CKS
Acute mesenteric ischaemia | mesenteric ischemia; acute mesenteric ischemia; ~Bowel ischaemia | K55.0 | 1 | pain_out_of_proportion:.8 abdominal_pain:.99 af_ecg:.4 lactate_high:.8 vomiting:.5 bloody_diarrhea:.2 | TINTINALLI;ESC_AORTA
Haemorrhoids | hemorrhoids; piles | K64 | 4 | painless_rectal_bleed:.8 hematochezia:.7 pruritus:.2 constipation:.4 | NICE_CKS;ACG_GI
Anal fissure | fissure in ano | K60.2 | 3 | painful_defecation:.95 painless_rectal_bleed:.6 hematochezia:.5 constipation:.6 | NICE_CKS;ACG_GI
Giardiasis | giardia infection | A07.1 | 2 | diarrhea:.9 steatorrhea:.6 distension:.6 abdominal_pain:.6 travel:.5 weight_loss:.4 | CDC_STI;HARRISON
Hereditary haemochromatosis | hemochromatosis; hereditary hemochromatosis; iron overload | E83.11 | 1 | ferritin_high:.95 fatigue:.6 arthralgia:.5 hyperpigmentation:.4 hepatomegaly:.4 transaminases_high:.5 hyperglycemia:.3 | EASL;HARRISON
Interstitial cystitis | bladder pain syndrome; painful bladder syndrome | N30.1 | 2 | bladder_pain:.95 frequency:.9 dyspareunia:.4 pelvic_pain:.6 | EAU_URO;NICE_CKS
Chronic prostatitis | chronic pelvic pain syndrome; ~Prostatitis; ~Acute bacterial prostatitis | N41 | 2 | tender_prostate:.85 dysuria:.6 frequency:.5 pelvic_pain:.5 fever:.2 | EAU_URO;NICE_CKS
Epididymitis | epididymo orchitis; epididymoorchitis | N45 | 2 | testicular_pain:.95 urethral_discharge:.3 dysuria:.4 fever:.4 | EAU_URO;CDC_STI
Polycystic kidney disease | adpkd; autosomal dominant polycystic kidney disease | Q61.2 | 1 | kidney_cysts:.95 hypertension:.8 hematuria:.4 flank_pain:.5 creatinine_high:.5 | KDIGO_AKI;HARRISON
Primary hyperaldosteronism | conn syndrome; primary aldosteronism; hyperaldosteronism | E26.0 | 1 | hypertension:.99 hypokalemia:.7 weakness:.3 metabolic_acidosis:.05 | HARRISON;OXFORD
Syndrome of inappropriate antidiuretic hormone | siadh; inappropriate adh secretion | E22.2 | 1 | hyponatremia:.99 confusion:.3 nausea:.3 seizure:.1 lung_mass:.2 | HARRISON;OXFORD
Diabetes insipidus | ~Central diabetes insipidus; ~Nephrogenic diabetes insipidus | E23.2 | 1 | polyuria:.99 polydipsia:.95 hypernatremia:.5 | HARRISON;OXFORD
Type 1 diabetes mellitus | type 1 diabetes; t1dm; juvenile diabetes; insulin dependent diabetes | E10 | 2 | polyuria:.9 polydipsia:.9 weight_loss:.7 hyperglycemia:.99 ketones:.5 fatigue:.5 | ADA;NICE_CKS
Prolactinoma | hyperprolactinemia; pituitary prolactinoma; ~Pituitary adenoma | D35.2 | 1 | galactorrhea:.7 oligomenorrhea:.7 headache:.3 visual_loss:.2 | HARRISON;OXFORD
Polycystic ovary syndrome | pcos; polycystic ovarian syndrome | E28.2 | 3 | oligomenorrhea:.85 hirsutism:.7 comedones:.3 weight_gain:.5 | HARRISON;NICE_CKS
Papillary thyroid carcinoma | papillary carcinoma of the thyroid; ~Thyroid cancer = thyroid carcinoma | C73 | 1 | thyroid_nodule:.95 lymphadenopathy:.3 tsh_low:.05 | ATA_THYROID;HARRISON
Sickle cell crisis | sickle cell disease; vaso occlusive crisis; sickle cell anaemia; sickle cell anemia | D57.0 | 2 | sickle_cells:.95 bone_pain:.8 anemia:.9 chest_pain:.3 reticulocytosis:.7 | BSH_ANAEMIA;HARRISON
Immune thrombocytopenia | itp; idiopathic thrombocytopenic purpura; immune thrombocytopenic purpura | D69.3 | 2 | thrombocytopenia:.99 petechiae:.7 easy_bruising:.6 epistaxis:.4 | BSH_ANAEMIA;HARRISON
Thrombotic thrombocytopenic purpura | ttp | M31.1 | 1 | thrombocytopenia:.99 schistocytes:.95 confusion:.5 fever:.4 creatinine_high:.4 ldh_high:.9 anemia:.9 | BSH_ANAEMIA;HARRISON
Haemolytic uraemic syndrome | hemolytic uremic syndrome; hus | D59.3 | 1 | bloody_diarrhea:.8 thrombocytopenia:.95 schistocytes:.9 creatinine_high:.95 anemia:.95 oliguria:.5 | KDIGO_AKI;HARRISON
Disseminated intravascular coagulation | dic; consumptive coagulopathy | D65 | 1 | thrombocytopenia:.95 inr_high:.9 ptt_prolonged:.8 schistocytes:.5 easy_bruising:.5 | BSH_ANAEMIA;HARRISON
Haemophilia A | hemophilia a; factor viii deficiency; ~Haemophilia | D66 | 1 | hemarthrosis:.7 easy_bruising:.7 ptt_prolonged:.95 | BSH_ANAEMIA;HARRISON
Von Willebrand disease | von willebrand; vwd | D68.0 | 2 | epistaxis:.6 menorrhagia:.5 easy_bruising:.6 ptt_prolonged:.3 | BSH_ANAEMIA;HARRISON
Beta thalassaemia trait | thalassemia minor; ~Thalassaemia; ~Beta thalassaemia | D56.1 | 2 | microcytosis:.99 anemia:.8 ferritin_high:.1 | BSH_ANAEMIA;HARRISON
Polycythaemia vera | polycythemia vera; pv | D45 | 1 | erythrocytosis:.99 pruritus:.4 splenomegaly:.4 headache:.4 thrombocytosis:.4 | BSH_ANAEMIA;HARRISON
Chronic myeloid leukaemia | chronic myeloid leukemia; cml; chronic myelogenous leukemia | C92.1 | 1 | leukocytosis:.99 splenomegaly:.7 fatigue:.5 weight_loss:.3 thrombocytosis:.4 | BSH_ANAEMIA;HARRISON
Cluster headache | | G44.0 | 2 | headache_unilateral:.99 headache:.99 lacrimation:.8 rhinorrhea:.6 tremulousness:.6 | ICHD3;NICE_CKS
Trigeminal neuralgia | tic douloureux | G50.0 | 2 | facial_shock_pain:.95 facial_pain:.95 fever:.02 | ICHD3;NICE_CKS
Normal pressure hydrocephalus | nph | G91.2 | 1 | gait_apraxia:.9 urinary_incontinence:.8 memory_loss:.8 | HARRISON;OXFORD
Amyotrophic lateral sclerosis | als; motor neurone disease; motor neuron disease; lou gehrig disease | G12.21 | 1 | fasciculations:.9 weakness:.95 hyperreflexia:.7 dysarthria:.5 dysphagia:.4 | HARRISON;OXFORD
Spinal cord compression | metastatic spinal cord compression; ~Cauda equina syndrome | G95.2 | 1 | back_pain:.9 saddle_anesthesia:.8 weakness:.7 paresthesia:.5 | NICE_CKS;TINTINALLI
Lumbar spinal stenosis | spinal stenosis | M48.06 | 3 | neurogenic_claudication:.9 back_pain:.8 paresthesia:.4 | NICE_CKS;HARRISON
Carpal tunnel syndrome | median nerve entrapment | G56.0 | 3 | hand_numbness:.95 paresthesia:.9 weakness:.2 | NICE_CKS;MCGEE
Subdural haematoma | subdural hematoma; chronic subdural hematoma | I62.0 | 2 | lucid_interval:.6 headache:.6 confusion:.6 hemiparesis:.3 ct_bleed:.95 alcohol_use:.3 | AHA_SAH;TINTINALLI
Herpes simplex encephalitis | hsv encephalitis; ~Encephalitis; ~Viral encephalitis | B00.4 | 1 | fever:.9 confusion:.85 seizure:.5 headache:.8 csf_pleocytosis:.9 | IDSA_MENING;HARRISON
Delirium | acute confusional state | F05 | 3 | confusion:.99 reduced_consciousness:.4 hallucinations:.3 | NICE_CKS;OXFORD
Syphilis | treponema pallidum infection; ~Primary syphilis; ~Secondary syphilis | A53.9 | 2 | genital_ulcer:.6 palms_soles_rash:.5 lymphadenopathy:.5 rash:.5 | CDC_STI
Gonococcal or chlamydial urethritis | ~Gonorrhoea = gonococcal infection; ~Chlamydia = chlamydia trachomatis infection; ~Urethritis | A54 | 3 | urethral_discharge:.8 dysuria:.8 vaginal_discharge:.4 | CDC_STI
Malaria | ~Plasmodium falciparum malaria | B54 | 1 | fever:.99 travel:.9 chills:.8 headache:.6 anemia:.5 thrombocytopenia:.6 splenomegaly:.3 | WHO_TB;HARRISON
Osteomyelitis | acute osteomyelitis; ~Vertebral osteomyelitis | M86 | 2 | bone_pain:.9 fever:.6 esr_high:.9 crp_high:.9 erythema_warmth:.3 | IDSA_SSTI;HARRISON
Necrotising fasciitis | necrotizing fasciitis; necrotizing soft tissue infection | M72.6 | 1 | pain_out_of_proportion:.8 erythema_warmth:.8 fever:.7 hypotension:.4 tachycardia:.7 | IDSA_SSTI;TINTINALLI
Measles | rubeola | B05 | 1 | koplik:.8 fever:.95 cough:.8 rhinorrhea:.7 red_eye:.7 rash:.95 | HARRISON;NICE_CKS
Chickenpox | varicella; ~Varicella zoster infection | B01 | 3 | vesicular_rash:.99 pruritus:.8 fever:.6 | HARRISON;NICE_CKS
Erythema infectiosum | fifth disease; slapped cheek syndrome; parvovirus b19 infection | B08.3 | 2 | slapped_cheek:.9 rash:.9 fever:.3 arthralgia:.3 | HARRISON;NICE_CKS
Scarlet fever | scarlatina | A38 | 2 | strawberry_tongue:.8 sore_throat:.9 fever:.9 rash:.95 strep_positive:.9 | IDSA_PHARYNG;NICE_CKS
Kawasaki disease | mucocutaneous lymph node syndrome | M30.3 | 1 | fever:.99 kawasaki_signs:.9 strawberry_tongue:.6 rash:.8 lymphadenopathy:.6 red_eye:.8 | HARRISON;NICE_CKS
Mumps | epidemic parotitis | B26 | 1 | parotid_swelling:.95 fever:.6 testicular_pain:.2 | HARRISON;NICE_CKS
Pertussis | whooping cough | A37 | 2 | whoop:.9 cough:.99 vomiting:.4 lymphocytosis:.6 | HARRISON;NICE_CKS
Hand foot and mouth disease | hand, foot and mouth disease; coxsackievirus infection | B08.4 | 2 | oral_ulcers:.9 vesicular_rash:.8 fever:.6 | HARRISON;NICE_CKS
Otitis externa | swimmer's ear | H60 | 3 | tragal_tenderness:.9 ear_pain:.95 hearing_loss:.3 | NICE_CKS;OXFORD
Peritonsillar abscess | quinsy | J36 | 2 | muffled_voice:.9 sore_throat:.99 fever:.8 | NICE_CKS;TINTINALLI
Vestibular neuritis | vestibular neuronitis; ~Labyrinthitis | H81.2 | 3 | vertigo:.99 nausea:.8 vomiting:.6 ataxia:.3 | NICE_CKS;HARRISON
Meniere disease | meniere's disease; endolymphatic hydrops | H81.0 | 2 | vertigo:.95 tinnitus:.9 hearing_loss:.9 | NICE_CKS;HARRISON
Bacterial keratitis | contact lens keratitis; corneal ulcer; ~Keratitis | H16.0 | 2 | corneal_ulcer:.9 contact_lens:.6 red_eye:.95 eye_pain:.9 eye_discharge:.6 visual_loss:.5 photophobia:.6 | NICE_CKS;OXFORD
Retinal detachment | rhegmatogenous retinal detachment | H33 | 2 | floaters_flashes:.9 visual_loss:.8 eye_pain:.05 | NICE_CKS;OXFORD
Central retinal artery occlusion | crao; ~Retinal artery occlusion | H34.1 | 1 | cherry_red_spot:.9 visual_loss:.99 hypertension:.6 | AHA_STROKE;OXFORD
Anterior uveitis | iritis; ~Uveitis | H20 | 2 | red_eye:.9 eye_pain:.9 photophobia:.9 visual_loss:.5 | NICE_CKS;OXFORD
Infantile hypertrophic pyloric stenosis | pyloric stenosis | Q40.0 | 2 | projectile_vomiting:.95 vomiting:.99 dehydration:.6 metabolic_acidosis:.05 | HARRISON;NICE_CKS
Intussusception | | K56.1 | 2 | currant_jelly:.8 abdominal_pain:.9 vomiting:.8 | TINTINALLI;NICE_CKS
Duodenal atresia | | Q41.0 | 1 | bilious_vomiting:.95 newborn:.95 vomiting:.99 | HARRISON;OXFORD
Neonatal respiratory distress syndrome | nrds; hyaline membrane disease; respiratory distress syndrome of the newborn; surfactant deficiency | P22.0 | 1 | resp_distress:.95 prematurity:.9 newborn:.95 tachypnea:.9 cyanosis:.5 | HARRISON;OXFORD
Physiological neonatal jaundice | physiologic jaundice of the newborn; physiological jaundice; ~Neonatal jaundice | P59.9 | 2 | jaundice:.99 newborn:.95 breastfed:.7 bilirubin_high:.95 | NICE_CKS;OXFORD
Tetralogy of Fallot | tof | Q21.3 | 1 | cyanosis:.9 murmur:.9 failure_to_thrive:.3 | HARRISON;OXFORD
Pre-eclampsia | preeclampsia; pre eclampsia; toxemia of pregnancy | O14 | 2 | pregnancy:.9 hcg_positive:.95 hypertension:.99 proteinuria:.9 headache:.5 hypertensive_pregnancy_signs:.3 edema:.5 ruq_pain:.2 | ACOG;NICE_CKS
Placental abruption | abruptio placentae | O45 | 1 | pregnancy:.9 hcg_positive:.95 painful_bleeding_pregnancy:.8 vaginal_bleeding:.8 abdominal_pain:.8 | ACOG;TINTINALLI
Endometriosis | | N80 | 3 | dysmenorrhea:.85 dyspareunia:.6 pelvic_pain:.8 | NICE_CKS;ACOG
Uterine fibroids | leiomyoma; uterine leiomyoma; fibroids | D25 | 3 | menorrhagia:.85 pelvic_pain:.4 anemia:.4 | NICE_CKS;ACOG
Bacterial vaginosis | bv | N76.0 | 3 | fishy_discharge:.9 vaginal_discharge:.95 pruritus:.1 | CDC_STI;NICE_CKS
Vulvovaginal candidiasis | vaginal candidiasis; vaginal thrush; yeast infection | B37.3 | 3 | curd_discharge:.85 vaginal_discharge:.9 pruritus:.8 | CDC_STI;NICE_CKS
Breast fibroadenoma | fibroadenoma | D24 | 2 | breast_lump:.99 lymphadenopathy:.02 weight_loss:.02 | NICE_CKS;OXFORD
Breast cancer | breast carcinoma; carcinoma of the breast | C50 | 2 | breast_lump:.95 lymphadenopathy:.3 weight_loss:.1 | NICE_CKS;HARRISON
Osteoporosis | osteoporotic fracture; fragility fracture | M81 | 3 | fracture:.9 back_pain:.4 bone_pain:.3 | NICE_CKS;HARRISON
Calcium pyrophosphate deposition disease | pseudogout; cppd; chondrocalcinosis | M11.2 | 2 | chondrocalcinosis:.8 monoarthritis:.8 joint_swelling:.9 | ACR_GOUT;HARRISON
Reactive arthritis | reiter syndrome | M02.3 | 1 | arthralgia:.9 joint_swelling:.8 urethral_discharge:.4 red_eye:.5 diarrhea:.3 | ACR_RA;HARRISON
Psoriatic arthritis | | L40.5 | 2 | dactylitis_nails:.7 arthralgia:.95 joint_swelling:.8 silvery_scale:.6 plaque:.6 | ACR_RA;HARRISON
Ankylosing spondylitis | axial spondyloarthritis | M45 | 2 | inflammatory_back_pain:.9 back_pain:.95 morning_stiffness:.7 | ACR_RA;HARRISON
Dermatomyositis | | M33.1 | 1 | weakness:.95 ck_high:.9 heliotrope:.9 dysphagia:.3 myalgia:.4 | ACR_RA;HARRISON
Polymyositis | | M33.2 | 1 | weakness:.95 ck_high:.95 myalgia:.4 dysphagia:.3 heliotrope:.02 | ACR_RA;HARRISON
Fibromyalgia | | M79.7 | 3 | widespread_pain:.95 fatigue:.8 insomnia:.6 depressed_mood:.3 | ACR_RA;NICE_CKS
Adhesive capsulitis | frozen shoulder | M75.0 | 3 | shoulder_rom_loss:.95 arthralgia:.6 fever:.02 | NICE_CKS;MCGEE
Plantar fasciitis | | M72.2 | 3 | heel_pain:.95 morning_stiffness:.5 joint_swelling:.02 | NICE_CKS;MCGEE
Obsessive-compulsive disorder | ocd | F42 | 2 | obsessions:.95 anxiety:.6 depressed_mood:.3 | NICE_CKS;OXFORD
Borderline personality disorder | emotionally unstable personality disorder | F60.3 | 2 | self_harm:.9 depressed_mood:.4 anxiety:.4 | NICE_CKS;OXFORD
Autism spectrum disorder | autism; asd | F84.0 | 2 | autism_signs:.95 hyperactivity:.3 anxiety:.3 | NICE_CKS;OXFORD
Oppositional defiant disorder | odd | F91.3 | 2 | defiance:.95 hyperactivity:.3 inattention:.3 | NICE_CKS;OXFORD
Somatic symptom disorder | somatization disorder; somatisation disorder; ~Illness anxiety disorder = hypochondriasis | F45 | 2 | somatic_worry:.9 anxiety:.5 depressed_mood:.3 | NICE_CKS;OXFORD
Stimulant intoxication | sympathomimetic toxicity; ~Cocaine intoxication; ~Amphetamine intoxication | T40.5 | 2 | sympathomimetic:.8 tachycardia:.9 hypertension:.7 mydriasis:.7 tremulousness:.6 diaphoresis:.5 chest_pain:.3 | TINTINALLI
Serotonin syndrome | serotonin toxicity | T43.2 | 1 | serotonergic:.9 hyperreflexia:.9 tremulousness:.8 fever:.6 diarrhea:.4 mydriasis:.5 tachycardia:.7 | TINTINALLI
Neuroleptic malignant syndrome | nms | G21.0 | 1 | antipsychotic:.9 rigidity:.95 fever:.95 confusion:.7 ck_high:.9 | TINTINALLI
Lithium toxicity | lithium poisoning | T56.8 | 1 | lithium:.99 tremor:.8 confusion:.5 ataxia:.5 vomiting:.5 diarrhea:.4 | TINTINALLI
Paracetamol overdose | acetaminophen overdose; acetaminophen toxicity; paracetamol poisoning | T39.1 | 2 | acetaminophen:.9 nausea:.6 vomiting:.6 transaminases_high:.8 ruq_pain:.3 inr_high:.4 | TINTINALLI;NICE_CKS
Carbon monoxide poisoning | co poisoning | T58 | 1 | carbon_monoxide:.8 headache:.9 dizziness:.6 nausea:.5 confusion:.3 | TINTINALLI
Organophosphate poisoning | cholinergic crisis; organophosphate toxicity | T60.0 | 1 | cholinergic:.9 miosis:.9 bradycardia:.5 diarrhea:.5 vomiting:.5 weakness:.4 | TINTINALLI
Salicylate poisoning | aspirin overdose; salicylate toxicity | T39.0 | 1 | tinnitus:.7 respiratory_alkalosis:.7 metabolic_acidosis:.7 vomiting:.6 tachypnea:.7 | TINTINALLI
Pityriasis versicolor | tinea versicolor | B36.0 | 3 | hypopigmented_macules:.9 scaling:.6 pruritus:.3 | NICE_CKS;HARRISON
Bullous pemphigoid | pemphigoid | L12.0 | 1 | tense_bullae:.95 pruritus:.8 oral_ulcers:.15 | NICE_CKS;HARRISON
Pemphigus vulgaris | pemphigus | L10.0 | 1 | flaccid_bullae:.9 oral_ulcers:.8 pruritus:.2 | NICE_CKS;HARRISON
Erythema multiforme | | L51 | 2 | target_lesions:.95 rash:.95 oral_ulcers:.3 | NICE_CKS;HARRISON
Stevens-Johnson syndrome | sjs; ~Toxic epidermal necrolysis = ten | L51.1 | 1 | flaccid_bullae:.7 oral_ulcers:.9 fever:.7 target_lesions:.5 red_eye:.6 | NICE_CKS;HARRISON
Erythema nodosum | | L52 | 2 | tender_shin_nodules:.95 arthralgia:.4 fever:.3 | NICE_CKS;HARRISON
Hidradenitis suppurativa | acne inversa | L73.2 | 2 | axillary_nodules:.95 pustules:.3 fever:.05 | NICE_CKS;HARRISON
Lichen sclerosus | lichen sclerosus et atrophicus | L90.0 | 2 | white_atrophic_patch:.9 pruritus:.8 dyspareunia:.3 | NICE_CKS;HARRISON
Cutaneous squamous cell carcinoma | squamous cell carcinoma of the skin; skin squamous cell carcinoma; scc | C44.92 | 2 | keratotic_nodule:.85 rough_sun_patch:.3 papule:.4 | NICE_CKS;HARRISON
Herpes simplex infection | herpes simplex; ~Herpes labialis = cold sores; ~Genital herpes | B00 | 3 | cold_sores:.9 vesicular_rash:.6 genital_ulcer:.3 | NICE_CKS;CDC_STI
Dermatofibroma | benign fibrous histiocytoma | D23.9 | 3 | firm_dermal_nodule:.9 papule:.6 hyperpigmentation:.4 pruritus:.2 | NICE_CKS;HARRISON
Keloid | keloid scar; ~Hypertrophic scar | L91.0 | 3 | scar_overgrowth:.95 pruritus:.4 dark_skin:.4 | NICE_CKS;HARRISON
Nummular eczema | nummular dermatitis; discoid eczema | L30.0 | 2 | coin_lesions:.9 pruritus:.9 scaling:.5 plaque:.6 | NICE_CKS;HARRISON
Pyogenic granuloma | lobular capillary haemangioma; lobular capillary hemangioma | L98.0 | 2 | bleeding_papule:.9 papule:.7 pruritus:.05 | NICE_CKS;HARRISON
Androgenetic alopecia | pattern baldness; ~Male pattern hair loss; ~Female pattern hair loss | L64 | 3 | hair_thinning:.95 patchy_hair_loss:.05 pruritus:.05 | NICE_CKS;HARRISON
Erythema migrans | early lyme disease skin rash | A69.2 | 2 | tick_bite:.8 annular:.7 rash:.95 fever:.2 | IDSA_SSTI;NICE_CKS
Perniosis | chilblains; pernio | T69.1 | 2 | cold_exposure:.9 papule:.5 erythema_warmth:.5 pruritus:.5 | NICE_CKS;HARRISON
Dyshidrotic eczema | pompholyx; dyshidrosis | L30.1 | 2 | hand_vesicles:.9 pruritus:.9 vesicular_rash:.6 | NICE_CKS;HARRISON
Granuloma annulare | localised granuloma annulare | L92.0 | 2 | annular:.9 papule:.7 scaling:.05 pruritus:.1 | NICE_CKS;HARRISON
Lichen simplex chronicus | neurodermatitis; ~Prurigo nodularis | L28 | 2 | lichenification:.95 pruritus:.95 plaque:.5 | NICE_CKS;HARRISON
Acanthosis nigricans | | L83 | 2 | velvety_plaques:.95 hyperpigmentation:.8 weight_gain:.4 | NICE_CKS;HARRISON
Xanthelasma | xanthelasma palpebrarum | H02.6 | 2 | eyelid_plaques:.95 hyperlipidemia:.5 pruritus:.02 | NICE_CKS;HARRISON
Onychomycosis | tinea unguium; fungal nail infection | B35.1 | 3 | nail_thickening:.95 koh_hyphae:.7 scaling:.2 | NICE_CKS;HARRISON
Melasma | chloasma | L81.1 | 3 | facial_pigment_patches:.95 hyperpigmentation:.8 pregnancy:.2 | NICE_CKS;HARRISON
Perioral dermatitis | periorificial dermatitis | L71.0 | 2 | perioral_papules:.9 papule:.7 pustules:.4 | NICE_CKS;HARRISON
Epidermoid cyst | sebaceous cyst; epidermal inclusion cyst | L72.0 | 3 | cyst_punctum:.9 papule:.3 erythema_warmth:.1 | NICE_CKS;HARRISON
Lipoma | | D17 | 3 | soft_mobile_mass:.95 pruritus:.02 erythema_warmth:.02 | NICE_CKS;HARRISON
Cherry angioma | campbell de morgan spots; senile angioma | D18.01 | 3 | cherry_papules:.95 papule:.6 pruritus:.02 | NICE_CKS;HARRISON
Folliculitis | ~Hot tub folliculitis; ~Pseudofolliculitis barbae | L73.9 | 3 | follicular_pustules:.9 pustules:.8 pruritus:.4 | NICE_CKS;IDSA_SSTI
Skin abscess | abscess; furuncle; carbuncle; boil | L02 | 3 | fluctuant_abscess:.95 erythema_warmth:.8 fever:.2 | IDSA_SSTI;NICE_CKS
Paronychia | | L03.0 | 3 | nail_fold_swelling:.95 erythema_warmth:.7 fever:.05 | IDSA_SSTI;NICE_CKS
Cutaneous larva migrans | creeping eruption | B76.9 | 1 | serpiginous_track:.95 pruritus:.9 travel:.5 | NICE_CKS;HARRISON
Pediculosis capitis | head lice; ~Pediculosis = lice infestation | B85.0 | 3 | lice_nits:.95 pruritus:.9 itching_night:.3 | NICE_CKS;HARRISON
Discoid lupus erythematosus | discoid lupus; chronic cutaneous lupus erythematosus; ~Cutaneous lupus | L93.0 | 1 | scarring_plaques:.9 photosensitivity:.6 plaque:.7 hyperpigmentation:.3 | EULAR_SLE;HARRISON
Pyoderma gangrenosum | | L88 | 1 | violaceous_ulcer:.9 skin_ulcer:.95 bloody_diarrhea:.2 | NICE_CKS;HARRISON
Dermatitis herpetiformis | duhring disease | L13.0 | 1 | elbow_vesicles:.9 pruritus:.95 vesicular_rash:.8 ttg_positive:.8 | NICE_CKS;HARRISON
Morphea | localised scleroderma; localized scleroderma | L94.0 | 1 | indurated_plaque:.9 plaque:.6 hyperpigmentation:.3 | NICE_CKS;HARRISON
Drug eruption | drug rash; ~Morbilliform drug eruption = exanthematous drug eruption; ~Fixed drug eruption | L27.0 | 3 | new_drug:.9 rash:.95 pruritus:.6 fever:.2 | NICE_CKS;HARRISON
Dermatosis papulosa nigra | | L82.1 | 2 | small_dark_papules:.9 dark_skin:.95 papule:.6 | NICE_CKS;HARRISON
Photosensitive drug eruption | drug induced photosensitivity; phototoxic drug reaction; photoallergic reaction | L56.0 | 2 | photosensitivity:.9 new_drug:.8 rash:.9 | NICE_CKS;HARRISON
Systemic sclerosis | scleroderma; ~Diffuse cutaneous systemic sclerosis; ~Limited cutaneous systemic sclerosis = crest syndrome | M34 | 1 | raynaud:.95 sclerodactyly:.9 dysphagia:.5 heartburn:.4 | ACR_RA;HARRISON
"""
