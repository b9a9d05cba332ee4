"""How long a student waits for a notebook's first cells, in fresh kernels of
the course's kernelspec (`lab bench first-cells` runs this script):

    python first_cells.py --read SECONDS NOTEBOOK...

For each notebook, three fresh kernels, each started as JupyterLab starts
one (in the notebook's folder; `JPY_SESSION_NAME` naming the notebook, so
the kernel warms itself up, except in the first):

- `today`: no warm-up (the kernel is not told its notebook), cells run as
  soon as the kernel answers;
- `at_once`: with the warm-up, cells run as soon as the kernel answers;
- `read`: with the warm-up, the student reads `--read` seconds first.

Each times the first two code cells together, then a trivial cell (`1 + 1`,
the median of three) and the two code cells after them, each from the
request to the kernel's reply. Prints one JSON object: `{"notebooks":
[{"notebook", "today", "at_once", "read"}]}`, each run with `first_two`,
`trivial`, `next` (the two later cells) and `error` (the first cell that did
not finish "ok", or null).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

KERNEL = "rust"
CELL_TIMEOUT_S = 600


def code_cells(notebook: Path) -> list[str]:
    """The sources of the notebook's code cells."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]


def timed(client, code: str) -> tuple[float, str]:
    """Runs `code`; its seconds from request to reply, and the reply's status."""
    began = time.monotonic()
    reply = client.execute_interactive(code, timeout=CELL_TIMEOUT_S, output_hook=lambda _: None)
    return time.monotonic() - began, reply["content"]["status"]


def measure(notebook: Path, warm_up: bool, read: float) -> dict:
    """One fresh kernel for `notebook`: the run's figures (see the module)."""
    env = dict(os.environ, RUST_BACKTRACE="0")
    env.pop("JPY_SESSION_NAME", None)
    if warm_up:
        env["JPY_SESSION_NAME"] = str(notebook.resolve())
    cells = code_cells(notebook)
    manager, client = start_new_kernel(kernel_name=KERNEL, cwd=str(notebook.parent.resolve()),
                                       env=env, startup_timeout=CELL_TIMEOUT_S,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(read)
        first = [timed(client, code) for code in cells[:2]]
        trivial = [timed(client, "1 + 1") for _ in range(3)]
        later = [timed(client, code) for code in cells[2:4]]
    finally:
        manager.shutdown_kernel(now=True)
    failed = [status for _, status in first + trivial + later if status != "ok"]
    return {"first_two": round(sum(seconds for seconds, _ in first), 2),
            "trivial": round(statistics.median(seconds for seconds, _ in trivial), 2),
            "next": [round(seconds, 2) for seconds, _ in later],
            "error": f"a cell ended with status {failed[0]}" if failed else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--read", type=float, default=15.0, help="seconds the student reads first")
    args = parser.parse_args()
    results = []
    for notebook in args.notebooks:
        print(f"first cells: {notebook.name}", file=sys.stderr, flush=True)
        results.append({"notebook": notebook.name,
                         "today": measure(notebook, warm_up=False, read=0.0),
                         "at_once": measure(notebook, warm_up=True, read=0.0),
                         "read": measure(notebook, warm_up=True, read=args.read)})
    print(json.dumps({"read": args.read, "notebooks": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
