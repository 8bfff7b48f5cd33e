"""More curated findings, written by MedAction, for the diseases of diseases_c.py. Format as in
findings.py: key | display name | HPO term name (blank when none is certain) | lay and clinical
synonyms (;) | leak probability (our estimate).
"""

FINDINGS_C = """
female_sex | Female sex | | | 0.5
child_age | Child under 16 | | | 0.2
older_age | Aged 50 or over | | | 0.35
easy_bruising | Easy bruising | Bruising susceptibility | easy bruising; bruises easily; ecchymoses; ecchymosis; multiple bruises; unexplained bruising | 0.03
hemarthrosis | Bleeding into a joint | | hemarthrosis; haemarthrosis; bleeding into the joint; joint bleeding | 0.002
ptt_prolonged | Prolonged partial thromboplastin time | | prolonged ptt; prolonged aptt; ptt prolonged; aptt prolonged | 0.01
epistaxis | Nosebleeds | Epistaxis | epistaxis; nosebleeds; nose bleeds; nosebleed; gum bleeding; bleeding gums | 0.03
schistocytes | Schistocytes on the blood film | Schistocytosis | schistocytes; schistocyte; fragmented red cells; helmet cells; microangiopathic | 0.003
cyanosis | Cyanosis | Cyanosis | cyanosis; cyanotic; bluish discoloration; blue lips; bluish lips | 0.01
clubbing | Finger clubbing | Clubbing | clubbing; digital clubbing; clubbed fingers; finger clubbing | 0.01
varicose_veins | Varicose veins | Varicose veins | varicose veins; varicosities; dilated superficial veins | 0.05
leg_ulcer | Leg ulcer | | venous ulcer; leg ulcer; stasis ulcer; ulcer on the leg; ulcer over the medial malleolus | 0.005
claudication | Intermittent claudication | Intermittent claudication | claudication; intermittent claudication; calf pain on walking; leg pain on walking; cramping in the calves when walking | 0.01
weak_pulses | Weak or absent peripheral pulses | | diminished pulses; absent pedal pulses; weak pulses; diminished pedal pulses; absent pulses; decreased peripheral pulses | 0.02
neurogenic_claudication | Leg pain on walking eased by sitting or leaning forward | | relieved by sitting; relieved by leaning forward; relieved by bending forward; worse when walking downhill; neurogenic claudication; pain on standing | 0.01
shoulder_rom_loss | Painful, restricted shoulder movement | | decreased range of motion in the shoulder; restricted shoulder movement; frozen shoulder; limited external rotation; shoulder pain and stiffness; reduced shoulder range of motion; difficulty combing hair; difficulty reaching overhead | 0.01
breast_lump | Breast lump | | breast lump; breast mass; lump in the breast; mass in the breast; palpable breast mass | 0.01
thyroid_nodule | Thyroid nodule | Thyroid nodule | thyroid nodule; thyroid mass; nodule in the thyroid; neck lump; neck mass; neck swelling | 0.02
heliotrope | Heliotrope rash or Gottron papules | | heliotrope rash; gottron papules; gottron sign; violaceous rash around the eyes; shawl sign | 0.001
dactylitis_nails | Dactylitis or nail pitting | | dactylitis; sausage digit; sausage fingers; nail pitting; pitting of the nails; onycholysis | 0.005
inflammatory_back_pain | Inflammatory back pain | | back pain that improves with exercise; morning back stiffness; sacroiliitis; sacroiliac joint tenderness; bamboo spine; reduced spinal mobility | 0.005
urethral_discharge | Urethral discharge | | urethral discharge; penile discharge; discharge from the penis | 0.005
genital_ulcer | Genital ulcer | | genital ulcer; genital ulcers; chancre; genital sore; ulcer on the penis; vulvar ulcer | 0.003
palms_soles_rash | Rash on the palms and soles | | rash on the palms and soles; palms and soles; involving the palms and soles | 0.003
tinnitus | Tinnitus | Tinnitus | tinnitus; ringing in the ears; ringing in the ear | 0.03
muffled_voice | Muffled voice or trismus | | hot potato voice; muffled voice; trismus; uvular deviation; deviation of the uvula | 0.003
currant_jelly | Currant-jelly stool or abdominal mass in an infant | | currant jelly stool; currant jelly stools; sausage shaped mass; intermittent colicky pain with drawing up of the legs | 0.001
projectile_vomiting | Projectile non-bilious vomiting | | projectile vomiting; nonbilious vomiting; non bilious vomiting; olive shaped mass; palpable olive | 0.003
bilious_vomiting | Bilious vomiting | | bilious vomiting; green vomit; bile stained vomiting; double bubble | 0.003
resp_distress | Respiratory distress with grunting and retractions | | grunting; nasal flaring; intercostal retractions; subcostal retractions; retractions; chest wall retractions | 0.01
prematurity | Born preterm | Premature birth | premature; preterm; prematurely; born early; preterm infant | 0.02
newborn | Newborn | | newborn; neonate; neonatal; day old; days old; hours old | 0.02
breastfed | Breastfed infant | | breastfed; breastfeeding; breast fed; breast milk | 0.02
periorbital_edema | Periorbital swelling | Periorbital edema | periorbital edema; puffy eyes; facial puffiness; swelling around the eyes; periorbital swelling; swollen eyelids | 0.01
obsessions | Obsessions or compulsions | | obsessions; compulsions; intrusive thoughts; repetitive hand washing; checking rituals; compulsive | 0.005
snoring | Snoring with daytime sleepiness | Snoring | snoring; loud snoring; witnessed apneas; daytime sleepiness; daytime somnolence; excessive daytime sleepiness | 0.05
mydriasis | Dilated pupils | Mydriasis | dilated pupils; mydriasis; pupils dilated | 0.01
hyperreflexia | Hyperreflexia or clonus | Hyperreflexia | hyperreflexia; clonus; brisk reflexes; increased reflexes; hyperactive reflexes | 0.02
hypopigmented_macules | Hypopigmented scaly macules | | hypopigmented macules; hypopigmented patches; hypopigmented spots; lighter spots; spaghetti and meatballs | 0.005
tense_bullae | Tense bullae | | tense bullae; tense blisters; large tense blisters | 0.001
flaccid_bullae | Flaccid bullae or positive Nikolsky sign | | flaccid bullae; flaccid blisters; nikolsky sign; positive nikolsky; skin sloughing; epidermal detachment | 0.001
tender_shin_nodules | Tender red nodules on the shins | | tender red nodules; erythematous nodules on the shins; tender nodules on the shins; painful nodules on the legs | 0.003
target_lesions | Target lesions | | target lesions; targetoid lesions; iris lesions; target like lesions | 0.002
oral_ulcers | Mouth ulcers | Oral ulcer | oral ulcers; mouth ulcers; aphthous ulcers; oral erosions; ulcers in the mouth; mucosal erosions | 0.03
axillary_nodules | Recurrent painful nodules in skin folds | | painful nodules in the axillae; axillary abscesses; sinus tracts; draining sinuses; nodules in the groin; recurrent boils in the armpits | 0.003
white_atrophic_patch | White atrophic anogenital patches | | white atrophic patches; porcelain white; white plaques on the vulva; vulvar itching; anogenital itching; thin white skin | 0.002
keratotic_nodule | Keratotic or ulcerated nodule | | ulcerated nodule; non healing ulcer; keratotic nodule; crusted nodule; central keratin plug; dome shaped nodule with a central crater | 0.005
cold_sores | Grouped vesicles on the lip or genitals | | cold sore; cold sores; grouped vesicles; vesicles on an erythematous base; perioral vesicles; painful genital vesicles | 0.01
tragal_tenderness | Pain on pulling the ear | | pain on pulling the pinna; tragal tenderness; ear canal swelling; swollen ear canal; otorrhea | 0.005
contact_lens | Contact lens wearer | | contact lenses; contact lens; wears contacts | 0.03
corneal_ulcer | Corneal ulcer or opacity | | corneal ulcer; corneal opacity; corneal infiltrate; corneal abrasion; fluorescein uptake | 0.003
floaters_flashes | Floaters, flashes or a curtain over the vision | | floaters; flashes of light; curtain over vision; shadow over vision; curtain coming down | 0.005
cherry_red_spot | Pale retina with a cherry-red spot | Cherry red spot of the macula | cherry red spot; pale retina; retinal whitening; sudden painless loss of vision | 0.001
facial_shock_pain | Brief electric-shock facial pain | | electric shock like pain; lancinating facial pain; shooting facial pain; triggered by chewing; triggered by touching the face; stabbing pain in the face | 0.002
lacrimation | Tearing of one eye | | lacrimation; tearing of the eye; teary eye | 0.02
hand_numbness | Numbness of the thumb and fingers | | tinel sign; phalen sign; thenar atrophy; numbness of the hand; tingling in the fingers; numbness in the fingers; tingling in the hand | 0.02
fasciculations | Fasciculations or muscle wasting | Fasciculations | fasciculations; muscle twitching; muscle atrophy; muscle wasting | 0.01
urinary_incontinence | Urinary incontinence | Urinary incontinence | urinary incontinence; incontinence; wetting himself; wetting herself | 0.04
gait_apraxia | Magnetic or broad-based gait | | magnetic gait; gait apraxia; broad based gait; shuffling gait; wide based gait | 0.01
saddle_anesthesia | Saddle anaesthesia or retention | | saddle anesthesia; saddle anaesthesia; urinary retention; bowel incontinence; sensory level | 0.003
lucid_interval | Lucid interval after head injury | | lucid interval; head trauma; head injury; fell and hit his head; fell and hit her head | 0.01
sickle_cells | Sickle cells or sickle cell disease | | sickle cells; sickled cells; hemoglobin s; hbss; sickle cell disease; sickle cell anemia | 0.001
erythrocytosis | Raised haemoglobin or haematocrit | | erythrocytosis; polycythemia; elevated hematocrit; high hematocrit; plethora; aquagenic pruritus | 0.01
pregnancy | Pregnancy | | pregnancy; weeks gestation; weeks of gestation; gestational age; gravida; primigravida | 0.03
painful_bleeding_pregnancy | Painful bleeding with a tender uterus | | uterine tenderness; rigid uterus; tender uterus; board like uterus; painful vaginal bleeding | 0.003
dysmenorrhea | Painful periods | Dysmenorrhea | dysmenorrhea; painful periods; painful menstruation; menstrual cramps | 0.05
dyspareunia | Pain on intercourse | Dyspareunia | dyspareunia; painful intercourse; pain during intercourse; painful sexual intercourse | 0.03
menorrhagia | Heavy menstrual bleeding | Menorrhagia | menorrhagia; heavy menstrual bleeding; heavy periods; prolonged menses | 0.05
fishy_discharge | Thin grey fishy discharge | | fishy odor; fishy odour; clue cells; thin grey discharge; thin gray discharge; positive whiff test | 0.01
curd_discharge | Thick white vaginal discharge | | cottage cheese discharge; thick white discharge; curd like discharge; pseudohyphae | 0.01
hirsutism | Hirsutism | Hirsutism | hirsutism; excess hair growth; excessive hair growth; facial hair; male pattern hair growth | 0.03
oligomenorrhea | Irregular or absent periods | Oligomenorrhea | irregular periods; irregular menses; oligomenorrhea; infrequent periods; irregular menstrual cycles | 0.05
galactorrhea | Galactorrhoea | Galactorrhea | galactorrhea; milky nipple discharge; nipple discharge | 0.005
fracture | Fracture after little trauma | Recurrent fractures | fragility fracture; vertebral compression fracture; low bone density; osteopenia; osteoporosis; fractures after minor trauma; hip fracture | 0.02
chondrocalcinosis | Chondrocalcinosis or rhomboid crystals | Chondrocalcinosis | chondrocalcinosis; rhomboid shaped crystals; positively birefringent; rhomboid crystals | 0.002
widespread_pain | Widespread pain with tender points | | widespread pain; tender points; diffuse pain; pain all over; widespread musculoskeletal pain | 0.03
heel_pain | Heel pain on first steps | | heel pain; pain with first steps; plantar heel pain; pain at the heel | 0.02
travel | Recent travel | | recent travel; returned from; traveled to; travelled to; trip to; visiting from | 0.05
steatorrhea | Fatty foul-smelling stools | Steatorrhea | steatorrhea; greasy stools; foul smelling stools; fatty stools; pale bulky stools | 0.01
pain_out_of_proportion | Pain out of proportion to the examination | | pain out of proportion; severe pain with a soft abdomen; pain disproportionate | 0.003
koplik | Koplik spots or morbilliform rash | | koplik spots; morbilliform rash; rash starting on the face and spreading down | 0.002
slapped_cheek | Slapped-cheek or lacy rash | | slapped cheek; slapped cheek rash; lacy rash; reticular rash; bright red cheeks | 0.002
strawberry_tongue | Strawberry tongue | Strawberry tongue | strawberry tongue; sandpaper rash; sandpaper like rash | 0.003
kawasaki_signs | Cracked lips, conjunctival injection, desquamating fingers | | cracked lips; desquamation of the fingers; peeling of the fingers; swelling of the hands and feet | 0.002
parotid_swelling | Parotid swelling | Parotitis | parotid swelling; parotitis; swelling of the parotid; swollen cheeks | 0.005
whoop | Paroxysmal cough with whoop | | whooping; whoop; paroxysmal cough; post tussive vomiting; coughing fits; inspiratory whoop | 0.005
failure_to_thrive | Failure to thrive | Failure to thrive | failure to thrive; poor weight gain; not gaining weight; poor growth | 0.02
recurrent_infections | Recurrent infections | Recurrent infections | recurrent infections; recurrent pneumonia; recurrent respiratory infections; frequent infections; recurrent sinusitis | 0.03
restrictive_pft | Restrictive lung function with low DLCO | | restrictive pattern; reduced dlco; decreased dlco; honeycombing; reticular opacities; velcro crackles; interstitial fibrosis | 0.01
as_murmur | Ejection systolic murmur to the carotids | | crescendo decrescendo; ejection systolic murmur; systolic ejection murmur; radiates to the carotids; radiating to the carotids | 0.005
pulsus | Muffled heart sounds or pulsus paradoxus | Pulsus paradoxus | muffled heart sounds; pulsus paradoxus; distant heart sounds; beck triad | 0.002
early_satiety | Early satiety | Early satiety | early satiety; feeling full quickly; fullness after small meals | 0.02
achalasia_signs | Dysphagia to solids and liquids with regurgitation | | dysphagia to both solids and liquids; regurgitation of undigested food; bird beak; bird's beak | 0.002
painless_rectal_bleed | Painless bright red bleeding on wiping | | painless rectal bleeding; bright red blood on wiping; blood coating the stool | 0.02
painful_defecation | Pain on defecation | | pain on defecation; painful bowel movements; painful defecation; pain during bowel movements | 0.02
bladder_pain | Bladder pain relieved by voiding | | bladder pain; pain relieved by voiding; discomfort relieved by voiding; suprapubic pain; bladder discomfort | 0.01
tender_prostate | Tender, boggy prostate or perineal pain | | perineal pain; tender prostate; boggy prostate; prostate tenderness | 0.005
kidney_cysts | Enlarged kidneys with cysts | | renal cysts; kidney cysts; bilateral renal masses; enlarged kidneys; palpable kidneys; flank mass | 0.005
self_harm | Unstable relationships and self-harm | | self harm; cutting; unstable relationships; fear of abandonment; chronic emptiness | 0.01
autism_signs | Poor social communication and repetitive behaviour | | poor eye contact; repetitive behaviors; repetitive behaviours; delayed speech; lack of social interaction; restricted interests; hand flapping | 0.01
defiance | Defiant, argumentative behaviour | | argumentative; defiant; loses temper; refusal to follow instructions; refuses to follow rules; annoys others deliberately | 0.01
somatic_worry | Excessive worry about bodily symptoms | | multiple unexplained symptoms; excessive worry about symptoms; preoccupation with illness; multiple physical complaints; fear of having a serious illness | 0.01
sympathomimetic | Sympathomimetic use or signs | | cocaine; amphetamine; methamphetamine; stimulant use; dextroamphetamine; crack | 0.02
carbon_monoxide | Possible carbon monoxide exposure | | carbon monoxide; carboxyhemoglobin; space heater; faulty heater; gas heater; family members with headache | 0.003
cholinergic | Cholinergic signs | | salivation; lacrimation and salivation; bronchorrhea; pinpoint pupils and sweating; pesticide; organophosphate | 0.002
serotonergic | Serotonergic drug | | ssri; sertraline; fluoxetine; tramadol; linezolid; serotonergic | 0.03
antipsychotic | Antipsychotic drug | | haloperidol; antipsychotic; risperidone; olanzapine; neuroleptic | 0.02
lithium | Lithium treatment | | lithium | 0.01
acetaminophen | Paracetamol ingestion | | acetaminophen overdose; paracetamol overdose; ingested acetaminophen; took a bottle of acetaminophen; tylenol overdose | 0.003
hypertensive_pregnancy_signs | Visual disturbance or RUQ pain in late pregnancy | | scotomata; visual disturbances; seeing spots | 0.01
cafe_au_lait | Cafe-au-lait spots | Cafe-au-lait spot | cafe au lait spots; cafe au lait patches; cafe au lait macules; cafe au lait; light brown patches; tan brown patches; tan macules | 0.01
learning_disability | Learning disability | Specific learning disability | learning disability; learning difficulties; learning difficulty; difficulties at school | 0.03
intellectual_disability | Intellectual disability | Intellectual disability | intellectual disability; mental retardation | 0.01
developmental_delay | Developmental delay | Global developmental delay | developmental delay; delayed milestones; delayed development; delayed motor milestones | 0.02
freckling | Axillary or inguinal freckling | Axillary freckling | axillary freckling; inguinal freckling; freckling in the axillae | 0.003
angiofibromas | Facial angiofibromas | Angiofibromas | angiofibromas; facial angiofibromas; adenoma sebaceum; perinasal papules | 0.002
neurofibromas | Neurofibromas | Neurofibroma | neurofibromas; neurofibroma; buttonhole sign | 0.002
raynaud | Raynaud phenomenon | Raynaud phenomenon | raynaud phenomenon; raynaud; fingers turn white in the cold; fingers turning blue in the cold | 0.02
sclerodactyly | Skin thickening of the fingers | Sclerodactyly | sclerodactyly; thickened skin of the fingers; tight skin on the fingers; skin tightening | 0.005
subcutaneous_nodule | Subcutaneous nodules | Subcutaneous nodule | subcutaneous nodules; subcutaneous nodule; nodules under the skin; lumps under the skin | 0.02
skin_ulcer | Skin ulcer | Skin ulcer | skin ulcer; skin ulcers; ulcerated lesion; ulceration of the skin; cutaneous ulcer | 0.02
short_stature | Short stature | Short stature | short stature; short for age | 0.02
hepatosplenomegaly | Hepatosplenomegaly | Hepatosplenomegaly | hepatosplenomegaly; enlarged liver and spleen | 0.005
hypotonia | Hypotonia | Hypotonia | hypotonia; floppy infant; low muscle tone; decreased muscle tone | 0.01
photosensitivity | Photosensitivity | Cutaneous photosensitivity | photosensitivity; sun sensitivity; rash in sun exposed areas; worse after sun exposure; sun exposed areas | 0.02
firm_dermal_nodule | Firm dermal nodule that dimples when pinched | | dimple sign; firm nodule; firm papule; dermal nodule; hard nodule in the skin | 0.01
scar_overgrowth | Scar tissue growing beyond the wound | | keloid; scar that grew; raised scar; overgrown scar; scar extending beyond; ear piercing; after piercing | 0.005
coin_lesions | Coin-shaped eczematous plaques | | coin shaped; coin shaped plaques; nummular; round eczematous patches; discoid eczema | 0.005
bleeding_papule | Friable papule that bleeds easily | | bleeds easily; friable; bleeding papule; rapidly growing red papule; bleeds with minor trauma | 0.005
hair_thinning | Patterned hair thinning | | receding hairline; thinning of the crown; male pattern baldness; frontal hair loss; thinning hair on the crown | 0.05
tick_bite | Tick bite or expanding red ring | | tick bite; expanding red rash; bullseye rash; bull eye rash; expanding erythematous ring; target like rash | 0.01
cold_exposure | Cold exposure | | cold exposure; exposure to cold; cold weather; winter months; cold damp | 0.03
hand_vesicles | Itchy vesicles on the palms or fingers | | vesicles on the palms; vesicles on the fingers; tapioca like vesicles; deep seated vesicles; sides of the fingers | 0.005
lichenification | Lichenified or excoriated nodules | | lichenification; lichenified; thickened leathery skin; excoriated nodules; picking; scratching habit | 0.02
velvety_plaques | Velvety dark skin in the folds | | velvety; velvety hyperpigmentation; dark velvety; neck folds; darkening of the neck | 0.01
eyelid_plaques | Yellow plaques on the eyelids | | xanthelasma; yellow plaques on the eyelids; yellowish plaques around the eyes | 0.005
nail_thickening | Thick discoloured nails | | thickened nails; yellow nails; discolored nails; brittle nails; nail thickening; crumbly nails; subungual debris | 0.03
facial_pigment_patches | Symmetrical brown patches on the face | | brown patches on the cheeks; hyperpigmented patches on the face; mask of pregnancy; facial hyperpigmentation; patches on the forehead and cheeks | 0.01
perioral_papules | Papules around the mouth sparing the lip border | | perioral papules; around the mouth; surrounding the mouth; muzzle like; perioral; sparing the vermilion border; perinasal | 0.01
cyst_punctum | Cyst with a central punctum | | central punctum; cheesy material; foul smelling discharge from a lump; epidermal cyst | 0.02
soft_mobile_mass | Soft mobile painless lump | | soft mobile mass; rubbery mass; soft lump; doughy; mobile subcutaneous mass; painless lump | 0.02
cherry_papules | Small bright red dome papules | | cherry red papules; bright red papules; red dome shaped papules; ruby red | 0.01
follicular_pustules | Pustules at hair follicles | | follicular pustules; pustules around hair follicles; hair follicles; perifollicular; after shaving; hot tub | 0.02
fluctuant_abscess | Fluctuant tender swelling | | fluctuant; skin abscess; boil; boils; furuncle; carbuncle; pus collection | 0.02
nail_fold_swelling | Swollen painful nail fold | | nail fold; paronychia; swelling around the nail; periungual swelling; pus around the nail | 0.005
serpiginous_track | Itchy serpiginous track | | serpiginous; creeping eruption; wavy track; migrating track; walking barefoot on the beach | 0.002
lice_nits | Lice or nits | | lice; nits; louse; head lice | 0.005
scarring_plaques | Scarring plaques with follicular plugging | | scarring; follicular plugging; atrophic scarring; discoid plaques; scarring alopecia | 0.005
violaceous_ulcer | Rapidly enlarging ulcer with a violaceous undermined border | | violaceous border; undermined border; pathergy; purulent ulcer | 0.002
elbow_vesicles | Very itchy grouped vesicles on the elbows, knees or buttocks | | grouped vesicles on the elbows; extensor surfaces; elbows and knees; vesicles on the elbows | 0.005
indurated_plaque | Indurated shiny plaque | | indurated plaque; ivory colored; hardened skin; shiny plaque; sclerotic plaque | 0.005
new_drug | Started a new medicine | | started a new medication; new medication; recently started; after starting; began taking; antibiotic course | 0.05
small_dark_papules | Many small dark papules on the face | | small dark papules; small black papules; small brown papules on the face; darkly pigmented papules | 0.005
dark_skin | Dark skin | | african american; skin of color; dark skin; darker skin | 0.2
sudden_onset | Sudden onset | | sudden onset; suddenly; abrupt onset; abruptly; came on suddenly; started suddenly; acute onset; sudden | 0.08
estrogen_use | Oestrogen: the pill or HRT | | combined oral contraceptive; oral contraceptive; oral contraceptive pill; contraceptive pill; oral contraceptives; birth control pill; birth control pills; ocp; hormone replacement therapy; hrt; estrogen therapy; estrogen replacement | 0.08
prior_vte | Previous venous thromboembolism | | previous clot; previous clots; previous blood clot; prior clot; previous dvt; prior dvt; history of dvt; previous pulmonary embolism; history of pulmonary embolism; prior venous thromboembolism; previous venous thromboembolism | 0.02
active_cancer | Active cancer | | active cancer; malignancy; metastatic cancer; metastatic disease; undergoing chemotherapy; on chemotherapy; known cancer; cancer | 0.03
family_thyroid | Family history of thyroid or autoimmune disease | | family history of thyroid disease; family history of thyroid trouble; family history of thyroid problem; family history of thyroid; family history of hypothyroidism; family history of hyperthyroidism; family history of goiter; family history of graves disease; family history of hashimoto; family history of vitiligo; family history of autoimmune disease; family history of pernicious anemia; family history of type 1 diabetes | 0.08
family_endocrine_tumour | Family history of an adrenal or endocrine tumour | | family history of adrenal tumor; family history of adrenal operation; family history of adrenal surgery; family history of adrenal gland; family history of adrenal; family history of pheochromocytoma; family history of paraganglioma; family history of multiple endocrine neoplasia; family history of men2; family history of medullary thyroid cancer; family history of von hippel lindau | 0.005
family_cad | Family history of early coronary disease | | family history of heart disease; family history of coronary artery disease; family history of heart attack; family history of myocardial infarction; family history of premature coronary; family history of ischemic heart disease; family history of angina | 0.10
"""
