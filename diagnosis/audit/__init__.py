"""The audit room: signed chain heads (checkpoints), transcript exports an auditor can verify with
only the file and a public key, and the log of every export and verification (docs/audit.md)."""
