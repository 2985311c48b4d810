"""``python -m korus_data``: the ``korus-data`` command."""

import sys

from korus_data.cli import main

sys.exit(main())
