"""Distillation runs and their trees (docs/distillation.md): stored so the web room can browse
them. The work itself is inference/jobs/distillation; this room stores, checks access and
dispatches, and never imports the inference side."""
