"""Entry point: `python -m bench` runs every measurement and writes bench/results.md."""

import sys

from bench.run import main

sys.exit(main())
