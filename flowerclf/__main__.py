"""``python -m flowerclf``: the same as the ``flowerclf`` command."""

import sys

from flowerclf.cli import main

sys.exit(main())
