"""Start Holub: no command opens the window, a command runs headless (see --help)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
