"""USMLE-breadth pack, first table: diagnoses common in Step 1/2 vignettes that the other tables
lack, by organ system (cardiovascular, pulmonary, gastrointestinal and hepatobiliary, renal,
endocrine, haematology and oncology), written by MedAction. Format as in diseases_a.py; the
frequencies are our own rounded estimates from the cited books (sources_usmle.py, sources.py).
Sex and age restrictions ride in the links themselves (female_sex, child_age, older_age).
"""

DISEASES_USMLE = """
Coarctation of the aorta | aortic coarctation; coarctation | Q25.1 | 1 | hypertension:.85 arm_leg_bp_gradient:.9 weak_pulses:.6 murmur:.6 headache:.3 claudication:.2 | BRAUNWALD;NELSON
Atrial septal defect | ostium secundum atrial septal defect; secundum asd | Q21.1 | 1 | fixed_split_s2:.85 murmur:.7 dyspnea:.4 palpitations:.3 fatigue:.3 af_ecg:.1 | BRAUNWALD;NELSON
Ventricular septal defect | vsd | Q21.0 | 1 | murmur:.95 failure_to_thrive:.4 dyspnea:.4 recurrent_infections:.2 child_age:.85 | BRAUNWALD;NELSON
Patent ductus arteriosus | pda; persistent ductus arteriosus | Q25.0 | 1 | continuous_murmur:.85 murmur:.9 bounding_pulses:.5 prematurity:.5 dyspnea:.3 child_age:.9 | BRAUNWALD;NELSON
Mitral stenosis | rheumatic mitral stenosis | I05.0 | 1 | dyspnea:.9 orthopnea:.4 af_ecg:.4 irregular_pulse:.4 murmur:.8 hemoptysis:.15 palpitations:.4 female_sex:.75 | BRAUNWALD;HARRISON
Mitral valve prolapse | mvp; floppy mitral valve | I34.1 | 2 | midsystolic_click:.85 murmur:.6 palpitations:.4 chest_pain:.3 anxiety:.2 | BRAUNWALD;MCGEE
Aortic regurgitation | aortic insufficiency; aortic valve regurgitation | I35.1 | 1 | murmur:.9 bounding_pulses:.7 dyspnea:.6 palpitations:.3 orthopnea:.3 | BRAUNWALD;MCGEE
Dilated cardiomyopathy | congestive cardiomyopathy; alcoholic cardiomyopathy | I42.0 | 2 | dyspnea:.9 low_ef:.95 cardiomegaly:.8 edema:.6 orthopnea:.5 fatigue:.6 alcohol_use:.3 murmur:.3 | BRAUNWALD;ESC_HF
Cardiac contusion | blunt cardiac injury; myocardial contusion | S26.91 | 1 | chest_trauma:.95 chest_pain:.8 tachycardia:.7 troponin_high:.6 hypotension:.3 palpitations:.3 | TINTINALLI;BRAUNWALD
Constrictive pericarditis | chronic constrictive pericarditis | I31.1 | 1 | jvd:.9 edema:.8 ascites:.5 hepatomegaly:.5 dyspnea:.7 fatigue:.6 | BRAUNWALD;ESC_PERI
Acute rheumatic fever | rheumatic fever | I00 | 1 | fever:.9 arthralgia:.8 joint_swelling:.6 murmur:.5 sore_throat:.5 subcutaneous_nodule:.1 esr_high:.8 child_age:.8 | NELSON;HARRISON
Silicosis | silica pneumoconiosis | J62.8 | 1 | occupational_dust:.95 dyspnea:.8 cough:.7 restrictive_pft:.6 hilar_lymphadenopathy:.4 | MURRAY_NADEL;HARRISON
Asbestosis | asbestos related lung disease | J61 | 1 | occupational_dust:.9 dyspnea:.85 crackles:.7 clubbing:.3 restrictive_pft:.8 cough:.5 | MURRAY_NADEL;HARRISON
Hypersensitivity pneumonitis | extrinsic allergic alveolitis; bird fancier lung; farmer lung | J67.9 | 1 | bird_exposure:.8 dyspnea:.8 cough:.8 fever:.4 crackles:.5 restrictive_pft:.5 | MURRAY_NADEL;HARRISON
Aspiration pneumonia | aspiration pneumonitis | J69.0 | 2 | fever:.7 cough:.7 productive_cough:.5 consolidation:.8 alcohol_use:.4 reduced_consciousness:.4 dysphagia:.2 | ATS_CAP;HARRISON
Acute respiratory distress syndrome | ards; adult respiratory distress syndrome | J80 | 1 | dyspnea:.95 hypoxemia:.99 tachypnea:.9 crackles:.6 fever:.3 | MURRAY_NADEL;HARRISON
Pneumocystis pneumonia | pcp; pneumocystis jirovecii pneumonia; pneumocystis carinii pneumonia | B59 | 1 | hiv_positive:.85 immunosuppressed:.6 dyspnea:.9 cough:.8 fever:.8 hypoxemia:.7 ldh_high:.6 | MANDELL;HARRISON
Boerhaave syndrome | oesophageal rupture; esophageal rupture; spontaneous oesophageal perforation | K22.3 | 1 | vomiting:.9 chest_pain:.9 subcutaneous_emphysema:.3 alcohol_use:.4 pleural_effusion:.4 tachycardia:.6 fever:.4 | SLEISENGER;TINTINALLI
Mallory-Weiss syndrome | mallory weiss tear | K22.6 | 2 | hematemesis:.95 vomiting:.9 alcohol_use:.6 epigastric_pain:.4 | SLEISENGER;ACG_GI
Plummer-Vinson syndrome | paterson-kelly syndrome; sideropenic dysphagia | D50.1 | 1 | dysphagia:.95 anemia:.9 microcytosis:.8 ferritin_low:.8 fatigue:.5 female_sex:.9 | SLEISENGER;ROBBINS
Acalculous cholecystitis | acute acalculous cholecystitis | K82.8 | 1 | ruq_pain:.8 fever:.8 gb_wall:.9 leukocytosis:.7 murphy_sign:.5 | TOKYO;SLEISENGER
Primary biliary cholangitis | primary biliary cirrhosis; pbc | K74.3 | 1 | pruritus:.7 fatigue:.8 alp_high:.95 jaundice:.3 hepatomegaly:.3 female_sex:.9 | SLEISENGER;EASL
Primary sclerosing cholangitis | psc | K83.01 | 1 | alp_high:.95 pruritus:.5 jaundice:.4 fatigue:.5 bloody_diarrhea:.5 ruq_pain:.3 | SLEISENGER;EASL
Chronic pancreatitis | | K86.1 | 2 | epigastric_pain:.9 abdominal_pain:.9 alcohol_use:.7 steatorrhea:.5 weight_loss:.5 hyperglycemia:.3 | SLEISENGER;HARRISON
Non-alcoholic fatty liver disease | nafld; nash; masld; fatty liver disease; non alcoholic steatohepatitis | K76.0 | 3 | steatosis:.95 transaminases_high:.6 hepatomegaly:.3 hyperlipidemia:.5 hyperglycemia:.4 | EASL;SLEISENGER
Zollinger-Ellison syndrome | gastrinoma | E16.4 | 1 | epigastric_pain:.9 diarrhea:.6 heartburn:.5 melena:.2 | SLEISENGER;ROBBINS
Whipple disease | whipple's disease | K90.81 | 1 | diarrhea:.8 weight_loss:.9 arthralgia:.7 steatorrhea:.5 lymphadenopathy:.4 fever:.3 | SLEISENGER;MANDELL
Lactose intolerance | lactase deficiency | E73.9 | 3 | diarrhea:.8 distension:.8 abdominal_pain:.7 nausea:.3 | SLEISENGER;NICE_CKS
Hirschsprung disease | congenital aganglionic megacolon | Q43.1 | 1 | constipation:.95 distension:.8 newborn:.6 bilious_vomiting:.3 failure_to_thrive:.3 child_age:.95 | NELSON;SLEISENGER
Sigmoid volvulus | volvulus | K56.2 | 1 | distension:.95 constipation:.8 abdominal_pain:.9 bowel_dilation:.9 vomiting:.5 older_age:.8 | SLEISENGER;TINTINALLI
Meckel diverticulum | meckel's diverticulum | Q43.0 | 1 | painless_rectal_bleed:.8 hematochezia:.8 anemia:.4 child_age:.9 | NELSON;SLEISENGER
Necrotising enterocolitis | necrotizing enterocolitis; nec | P77.9 | 1 | prematurity:.9 newborn:.95 distension:.9 hematochezia:.5 bilious_vomiting:.5 child_age:.99 | NELSON
Biliary atresia | | Q44.2 | 1 | jaundice:.99 pale_stools:.9 newborn:.9 hepatomegaly:.6 bilirubin_high:.95 child_age:.99 | NELSON;SLEISENGER
Renal cell carcinoma | rcc; kidney cancer; hypernephroma | C64 | 1 | hematuria:.6 flank_pain:.4 abdominal_mass:.3 weight_loss:.4 erythrocytosis:.1 smoking:.4 older_age:.8 | DEVITA;EAU_URO
Bladder cancer | urothelial carcinoma of the bladder; transitional cell carcinoma of the bladder | C67.9 | 1 | hematuria:.9 smoking:.6 frequency:.2 older_age:.85 | DEVITA;EAU_URO
Renal tubular acidosis | rta; distal renal tubular acidosis | N25.89 | 1 | metabolic_acidosis:.95 hypokalemia:.6 kidney_stone_img:.3 weakness:.3 | BRENNER
Minimal change disease | minimal change nephropathy | N04.0 | 1 | proteinuria:.99 edema:.95 periorbital_edema:.6 albumin_low:.9 hyperlipidemia:.6 child_age:.8 | BRENNER;NELSON
IgA nephropathy | berger disease; iga glomerulonephritis | N02.8 | 1 | hematuria:.95 sore_throat:.4 proteinuria:.5 | BRENNER;ROBBINS
Painless thyroiditis | silent thyroiditis; postpartum thyroiditis; subacute lymphocytic thyroiditis | E06.5 | 1 | tsh_low:.9 t4_high:.9 palpitations:.5 heat_intolerance:.5 tremor:.4 weight_loss:.4 anxiety:.3 | ATA_THYROID;WILLIAMS_ENDO
Subacute granulomatous thyroiditis | de quervain thyroiditis; subacute thyroiditis | E06.1 | 1 | thyroid_tenderness:.9 fever:.5 tsh_low:.8 t4_high:.8 esr_high:.9 palpitations:.4 sore_throat:.3 | ATA_THYROID;WILLIAMS_ENDO
Congenital adrenal hyperplasia | 21-hydroxylase deficiency | E25.0 | 1 | hyponatremia:.6 hyperkalemia:.6 hirsutism:.5 vomiting:.3 child_age:.8 | WILLIAMS_ENDO;NELSON
Acromegaly | growth hormone secreting pituitary adenoma | E22.0 | 1 | enlarged_extremities:.95 headache:.5 hypertension:.4 hyperglycemia:.3 diaphoresis:.4 | WILLIAMS_ENDO;HARRISON
Hyperosmolar hyperglycaemic state | hyperosmolar hyperglycemic state; hhs; hyperosmolar nonketotic state | E11.00 | 2 | hyperglycemia:.99 confusion:.7 dehydration:.9 polyuria:.7 polydipsia:.5 older_age:.7 | ADA;JBDS_DKA
Hypoparathyroidism | | E20.9 | 1 | hypocalcemia:.95 paresthesia:.7 seizure:.2 | WILLIAMS_ENDO
Carcinoid syndrome | carcinoid tumour; carcinoid tumor; neuroendocrine tumour | E34.0 | 1 | facial_flushing:.9 diarrhea:.8 wheeze:.3 murmur:.2 | WILLIAMS_ENDO;DEVITA
Waldenstrom macroglobulinaemia | waldenstrom macroglobulinemia; lymphoplasmacytic lymphoma | C88.0 | 1 | m_protein:.95 anemia:.7 fatigue:.6 lymphadenopathy:.4 splenomegaly:.3 visual_loss:.2 headache:.3 epistaxis:.2 older_age:.9 | HOFFMAN_HEME;DEVITA
Acute lymphoblastic leukaemia | acute lymphoblastic leukemia; acute lymphocytic leukemia | C91.0 | 1 | anemia:.8 thrombocytopenia:.8 fever:.6 bone_pain:.5 petechiae:.5 lymphadenopathy:.5 hepatosplenomegaly:.5 fatigue:.6 child_age:.75 | HOFFMAN_HEME;NELSON
Hereditary spherocytosis | | D58.0 | 1 | anemia:.8 jaundice:.5 splenomegaly:.7 gallstones:.3 reticulocytosis:.8 | HOFFMAN_HEME;NELSON
G6PD deficiency | glucose-6-phosphate dehydrogenase deficiency | D55.0 | 1 | anemia:.8 jaundice:.6 haptoglobin_low:.7 new_drug:.5 reticulocytosis:.7 | HOFFMAN_HEME
Aplastic anaemia | aplastic anemia | D61.9 | 1 | anemia:.9 thrombocytopenia:.9 leukopenia:.9 fatigue:.6 petechiae:.4 recurrent_infections:.4 | HOFFMAN_HEME
Heparin-induced thrombocytopenia | heparin induced thrombocytopenia | D75.82 | 1 | heparin_exposure:.99 thrombocytopenia:.99 unilateral_leg_swelling:.3 | HOFFMAN_HEME
Ewing sarcoma | ewing's sarcoma | C41.9 | 1 | bone_pain:.9 bone_mass:.8 fever:.4 joint_swelling:.3 child_age:.8 | DEVITA;NELSON
Osteosarcoma | osteogenic sarcoma | C40.90 | 1 | bone_pain:.9 bone_mass:.8 joint_swelling:.5 child_age:.7 | DEVITA;NELSON
Giant cell tumour of bone | giant cell tumor of bone; osteoclastoma | D48.0 | 1 | bone_pain:.9 bone_mass:.8 joint_swelling:.5 | DEVITA;ROBBINS
Fibrous dysplasia of bone | fibrous dysplasia; polyostotic fibrous dysplasia | M85.00 | 1 | bone_pain:.6 fracture:.5 bone_mass:.6 cafe_au_lait:.3 | ROBBINS
Phyllodes tumour | phyllodes tumor; cystosarcoma phyllodes | D48.6 | 1 | breast_lump:.99 female_sex:.99 older_age:.4 | DEVITA;BEREK
Ovarian cancer | ovarian carcinoma | C56 | 1 | distension:.7 adnexal_mass:.8 early_satiety:.4 weight_loss:.4 pelvic_pain:.4 ascites:.4 female_sex:.99 older_age:.7 | BEREK;DEVITA
Endometrial cancer | endometrial carcinoma; uterine cancer | C54.1 | 1 | postmenopausal_bleeding:.9 vaginal_bleeding:.8 female_sex:.99 older_age:.85 | BEREK;DEVITA
Cervical cancer | cervical carcinoma | C53.9 | 1 | postmenopausal_bleeding:.6 vaginal_bleeding:.7 vaginal_discharge:.4 pelvic_pain:.3 female_sex:.99 | BEREK;DEVITA
"""
