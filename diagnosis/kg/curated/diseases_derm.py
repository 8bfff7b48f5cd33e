"""Curated dermatology pack: skin, hair, nail and mucosal diagnoses of clinic, textbook and
licensing-exam dermatology that diseases_b/c.py do not hold, written by MedAction. Format as in
diseases_a.py; frequencies are our own rounded estimates from the sources (sources_derm.py).

Every disease of this table, and every disease of the other tables whose ICD-10 code is a skin
code (curated.SKIN_ICD), is linked to the finding "a skin, hair or nail complaint" at
SKIN_COMPLAINT_P, so a presentation about lesions, patches or a dermatology visit lifts the skin
diagnoses above the common diseases of other organs before the specific findings rank them.
"""

DISEASES_DERM = """
Topical corticosteroid-induced atrophy | corticosteroid induced atrophy; steroid atrophy; steroid induced atrophy; steroid induced skin atrophy; ~Perioral steroid dermatitis | L90.8 | 1 | topical_steroid:.9 atrophic:.9 blue_gray:.3 telangiectasia_lesion:.4 hypopigmented:.3 | BOLOGNIA;DERMNET
Longitudinal melanonychia | melanonychia; melanonychia striata; nail matrix nevus | L60.8 | 1 | nail_band:.95 dark_skin:.5 pigmented_lesion:.3 asymptomatic_lesion:.4 | BOLOGNIA;ANDREWS
Coma bullae | pressure bullae; coma blisters; pressure blisters; ~Friction blister | L13.8 | 1 | bullae:.95 tense_bullae:.6 pressure_sites:.85 easy_bruising:.3 vesicular_rash:.3 | BOLOGNIA;DERMNET
Epidermolysis bullosa | epidermolysis bullosa simplex; ebs; ebs dowling meara; dowling meara; ebs generalized severe; ~Junctional epidermolysis bullosa; ~Dystrophic epidermolysis bullosa | Q81 | 1 | trauma_blisters:.95 congenital:.9 bullae:.8 child_age:.95 palmoplantar:.6 superficial_erosions:.6 nail_dystrophy:.3 | PAEDS_DERM;BOLOGNIA
Anetoderma | macular atrophy; anetoderma associated with sle; secondary anetoderma | L90.1 | 1 | outpouching:.9 atrophic:.5 wrinkling:.5 lupus_history:.3 asymptomatic_lesion:.5 | BOLOGNIA;ANDREWS
Nevus sebaceous | naevus sebaceus; nevus sebaceus; organoid nevus; sebaceous nevus | Q82.5 | 1 | yellow_lesion:.85 hairless:.85 congenital:.9 child_age:.8 plaque:.6 | PAEDS_DERM;BOLOGNIA
Extramammary Paget disease | extramammary paget's disease; emp; extramammary pagets disease | C44.99 | 1 | anogenital:.9 erythematous_plaque:.8 pruritus:.7 older_age:.9 superficial_erosions:.3 | BOLOGNIA;NCCN_SKIN
Mammary Paget disease | paget disease of the nipple; paget's disease of the breast; paget disease of the breast; ~Nipple inversion secondary to malignancy | C50.0 | 1 | nipple:.95 erythematous_plaque:.6 superficial_erosions:.5 breast_lump:.4 female_sex:.95 | BOLOGNIA;HARRISON
Nipple hyperkeratosis | hyperkeratosis of the nipple and areola; nevoid hyperkeratosis of the nipple | N64.8 | 1 | nipple:.95 hyperkeratosis:.8 brown_black_macule:.3 plaque:.5 | BOLOGNIA;DERMNET
Scleromyxedema | scleromyxoedema; papular mucinosis; lichen myxedematosus | L98.5 | 1 | waxy_papules:.9 skin_thickening:.8 m_protein:.9 pruritus:.5 papule:.8 | BOLOGNIA;ANDREWS
Neurofibromatosis type 1 | nf1; von recklinghausen disease; neurofibromatosis; ~Plexiform neurofibroma | Q85.0 | 1 | cafe_au_lait:.95 neurofibromas:.9 freckling:.8 facial_deformity:.2 congenital:.4 learning_disability:.3 | PAEDS_DERM;BOLOGNIA
Langerhans cell histiocytosis | cutaneous langerhans cell histiocytosis; histiocytosis x; lch | C96.6 | 1 | crusted_papules:.85 flexural_sites:.6 greasy_scale:.4 lytic_lesions:.3 child_age:.5 papule:.7 | BOLOGNIA;PAEDS_DERM
Necrobiotic xanthogranuloma | nxg | D76.3 | 1 | yellow_lesion:.85 periorbital_lesion:.85 m_protein:.85 indurated_plaque:.5 older_age:.7 | BOLOGNIA;ANDREWS
Mid-dermal elastolysis | mid dermal elastolysis; middermal elastolysis | L90.8 | 1 | wrinkling:.95 female_sex:.8 asymptomatic_lesion:.5 photosensitivity:.3 | BOLOGNIA;DERMNET
Drug-induced hyperpigmentation | hydroxychloroquine induced hyperpigmentation; minocycline hyperpigmentation; amiodarone hyperpigmentation; antimalarial hyperpigmentation; ~Hydroxychloroquine-induced hyperpigmentation | L81.8 | 1 | antimalarial:.9 blue_gray:.85 hyperpigmentation:.8 lupus_history:.3 | BOLOGNIA;DERMNET
Laugier-Hunziker syndrome | laugier hunziker syndrome; idiopathic lenticular mucocutaneous pigmentation | D22.0 | 1 | mucosal_pigment:.95 nail_band:.6 brown_black_macule:.6 asymptomatic_lesion:.6 | BOLOGNIA;ANDREWS
Peutz-Jeghers syndrome | peutz jeghers syndrome | Q85.8 | 1 | mucosal_pigment:.9 child_age:.5 abdominal_pain:.4 anemia:.3 | BOLOGNIA;HARRISON
Ganglion cyst | ganglion; synovial cyst; ~Digital mucous cyst = myxoid cyst | M67.4 | 2 | juxta_articular_lump:.85 soft_mobile_mass:.6 asymptomatic_lesion:.5 | OXFORD;HABIF
Pityriasis lichenoides | pityriasis lichenoides chronica; plc; ~Pityriasis lichenoides et varioliformis acuta = pleva = mucha habermann | L41.1 | 1 | waxing_waning:.85 papule:.9 scaling:.7 crusted_papules:.5 child_age:.5 | BOLOGNIA;PAEDS_DERM
Pseudoainhum | ainhum; dactylolysis spontanea; ~Amniotic band syndrome | L94.6 | 1 | constriction_band:.95 palmoplantar:.4 hyperkeratosis:.4 | BOLOGNIA;ANDREWS
Blastomycosis | north american blastomycosis; cutaneous blastomycosis | B40 | 1 | soil_exposure:.7 wart:.8 plaque:.6 cough:.4 skin_ulcer:.3 | HARRISON;BOLOGNIA
Sporotrichosis | rose gardener disease; lymphocutaneous sporotrichosis | B42 | 1 | soil_exposure:.8 skin_ulcer:.5 subcutaneous_nodule:.8 papule:.5 | HARRISON;BOLOGNIA
Tinea nigra | tinea nigra palmaris | B36.1 | 1 | brown_black_macule:.9 palmoplantar:.9 asymptomatic_lesion:.8 child_age:.4 | BOLOGNIA;ANDREWS
Subacute cutaneous lupus erythematosus | scle; subacute cutaneous lupus | L93.1 | 1 | papulosquamous:.85 annular:.6 photosensitivity:.8 lupus_history:.5 scaling:.5 | BOLOGNIA;EULAR_SLE
Trachyonychia | twenty nail dystrophy; rough nails | L60.3 | 1 | nail_dystrophy:.95 child_age:.6 patchy_hair_loss:.2 | BOLOGNIA;ANDREWS
Telogen effluvium | diffuse telogen hair loss | L65.0 | 2 | hair_shedding:.9 recent_stressor:.7 patchy_hair_loss:.5 hair_thinning:.3 | BOLOGNIA;BAD
Juvenile spring eruption | juvenile spring eruption of the ears | L56.4 | 1 | ear_lesions:.95 spring_sun:.8 vesicular_rash:.7 papule:.6 pruritus:.6 child_age:.7 | BOLOGNIA;DERMNET
Polymorphic light eruption | polymorphous light eruption; pmle | L56.4 | 2 | spring_sun:.85 photosensitivity:.9 pruritus:.8 papule:.7 vesicular_rash:.3 | BOLOGNIA;DERMNET
Keratoderma blenorrhagicum | keratoderma blennorrhagicum; keratoderma blennorrhagica | L86 | 1 | palmoplantar:.95 hyperkeratosis:.7 reactive_triggers:.7 arthralgia:.7 pustules:.4 | BOLOGNIA;ACR_RA
Mycoplasma pneumoniae-induced rash and mucositis | mirm; mycoplasma induced rash and mucositis; reactive infectious mucocutaneous eruption | L51.8 | 1 | mucositis:.95 oral_ulcers:.9 atypical_pneumonia:.7 child_age:.6 fever:.6 red_eye:.5 | BOLOGNIA;DERMNET
Mastocytoma | solitary mastocytoma; cutaneous mastocytosis; ~Urticaria pigmentosa = maculopapular cutaneous mastocytosis | Q82.2 | 1 | darier_sign:.9 child_age:.9 plaque:.6 brown_black_macule:.5 bullae:.2 | PAEDS_DERM;BOLOGNIA
Dermatofibrosarcoma protuberans | dfsp | C49.9 | 1 | protuberant:.85 indurated_plaque:.5 firm_dermal_nodule:.5 plaque:.6 | NCCN_SKIN;BOLOGNIA
Pemphigus foliaceus | pemphigus foliaceous; fogo selvagem | L10.2 | 1 | superficial_erosions:.9 scaling:.6 crusted_papules:.4 flaccid_bullae:.4 burning_stinging:.3 | BOLOGNIA;BAD
Poison ivy dermatitis | poison ivy allergic contact dermatitis; rhus dermatitis; toxicodendron allergic contact dermatitis; ~Phytophotodermatitis | L23.7 | 2 | poison_plant:.9 vesicular_rash:.7 intense_itch:.6 pruritus:.95 contact_exposure:.5 | BOLOGNIA;HABIF
Intertrigo | candidal intertrigo; ~Cutaneous candidiasis = candidiasis of the skin | L30.4 | 3 | flexural_sites:.9 erythematous_plaque:.6 obese:.6 pustules:.3 burning_stinging:.3 | HABIF;NICE_CKS
Erythrasma | | L08.1 | 1 | flexural_sites:.8 brown_black_macule:.5 scaling:.5 | HABIF;DERMNET
Keratosis pilaris | | L85.8 | 3 | papule:.9 dry_skin:.7 atopy:.5 child_age:.5 asymptomatic_lesion:.5 | HABIF;PAEDS_DERM
Pityriasis alba | | L30.5 | 2 | hypopigmented:.9 child_age:.8 atopy:.6 scaling:.4 | PAEDS_DERM;HABIF
Post-inflammatory hyperpigmentation | postinflammatory hyperpigmentation; pih | L81.0 | 3 | hyperpigmentation:.9 brown_black_macule:.6 dark_skin:.6 | BOLOGNIA;HABIF
Idiopathic guttate hypomelanosis | | L81.5 | 2 | hypopigmented:.9 older_age:.6 photosensitivity:.3 | BOLOGNIA;DERMNET
Lichen nitidus | | L44.1 | 1 | papule:.95 child_age:.6 koebner:.4 asymptomatic_lesion:.5 | BOLOGNIA;PAEDS_DERM
Lichen striatus | | L44.2 | 1 | papule:.9 child_age:.8 hypopigmented:.3 | PAEDS_DERM;BOLOGNIA
Miliaria | heat rash; prickly heat; miliaria rubra; miliaria crystallina | L74.0 | 2 | papule:.8 vesicular_rash:.5 pruritus:.6 diaphoresis:.6 | HABIF;PAEDS_DERM
Erythema toxicum neonatorum | | P83.8 | 2 | newborn:.95 pustules:.7 papule:.6 | PAEDS_DERM;BOLOGNIA
Infantile haemangioma | infantile hemangioma; strawberry hemangioma; strawberry nevus; hemangioma of infancy | D18.01 | 2 | rapid_growth:.7 child_age:.95 congenital:.3 papule:.4 plaque:.5 | PAEDS_DERM;BOLOGNIA
Port-wine stain | port wine stain; nevus flammeus; capillary malformation; ~Sturge-Weber syndrome | Q82.5 | 1 | congenital:.95 facial_flushing:.5 plaque:.4 | PAEDS_DERM;BOLOGNIA
Congenital melanocytic nevus | congenital nevus; giant congenital nevus | D22.9 | 1 | congenital:.95 pigmented_lesion:.95 child_age:.6 | PAEDS_DERM;BOLOGNIA
Melanocytic nevus | mole; common mole; acquired melanocytic nevus; ~Dysplastic nevus = atypical nevus; ~Spitz nevus; ~Halo nevus; ~Blue nevus | D22.9 | 3 | pigmented_lesion:.95 asymptomatic_lesion:.6 papule:.5 | HABIF;BOLOGNIA
Lentigo | solar lentigo; lentigines; age spots; liver spots; ~Lentigo maligna | L81.4 | 3 | brown_black_macule:.8 pigmented_lesion:.6 older_age:.7 photosensitivity:.3 | HABIF;BOLOGNIA
Keratoacanthoma | | L85.8 | 1 | rapid_growth:.9 keratotic_nodule:.9 older_age:.7 photosensitivity:.4 | NCCN_SKIN;BOLOGNIA
Merkel cell carcinoma | neuroendocrine carcinoma of the skin | C4A | 1 | rapid_growth:.8 dermal_papule:.6 asymptomatic_lesion:.6 older_age:.9 immunosuppressed:.2 | NCCN_SKIN;BOLOGNIA
Bowen disease | squamous cell carcinoma in situ; scc in situ; bowen's disease | D04.9 | 2 | erythematous_plaque:.85 scaling:.8 older_age:.8 photosensitivity:.3 | NCCN_SKIN;BAD
Mycosis fungoides | cutaneous t cell lymphoma; ctcl | C84.0 | 1 | erythematous_plaque:.8 pruritus:.6 plaque:.7 older_age:.6 lymphadenopathy:.1 | BOLOGNIA;NCCN_SKIN
Kaposi sarcoma | kaposi's sarcoma | C46 | 1 | violaceous_papules:.8 immunosuppressed:.7 plaque:.6 | HARRISON;BOLOGNIA
Cutaneous sarcoidosis | lupus pernio; sarcoidosis of the skin | D86.3 | 1 | papule:.7 plaque:.6 dark_skin:.5 periorbital_lesion:.3 cough:.2 | BOLOGNIA;HARRISON
Necrobiosis lipoidica | necrobiosis lipoidica diabeticorum | L92.1 | 1 | yellow_lesion:.85 atrophic:.6 plaque:.8 hyperglycemia:.6 | BOLOGNIA;ANDREWS
Porphyria cutanea tarda | pct | E80.1 | 1 | photosensitivity:.8 bullae:.8 trauma_blisters:.7 hirsutism:.4 alcohol_use:.4 | BOLOGNIA;HARRISON
Sweet syndrome | acute febrile neutrophilic dermatosis | L98.2 | 1 | tender_lesion:.85 fever:.8 plaque:.7 leukocytosis:.6 | BOLOGNIA;ANDREWS
Leukocytoclastic vasculitis | cutaneous small vessel vasculitis; hypersensitivity vasculitis; ~Urticarial vasculitis | L95.9 | 2 | purpura_palpable:.9 petechiae:.6 new_drug:.4 arthralgia:.3 | BOLOGNIA;HARRISON
Livedo reticularis | livedo | R23.1 | 1 | lupus_history:.3 cold_exposure:.4 rash:.4 | BOLOGNIA;DERMNET
Erythema ab igne | toasted skin syndrome | L59.0 | 1 | hyperpigmentation:.8 rash:.3 | BOLOGNIA;DERMNET
Pretibial myxoedema | pretibial myxedema; thyroid dermopathy | L98.5 | 1 | skin_thickening:.85 plaque:.6 exophthalmos:.6 | BOLOGNIA;ATA_THYROID
Linear IgA bullous dermatosis | linear iga disease; chronic bullous disease of childhood | L13.8 | 1 | bullae:.85 tense_bullae:.6 annular:.5 new_drug:.4 pruritus:.6 | BOLOGNIA;BAD
Pemphigoid gestationis | herpes gestationis | O26.4 | 1 | pregnancy:.95 bullae:.7 pruritus:.9 tense_bullae:.5 | BOLOGNIA;BAD
Polymorphic eruption of pregnancy | puppp; pruritic urticarial papules and plaques of pregnancy | O26.8 | 2 | pregnancy:.98 pruritus:.95 papule:.8 urticaria:.4 | BOLOGNIA;NICE_CKS
Hailey-Hailey disease | familial benign chronic pemphigus; hailey hailey disease | Q82.8 | 1 | flexural_sites:.9 superficial_erosions:.8 bullae:.3 | BOLOGNIA;ANDREWS
Darier disease | keratosis follicularis | Q82.8 | 1 | greasy_scale:.6 papule:.9 nail_dystrophy:.5 hyperkeratosis:.5 | BOLOGNIA;ANDREWS
Ichthyosis vulgaris | ichthyosis | Q80.0 | 2 | dry_skin:.9 scaling:.9 atopy:.5 child_age:.6 | PAEDS_DERM;BOLOGNIA
Asteatotic eczema | eczema craquele; xerotic eczema; winter itch | L30.8 | 2 | dry_skin:.95 pruritus:.8 older_age:.8 cold_exposure:.4 | HABIF;NICE_CKS
Eczema herpeticum | kaposi varicelliform eruption | B00.0 | 1 | umbilicated_vesicles:.9 vesicular_rash:.8 atopy:.85 fever:.5 | BOLOGNIA;NICE_CKS
Id reaction | autoeczematization; autosensitization dermatitis | L30.2 | 1 | vesicular_rash:.6 pruritus:.9 hand_vesicles:.4 | BOLOGNIA;DERMNET
Confluent and reticulated papillomatosis | crp; gougerot carteaud | L83 | 1 | brown_black_macule:.7 papule:.6 scaling:.4 obese:.3 | BOLOGNIA;DERMNET
Lichen planopilaris | ~Frontal fibrosing alopecia | L66.1 | 1 | hair_loss_scarring:.8 patchy_hair_loss:.8 scarring_plaques:.5 pruritus:.4 | BOLOGNIA;BAD
Central centrifugal cicatricial alopecia | cccca; central centrifugal scarring alopecia | L66.8 | 1 | patchy_hair_loss:.8 dark_skin:.9 female_sex:.9 scarring_plaques:.5 | BOLOGNIA;DERMNET
Traction alopecia | | L65.8 | 2 | patchy_hair_loss:.8 hair_thinning:.4 dark_skin:.5 | BOLOGNIA;HABIF
Tinea capitis | kerion; scalp ringworm | B35.0 | 2 | patchy_hair_loss:.8 scaling:.7 child_age:.9 nits_scalp:.5 lymphadenopathy:.3 | BOLOGNIA;NICE_CKS
Trichotillomania | hair pulling disorder | F63.3 | 1 | patchy_hair_loss:.9 hair_loss_scarring:.3 anxiety:.4 | BOLOGNIA;HABIF
Mycobacterium marinum infection | fish tank granuloma; swimming pool granuloma | A31.1 | 1 | hot_tub_water:.85 papule:.6 subcutaneous_nodule:.5 skin_ulcer:.3 | HARRISON;BOLOGNIA
Leprosy | hansen disease; hansen's disease | A30 | 1 | hypopigmented:.7 paresthesia:.6 weakness:.3 travel:.4 plaque:.5 | HARRISON;BOLOGNIA;MANDELL
Secondary syphilis rash | syphilid; ~Secondary syphilis | A51.3 | 1 | palms_soles_rash:.8 papulosquamous:.4 genital_ulcer:.2 lymphadenopathy:.5 | CDC_STI;BOLOGNIA
Staphylococcal scalded skin syndrome | ssss; ritter disease | L00 | 1 | flaccid_bullae:.8 superficial_erosions:.7 fever:.8 child_age:.9 | PAEDS_DERM;IDSA_SSTI
Ecthyma | ~Ecthyma gangrenosum | L08.0 | 1 | skin_ulcer:.8 crusted_papules:.5 honey_crust:.3 | IDSA_SSTI;BOLOGNIA
Erysipeloid | | A26.0 | 1 | erythema_warmth:.8 hot_tub_water:.4 acral_cold:.3 | HARRISON;BOLOGNIA
Gianotti-Crosti syndrome | papular acrodermatitis of childhood | L44.4 | 1 | papule:.95 child_age:.95 extensor_sites:.6 fever:.2 | PAEDS_DERM;BOLOGNIA
Acrodermatitis enteropathica | zinc deficiency dermatitis; zinc deficiency | E83.2 | 1 | perioral_papules:.6 anogenital:.6 superficial_erosions:.6 diarrhea:.6 child_age:.7 | PAEDS_DERM;BOLOGNIA
Diaper dermatitis | nappy rash; napkin dermatitis | L22 | 3 | anogenital:.9 child_age:.98 erythematous_plaque:.6 | PAEDS_DERM;NICE_CKS
Infantile seborrhoeic dermatitis | cradle cap; infantile seborrheic dermatitis | L21.0 | 3 | greasy_scale:.9 child_age:.98 nits_scalp:.1 | PAEDS_DERM;NICE_CKS
Angiolipoma | | D17.9 | 1 | subcutaneous_nodule:.9 tender_lesion:.6 | BOLOGNIA;ANDREWS
Milia | milium | L72.0 | 3 | papule:.9 asymptomatic_lesion:.7 periorbital_lesion:.5 | HABIF;PAEDS_DERM
Syringoma | syringomas | D23.9 | 1 | papule:.9 periorbital_lesion:.8 female_sex:.7 asymptomatic_lesion:.7 | BOLOGNIA;ANDREWS
Sebaceous hyperplasia | | L73.8 | 2 | yellow_lesion:.7 papule:.9 umbilicated:.5 older_age:.8 | HABIF;BOLOGNIA
Pilomatricoma | pilomatrixoma | D23.9 | 1 | firm_dermal_nodule:.8 child_age:.6 subcutaneous_nodule:.5 | PAEDS_DERM;BOLOGNIA
Xanthoma | eruptive xanthoma; tuberous xanthoma; ~Xanthelasma | E78.5 | 1 | yellow_lesion:.9 eyelid_plaques:.4 papule:.6 | BOLOGNIA;HARRISON
Juvenile xanthogranuloma | jxg | D76.3 | 1 | yellow_lesion:.85 child_age:.95 papule:.7 | PAEDS_DERM;BOLOGNIA
Angular cheilitis | perleche; angular stomatitis | K13.0 | 2 | perioral_papules:.5 superficial_erosions:.5 | HABIF;NICE_CKS
Oral lichen planus | | L43.8 | 1 | oral_ulcers:.6 violaceous_papules:.3 mucosal_pigment:.05 | BOLOGNIA;BAD
Recurrent aphthous stomatitis | aphthous stomatitis; canker sores | K12.0 | 3 | oral_ulcers:.98 tender_lesion:.6 | NICE_CKS;HABIF
Fixed drug eruption | fixed drug reaction | L27.1 | 1 | new_drug:.8 brown_black_macule:.6 hyperpigmentation:.6 bullae:.2 | BOLOGNIA;DERMNET
DRESS syndrome | drug reaction with eosinophilia and systemic symptoms; drug hypersensitivity syndrome | L27.0 | 1 | new_drug:.95 fever:.9 eosinophilia:.8 lymphadenopathy:.6 transaminases_high:.6 | BOLOGNIA;HARRISON
Acute generalised exanthematous pustulosis | agep; acute generalized exanthematous pustulosis | L27.0 | 1 | new_drug:.9 pustules:.95 fever:.7 flexural_sites:.5 | BOLOGNIA;DERMNET
Pustular psoriasis | generalized pustular psoriasis; ~Palmoplantar pustulosis | L40.1 | 1 | pustules:.9 palmoplantar:.5 erythematous_plaque:.5 fever:.3 | BOLOGNIA;AAD
Guttate psoriasis | | L40.4 | 2 | papule:.8 scaling:.8 sore_throat:.5 child_age:.4 | BOLOGNIA;NICE_CKS
Inverse psoriasis | flexural psoriasis | L40.8 | 1 | flexural_sites:.9 erythematous_plaque:.8 | BOLOGNIA;AAD
Nail psoriasis | psoriatic nail disease | L40.8 | 1 | dactylitis_nails:.8 nail_dystrophy:.5 nail_thickening:.4 | BOLOGNIA;AAD
Chronic urticaria | chronic spontaneous urticaria; ~Dermographism = dermatographism; ~Cold urticaria; ~Cholinergic urticaria | L50.1 | 2 | urticaria:.95 pruritus:.9 angioedema:.3 waxing_waning:.5 | BAD;NICE_CKS
Pruritus ani | anal itching | L29.0 | 2 | anogenital:.9 pruritus:.95 | NICE_CKS;HABIF
Notalgia paresthetica | | L81.8 | 1 | pruritus:.9 hyperpigmentation:.6 paresthesia:.3 | BOLOGNIA;DERMNET
Delusional parasitosis | delusional infestation; morgellons | F22 | 1 | pruritus:.8 lichenification:.4 anxiety:.3 | BOLOGNIA;DERMNET
Striae | stretch marks; striae distensae | L90.6 | 3 | atrophic:.7 pregnancy:.3 topical_steroid:.2 weight_gain:.5 | HABIF;BOLOGNIA
Calciphylaxis | calcific uremic arteriolopathy | E83.59 | 1 | skin_ulcer:.7 tender_lesion:.9 creatinine_high:.8 | BOLOGNIA;KDIGO_AKI
Scurvy | vitamin c deficiency | E54 | 1 | petechiae:.7 easy_bruising:.6 hair_loss_scarring:.3 | HARRISON;BOLOGNIA
Pellagra | niacin deficiency | E52 | 1 | photosensitivity:.9 diarrhea:.6 confusion:.4 alcohol_use:.4 | HARRISON;BOLOGNIA
"""

# More links for the skin diseases of diseases_b/c.py (a skin complaint for those outside SKIN_ICD): disease name |
# findings as key:P(finding | disease).
EXTRA_LINKS = """
Psoriasis | silver_scale:.7 extensor_sites:.7 erythematous_plaque:.8 nail_dystrophy:.2 koebner:.2
Atopic dermatitis | flexural_sites:.7 dry_skin:.8 atopy:.7 intense_itch:.4
Seborrhoeic dermatitis | erythematous_plaque:.4 nits_scalp:.4
Contact dermatitis | poison_plant:.3 vesicular_rash:.5 burning_stinging:.3
Perioral dermatitis | topical_steroid:.5 burning_stinging:.5 tender_lesion:.1
Rosacea | burning_stinging:.5 telangiectasia_lesion:.6
Tinea corporis | erythematous_plaque:.5 papulosquamous:.3 topical_steroid:.2
Pityriasis rosea | papulosquamous:.4 erythematous_plaque:.4
Pityriasis versicolor | hypopigmented:.7 brown_black_macule:.4
Vitiligo | hypopigmented:.7 koebner:.2 asymptomatic_lesion:.6
Lichen planus | koebner:.3 nail_dystrophy:.1 mucosal_pigment:.01
Discoid lupus erythematosus | ear_lesions:.4 lupus_history:.3 hypopigmented:.3
Systemic lupus erythematosus | lupus_history:.8 photosensitivity:.6
Dermatomyositis | eyelid_redness:.7 periorbital_lesion:.6 photosensitivity:.4
Hidradenitis suppurativa | obese:.6 flexural_sites:.6 anogenital:.5 tender_lesion:.6
Acanthosis nigricans | obese:.8 brown_black_macule:.3
Malignant melanoma | pigmented_lesion:.9 rapid_growth:.4 older_age:.6 brown_black_macule:.4
Basal cell carcinoma | telangiectasia_lesion:.6 older_age:.7 dermal_papule:.4 photosensitivity:.3
Pyogenic granuloma | rapid_growth:.7 tender_lesion:.3
Granuloma annulare | dermal_papule:.4 asymptomatic_lesion:.6
Scabies | intense_itch:.5 palmoplantar:.3 flexural_sites:.3
Bullous pemphigoid | bullae:.8 older_age:.8
Pemphigus vulgaris | bullae:.6 superficial_erosions:.6
Urticaria | waxing_waning:.5
Lyme disease | expanding_ring:.7
Dermatofibroma | skin_complaint:.95 dermal_papule:.6 brown_black_macule:.3 asymptomatic_lesion:.5
Erythema migrans | skin_complaint:.95 expanding_ring:.9 soil_exposure:.3 fatigue:.3
Perniosis | skin_complaint:.95 acral_cold:.9 tender_lesion:.5 violaceous_papules:.4
Cherry angioma | skin_complaint:.95 older_age:.7 asymptomatic_lesion:.7
Cutaneous larva migrans | skin_complaint:.95
Pediculosis capitis | skin_complaint:.95 nits_scalp:.85 child_age:.8
Keloid | skin_complaint:.95
Lipoma | skin_complaint:.95
Herpes simplex infection | skin_complaint:.95
Chickenpox | skin_complaint:.9
Cutaneous squamous cell carcinoma | skin_complaint:.95 older_age:.8 rapid_growth:.3
"""
