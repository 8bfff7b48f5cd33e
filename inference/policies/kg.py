"""Placeholder until the KG engine lands (issue 4): the KG and prior policies are built there."""

from __future__ import annotations

from collections.abc import Iterator

from diagnosis.protocol import PolicyContext, PolicyError, PolicyUpdate


class KGPolicy:
    key = "kg"

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        raise PolicyError("The KG engine is not built yet.")
        yield  # pragma: no cover


class PriorPolicy(KGPolicy):
    key = "prior"
