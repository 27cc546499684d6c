"""``python -m newscollate``: the same as the ``newscollate`` command."""

import sys

from newscollate.cli import main

sys.exit(main())
