"""References behind the USMLE-breadth pack (diseases_usmle*.py). As in sources.py, the
frequencies are MedAction's own rounded estimates written from these books and guidelines, not
copied tables; they rank, they do not treat.
"""

SOURCES_USMLE: dict[str, str] = {
    "ROBBINS": "Kumar V, Abbas AK, Aster JC. Robbins & Cotran Pathologic Basis of Disease, 10th ed. Elsevier, 2020.",
    "BRAUNWALD": "Libby P et al. Braunwald's Heart Disease: A Textbook of Cardiovascular Medicine, 12th ed. Elsevier, 2022.",
    "SLEISENGER": "Feldman M, Friedman LS, Brandt LJ. Sleisenger and Fordtran's Gastrointestinal and Liver Disease, 11th ed. Elsevier, 2021.",
    "NELSON": "Kliegman RM et al. Nelson Textbook of Pediatrics, 22nd ed. Elsevier, 2024.",
    "DSM5TR": "American Psychiatric Association. Diagnostic and Statistical Manual of Mental Disorders, 5th ed., Text Revision (DSM-5-TR), 2022.",
    "WILLIAMS_OB": "Cunningham FG et al. Williams Obstetrics, 26th ed. McGraw Hill, 2022.",
    "BEREK": "Berek JS. Berek & Novak's Gynecology, 16th ed. Wolters Kluwer, 2019.",
    "GOLDFRANK": "Nelson LS et al. Goldfrank's Toxicologic Emergencies, 11th ed. McGraw Hill, 2019.",
    "ADAMS_NEURO": "Ropper AH, Samuels MA, Klein JP, Prasad S. Adams and Victor's Principles of Neurology, 12th ed. McGraw Hill, 2023.",
    "KELLEY_RHEUM": "Firestein GS et al. Firestein & Kelley's Textbook of Rheumatology, 11th ed. Elsevier, 2021.",
    "MANDELL": "Bennett JE, Dolin R, Blaser MJ. Mandell, Douglas, and Bennett's Principles and Practice of Infectious Diseases, 9th ed. Elsevier, 2019.",
    "WILLIAMS_ENDO": "Melmed S et al. Williams Textbook of Endocrinology, 14th ed. Elsevier, 2019.",
    "HOFFMAN_HEME": "Hoffman R et al. Hematology: Basic Principles and Practice, 8th ed. Elsevier, 2022.",
    "DEVITA": "DeVita VT, Lawrence TS, Rosenberg SA. DeVita, Hellman, and Rosenberg's Cancer: Principles & Practice of Oncology, 12th ed. Wolters Kluwer, 2022.",
    "MURRAY_NADEL": "Broaddus VC et al. Murray & Nadel's Textbook of Respiratory Medicine, 7th ed. Elsevier, 2022.",
    "BRENNER": "Yu ASL et al. Brenner & Rector's The Kidney, 11th ed. Elsevier, 2020.",
}
