"""``python -m korus_data.cli``."""

import sys

from korus_data.cli import main

sys.exit(main())
