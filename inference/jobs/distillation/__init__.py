"""Tree-structured trajectory distillation (docs/distillation.md).

Each case is an environment; a policy grows a tree of multi-turn trajectories from it (up to K
different decisions at each node, depth at most D); every root-to-leaf path is scored with the
turn and session metrics and labelled retained, truncated or pruned; the kept paths are written
as SFT chat transcripts in the serving profile's own format.

- state: the environment state of one node, a frozen value (forks share nothing mutable)
- proposals: K different next decisions from the kg policy or an LLM (vLLM `n` sampling)
- tree: growing the trees of many cases in parallel on a worker pool
- labels: the retained / truncated / pruned rules and their thresholds
- export: the SFT transcripts, trees.jsonl and summary.json
- run: one distillation from a case file to an output directory (command and UI run)
- bench: tree wall time in parallel against one node at a time, at a fixed model latency
"""
