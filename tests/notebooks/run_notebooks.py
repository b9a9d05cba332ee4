"""Execute the course notebooks on the evcxr Rust kernel and report each one.

`cargo lab test` runs this script with the workspace's Python environment
(nbclient, nbformat, jupyter_client). For every notebook it:

1. executes it in memory and never writes it back (`cargo lab test` refuses
   a notebook stored with outputs before it gets here);
2. starts a fresh `rust` kernel in the notebook's folder, so `:dep` paths such
   as `../crates/descent` resolve as they do in Jupyter;
3. runs a setup cell first: `:preserve_vars_on_panic 0` makes a panicking cell
   an error (by default evcxr catches the panic and the cell passes), and
   `:cache` shares compiled crates.io dependencies between kernels; the
   kernel reads its other settings from `evcxr.toml` next to this script,
   and builds in a folder of its own kept between runs (see BUILDS);
4. executes the cells in order within a time budget for the whole notebook,
   and on failure reports the cell, its first line and rustc's message.

It prints one line per notebook (name, passed/failed, seconds) and writes the
results as JSON when `--report FILE` is given; otherwise it ends with the
line `notebooks: N passed, M failed`. The exit status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "rust"
# The folder holding this script and the kernel's evcxr.toml.
CONFIG_DIR = Path(__file__).resolve().parent
# Megabytes of compiled dependencies that evcxr keeps in its cache
# (~/.cache/evcxr), shared by every kernel.
CACHE_MB = 2000
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Lines of rustc's message shown for a failing cell.
MESSAGE_LINES = 40


def first_line(source: str) -> str:
    """The first non-empty line of a cell, to name it in a report."""
    for line in source.splitlines():
        if line.strip():
            return line.strip()
    return "(empty cell)"


def panic_message(stderr: str) -> str:
    """The first panic's message without its backtrace (evcxr always runs the
    cell with RUST_BACKTRACE=1), or all of stderr when nothing panicked."""
    lines = stderr.splitlines()
    for start, line in enumerate(lines):
        if "panicked at" in line:
            end = start + 1
            while end < len(lines) and not lines[end].startswith("stack backtrace:"):
                end += 1
            return "\n".join(lines[start:end])
    return stderr


def cell_message(cell, error: Exception) -> str:
    """What the kernel said about a failing cell: stderr (panic messages) and
    the error's traceback (rustc's diagnostics), without terminal colours."""
    stderr = "".join(
        output.get("text", "")
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
    )
    errors = [
        "\n".join(output.get("traceback", [])) or f"{output.get('ename')}: {output.get('evalue')}"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    parts = [panic_message(stderr), *errors]
    text = "\n".join(part.strip() for part in parts if part.strip()) or str(error)
    text = ANSI_ESCAPE.sub("", text)
    lines = [line.rstrip() for line in text.splitlines()]
    if len(lines) > MESSAGE_LINES:
        lines = lines[:MESSAGE_LINES] + [f"... ({len(lines) - MESSAGE_LINES} more lines)"]
    return "\n".join(lines)


def log_tail(log: Path | None, lines: int = 15) -> str:
    """The last lines the kernel wrote to its log, if it has one."""
    if log is None or not log.exists():
        return ""
    tail = log.read_text(errors="replace").splitlines()[-lines:]
    return "\n".join([f"kernel log ({log}):", *tail])


# Where the kernels build: one folder per notebook, kept between runs, so a
# second run compiles only the cells and what changed. It is in the temporary
# folder, as evcxr's own: outside the workspace (cargo would take a kernel's
# crate inside it for a member), and away from the Rust toolchain's folder (a
# build folder beside it gets a wrong relative rpath to the standard library).
BUILDS = Path(tempfile.gettempdir()) / f"lab-notebooks-{os.getuid()}"
# Cargo settings for every kernel's build, found by cargo in a parent folder:
# the crates the notebooks load are compiled with optimisation (once, then
# kept), while evcxr.toml leaves the cells unoptimised so they compile fast.
CARGO_CONFIG = """\
# Written by tests/notebooks/run_notebooks.py for the notebook kernels' builds.
[profile.dev.package."*"]
opt-level = 3
"""

# The cache folder of this worker process when notebooks run at once; None
# for evcxr's default (~/.cache/evcxr).
worker_cache: Path | None = None


def start_worker(slots) -> None:
    """Gives a worker process its own evcxr cache. evcxr's cache is not safe
    for two kernels at once (a reader can find an entry half written), so
    each worker keeps one: the first uses the default, the others their own."""
    global worker_cache
    slot = slots.get()
    if slot > 0:
        worker_cache = Path.home() / ".cache" / f"lab-notebooks-{slot}"


@contextlib.contextmanager
def build_folder(path: Path):
    """The notebook's own build folder, locked while its kernel runs; when
    another run holds it, a temporary folder that is removed afterwards."""
    notebooks = path.resolve().parent
    key = hashlib.sha256(str(notebooks).encode()).hexdigest()[:12]
    root = BUILDS / f"{notebooks.parent.name}-{key}"
    (root / ".cargo").mkdir(parents=True, exist_ok=True)
    config = root / ".cargo" / "config.toml"
    if not config.exists() or config.read_text() != CARGO_CONFIG:
        config.write_text(CARGO_CONFIG)
    folder = root / path.stem
    with open(root / f"{path.stem}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            busy = False
        except BlockingIOError:
            busy = True
        if not busy:
            folder.mkdir(exist_ok=True)
            yield folder
            return
    folder = Path(tempfile.mkdtemp(prefix=f"{path.stem}-", dir=root))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_notebook(path: Path, timeout: float, logs: Path | None) -> dict:
    """Executes one notebook in a fresh kernel; returns its result as a dict."""
    start = time.monotonic()
    result = {"notebook": str(path), "passed": False, "seconds": 0.0, "failure": None}
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as error:  # unreadable JSON or not a notebook
        result["failure"] = f"cannot read the notebook: {error}"
        return result
    setup = nbformat.v4.new_code_cell(f":preserve_vars_on_panic 0\n:cache {CACHE_MB}")
    cells = [setup, *notebook.cells]
    notebook.cells = cells
    deadline = start + timeout

    def remaining(_cell) -> int:
        return max(1, int(deadline - time.monotonic()))

    client = NotebookClient(
        notebook,
        kernel_name=KERNEL,
        timeout_func=remaining,
        startup_timeout=60,
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    # A panic prints its message without a backtrace of evcxr's runtime.
    env = dict(os.environ, EVCXR_CONFIG_DIR=str(CONFIG_DIR), RUST_BACKTRACE="0")
    if worker_cache is not None:
        env["XDG_CACHE_HOME"] = str(worker_cache)
    log = None
    if logs is not None:
        logs.mkdir(parents=True, exist_ok=True)
        log = logs / f"{path.stem}.kernel.log"
    index = 0
    try:
        with open(log or os.devnull, "w") as kernel_output, build_folder(path) as folder:
            env["EVCXR_TMPDIR"] = str(folder)
            with client.setup_kernel(env=env, stdout=kernel_output, stderr=kernel_output):
                for index, cell in enumerate(cells):
                    client.execute_cell(cell, index)
        result["passed"] = True
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        cell = cells[index]
        if index == 0:
            where = "the setup cell"
        else:
            where = f"cell {index} ({first_line(cell.source)})"
        if isinstance(error, CellTimeoutError):
            reason = f"timed out after {timeout:g} s in {where}"
        elif isinstance(error, DeadKernelError):
            reason = f"the kernel died in {where}"
        else:
            reason = f"error in {where}"
        result["failure"] = f"{reason}\n{cell_message(cell, error)}"
        if isinstance(error, DeadKernelError):
            result["failure"] += "\n" + log_tail(log)
    except Exception as error:  # the kernel could not start, for instance
        result["failure"] = f"{type(error).__name__}: {error}\n{log_tail(log)}"
    finally:
        result["seconds"] = round(time.monotonic() - start, 1)
    return result


def report(result: dict, width: int) -> None:
    """Prints one line for a notebook, then the indented failure if any."""
    name = Path(result["notebook"]).name
    status = "passed" if result["passed"] else "failed"
    print(f"notebook {name:<{width}} {status} {result['seconds']:6.1f} s", flush=True)
    if result["failure"]:
        for line in result["failure"].splitlines():
            print(f"    {line}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path, help="the .ipynb files to run")
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds allowed per notebook (default 600)"
    )
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default 1)")
    parser.add_argument("--logs", type=Path, help="folder for each kernel's own output")
    parser.add_argument("--report", type=Path, help="write the results to this JSON file")
    args = parser.parse_args()

    width = max(len(path.name) for path in args.notebooks)
    results = []
    if args.jobs > 1:
        context = multiprocessing.get_context("spawn")
        slots = context.Queue()
        for slot in range(args.jobs):
            slots.put(slot)
        with ProcessPoolExecutor(
            max_workers=args.jobs,
            mp_context=context,
            initializer=start_worker,
            initargs=(slots,),
        ) as pool:
            futures = [
                pool.submit(run_notebook, path, args.timeout, args.logs)
                for path in args.notebooks
            ]
            for future in as_completed(futures):
                results.append(future.result())
                report(results[-1], width)
    else:
        for path in args.notebooks:
            results.append(run_notebook(path, args.timeout, args.logs))
            report(results[-1], width)

    failed = sum(not result["passed"] for result in results)
    if args.report:
        args.report.write_text(json.dumps(results, indent=2))
    else:
        print(f"notebooks: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
