"""python -m desktop: the same as main.py."""

import sys

from desktop.cli import main

sys.exit(main())
