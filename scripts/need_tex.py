#!/usr/bin/env python3
"""Stop ``make pdf`` early, naming the Debian packages, when the TeX toolchain is missing."""

import shutil
import sys

PACKAGES = ("latexmk texlive-xetex texlive-latex-extra texlive-fonts-recommended "
            "fonts-freefont-otf")


def main() -> int:
    missing = [tool for tool in ("xelatex", "latexmk") if shutil.which(tool) is None]
    if not missing:
        return 0
    print(f"make pdf needs {' and '.join(missing)}, which are not installed.\n"
          f"On Debian or Ubuntu: sudo apt-get install {PACKAGES}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
