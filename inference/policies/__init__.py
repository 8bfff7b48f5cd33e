"""Policies: the KG engine (embedded default), the prior baseline, LLM policies over vLLM."""
