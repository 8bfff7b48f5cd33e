"""USMLE-breadth pack, second table: infectious disease, neurology, psychiatry, rheumatology and
musculoskeletal, obstetrics, paediatrics and toxicology diagnoses common in Step 1/2 vignettes
that the other tables lack, written by MedAction. Format as in diseases_a.py; frequencies are our
own rounded estimates from the cited books (sources_usmle.py, sources.py).
"""

DISEASES_USMLE_B = """
Disseminated gonococcal infection | disseminated gonorrhoea; disseminated gonorrhea; gonococcal arthritis | A54.8 | 1 | arthralgia:.8 monoarthritis:.5 pustules:.6 fever:.6 joint_swelling:.6 urethral_discharge:.2 | CDC_STI;MANDELL
Progressive multifocal leukoencephalopathy | pml | A81.2 | 1 | hiv_positive:.7 immunosuppressed:.6 hemiparesis:.6 confusion:.5 visual_loss:.4 ataxia:.3 aphasia:.3 | MANDELL;ADAMS_NEURO
Cerebral toxoplasmosis | toxoplasma encephalitis | B58.2 | 1 | hiv_positive:.9 headache:.7 fever:.5 seizure:.3 hemiparesis:.4 confusion:.5 | MANDELL
Cryptococcal meningitis | cryptococcosis | B45.1 | 1 | hiv_positive:.8 headache:.9 fever:.6 neck_stiffness:.3 confusion:.3 | MANDELL
Rocky Mountain spotted fever | rmsf; rickettsia rickettsii infection | A77.0 | 1 | fever:.95 headache:.8 rash:.9 palms_soles_rash:.6 tick_bite:.6 myalgia:.5 | MANDELL;CDC_STI
Cat scratch disease | bartonella henselae infection | A28.1 | 1 | cat_exposure:.9 lymphadenopathy:.95 fever:.4 papule:.5 | MANDELL;NELSON
Toxic shock syndrome | staphylococcal toxic shock syndrome | A48.3 | 1 | fever:.95 hypotension:.9 rash:.8 diarrhea:.4 vomiting:.4 myalgia:.4 | MANDELL;SEPSIS3
Bacillus cereus food poisoning | bacillus cereus infection; bacillus cereus gastroenteritis | A05.4 | 1 | vomiting:.9 nausea:.9 diarrhea:.5 abdominal_pain:.5 | MANDELL
Roseola infantum | exanthem subitum; sixth disease | B08.20 | 2 | fever:.95 rash:.9 seizure:.1 child_age:.99 | NELSON
Lambert-Eaton myasthenic syndrome | lambert-eaton syndrome; lems | G73.1 | 1 | proximal_weakness:.9 weakness:.9 areflexia:.6 autonomic_dryness:.6 smoking:.7 lung_mass:.4 ptosis:.3 | ADAMS_NEURO;HARRISON
Intraventricular haemorrhage | intraventricular hemorrhage; germinal matrix haemorrhage | P52.3 | 1 | prematurity:.95 newborn:.95 seizure:.3 hypotonia:.4 child_age:.99 | NELSON
Akathisia | drug induced akathisia | G25.71 | 1 | restlessness:.95 antipsychotic:.8 anxiety:.4 | ADAMS_NEURO;DSM5TR
Glossopharyngeal neuralgia | | G52.1 | 1 | ear_pain:.8 facial_shock_pain:.8 sore_throat:.5 syncope:.1 | ICHD3;ADAMS_NEURO
Focal impaired awareness seizure | complex partial seizure; temporal lobe seizure | G40.209 | 1 | seizure:.9 confusion:.6 memory_loss:.4 aura:.4 | ADAMS_NEURO
Huntington disease | huntington's disease; huntington chorea | G10 | 1 | chorea:.95 depressed_mood:.4 memory_loss:.5 anxiety:.3 | ADAMS_NEURO;HARRISON
Wernicke encephalopathy | wernicke korsakoff syndrome; thiamine deficiency encephalopathy | E51.2 | 1 | confusion:.9 ataxia:.8 nystagmus:.6 alcohol_use:.8 | ADAMS_NEURO;NICE_AW
Essential tremor | benign essential tremor; familial tremor | G25.0 | 3 | tremor:.99 alcohol_use:.2 older_age:.6 | ADAMS_NEURO;MDS_PD
Narcolepsy | narcolepsy with cataplexy | G47.4 | 1 | daytime_sleepiness:.95 hallucinations:.3 insomnia:.3 | ADAMS_NEURO
Epidural haematoma | epidural hematoma; extradural haematoma | S06.4 | 1 | head_trauma:.95 lucid_interval:.6 headache:.7 reduced_consciousness:.7 vomiting:.4 ct_bleed:.95 | TINTINALLI;ADAMS_NEURO
Schizotypal personality disorder | | F21 | 1 | odd_beliefs:.9 social_isolation:.8 anxiety:.3 | DSM5TR
Schizoid personality disorder | | F60.1 | 1 | social_isolation:.95 depressed_mood:.1 anxiety:.1 | DSM5TR
Paranoid personality disorder | | F60.0 | 1 | mistrust:.95 anxiety:.2 social_isolation:.4 | DSM5TR
Antisocial personality disorder | sociopathy | F60.2 | 1 | disregard_rules:.95 alcohol_use:.4 smoking:.5 | DSM5TR
Avoidant personality disorder | anxious personality disorder | F60.6 | 1 | social_isolation:.6 anxiety:.8 depressed_mood:.3 | DSM5TR
Brief psychotic disorder | brief reactive psychosis | F23 | 1 | delusions:.8 hallucinations:.8 insomnia:.3 | DSM5TR
Factitious disorder | munchausen syndrome; factitious disorder imposed on self | F68.10 | 1 | feigned_illness:.9 hypoglycemia:.2 female_sex:.7 | DSM5TR
Conversion disorder | functional neurological symptom disorder | F44.4 | 1 | functional_deficit:.9 weakness:.5 anxiety:.3 | DSM5TR;ADAMS_NEURO
Illness anxiety disorder | hypochondriasis | F45.21 | 1 | somatic_worry:.9 anxiety:.7 depressed_mood:.3 | DSM5TR
Persistent depressive disorder | dysthymia | F34.1 | 2 | depressed_mood:.95 fatigue:.5 insomnia:.4 | DSM5TR
Adjustment disorder | | F43.20 | 2 | depressed_mood:.7 anxiety:.6 insomnia:.4 | DSM5TR
Bulimia nervosa | bulimia | F50.2 | 1 | binge_purge:.95 parotid_swelling:.3 hypokalemia:.3 female_sex:.9 | DSM5TR;NICE_CKS
Sjogren syndrome | sjogren's syndrome; sicca syndrome | M35.00 | 1 | dry_eyes_mouth:.95 arthralgia:.5 parotid_swelling:.3 ana_positive:.7 fatigue:.5 female_sex:.9 | KELLEY_RHEUM
Granulomatosis with polyangiitis | wegener granulomatosis; wegener's granulomatosis | M31.30 | 1 | hematuria:.7 hemoptysis:.4 rhinorrhea:.5 epistaxis:.4 cough:.5 proteinuria:.5 | KELLEY_RHEUM;HARRISON
Polyarteritis nodosa | | M30.0 | 1 | hypertension:.5 abdominal_pain:.5 weight_loss:.6 paresthesia:.5 fever:.5 myalgia:.4 | KELLEY_RHEUM;HARRISON
Slipped capital femoral epiphysis | scfe | M93.003 | 1 | limp:.9 hip_pain:.85 child_age:.95 | NELSON
Legg-Calve-Perthes disease | perthes disease; legg calve perthes disease | M91.10 | 1 | limp:.95 hip_pain:.7 child_age:.99 | NELSON
Osteogenesis imperfecta | brittle bone disease | Q78.0 | 1 | fracture:.95 blue_sclera:.8 hearing_loss:.4 short_stature:.3 | NELSON;ROBBINS
Placenta praevia | placenta previa | O44.10 | 1 | pregnancy:.99 vaginal_bleeding:.95 female_sex:.99 | WILLIAMS_OB
Hyperemesis gravidarum | | O21.1 | 1 | pregnancy:.99 hyperemesis:.9 vomiting:.99 nausea:.95 dehydration:.6 weight_loss:.5 female_sex:.99 | WILLIAMS_OB
HELLP syndrome | | O14.20 | 1 | pregnancy:.99 hypertensive_pregnancy_signs:.8 ruq_pain:.7 thrombocytopenia:.95 transaminases_high:.95 haptoglobin_low:.7 female_sex:.99 | WILLIAMS_OB;ACOG
Hydatidiform mole | molar pregnancy; complete hydatidiform mole | O01.9 | 1 | pregnancy:.9 hcg_very_high:.9 vaginal_bleeding:.8 hyperemesis:.3 female_sex:.99 | WILLIAMS_OB;BEREK
Febrile seizure | febrile convulsion | R56.00 | 2 | seizure:.99 fever:.95 child_age:.99 | NELSON;NICE_CKS
Wilms tumour | wilms tumor; nephroblastoma | C64.9 | 1 | abdominal_mass:.9 hematuria:.3 hypertension:.3 child_age:.99 | NELSON;DEVITA
Neuroblastoma | | C74.90 | 1 | abdominal_mass:.8 weight_loss:.3 bone_pain:.3 child_age:.99 | NELSON;DEVITA
Anticholinergic toxicity | anticholinergic syndrome; anticholinergic poisoning | T44.3X1A | 1 | anticholinergic:.9 mydriasis:.8 confusion:.7 tachycardia:.8 fever:.4 | GOLDFRANK
Tricyclic antidepressant overdose | tca overdose; tricyclic overdose | T43.011A | 1 | anticholinergic:.8 tachycardia:.8 confusion:.6 seizure:.3 hypotension:.5 | GOLDFRANK
Benzodiazepine overdose | benzodiazepine toxicity | T42.4X1A | 1 | reduced_consciousness:.9 confusion:.6 ataxia:.5 | GOLDFRANK
Methanol poisoning | methanol toxicity | T51.1X1A | 1 | visual_loss:.7 metabolic_acidosis:.95 confusion:.5 abdominal_pain:.4 alcohol_use:.4 | GOLDFRANK
Ethylene glycol poisoning | antifreeze poisoning | T51.8X1A | 1 | metabolic_acidosis:.95 creatinine_high:.7 confusion:.6 alcohol_use:.3 | GOLDFRANK
Lead poisoning | plumbism | T56.0X1A | 1 | abdominal_pain:.6 anemia:.7 microcytosis:.6 constipation:.4 memory_loss:.3 child_age:.5 | GOLDFRANK;NELSON
Digoxin toxicity | digitalis toxicity | T46.0X1A | 1 | nausea:.8 vomiting:.6 visual_loss:.3 bradycardia:.5 confusion:.3 hyperkalemia:.4 older_age:.8 | GOLDFRANK
"""
