"""Allow ``python -m glossary``."""

import sys

from glossary.cli import main

if __name__ == "__main__":
    sys.exit(main())
