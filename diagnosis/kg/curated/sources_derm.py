"""References behind the dermatology pack (diseases_derm.py). As in sources.py, the frequencies are
MedAction's own rounded estimates, written by us from these textbooks and guidelines (no table was
copied); they rank a differential and ground RAC, they are not for care.
"""

SOURCES_DERM: dict[str, str] = {
    "BOLOGNIA": "Bolognia JL, Schaffer JV, Cerroni L. Dermatology, 5th ed. Elsevier, 2024.",
    "ROOK": "Griffiths C, Barker J, Bleiker T et al. Rook's Textbook of Dermatology, 10th ed. Wiley-Blackwell, 2024.",
    "ANDREWS": "James WD, Elston DM, Treat JR et al. Andrews' Diseases of the Skin: Clinical Dermatology, 13th ed. Elsevier, 2019.",
    "FITZPATRICK": "Kang S, Amagai M, Bruckner AL et al. Fitzpatrick's Dermatology, 9th ed. McGraw Hill, 2019.",
    "HABIF": "Habif TP, Dinulos JGH. Habif's Clinical Dermatology: A Color Guide to Diagnosis and Therapy, 7th ed. Elsevier, 2020.",
    "PAEDS_DERM": "Paller AS, Mancini AJ. Paller and Mancini - Hurwitz Clinical Pediatric Dermatology, 6th ed. Elsevier, 2021.",
    "AAD": "American Academy of Dermatology guidelines of care (atopic dermatitis 2023, psoriasis 2019-2021, acne 2024, hidradenitis 2019, primary cutaneous melanoma 2019, cutaneous SCC and BCC 2018).",
    "BAD": "British Association of Dermatologists clinical guidelines and patient information leaflets (bullous pemphigoid 2012, pemphigus 2017, alopecia areata 2012, vitiligo 2021, lichen sclerosus 2018).",
    "DERMNET": "DermNet (dermnetnz.org), peer-reviewed topic pages written by dermatologists, for the named condition, accessed 2025.",
    "NCCN_SKIN": "National Comprehensive Cancer Network. NCCN Guidelines: Melanoma, Squamous Cell Skin Cancer, Dermatofibrosarcoma Protuberans, Merkel Cell Carcinoma, 2024 versions.",
}
