"""Run `python -m build_scripts <verb>`."""

import gc
import sys

# One command makes one run, and what the run makes stays reachable until the process ends.
# The collector could only walk it: once when the run hands back to it (0.3 s after one edit at
# 1,000 explainers), and again as the interpreter shuts down (1.4 s). So it stays off, and what
# is left at the end is frozen, which those last collections leave alone.
gc.disable()

from build_scripts.cli import main  # noqa: E402 (imported with the collector off too)

code = main()
gc.freeze()
sys.exit(code)
