"""JupyterHub: how long a class takes to be ready, measured on this machine.

Starts the local test hub (``tests/browser/hub.py``: JupyterHub, the npm
configurable-http-proxy, SimpleLocalProcessSpawner, all on 127.0.0.1), then,
side by side in one run: one learner's server alone (the reference), and 10
learners' servers started in parallel through the REST API. Goal (issue 4):
10 learners ready in under 60 s.

    python bench/bench_hub.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.hub import LEARNERS, Hub


def main() -> None:
    hub = Hub(Path(tempfile.mkdtemp()), ["seul", *LEARNERS])
    try:
        alone = hub.start_servers(["seul"])
        class_ = hub.start_servers(LEARNERS)
    finally:
        hub.stop()
    print(f"one learner alone: ready in {alone:.1f} s")
    print(
        f"{len(LEARNERS)} learners in parallel: ready in {class_:.1f} s ({class_ / alone:.1f}x one learner) "
        f"— goal < 60 s: {'OK' if class_ < 60 else 'OVER'}"
    )


if __name__ == "__main__":
    main()
