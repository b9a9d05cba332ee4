"""Execute the course notebooks on the evcxr Rust kernel and report each one.

`cargo lab test` and `cargo lab book` run this script with the workspace's
Python environment (nbclient, nbformat, jupyter_client) and `JUPYTER_PATH`
pointing at the course's kernelspec. For every notebook it:

1. executes it in memory and never writes it back (`cargo lab test` refuses
   a notebook stored with outputs before it gets here);
2. starts a fresh `rust` kernel in the notebook's folder, so `:dep` paths such
   as `../crates/lecture` resolve as they do in Jupyter; the kernelspec gives
   it the course's kernel settings (`kernel/` in the `jupyter` crate: the
   shared `:cache`, the optimisation levels, a build folder kept between
   kernels), the same as a student's kernel in JupyterLab;
3. runs a setup cell first: `:preserve_vars_on_panic 0` makes a panicking cell
   an error (by default evcxr catches the panic and the cell passes);
4. executes the cells in order within a time budget for the whole notebook,
   timing each, and on failure reports the cell, its first line and rustc's
   message;
5. with `--executed DIR`, writes a notebook that passed, with its outputs,
   to DIR under the same name (for the HTML book).

It prints one line per notebook (name, passed/failed, seconds) and writes the
results, with each cell's time, as JSON when `--report FILE` is given;
otherwise it ends with the line `notebooks: N passed, M failed`. The exit
status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "rust"
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


def failure_text(error: Exception, cells: list, index: int, timeout: float, log) -> str:
    """What went wrong in cell `index`: where, why, and the kernel's message."""
    cell = cells[index]
    where = "the setup cell" if index == 0 else f"cell {index} ({first_line(cell.source)})"
    if isinstance(error, CellTimeoutError):
        reason = f"timed out after {timeout:g} s in {where}"
    elif isinstance(error, DeadKernelError):
        reason = f"the kernel died in {where}"
    else:
        reason = f"error in {where}"
    text = f"{reason}\n{cell_message(cell, error)}"
    if isinstance(error, DeadKernelError):
        text += "\n" + log_tail(log)
    return text


def kernel_env(notebook: Path) -> dict:
    """The kernel's environment: ours, with panics reported without a
    backtrace of evcxr's runtime, the worker's own cache if any, and the
    notebook's path, as JupyterLab gives it (the kernel warms up from it)."""
    env = dict(os.environ, RUST_BACKTRACE="0", JPY_SESSION_NAME=str(notebook.resolve()))
    if worker_cache is not None:
        env["XDG_CACHE_HOME"] = str(worker_cache)
    return env


def shows_unit(cells: list) -> int | None:
    """The first code cell whose output is `()`, the value of a block or a
    loop left at the end of the cell: noise to a student."""
    for index, cell in enumerate(cells):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.get("output_type") == "execute_result" and output.get("data", {}).get("text/plain", "").strip() == "()":
                return index
    return None


def run_notebook(path: Path, timeout: float, logs: Path | None, executed: Path | None) -> dict:
    """Executes one notebook in a fresh kernel; returns its result as a dict."""
    start = time.monotonic()
    result = {"notebook": str(path), "passed": False, "seconds": 0.0, "failure": None,
              "kernel_seconds": None, "cells": [], "executed": None}
    kept = executed / path.name if executed is not None else None
    if kept is not None:
        kept.unlink(missing_ok=True)
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as error:  # unreadable JSON or not a notebook
        result["failure"] = f"cannot read the notebook: {error}"
        return result
    setup = nbformat.v4.new_code_cell(":preserve_vars_on_panic 0")
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
    log = None
    if logs is not None:
        logs.mkdir(parents=True, exist_ok=True)
        log = logs / f"{path.stem}.kernel.log"
    index = 0
    try:
        with open(log or os.devnull, "w") as kernel_output:
            with client.setup_kernel(env=kernel_env(path), stdout=kernel_output, stderr=kernel_output):
                result["kernel_seconds"] = round(time.monotonic() - start, 2)
                for index, cell in enumerate(cells):
                    began = time.monotonic()
                    client.execute_cell(cell, index)
                    if index > 0 and cell.cell_type == "code":
                        result["cells"].append({"cell": index, "first_line": first_line(cell.source),
                                                "seconds": round(time.monotonic() - began, 2)})
        shown = shows_unit(cells)
        if shown is not None:
            result["failure"] = (f"cell {shown} ({first_line(cells[shown].source)}) shows `()` as its output: "
                                 "end its final block or loop with `;`")
        result["passed"] = shown is None
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        result["failure"] = failure_text(error, cells, index, timeout, log)
    except Exception as error:  # the kernel could not start, for instance
        result["failure"] = f"{type(error).__name__}: {error}\n{log_tail(log)}"
    finally:
        result["seconds"] = round(time.monotonic() - start, 1)
    if result["passed"] and kept is not None:
        notebook.cells = cells[1:]
        kept.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, kept)
        result["executed"] = str(kept)
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
    parser.add_argument("--executed", type=Path, help="keep the notebooks that passed here, run")
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
                pool.submit(run_notebook, path, args.timeout, args.logs, args.executed)
                for path in args.notebooks
            ]
            for future in as_completed(futures):
                results.append(future.result())
                report(results[-1], width)
    else:
        for path in args.notebooks:
            results.append(run_notebook(path, args.timeout, args.logs, args.executed))
            report(results[-1], width)

    failed = sum(not result["passed"] for result in results)
    if args.report:
        args.report.write_text(json.dumps(results, indent=2))
    else:
        print(f"notebooks: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
