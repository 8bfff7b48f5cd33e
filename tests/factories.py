from __future__ import annotations

import factory

from diagnosis.models import Case, CaseStatus, TestMenuItem


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tired and pale {n}")
    demographics = "34-year-old woman"
    initial_presentation = (
        "Three months of fatigue, breathlessness on stairs and heavy periods. Pale conjunctivae."
    )
    gold_diagnosis = "Iron deficiency anaemia"
    gold_aliases = ["Iron deficiency anemia", "IDA"]
    source_dataset = "native"
    source_id = factory.Sequence(lambda n: f"test-{n}")
    status = CaseStatus.PUBLISHED

    @factory.post_generation
    def menu(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if not create:
            return
        items = extracted or [
            (
                "Haematology",
                "Complete blood count",
                ["CBC", "full blood count"],
                "Hb 92 g/L, MCV 71 fL",
                10.0,
            ),
            ("Biochemistry", "Ferritin", [], "6 ug/L (low)", 18.0),
            ("Biochemistry", "TSH", ["thyroid stimulating hormone"], "2.1 mU/L (normal)", 23.0),
        ]
        for pos, (category, name, aliases, result, cost) in enumerate(items):
            TestMenuItem.objects.create(
                case=self,
                category=category,
                name=name,
                aliases=aliases,
                result=result,
                cost=cost,
                position=pos,
            )
