"""Compiles the crates the notebooks load into one build folder, the seed
every student's kernel starts from (`cargo lab hub --setup`).

Run with the workspace's Python, `JUPYTER_PATH` at the course's kernelspec
and `LAB_KERNEL_BUILDS` at the seed's folder: the course kernel (launch.py)
builds in its `kernel-0`. Two kernels, one after the other, run the two
first cells the notebooks have, `:dep lecture` with and without the
`network` feature, from NOTEBOOKS (so `../crates/lecture` resolves to the
same crates a student's notebook loads), and a cell each that uses them.
Exits 1 with the kernel's message when a cell fails.

    python seed.py NOTEBOOKS
"""

import sys

from jupyter_client.manager import start_new_kernel

CELLS = [
    [':dep lecture = { path = "../crates/lecture", features = ["network"] }',
     "let _ = lecture::network::ndarray::Array1::<f64>::zeros(2);"],
    [':dep lecture = { path = "../crates/lecture" }',
     'let _ = lecture::compgraph::Expression::parse("x*y");'],
]
# The first `:dep` compiles every crate: minutes on a fresh machine.
TIMEOUT = 1800


def run(notebooks: str, cells: list[str]) -> None:
    """Runs `cells` in a new course kernel started in `notebooks`."""
    manager, client = start_new_kernel(kernel_name="rust", cwd=notebooks, startup_timeout=120)
    try:
        for cell in cells:
            print(f"seed: {cell}", flush=True)
            reply = client.execute_interactive(cell, timeout=TIMEOUT, output_hook=lambda _: None)
            if reply["content"]["status"] != "ok":
                content = reply["content"]
                sys.exit(f"seed: the cell failed: {content.get('ename')}: {content.get('evalue')}")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)


def main() -> None:
    for cells in CELLS:
        run(sys.argv[1], cells)


if __name__ == "__main__":
    main()
