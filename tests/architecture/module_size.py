"""Floor-plan check: no module in diagnosis/ or inference/ over 400 lines without a reason.

    python -m tests.architecture.module_size        (make lint runs it)

A long module says why in a comment among its first ten lines: `# Over 400 lines: <reason>`.
Exit 1 listing the modules that break the rule.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("diagnosis", "inference")
LIMIT = 400
REASON = re.compile(r"^#\s*over 400 lines:\s*\S", re.IGNORECASE)


def long_modules_without_reason(root: Path = ROOT) -> list[tuple[Path, int]]:
    found = []
    for room in ROOMS:
        for path in sorted((root / room).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            if len(lines) > LIMIT and not any(REASON.match(line) for line in lines[:10]):
                found.append((path.relative_to(root), len(lines)))
    return found


def main() -> int:
    found = long_modules_without_reason()
    for path, count in found:
        print(
            f"{path}: {count} lines, over {LIMIT} without '# Over 400 lines: <reason>' at its top"
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
