"""Curated dermatology findings, written by MedAction, for the diseases of diseases_derm.py (and the
skin diseases of diseases_b/c.py). Format as in findings.py: key | display name | HPO term name
(blank when none is certain) | lay and clinical synonyms (;) | leak probability (our estimate).

The findings whose negated mentions are not read as absence are PRESENT_ONLY below.
"""

FINDINGS_DERM = """
skin_complaint | Skin complaint | | lesion; lesions; skin eruption; cutaneous lesions; spots on the skin; spots; bumps; skin bumps; patch; patches; macule; macules; erythematous; dermatology clinic; dermatology; dermatologist; skin examination; skin exam | 0.08
erythematous_plaque | Red scaly plaques | | erythematous plaques; red plaques; erythematous scaly plaques; red scaly plaques; scaly plaques; erythematous patches; red patches; scaly patches | 0.02
silver_scale | Silvery scale on plaques | | silver scale; silver scales; silvery plaques; auspitz sign; thick scale | 0.005
extensor_sites | Elbow and knee lesions | | elbows; knees; extensor surfaces of the elbows; knees and elbows; gluteal cleft | 0.03
flexural_sites | Lesions in the flexures | | antecubital; popliteal; antecubital fossae; popliteal fossae; flexural; flexures; skin folds; intertriginous; inframammary | 0.03
dry_skin | Dry skin | | dry skin; xerosis; rough dry skin; skin dryness | 0.08
atopy | Personal or family history of atopy | | atopy; atopic; hay fever; allergic rhinitis; history of asthma; history of eczema; family history of eczema; family history of atopy | 0.15
burning_stinging | Burning or stinging of the skin | | burning sensation; stinging; burning and stinging; stinging sensation; skin burning; burns and stings | 0.03
tender_lesion | Tender or painful skin lesion | | tender to palpation; tender lesions; painful lesions; painful bumps; tender nodules; painful lesion; tender lesion; tender papules | 0.04
topical_steroid | Topical or injected corticosteroid on the skin | | topical steroid; topical steroids; topical corticosteroid; topical corticosteroids; steroid cream; steroid injection; corticosteroid injection; intralesional steroid; intralesional triamcinolone; triamcinolone injection; steroid injections | 0.03
atrophic | Atrophic, thinned skin | | atrophic; atrophy of the skin; skin atrophy; thin shiny skin; thinning of the skin; depressed plaques; skin depression; depressed lesion | 0.01
nail_band | Pigmented longitudinal band of a nail | | longitudinal melanonychia; melanonychia; pigmented band; brown band; dark band; longitudinal band; nail streak; dark streak on the nail; brown streak | 0.005
nail_dystrophy | Rough, ridged or dystrophic nails | | nail dystrophy; dystrophic nails; rough nails; ridged nails; nail ridging; longitudinal ridging; sandpaper nails; twenty nail; all twenty nails; opalescent nails | 0.01
bullae | Bullae | | bulla; bullae; bullous; bullous lesions; large blisters; fluid filled blisters; blistering | 0.01
pressure_sites | Lesions at pressure sites after immobility | | pressure points; pressure sites; found unresponsive; found down; unconscious for; prolonged immobilization; lying on the floor; drug overdose; overdose | 0.005
congenital | Present since birth or early infancy | | since birth; present at birth; at birth; congenital; birthmark; since infancy; since early childhood; present since childhood; born with | 0.02
trauma_blisters | Blisters after minor friction or trauma | | skin fragility; fragile skin; blisters with minor trauma; friction blisters; blistering with friction; blisters after minor trauma; trauma induced blisters; blister easily | 0.003
palmoplantar | Lesions of the palms and soles or keratoderma | | palmoplantar; palms; soles; palmar; plantar; soles of the feet; palmoplantar keratoderma; keratoderma; thickened palms; thickening of the palms and soles | 0.03
yellow_lesion | Yellow or yellow-orange lesion | | yellow orange; yellowish orange; yellow papules; yellow plaques; yellowish plaques; yellow nodules; orange plaque; xanthomatous; yellowish papules; yellow brown | 0.01
hairless | Hairless plaque | | hairless; hairless patch; hairless plaque; absence of hair; devoid of hair; without hair | 0.005
acral_cold | Red or purple lesions of fingers or toes after cold | | fingers and toes; on the fingers; on the toes; fingertips; toes; dorsal fingers; chilblains | 0.03
anogenital | Anogenital or groin lesion | | groin; perianal; scrotum; scrotal; vulva; vulvar; inguinal; anogenital; pubic; genital area; penile shaft | 0.03
skin_thickening | Thickened or indurated skin | | skin thickening; thickened skin; thickening of the skin; induration; indurated; woody induration; leonine facies; doughy skin | 0.01
waxy_papules | Firm waxy papules in rows | | waxy papules; firm waxy papules; lichenoid papules; papules in linear arrays; linear arrays; shar pei | 0.002
facial_deformity | Facial or limb deformity from a soft mass | | facial deformity; facial asymmetry; disfigurement; bag of worms; overgrowth of soft tissue; drooping soft tissue; soft tissue overgrowth | 0.003
crusted_papules | Crusted or purpuric papules | | crusted papules; purpuric papules; eroded papules; hemorrhagic papules; crusted erosions; seborrheic like; scaly crusted papules | 0.005
periorbital_lesion | Lesion around the eyes | | periorbital; around the eyes; eyelids; eyelid; periocular; around his eyes; around her eyes | 0.03
wrinkling | Fine wrinkling or loss of elasticity | | fine wrinkles; fine wrinkling; wrinkled skin; wrinkling; cigarette paper; loss of elasticity; perifollicular papules | 0.01
outpouching | Soft outpouching or herniating patches | | outpouching; outpouchings; herniate; herniation; herniating; sac like; saclike; soft wrinkled; flaccid skin; invaginate | 0.002
lupus_history | Lupus or antiphospholipid history | | lupus; antiphospholipid; antinuclear antibodies; anti ro; anti ssa | 0.02
blue_gray | Blue-grey or slate pigmentation | | blue gray; blue grey; bluish gray; grayish blue; slate gray; slate grey; blue black; blue tinged; bluish; bruise like; painless bruises | 0.005
antimalarial | Antimalarial, minocycline or amiodarone use | | hydroxychloroquine; chloroquine; plaquenil; minocycline; amiodarone; antimalarial; antimalarials | 0.01
mucosal_pigment | Pigmented macules of lips or mouth | | pigmented macules on the lips; brown macules on the lips; lip pigmentation; hyperpigmented macules on the lips; buccal mucosa; oral mucosa pigmentation; pigmented lips; labial | 0.005
nipple | Nipple or areola lesion | | nipple; nipples; areola; areolae; areolar; nipple retraction; nipple inversion; inverted nipple | 0.01
hyperkeratosis | Hyperkeratotic thickening | Hyperkeratosis | hyperkeratosis; hyperkeratotic; keratotic plaques; thick keratotic; horny; keratotic papules | 0.01
juxta_articular_lump | Lump near a joint or tendon | | near the joint; over the joint; dorsal wrist; over the wrist; transilluminates; transillumination; gelatinous; mucoid; jelly like | 0.005
waxing_waning | Lesions that come and go in crops | | waxing and waning; comes and goes; crops; recurrent crops; crops of papules; self resolving; resolve spontaneously; recurring lesions | 0.02
constriction_band | Constricting band around a digit | | constricting band; constriction band; band around the toe; band around the finger; autoamputation; ainhum; constriction ring | 0.001
soil_exposure | Outdoor soil or wood exposure | | construction worker; soil; excavation; digging; wooded; decaying wood; gardening; gardener; rose thorn; farmer; landscaper; outdoor work; hunting | 0.04
brown_black_macule | Brown-black macule | | brown black; brownish black; black macule; dark brown macule; dark brown patch; brown macule; brown patch; darkly pigmented macule; hyperpigmented macule; hyperpigmented patch | 0.02
asymptomatic_lesion | Asymptomatic lesion | | asymptomatic; painless and non itchy; not itchy or painful; no symptoms from the lesion | 0.05
papulosquamous | Papulosquamous or annular scaly lesions | | papulosquamous; psoriasiform; polycyclic; annular scaly; scaly annular; annular plaques | 0.01
hair_shedding | Diffuse hair shedding | | shedding; hair shedding; diffuse hair loss; hair falling out; hair coming out; clumps of hair; positive pull test; hair pull test | 0.01
recent_stressor | Recent major illness or stress | | stressful; major stress; emotional stress; postpartum; after giving birth; after childbirth; severe illness; crash diet; recent hospitalization | 0.05
ear_lesions | Lesions on the ears | | ears; on the ears; helix; helices; helical rim; ear rims; earlobes; earlobe; ear lobe | 0.02
spring_sun | Onset in spring or after sun | | spring; springtime; after sun exposure; after being outside; sunny day; sunburn; after a day at the beach | 0.03
reactive_triggers | Urethritis, conjunctivitis or a recent enteric or genital infection | | urethritis; conjunctivitis; recent chlamydia; chlamydia; recent diarrhea; recent gastroenteritis; dysentery; reactive | 0.02
mucositis | Mucositis of mouth, eyes or genitals | | mucositis; hemorrhagic crusts; hemorrhagic crusting; crusted lips; conjunctival; genital erosions; erosions of the mouth | 0.01
atypical_pneumonia | Preceding cough or pneumonia | | mycoplasma; walking pneumonia; atypical pneumonia; pneumonia; chest infection; preceding cough | 0.03
darier_sign | Urticates on rubbing (Darier sign) | | darier sign; urticates; urtication; swells when rubbed; rubbed; stroked; flushing when rubbed; wheal on rubbing | 0.002
protuberant | Protuberant or multinodular slow plaque | | protuberant; multinodular; bosselated; nodular plaque; firm plaque; indurated nodular; exophytic; keloid like | 0.003
expanding_ring | Expanding red ring | | expanding; enlarging ring; expanding erythema; expanding rash; central clearing ring; bull eye; bullseye; target shaped | 0.01
superficial_erosions | Superficial crusted erosions or peeling | | erosions; superficial erosions; shallow erosions; peeling; cornflake; denuded; denuded skin; crusted; crusting | 0.03
obese | Obesity | Obesity | obese; obesity; overweight; morbidly obese; high bmi; elevated bmi | 0.2
eyelid_redness | Violaceous eyelids or neck and shoulder rash | | eyelid redness; red eyelids; eyelid erythema; v neck; v of the neck; upper back and shoulders; mechanic hands | 0.005
poison_plant | Plant exposure or linear streaks of vesicles | | linear streaks; linear vesicles; linear blisters; streaks; gardening exposure; yard work; plants | 0.02
hypopigmented | Hypopigmented or light patches | | light spots; light patches; white spots; white macules; chalk white; milky white; hypopigmented lesions; loss of color | 0.02
koebner | Koebner phenomenon | | koebner; koebnerization; koebner phenomenon; at sites of trauma; in scratch marks; isomorphic response | 0.005
umbilicated_vesicles | Punched-out erosions or umbilicated vesicles on eczema | | punched out erosions; monomorphic punched out; eczema herpeticum; kaposi varicelliform | 0.001
nits_scalp | Scalp itching | | itchy scalp; scalp itching; scalp pruritus | 0.03
telangiectasia_lesion | Telangiectatic lesion | | arborizing vessels; telangiectatic; telangiectases; spider veins; thread veins | 0.02
rapid_growth | Rapidly growing lesion | | rapidly growing; rapid growth; grew rapidly; grown quickly; rapidly enlarging; enlarged rapidly; enlarging | 0.03
pigmented_lesion | Pigmented lesion or mole | | mole; moles; nevus; nevi; naevus; pigmented lesion; pigmented papule; pigmented macule; pigmented patch; dark spot; dark spots; brown spot; brown spots; freckles | 0.06
dermal_papule | Firm skin-coloured papule or nodule | | skin colored papule; flesh colored papule; skin colored nodule; flesh colored nodule; pink papule; pink nodule; dome shaped papule; firm papule on the leg | 0.03
hair_loss_scarring | Scarring or patterned hair loss at the scalp | | frontal hairline recession; perifollicular erythema; perifollicular scale; loss of follicular openings; tufting; broken hairs; exclamation mark hairs | 0.005
purpura_palpable | Palpable purpura | Palpable purpura | palpable purpura; purpuric papules on the legs; nonblanching papules; vasculitic rash | 0.005
intense_itch | Intense itch | | intensely itchy; intensely pruritic; severely itchy; severe itching; extremely itchy; very itchy; intense itching; pruriginous | 0.05
hot_tub_water | Water, pool or fish-tank exposure | | fish tank; aquarium; swimming pool; whirlpool; fresh water; salt water; fish | 0.01
immunosuppressed | Immunosuppression | | immunosuppressed; immunocompromised; transplant; organ transplant; hiv; aids; on tacrolimus; chemotherapy | 0.05
"""

# Present-only findings: where a lesion sits, that the complaint is a skin one, an exposure the
# record names only when it is there. A negated mention of one is not read as its absence ("no
# lesions elsewhere" does not rule out every skin disease, "no other sites" is not evidence against
# the site named): diagnosis.kg.build.load_curated puts them in Lexicon.present_only, and
# extract_findings drops their negated mentions.
PRESENT_ONLY = frozenset(
    {
        "skin_complaint",
        "extensor_sites",
        "flexural_sites",
        "palmoplantar",
        "anogenital",
        "periorbital_lesion",
        "ear_lesions",
        "acral_cold",
        "congenital",
        "pressure_sites",
        "soil_exposure",
        "spring_sun",
        "hot_tub_water",
        "recent_stressor",
        "poison_plant",
    }
)
