"""``python -m newscrawl``: the command-line tools of ``newscrawl.ops.cli``."""
import sys

from newscrawl.ops.cli import main

if __name__ == "__main__":
    sys.exit(main())
