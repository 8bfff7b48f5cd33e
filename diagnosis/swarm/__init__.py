"""The swarm room: what a swarm turn's sub-agents did (one row per sub-agent call) and the turn's
critical path beside the sum of its calls and its wall time."""
