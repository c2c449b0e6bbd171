"""The real ``minimeter`` command line with the test-only ``fake`` extractor registered.

Used as ``python -m tests.reliability._cli_with_fake worker`` so a separate process runs the real
CLI and worker code while extraction stays fast and deterministic.
"""

from __future__ import annotations

import sys

from minimeter.cli import main
from minimeter.extract import base as extractors
from tests.helpers import FakeExtractor

if __name__ == "__main__":
    extractors.register("fake", FakeExtractor)
    sys.exit(main(sys.argv[1:], prog_name="minimeter"))
