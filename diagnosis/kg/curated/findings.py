"""Curated findings vocabulary, written by MedAction.

One line per finding: key | display name | HPO term name it maps to (resolved by name at load;
blank when HPO has no such term) | lay and clinical synonyms (;-separated) | leak probability
(our estimate of how often the finding shows in a patient who has none of the modelled diseases).

Lab analytes and numeric reference limits are in labs.py.
"""

FINDINGS_TABLE = """
fever | Fever | Fever | fever; febrile; pyrexia; high temperature; temperature elevated; pyrexial; elevated temperature; raised temperature; feeling feverish; feverish | 0.10
chills | Chills | Chills | chills; rigors; shivering; shaking chills; shaking rigors; shivers | 0.06
night_sweats | Night sweats | Night sweats | night sweats; nocturnal sweating | 0.04
fatigue | Fatigue | Fatigue | fatigue; tiredness; tired; lethargy; lethargic; exhaustion; malaise; weakness and fatigue; feeling tired; low energy; lack of energy | 0.20
weight_loss | Weight loss | Weight loss | weight loss; lost weight; unintentional weight loss; losing weight; weight decrease | 0.05
weight_gain | Weight gain | Increased body weight | weight gain; gained weight; gaining weight; weight increase; put on weight | 0.05
anorexia | Loss of appetite | Anorexia | loss of appetite; poor appetite; decreased appetite; anorexia; not eating; reduced appetite | 0.06
cough | Cough | Cough | cough; coughing | 0.10
productive_cough | Productive cough | Productive cough | productive cough; sputum production; purulent sputum | 0.05
hemoptysis | Haemoptysis | Hemoptysis | hemoptysis; coughing blood; coughing up blood; blood in sputum; blood in the sputum; blood streaked sputum; streak of blood; bloody sputum; blood stained sputum | 0.01
dyspnea | Shortness of breath | Dyspnea | shortness of breath; dyspnea; breathlessness; short of breath; difficulty breathing; sob; breathing difficulty; trouble breathing; winded | 0.08
orthopnea | Orthopnoea | Orthopnea | orthopnea; breathless lying flat | 0.02
pnd | Paroxysmal nocturnal dyspnoea | Paroxysmal nocturnal dyspnea | paroxysmal nocturnal dyspnea; pnd | 0.01
wheeze | Wheezing | Wheezing | wheeze; wheezing; wheezes | 0.04
crackles | Crackles | Crackles | crackles; rales; crepitations | 0.03
tachypnea | Tachypnoea | Tachypnea | tachypnea; tachypneic; rapid breathing; increased respirations; fast breathing | 0.04
hypoxemia | Hypoxaemia | Hypoxemia | hypoxemia; hypoxia; low oxygen saturation; desaturation; hypoxic | 0.03
chest_pain | Chest pain | Chest pain | chest pain; chest discomfort; chest tightness; chest pressure | 0.06
pleuritic_pain | Pleuritic chest pain | Pleuritic chest pain | pleuritic chest pain; pleuritic pain; pain on inspiration; when breathing in; on breathing in; worse on breathing in; hurts to breathe; on deep breathing; with deep breathing; worse on deep inspiration; worse with deep breaths | 0.02
radiating_arm_jaw | Pain radiating to arm or jaw | | radiating to the left arm; radiating to the jaw; radiates to the arm; radiating to arm | 0.01
tearing_back_pain | Tearing pain radiating to the back | | tearing pain; ripping pain; tearing chest pain | 0.003
diaphoresis | Sweating | Hyperhidrosis | diaphoresis; diaphoretic; sweating; sweaty; clammy | 0.04
palpitations | Palpitations | Palpitations | palpitations; racing heart; pounding heart | 0.05
syncope | Syncope | Syncope | syncope; fainting; faint; passed out; loss of consciousness | 0.02
tachycardia | Tachycardia | Tachycardia | tachycardia; tachycardic; rapid heart rate; rapid pulse | 0.06
bradycardia | Bradycardia | Bradycardia | bradycardia; bradycardic; slow heart rate | 0.02
irregular_pulse | Irregular pulse |  | irregular pulse; irregularly irregular; irregular heartbeat | 0.02
hypotension | Hypotension | Hypotension | hypotension; hypotensive; low blood pressure | 0.03
hypertension | Hypertension | Hypertension | hypertension; hypertensive; high blood pressure | 0.15
shock | Shock | Shock | shock; circulatory collapse | 0.005
edema | Peripheral oedema | Edema | edema; leg swelling; ankle swelling; pedal edema; peripheral edema | 0.05
unilateral_leg_swelling | Unilateral calf swelling or pain | | unilateral leg swelling; swollen calf; calf swelling; calf tenderness; swelling of one leg; calf pain; calf ache; calf has ached; calf ached; aching calf; painful calf; tender calf; calf discomfort | 0.01
jvd | Raised jugular venous pressure | Elevated jugular venous pressure | jugular venous distension; elevated jugular venous pressure; raised jvp; jvd; increased jugular venous pressure; distended neck veins | 0.02
murmur | Heart murmur | Heart murmur | murmur; heart murmur; systolic murmur; diastolic murmur | 0.03
friction_rub | Pericardial friction rub | Pericardial friction rub | friction rub; pericardial rub | 0.003
abdominal_pain | Abdominal pain | Abdominal pain | abdominal pain; stomach pain; belly pain; stomach ache; abdominal discomfort; abdominal cramping; abdominal cramps; stomach cramps; tummy pain | 0.08
epigastric_pain | Epigastric pain | Epigastric pain | epigastric pain; epigastric discomfort; upper abdominal pain | 0.04
ruq_pain | Right upper quadrant pain |  | right upper quadrant pain; ruq pain; right upper quadrant tenderness | 0.02
rlq_pain | Right lower quadrant pain | | right lower quadrant pain; rlq pain; right iliac fossa pain; mcburney point tenderness; right lower quadrant tenderness | 0.02
llq_pain | Left lower quadrant pain | | left lower quadrant pain; llq pain; left iliac fossa pain; left lower quadrant tenderness | 0.02
flank_pain | Flank pain | Flank pain | flank pain; loin pain; costovertebral angle tenderness; cva tenderness; renal angle tenderness | 0.02
rebound | Peritonism | | rebound tenderness; guarding; peritonism; rigid abdomen; peritoneal signs | 0.01
murphy_sign | Murphy sign | | murphy sign; positive murphy | 0.005
distension | Abdominal distension | Abdominal distention | abdominal distension; abdominal distention; bloating; distended abdomen | 0.05
nausea | Nausea | Nausea | nausea; nauseated; nauseous | 0.10
vomiting | Vomiting | Vomiting | vomiting; emesis; vomited; throwing up | 0.06
diarrhea | Diarrhoea | Diarrhea | diarrhea; loose stools; watery stools | 0.06
bloody_diarrhea | Bloody diarrhoea | Bloody diarrhea | bloody diarrhea; blood in the stool; bloody stools; blood in stool; bloody stool; blood in the stools; blood mixed with stool | 0.01
constipation | Constipation | Constipation | constipation; constipated; no bowel movement; obstipation | 0.06
heartburn | Heartburn |  | heartburn; pyrosis; acid reflux; regurgitation | 0.08
dysphagia | Dysphagia | Dysphagia | dysphagia; difficulty swallowing | 0.02
hematemesis | Haematemesis | Hematemesis | hematemesis; vomiting blood; coffee ground emesis | 0.005
melena | Melaena | Melena | melena; black stools; tarry stools | 0.005
hematochezia | Haematochezia | Hematochezia | hematochezia; rectal bleeding; bright red blood per rectum; blood on the toilet paper; blood per rectum | 0.01
jaundice | Jaundice | Jaundice | jaundice; jaundiced; icterus; icteric; yellow skin; scleral icterus; yellow discoloration of the skin; yellowish discoloration of the skin; yellowing of the skin; yellow eyes; yellowing of the eyes; yellow discoloration of the eyes | 0.01
ascites | Ascites | Ascites | ascites; shifting dullness; fluid wave | 0.01
hepatomegaly | Hepatomegaly | Hepatomegaly | hepatomegaly; enlarged liver | 0.01
splenomegaly | Splenomegaly | Splenomegaly | splenomegaly; enlarged spleen | 0.01
dysuria | Dysuria | Dysuria | dysuria; painful urination; burning on urination; burning micturition | 0.04
frequency | Urinary frequency | Urinary urgency | urinary frequency; frequency of urination; urgency; urinary urgency | 0.05
polyuria | Polyuria | Polyuria | polyuria; passing a lot of urine; frequent urination; increased urination; urinating more often; passing more urine | 0.03
polydipsia | Polydipsia | Polydipsia | polydipsia; excessive thirst; increased thirst; thirsty | 0.03
hematuria | Haematuria | Hematuria | hematuria; blood in urine | 0.02
oliguria | Oliguria | Oliguria | oliguria; reduced urine output; decreased urine output; anuria | 0.01
headache | Headache | Headache | headache; head pain; cephalgia | 0.10
thunderclap | Sudden severe headache | | thunderclap headache; worst headache of life; sudden severe headache; worst headache of my life | 0.002
neck_stiffness | Neck stiffness | Nuchal rigidity | neck stiffness; stiff neck; nuchal rigidity; meningism; meningismus; kernig sign; brudzinski sign | 0.01
photophobia | Photophobia | Photophobia | photophobia; sensitivity to light | 0.02
aura | Visual aura | | aura; visual aura; scintillating scotoma; zigzag lines | 0.01
confusion | Confusion | Confusion | confusion; confused; disoriented; altered mental status; delirium; disorientation; mental status changes; change in mental status; acting strangely | 0.04
reduced_consciousness | Reduced consciousness | Reduced consciousness | drowsy; obtunded; unresponsive; stupor; coma; decreased level of consciousness; unconsciousness; unconscious | 0.02
seizure | Seizure | Seizure | seizure; seizures; convulsion; fit; tonic clonic; epilepsy; epileptic; seizure disorder | 0.01
hemiparesis | Unilateral weakness | Hemiparesis | hemiparesis; hemiplegia; one sided weakness; unilateral weakness; weakness of the left arm; weakness of the right arm; facial droop | 0.01
aphasia | Aphasia | Aphasia | aphasia; dysphasia; difficulty speaking; word finding difficulty | 0.01
dysarthria | Slurred speech | Dysarthria | dysarthria; slurred speech | 0.01
facial_palsy | Facial palsy | Facial palsy | facial palsy; facial weakness; facial nerve palsy; drooping of the face | 0.005
vertigo | Vertigo | Vertigo | vertigo; room spinning; spinning sensation | 0.03
dizziness | Dizziness |  | dizziness; dizzy; lightheaded; lightheadedness; feeling faint; woozy | 0.06
ataxia | Ataxia | Ataxia | ataxia; unsteady gait; incoordination | 0.01
paresthesia | Paraesthesia | Paresthesia | paresthesia; tingling; numbness; pins and needles | 0.04
weakness | Muscle weakness | Muscle weakness | muscle weakness; weakness; proximal muscle weakness; legs give way; legs gave way; struggled to stand; difficulty standing; difficulty climbing stairs; trouble climbing stairs; difficulty rising from a chair; difficulty getting up from a chair | 0.05
ascending_weakness | Ascending weakness | | ascending weakness; ascending paralysis | 0.001
areflexia | Areflexia | Areflexia | areflexia; absent reflexes; hyporeflexia; decreased reflexes | 0.01
diplopia | Double vision | Diplopia | diplopia; double vision | 0.005
ptosis | Ptosis | Ptosis | ptosis; drooping eyelid | 0.005
fatigable_weakness | Fatigable weakness | | fatigable weakness; worse with activity; worsens after exercise; improves with rest | 0.005
tremor | Tremor | Tremor | tremor; shaking; resting tremor | 0.03
bradykinesia | Bradykinesia | Bradykinesia | bradykinesia; slowness of movement | 0.01
rigidity | Rigidity | Rigidity | rigidity; cogwheel rigidity | 0.01
memory_loss | Memory impairment | Memory impairment | memory loss; forgetfulness; memory impairment; cognitive decline; trouble remembering; difficulty remembering | 0.03
anxiety | Anxiety | Anxiety | anxiety; anxious; nervousness; fear of dying; sense of doom | 0.08
depressed_mood | Depressed mood | Depression | depressed mood; low mood; sadness; anhedonia | 0.06
back_pain | Back pain | Back pain | back pain; lower back pain; low back pain; lumbar pain | 0.08
arthralgia | Joint pain | Arthralgia | arthralgia; joint pain; joint pains | 0.08
joint_swelling | Joint swelling | Joint swelling | joint swelling; swollen joint; joint effusion; swollen knee | 0.03
monoarthritis | Hot swollen single joint | | hot swollen joint; red hot joint; erythematous joint; podagra; monoarthritis | 0.01
morning_stiffness | Morning stiffness | Generalized morning stiffness | morning stiffness | 0.03
myalgia | Myalgia | Myalgia | myalgia; muscle aches; muscle pain; body aches | 0.06
rash | Rash | Skin rash | rash; skin rash; eruption | 0.06
malar_rash | Malar rash | Malar rash | malar rash; butterfly rash | 0.003
vesicular_rash | Vesicular rash | Vesicular eruption | vesicular rash; vesicles; blisters; dermatomal rash; dermatomal vesicles | 0.01
urticaria | Urticaria | Urticaria | urticaria; hives; wheals | 0.02
angioedema | Angioedema | Angioedema | angioedema; lip swelling; tongue swelling; facial swelling | 0.005
pruritus | Itching | Pruritus | pruritus; pruritic; itching; itchy; itchiness; scratching | 0.06
erythema_warmth | Red warm skin | Erythema | erythema; redness; warm skin; warmth; spreading redness | 0.03
petechiae | Petechiae | Petechiae | petechiae; petechial rash; purpura; non blanching rash | 0.005
pallor | Pallor | Pallor | pallor; pale; pale conjunctiva; conjunctival pallor; paleness; pale skin | 0.04
lymphadenopathy | Lymphadenopathy | Lymphadenopathy | lymphadenopathy; swollen lymph nodes; enlarged lymph nodes; swollen glands | 0.03
sore_throat | Sore throat | Pharyngitis | sore throat; pharyngitis; odynophagia; pharyngeal erythema | 0.08
tonsillar_exudate | Tonsillar exudate | | tonsillar exudate; exudative tonsillitis; exudate on tonsils; tonsillar swelling | 0.02
rhinorrhea | Runny nose | Rhinorrhea | rhinorrhea; runny nose; nasal congestion; stuffy nose; sneezing | 0.10
ear_pain | Ear pain | Ear pain | ear pain; otalgia; earache | 0.03
facial_pain | Facial pain |  | facial pain; sinus pain; sinus pressure | 0.03
polyphagia | Increased hunger | Polyphagia | polyphagia; increased appetite; increased hunger | 0.02
heat_intolerance | Heat intolerance | Heat intolerance | heat intolerance | 0.02
cold_intolerance | Cold intolerance | Cold intolerance | cold intolerance; feeling cold; feels cold; feel cold; feeling the cold; always cold; sensitive to cold | 0.03
goiter | Goitre | Goiter | goiter; thyroid enlargement; enlarged thyroid | 0.01
exophthalmos | Exophthalmos | Proptosis | exophthalmos; proptosis | 0.003
hyperpigmentation | Hyperpigmentation | Hyperpigmentation of the skin | hyperpigmentation; skin darkening; bronze skin | 0.01
kussmaul | Kussmaul breathing |  | kussmaul breathing; kussmaul respiration; fruity breath; acetone breath | 0.002
dehydration | Dehydration | Dehydration | dehydration; dehydrated; dry mucous membranes; poor skin turgor | 0.03
pelvic_pain | Pelvic pain | Pelvic pain | pelvic pain; lower abdominal pain | 0.03
vaginal_bleeding | Vaginal bleeding | Abnormal vaginal bleeding | vaginal bleeding; amenorrhea; missed period; bleeding per vagina | 0.03
vaginal_discharge | Vaginal discharge | Abnormal vaginal discharge | vaginal discharge; cervical discharge; cervical motion tenderness | 0.04
testicular_pain | Testicular pain | Testicular pain | testicular pain; scrotal pain; scrotal swelling | 0.005
headache_unilateral | Unilateral headache | | unilateral headache; one sided headache; hemicranial | 0.02
jaw_claudication | Jaw claudication | Jaw claudication | jaw claudication; pain on chewing; jaw ache after chewing; jaw ache when chewing; jaw pain when chewing; jaw pain after chewing; jaw pain with chewing; jaw hurts when chewing; jaw fatigue; jaw tiredness | 0.002
scalp_tenderness | Scalp tenderness | | scalp tenderness; temporal artery tenderness; scalp hurts; scalp pain; tender scalp; sore scalp; scalp is tender; brushing her hair; brushing his hair; combing her hair; combing his hair | 0.002
visual_loss | Visual loss | Visual loss | visual loss; vision loss; blurred vision; loss of vision; worsening vision; decreased vision; reduced vision; vision problems; amaurosis fugax; transient loss of vision; transient visual loss; vision went grey; vision went dark; vision went black; transient blindness; curtain over the eye; eye went grey; eye went dark; eye went black; eye went blurry | 0.02
shoulder_hip_stiffness | Shoulder and hip girdle stiffness | | shoulder girdle pain; hip girdle pain; shoulder stiffness; pain in the shoulders and hips | 0.01
tremulousness | Tremulous and agitated | Agitation | agitation; agitated; restlessness; tremulous | 0.03
hallucinations | Hallucinations | Hallucinations | hallucinations; visual hallucinations; seeing things | 0.01
miosis | Pinpoint pupils | Miosis | miosis; pinpoint pupils; constricted pupils | 0.005
hypoventilation | Respiratory depression | Hypoventilation | respiratory depression; hypoventilation; slow breathing; bradypnea | 0.005
alcohol_use | Heavy alcohol use | | alcoholism; heavy drinking; alcohol abuse; alcohol use disorder; drinks heavily | 0.05
immobility | Recent immobility, surgery or long journey | | recent surgery; immobilization; long flight; bedridden; prolonged immobility; hour flight; long haul flight; long distance flight; long car journey; long journey; long drive; plaster cast; bed rest; immobilized; postoperative; post operative; after surgery | 0.03
smoking | Smoking history | | smoker; smoking; pack years; tobacco use | 0.20
leukocytosis | Raised white cell count | Increased total leukocyte count | leukocytosis; raised white cell count; elevated white blood cell count; high wbc | 0.08
leukopenia | Low white cell count | Decreased total leukocyte count | leukopenia; low white cell count; neutropenia | 0.02
anemia | Anaemia | Anemia | anemia; low hemoglobin; low haemoglobin | 0.08
microcytosis | Microcytosis | Microcytic anemia | microcytosis; microcytic anemia; low mcv; microcytic | 0.03
macrocytosis | Macrocytosis | Macrocytic anemia | macrocytosis; macrocytic anemia; high mcv; macrocytic; megaloblastic | 0.02
thrombocytopenia | Thrombocytopenia | Thrombocytopenia | thrombocytopenia; low platelets; low platelet count | 0.02
thrombocytosis | Thrombocytosis | Thrombocytosis | thrombocytosis; high platelets | 0.02
lymphocytosis | Atypical lymphocytes | Increased total lymphocyte count | atypical lymphocytes; lymphocytosis | 0.02
eosinophilia | Eosinophilia | Increased total eosinophil count | eosinophilia | 0.02
crp_high | Raised CRP | Elevated circulating C-reactive protein concentration | raised crp; elevated crp | 0.10
esr_high | Raised ESR | Elevated erythrocyte sedimentation rate | raised esr; elevated esr | 0.10
procalcitonin_high | Raised procalcitonin | | raised procalcitonin; elevated procalcitonin | 0.03
troponin_high | Raised troponin | | raised troponin; elevated troponin; troponin leak; positive troponin | 0.02
bnp_high | Raised BNP | | raised bnp; elevated bnp; elevated nt probnp | 0.04
ddimer_high | Raised D-dimer | | raised d dimer; elevated d dimer; positive d dimer | 0.06
lactate_high | Raised lactate | Increased circulating lactate concentration | raised lactate; elevated lactate; lactic acidosis | 0.03
hyperglycemia | Hyperglycaemia | Hyperglycemia | hyperglycemia; high blood glucose; high blood sugar; raised glucose | 0.06
hypoglycemia | Hypoglycaemia | Hypoglycemia | hypoglycemia; low blood glucose; low blood sugar | 0.01
ketones | Ketonaemia or ketonuria | Ketosis | ketonuria; ketonemia; ketosis; positive ketones; ketones | 0.01
metabolic_acidosis | Metabolic acidosis | Metabolic acidosis | metabolic acidosis; low bicarbonate; anion gap acidosis; high anion gap | 0.02
respiratory_alkalosis | Respiratory alkalosis | Respiratory alkalosis | respiratory alkalosis | 0.02
hypercapnia | Hypercapnia | Hypercapnia | hypercapnia; hypercarbia; raised pco2; respiratory acidosis | 0.02
hyponatremia | Hyponatraemia | Hyponatremia | hyponatremia; low sodium | 0.03
hypernatremia | Hypernatraemia | Hypernatremia | hypernatremia; high sodium | 0.01
hyperkalemia | Hyperkalaemia | Hyperkalemia | hyperkalemia; high potassium; peaked t waves | 0.02
hypokalemia | Hypokalaemia | Hypokalemia | hypokalemia; low potassium | 0.03
hypercalcemia | Hypercalcaemia | Hypercalcemia | hypercalcemia; high calcium | 0.01
creatinine_high | Raised creatinine | Elevated circulating creatinine concentration | raised creatinine; elevated creatinine; azotemia; raised urea; elevated bun; renal impairment | 0.05
transaminases_high | Raised transaminases | Elevated circulating hepatic transaminase concentration | elevated transaminases; raised alt; raised ast; elevated liver enzymes; transaminitis | 0.05
bilirubin_high | Raised bilirubin | Hyperbilirubinemia | hyperbilirubinemia; raised bilirubin; elevated bilirubin | 0.03
alp_high | Raised alkaline phosphatase | Elevated circulating alkaline phosphatase concentration | raised alkaline phosphatase; elevated alp; elevated alkaline phosphatase | 0.04
lipase_high | Raised lipase or amylase | | elevated lipase; raised lipase; raised amylase; elevated amylase; hyperamylasemia | 0.01
albumin_low | Low albumin | Hypoalbuminemia | hypoalbuminemia; low albumin | 0.03
inr_high | Prolonged INR | Prolonged prothrombin time | prolonged inr; raised inr; prolonged prothrombin time; coagulopathy | 0.02
ferritin_low | Low ferritin | | low ferritin; iron deficiency; low iron stores | 0.04
ferritin_high | Raised ferritin | Increased circulating ferritin concentration | raised ferritin; hyperferritinemia | 0.03
b12_low | Low vitamin B12 | | low b12; b12 deficiency; vitamin b12 deficiency; low cobalamin | 0.02
tsh_high | Raised TSH | | raised tsh; elevated tsh | 0.04
tsh_low | Suppressed TSH | | suppressed tsh; low tsh | 0.02
t4_low | Low free T4 | | low free t4; low t4; low thyroxine | 0.02
t4_high | Raised free T4 | | raised free t4; elevated t4; elevated free t4; high thyroxine | 0.02
hba1c_high | Raised HbA1c | | raised hba1c; elevated hba1c; elevated glycated hemoglobin | 0.06
cortisol_low | Low cortisol | Decreased circulating cortisol level | low cortisol; adrenal insufficiency | 0.005
ck_high | Raised creatine kinase | Elevated circulating creatine kinase concentration | raised ck; elevated ck; elevated creatine kinase; rhabdomyolysis | 0.02
uric_acid_high | Raised uric acid | Hyperuricemia | hyperuricemia; raised uric acid; elevated urate | 0.05
ana_positive | Positive ANA | Antinuclear antibody positivity | positive ana; antinuclear antibodies positive; ana positive | 0.05
rf_positive | Positive rheumatoid factor or anti-CCP | Rheumatoid factor positive | positive rheumatoid factor; rf positive; anti ccp positive; positive anti ccp | 0.04
dsdna_positive | Anti-dsDNA antibodies | | anti dsdna; anti double stranded dna; positive dsdna | 0.005
achr_positive | Acetylcholine receptor antibodies | | acetylcholine receptor antibodies positive; achr antibodies; anti achr | 0.001
pyuria | Pyuria | Pyuria | pyuria; leukocyte esterase positive; positive leukocyte esterase; white cells in urine | 0.04
nitrite_positive | Nitrite-positive urine | | nitrite positive; positive nitrites; nitrites positive | 0.02
bacteriuria | Bacteriuria | Bacteriuria | bacteriuria; positive urine culture; urine culture grew | 0.03
glycosuria | Glycosuria | Glycosuria | glycosuria; glucose in urine | 0.02
proteinuria | Proteinuria | Proteinuria | proteinuria; protein in urine | 0.04
hcg_positive | Positive pregnancy test | | positive pregnancy test; positive hcg; beta hcg positive; pregnant | 0.05
blood_culture_positive | Positive blood culture | | positive blood culture; bacteremia; blood cultures grew | 0.01
csf_pleocytosis | CSF pleocytosis | CSF pleocytosis | csf pleocytosis; cloudy csf; turbid csf; elevated csf white cells; csf neutrophilia | 0.002
csf_albuminocytologic | Albuminocytologic dissociation | Increased CSF protein concentration | albuminocytologic dissociation; raised csf protein; elevated csf protein | 0.003
xanthochromia | Xanthochromia | | xanthochromia | 0.001
strep_positive | Positive rapid strep test | | positive rapid strep; group a streptococcus; strep a positive; positive throat culture | 0.02
influenza_positive | Influenza detected | | influenza a positive; influenza b positive; positive influenza; influenza detected | 0.02
covid_positive | SARS-CoV-2 detected | | sars cov 2 positive; covid positive; positive covid; sars cov 2 detected | 0.02
monospot_positive | Positive heterophile antibody test | | monospot positive; positive monospot; heterophile antibodies positive; positive heterophile | 0.005
hiv_positive | HIV test reactive | | hiv positive; hiv reactive; hiv antibody positive | 0.005
cdiff_positive | C. difficile toxin detected | | c difficile toxin positive; clostridioides difficile toxin; c diff positive; positive c difficile | 0.005
afb_positive | Acid-fast bacilli in sputum | | acid fast bacilli; afb positive; positive afb smear; mycobacterium tuberculosis | 0.002
stemi_ecg | ST elevation on ECG | | st elevation; st segment elevation; stemi | 0.01
st_depression | ST depression or T inversion | | st depression; t wave inversion; st segment depression; t wave inversions | 0.03
af_ecg | Atrial fibrillation on ECG | Atrial fibrillation | atrial fibrillation; absent p waves; irregularly irregular rhythm; afib | 0.03
svt_ecg | Narrow-complex tachycardia | Supraventricular tachycardia | supraventricular tachycardia; narrow complex tachycardia; svt | 0.005
diffuse_st | Diffuse ST elevation with PR depression | | diffuse st elevation; pr depression; widespread st elevation; saddle shaped st elevation | 0.003
s1q3t3 | Right heart strain on ECG | | s1q3t3; right heart strain; right ventricular strain | 0.005
lvh | Left ventricular hypertrophy | Left ventricular hypertrophy | left ventricular hypertrophy; lvh | 0.03
consolidation | Consolidation on chest imaging | Parenchymal consolidation | consolidation; lobar consolidation; infiltrate; infiltrates; airspace opacity; pneumonic changes | 0.03
pleural_effusion | Pleural effusion | Pleural effusion | pleural effusion; blunting of the costophrenic angle | 0.02
pneumothorax_img | Pneumothorax on imaging | Pneumothorax | pneumothorax; absent lung markings; collapsed lung | 0.003
cardiomegaly | Cardiomegaly | Cardiomegaly | cardiomegaly; enlarged cardiac silhouette; enlarged heart | 0.03
pulmonary_congestion | Pulmonary congestion | Pulmonary edema | pulmonary edema; pulmonary congestion; kerley b lines; vascular congestion; interstitial edema; bat wing | 0.02
hyperinflation | Hyperinflated lungs | | hyperinflation; hyperinflated lungs; flattened diaphragms | 0.03
lung_mass | Lung mass or nodule | | lung mass; pulmonary nodule; lung nodule; spiculated mass; pulmonary mass; hilar mass | 0.01
hilar_lymphadenopathy | Bilateral hilar lymphadenopathy | | bilateral hilar lymphadenopathy; hilar lymphadenopathy; hilar adenopathy | 0.003
cavitation | Cavitating lesion | | cavitation; cavitary lesion; cavity; upper lobe cavitation | 0.003
mediastinal_widening | Widened mediastinum | | widened mediastinum; mediastinal widening; intimal flap; dissection flap | 0.002
filling_defect | Pulmonary artery filling defect | | filling defect; pulmonary embolus; pulmonary emboli; clot in the pulmonary artery | 0.002
dvt_img | Non-compressible leg vein | | non compressible vein; deep vein thrombosis; thrombus in the femoral vein; thrombus in the popliteal vein | 0.005
gallstones | Gallstones | Cholelithiasis | gallstones; cholelithiasis; gallstone | 0.05
gb_wall | Gallbladder wall thickening | | gallbladder wall thickening; pericholecystic fluid; sonographic murphy | 0.005
appendix_img | Inflamed appendix | | dilated appendix; appendicolith; inflamed appendix; periappendiceal fat stranding; non compressible appendix | 0.003
diverticula_inflamed | Inflamed diverticula | | diverticulitis; pericolic fat stranding; inflamed diverticula | 0.005
bowel_dilation | Dilated bowel loops | | dilated bowel loops; air fluid levels; dilated small bowel; transition point | 0.005
free_air | Free intraperitoneal air |  | free air; pneumoperitoneum; air under the diaphragm | 0.002
pancreas_inflamed | Pancreatic inflammation on imaging | | peripancreatic fluid; pancreatic edema; peripancreatic stranding; inflamed pancreas | 0.003
kidney_stone_img | Urinary tract stone | Nephrolithiasis | ureteric stone; ureteral calculus; renal calculus; kidney stone; nephrolithiasis; urolithiasis | 0.02
hydronephrosis | Hydronephrosis | Hydronephrosis | hydronephrosis | 0.01
cirrhotic_liver | Cirrhotic liver on imaging | Cirrhosis | nodular liver; cirrhotic liver; cirrhosis; shrunken liver | 0.01
steatosis | Fatty liver | Hepatic steatosis | hepatic steatosis; fatty liver | 0.05
adnexal_mass | Adnexal mass | | adnexal mass; ovarian cyst; absent ovarian flow; enlarged ovary | 0.01
ectopic_img | Extrauterine gestation | | extrauterine gestational sac; empty uterus; ectopic gestation; tubal ring | 0.002
testis_no_flow | Absent testicular flow | | absent testicular blood flow; decreased testicular flow; whirlpool sign | 0.001
ct_bleed | Intracranial haemorrhage on imaging | Intracranial hemorrhage | intracranial hemorrhage; hyperdense lesion; intraparenchymal hemorrhage; subarachnoid blood; hemorrhage on ct | 0.003
ct_infarct | Acute infarct on imaging | | acute infarct; hypodense area; restricted diffusion; loss of gray white differentiation; ischemic changes | 0.005
wall_motion | Regional wall motion abnormality | | regional wall motion abnormality; hypokinesis; akinesis; wall motion abnormality | 0.01
low_ef | Reduced ejection fraction | | reduced ejection fraction; low ejection fraction; lvef 30; systolic dysfunction; reduced lvef | 0.02
vegetation | Valvular vegetation | | vegetation; valvular vegetation; vegetations | 0.001
pericardial_effusion | Pericardial effusion | Pericardial effusion | pericardial effusion | 0.005
aortic_dilation | Dilated aorta | | aortic aneurysm; dilated aorta; aortic dilatation | 0.005
obstructive_spirometry | Obstructive spirometry | | obstructive pattern; reduced fev1 fvc; fev1 fvc ratio reduced; airflow obstruction; airflow limitation | 0.04
reversible_obstruction | Reversible airflow obstruction | | reversible obstruction; bronchodilator reversibility; significant reversibility | 0.02
joint_crystals | Monosodium urate crystals | | negatively birefringent crystals; urate crystals; monosodium urate crystals | 0.002
joint_purulent | Purulent synovial fluid | | purulent synovial fluid; synovial fluid wbc; septic joint fluid; gram positive cocci in synovial fluid | 0.002
joint_erosions | Erosive joint changes | | periarticular erosions; joint erosions; erosive arthritis | 0.005
anosmia | Loss of smell | Anosmia | anosmia; loss of smell; loss of taste; ageusia | 0.02
hypocalcemia | Hypocalcaemia | Hypocalcemia | hypocalcemia; low calcium | 0.02
insomnia | Insomnia | Insomnia | insomnia; poor sleep; difficulty sleeping | 0.08
hearing_loss | Hearing loss | Hearing impairment | hearing loss; deafness; reduced hearing | 0.03
metanephrines_high | Raised metanephrines | | raised metanephrines; elevated metanephrines; elevated catecholamines; raised catecholamines | 0.002
adrenal_mass | Adrenal mass | Adrenal mass | adrenal mass; adrenal lesion; adrenal tumor; adrenal incidentaloma | 0.005
ceruloplasmin_low | Low ceruloplasmin | Decreased circulating ceruloplasmin concentration | low ceruloplasmin; decreased ceruloplasmin | 0.002
kf_rings | Kayser-Fleischer rings | Kayser-Fleischer ring | kayser fleischer ring; kayser fleischer rings; copper deposition in the cornea | 0.0005
urine_copper_high | Raised urinary copper | Increased urinary copper concentration | raised urinary copper; elevated urinary copper | 0.001
temporal_artery_abnormal | Abnormal temporal artery | | tender temporal artery; thickened temporal artery; halo sign; giant cell arteritis on biopsy; granulomatous inflammation of the artery | 0.001
ttg_positive | Positive coeliac serology | | positive ttg; ttg iga positive; positive tissue transglutaminase; positive endomysial antibodies | 0.005
anti_tpo_positive | Anti-TPO antibodies | | positive anti tpo; anti tpo positive; thyroid peroxidase antibodies positive | 0.05
nerve_conduction_demyelinating | Demyelinating nerve conduction | | demyelinating; conduction block; slowed conduction velocities; prolonged distal latencies | 0.002
hypothermia | Hypothermia | Hypothermia | hypothermia; hypothermic | 0.01
papule | Papules | Papule | papule; papules; papular | 0.05
plaque | Plaques | Skin plaque | plaque; plaques | 0.04
scaling | Scaling | Scaling skin | scaly; scaling; flaking; desquamation | 0.05
silvery_scale | Silvery scale | | silvery scale; silvery scales; silvery white scale; silvery white scales | 0.005
annular | Annular lesion | | annular; ring shaped; ring like; central clearing | 0.01
umbilicated | Umbilicated papules | | umbilicated; central umbilication; dimpled papules | 0.002
comedones | Comedones | Comedo | comedones; blackheads; whiteheads; comedo | 0.02
pustules | Pustules | Pustule | pustule; pustules; pustular; papulopustular; papulopustules | 0.02
burrows | Burrows | | burrows; burrow; web spaces; finger webs | 0.002
honey_crust | Honey-coloured crusts | | honey colored crust; honey colored crusts; honey crusted; golden crust | 0.01
depigmentation | Depigmented patches | Hypopigmented skin patches | depigmented; depigmentation; white patches; loss of pigment; hypopigmented; hypopigmentation | 0.01
patchy_hair_loss | Patchy hair loss | Patchy alopecia | patchy hair loss; bald patch; bald patches; alopecia; hair loss | 0.01
pearly_nodule | Pearly nodule | | pearly; rolled border; rolled borders; telangiectatic nodule; rodent ulcer | 0.002
changing_mole | Changing pigmented lesion | | irregular border; irregular borders; asymmetric mole; changing mole; variegated; growing mole; irregular pigmented; lesion has increased in size; lesion increased in size; enlarging lesion; growing lesion; mole that has changed; enlarging mole | 0.005
herald_patch | Herald patch | | herald patch; christmas tree | 0.001
facial_flushing | Facial redness or flushing | Facial erythema | flushing; facial redness; facial erythema; redness of the cheeks; telangiectasia | 0.02
greasy_scale | Greasy scale | | greasy scale; greasy scales; yellow scale; yellowish scale; dandruff | 0.01
contact_exposure | Contact with an irritant or allergen | | new detergent; nickel; poison ivy; poison oak; new soap; new shoes; jewelry; latex | 0.01
itching_night | Itching worse at night | | worse at night; nocturnal pruritus; itchy at night; itching at night | 0.01
wart | Wart | Verrucae | wart; warts; verruca; verrucous | 0.01
stuck_on | Stuck-on waxy lesion | | stuck on; waxy; warty plaque | 0.005
rough_sun_patch | Rough scaly patch on sun-exposed skin | | rough scaly patch; rough patch; sandpaper | 0.01
violaceous_papules | Violaceous flat-topped papules | | violaceous; flat topped; wickham striae; purple papules; purplish papules | 0.002
koh_hyphae | Fungal hyphae on KOH preparation | | hyphae; koh positive; fungal elements; septate hyphae | 0.002
mites_seen | Scabies mites or eggs seen | | sarcoptes; scabies mite; scabies mites; mite eggs; mites | 0.001
bone_pain | Bone pain | Bone pain | bone pain; bony pain | 0.02
lytic_lesions | Lytic bone lesions | Osteolysis | lytic lesions; lytic lesion; punched out lesions; osteolytic lesions | 0.002
m_protein | Monoclonal protein | Paraproteinemia | m protein; monoclonal protein; monoclonal spike; m spike; paraprotein; monoclonal band | 0.003
ldh_high | Raised LDH | Increased circulating lactate dehydrogenase concentration | raised ldh; elevated ldh; elevated lactate dehydrogenase | 0.05
reticulocytosis | Reticulocytosis | Reticulocytosis | reticulocytosis; raised reticulocyte count; elevated reticulocytes | 0.02
haptoglobin_low | Low haptoglobin | | low haptoglobin; decreased haptoglobin | 0.005
smudge_cells | Smudge cells | | smudge cells; smear cells | 0.001
pth_high | Raised parathyroid hormone | Hyperparathyroidism | raised pth; elevated pth; elevated parathyroid hormone; hyperparathyroidism | 0.005
cortisol_high | Raised cortisol | Increased circulating cortisol level | raised cortisol; elevated cortisol; hypercortisolism; failure to suppress cortisol | 0.005
striae | Purple striae | Striae distensae | striae; purple striae; violaceous striae; stretch marks | 0.02
moon_face | Moon face | Moon facies | moon face; moon facies; buffalo hump; central obesity | 0.01
psa_high | Raised PSA | | raised psa; elevated psa; elevated prostate specific antigen | 0.03
afp_high | Raised alpha-fetoprotein | Elevated circulating alpha-fetoprotein concentration | raised afp; elevated afp; elevated alpha fetoprotein | 0.005
liver_mass | Liver mass | | liver mass; hepatic mass; liver lesion; hepatic lesion; liver nodule | 0.005
colon_mass | Colonic mass | | colonic mass; colon mass; rectal mass; apple core lesion; colonic tumor; colorectal mass | 0.003
pancreatic_mass | Pancreatic mass | | pancreatic mass; mass in the head of the pancreas; pancreatic head mass; pancreatic lesion | 0.002
bowel_habit_change | Change in bowel habit | | change in bowel habits; change in bowel habit; altered bowel habit; narrow stools; pencil thin stools | 0.02
red_eye | Red eye | Conjunctival hyperemia | red eye; red eyes; conjunctival injection; conjunctival hyperemia; bloodshot | 0.03
eye_discharge | Eye discharge | | eye discharge; purulent discharge from the eye; crusting of the eyelids; watery eyes | 0.02
eye_pain | Eye pain | | eye pain; ocular pain; painful eye | 0.01
halos | Halos around lights | | halos around lights; halos | 0.002
iop_high | Raised intraocular pressure | | raised intraocular pressure; elevated intraocular pressure; high intraocular pressure | 0.003
stridor | Stridor | Stridor | stridor | 0.005
barking_cough | Barking cough | | barking cough; seal like cough; brassy cough | 0.003
hyperlipidemia | Hyperlipidaemia | Hyperlipidemia | hyperlipidemia; high cholesterol; hypercholesterolemia; raised ldl; dyslipidemia | 0.15
delusions | Delusions | Delusion | delusions; delusional; paranoid; paranoia; persecutory | 0.01
mania | Manic episode | Mania | mania; manic; elevated mood; grandiosity; decreased need for sleep; pressured speech | 0.01
inattention | Inattention | | inattention; inattentive; easily distracted; difficulty concentrating; poor concentration | 0.05
hyperactivity | Hyperactivity | Hyperactivity | hyperactivity; hyperactive; fidgety; impulsive; impulsivity | 0.03
worry | Excessive worry | | excessive worry; worries; worrying; restless; on edge | 0.08
body_image | Fear of weight gain | | fear of gaining weight; fear of weight gain; distorted body image; restricts food; restricting food intake | 0.005
low_bmi | Low body weight | Decreased body weight | low bmi; underweight; emaciated; cachexia; cachectic | 0.03
trauma_reexperiencing | Re-experiencing a trauma | | flashbacks; nightmares; intrusive memories; hypervigilance | 0.01
joint_space_narrowing | Joint space narrowing with osteophytes | | joint space narrowing; osteophytes; subchondral sclerosis | 0.05
"""
