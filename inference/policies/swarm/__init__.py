"""The swarm policy: an orchestrator, a panel of concurrent sub-agents, an explicit merge."""

from inference.policies.swarm.policy import KGSwarmPolicy, SwarmPolicy

__all__ = ["KGSwarmPolicy", "SwarmPolicy"]
