"""``python -m isgrille``: see :mod:`isgrille.delivery.cli`.

Guarded, so that a process started by ``spawn`` (the card renderers of
``write_cards``) never runs the command line again.
"""

import sys

from .delivery.cli import main

if __name__ == "__main__":
    sys.exit(main())
