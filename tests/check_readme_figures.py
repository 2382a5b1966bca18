#!/usr/bin/env python3
"""Every figure README.md shows is listed with the command that made it (scripts/screenshot reads that
list), and every listed figure exists: a figure can never be shown without the command that retakes
it, nor a command point at a figure that is gone."""
import re
import sys
from pathlib import Path

root = Path(sys.argv[1])
readme = (root / "README.md").read_text(encoding="utf-8")
shown = set(re.findall(r"!\[[^\]]*\]\((docs/[^)]+\.png)\)", readme))
listed = dict(re.findall(r"^- `(docs/[^`]+\.png)` \((?:chart|window)\): `(calcprof [^`]+)`$", readme, re.M))

problems = [f"{figure} is shown but has no command in the figures list" for figure in sorted(shown - listed.keys())]
problems += [f"{figure} is listed but does not exist" for figure in sorted(listed) if not (root / figure).is_file()]
for figure, command in sorted(listed.items()):
    views = command.split("&&")[-1]
    # --open shows what an earlier command of the line measured and saved (--json).
    if "--run" not in views and not ("--open" in views and "--json" in command):
        problems.append(f"{figure}: its command has no --run (or --open of a --json saved before it), so nothing "
                        "would be measured")
for problem in problems:
    print(f"README.md: {problem}")
print(f"{len(shown)} figures shown, {len(listed)} listed with their command")
sys.exit(1 if problems else 0)
