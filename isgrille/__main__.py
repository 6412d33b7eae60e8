"""``python -m isgrille``: see :mod:`isgrille.delivery.cli`."""

import sys

from .delivery.cli import main

sys.exit(main())
