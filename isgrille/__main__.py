"""``python -m isgrille``: see :mod:`isgrille.cli`."""

import sys

from .cli import main

sys.exit(main())
