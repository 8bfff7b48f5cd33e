"""Findings for the USMLE-breadth pack (diseases_usmle*.py), written by MedAction. Format as in
findings.py: key | display name | HPO term name (blank when none is certain) | lay and clinical
synonyms (;) | leak probability (our estimate).
"""

FINDINGS_USMLE = """
arm_leg_bp_gradient | Blood pressure higher in the arms than the legs | | blood pressure higher in the arms; radiofemoral delay; radio femoral delay; brachiofemoral delay; lower blood pressure in the legs; delayed femoral pulses; rib notching | 0.003
fixed_split_s2 | Fixed splitting of the second heart sound | | fixed splitting; fixed split s2; wide fixed splitting; fixed split second heart sound | 0.003
continuous_murmur | Continuous machine-like murmur | | continuous murmur; machine like murmur; machinery murmur | 0.002
midsystolic_click | Mid-systolic click | | midsystolic click; mid systolic click; systolic click | 0.005
bounding_pulses | Bounding pulses | | bounding pulses; collapsing pulse; water hammer pulse; wide pulse pressure | 0.01
chest_trauma | Blunt chest trauma | | chest trauma; blunt chest trauma; steering wheel; motor vehicle collision; car accident; hit the steering wheel; chest wall contusion | 0.01
occupational_dust | Occupational dust exposure | | sandblaster; sandblasting; quarry worker; stone cutter; coal miner; shipyard worker; asbestos exposure; silica exposure; foundry worker; pipe fitter; insulation worker; glass manufacturing; glass factory; mine worker; miner; mining; ceramics worker; pottery worker | 0.01
subcutaneous_emphysema | Subcutaneous emphysema | Subcutaneous emphysema | subcutaneous emphysema; crepitus in the neck; crepitus over the chest; pneumomediastinum; hamman sign | 0.002
thyroid_tenderness | Tender thyroid | | tender thyroid; thyroid tenderness; painful thyroid; tender goiter; neck pain radiating to the jaw | 0.003
enlarged_extremities | Enlarging hands, feet or jaw | | enlarged hands; ring size; shoe size; coarse facial features; prognathism; frontal bossing; enlarged jaw; large hands | 0.003
restlessness | Inner restlessness | Restlessness | restlessness; restless; unable to sit still; cannot sit still; pacing; fidgety; fidgeting; remain still; stay still; crossing and uncrossing | 0.03
odd_beliefs | Odd beliefs or magical thinking | | magical thinking; odd beliefs; eccentric; ideas of reference; peculiar beliefs; clairvoyance; telepathy; telepathic; telepathically; sixth sense; unusual perceptual experiences | 0.01
social_isolation | Prefers solitary life, no close friends | | prefers to be alone; no close friends; socially isolated; social isolation; solitary activities; loner; lives alone and prefers; little interest in relationships; emotionally detached | 0.03
mistrust | Pervasive mistrust of others | | suspicious of others; mistrust; distrust; believes others are exploiting; bears grudges; suspicious of coworkers | 0.01
disregard_rules | Disregard for rules and the rights of others | | disregard for others; arrests; lack of remorse; no remorse; criminal; conning; repeatedly lies; violates the rights of others | 0.01
feigned_illness | Intentionally produced symptoms | | factitious; self induced; injecting insulin; feigning; fabricated symptoms; needle marks without; secretly; healthcare worker with unexplained | 0.003
functional_deficit | Neurological deficit inconsistent with anatomy | | hoover sign; give way weakness; nonanatomic; inconsistent with anatomy; la belle indifference; sudden blindness after; paralysis after an emotional | 0.003
chorea | Chorea | Chorea | chorea; choreiform movements; involuntary jerky movements; dance like movements; writhing movements | 0.002
daytime_sleepiness | Excessive daytime sleepiness | Excessive daytime somnolence | daytime sleepiness; falls asleep during the day; excessive sleepiness; sleep attacks; cataplexy; falls asleep at work | 0.03
dry_eyes_mouth | Dry eyes and dry mouth | | dry eyes; dry mouth; xerostomia; xerophthalmia; gritty eyes; sandy sensation in the eyes; difficulty swallowing dry food | 0.03
hip_pain | Hip or groin pain | Hip pain | hip pain; groin pain; pain in the hip; pain in the groin; knee pain; pain in the knee | 0.03
limp | Limp | | limp; limping; antalgic gait; waddling gait | 0.02
blue_sclera | Blue sclerae | Blue sclerae | blue sclera; blue sclerae; bluish sclera | 0.002
head_trauma | Head injury | | head injury; head trauma; hit his head; hit her head; struck on the head; fell and hit; blow to the head | 0.02
postmenopausal_bleeding | Postmenopausal bleeding | Postmenopausal bleeding | postmenopausal bleeding; bleeding after menopause; postmenopausal vaginal bleeding; postcoital bleeding; bleeding after intercourse | 0.01
binge_purge | Binge eating with purging | | binge eating; binges; self induced vomiting; purging; laxative abuse; induces vomiting; eats large amounts then vomits | 0.01
anticholinergic | Anticholinergic toxidrome | | dry flushed skin; dry skin and mydriasis; urinary retention; anticholinergic; amitriptyline; diphenhydramine; jimson weed; tricyclic antidepressant | 0.01
pale_stools | Pale stools and dark urine | Acholic stools | pale stools; clay colored stools; acholic stools; white stools; light colored stools | 0.005
heparin_exposure | Recent heparin | | heparin; enoxaparin; low molecular weight heparin; unfractionated heparin | 0.02
nystagmus | Nystagmus | Nystagmus | nystagmus; ophthalmoplegia; eye movement abnormalities; gaze palsy | 0.01
cat_exposure | Cat scratch or bite | | cat scratch; scratched by a cat; kitten; new cat; bitten by a cat | 0.01
bird_exposure | Bird or mould antigen exposure | | pigeons; birds at home; bird keeper; parakeet; farmer with hay; mouldy hay; moldy hay | 0.01
bone_mass | Bone tumour on imaging | | lytic lesion in the; soap bubble; onion skin; sunburst; codman triangle; periosteal reaction; ground glass appearance of bone; bone lesion; epiphyseal lesion | 0.005
immunosuppressed | Immunosuppression | | immunosuppressed; on chemotherapy; transplant recipient; cd4 count; natalizumab; low cd4 | 0.02
proximal_weakness | Proximal muscle weakness | Proximal muscle weakness | difficulty climbing stairs; difficulty rising from a chair; proximal muscle weakness; proximal weakness; trouble getting up from a chair | 0.02
autonomic_dryness | Autonomic symptoms | | dry mouth and constipation; erectile dysfunction; orthostatic dizziness; autonomic | 0.02
hyperemesis | Severe vomiting in pregnancy | | unable to keep food down; persistent vomiting in pregnancy; severe nausea and vomiting; ketonuria | 0.01
hcg_very_high | Very high hCG | | very high hcg; markedly elevated hcg; beta hcg greater than 100000; snowstorm; grape like; cluster of grapes | 0.002
abdominal_mass | Abdominal mass | Abdominal mass | abdominal mass; flank mass; palpable mass in the abdomen; palpable abdominal mass | 0.01
"""
