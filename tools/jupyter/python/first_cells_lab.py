"""Times a notebook's first two code cells in a real JupyterLab, as a student meets them.

    python first_cells_lab.py --chromium PROGRAM --folder DIR --port N
        [--read SECONDS ...] [--screenshots DIR] [--without-warm-up] NOTEBOOK...

DIR is a throw-away student folder: `DIR/notebooks/*.ipynb`, copies of the
course's notebooks, and the checkout's `crates` (the notebooks' `:dep` paths
are `../crates/...`) and `lessons` (the start page reads
`../lessons/lesson-3/lesson.toml`). The script changes the copies: it
appends one code cell `1 + 1` to each NOTEBOOK, to time a trivial cell in
the same kernel, and writes that copy back before and after every run
(JupyterLab saves outputs into it). It serves DIR with JupyterLab (`python
-m jupyterlab`, the kernelspec found through the inherited `JUPYTER_PATH`)
on 127.0.0.1:N and stops it, and every kernel it started, at the end, even
on error.

For each NOTEBOOK and each `--read` value (default 0 and 15 seconds) a fresh
headless Chromium context, refused every request that does not go to the
server, opens `/lab/tree/notebooks/NOTEBOOK` as a student does; JupyterLab
starts a fresh kernel for it. The student reads `read` seconds, counted from
the opening, but cannot act before the first code cell is shown (0: runs at
once). Then, as a student:

1. clicks into the first code cell and presses Shift+Enter, clicks into the
   second code cell (markdown may lie between) and presses Shift+Enter
   right away; a press that JupyterLab does not take (the cell's prompt does
   not turn to `[*]` within a second) is pressed again, and counted;
2. `first_two_s` runs from the first press until both cells show their
   execution count, neither with an error: JupyterLab draws an error and
   text written to stderr alike, in red, and both count as errors here;
3. clicks into the `1 + 1` cell and presses Ctrl+Enter (runs it and stays)
   three times, each timed from the press until the cell shows a new count
   and its result; `trivial_s` is the median, `ratio` = first_two_s / trivial_s.

Then the session is shut down through the REST API, the page closed and
JupyterLab's saved layout deleted, so the next run starts a fresh kernel for
its notebook alone. With `--screenshots DIR` the page is saved as
`DIR/NOTEBOOK-readS.png` after the two cells ran.

Besides the figures, a run notes what the student saw: `shown_s`, when the
two code cells were on the page; `pressed_s`, when the first press was made,
and `status_at_press`; `statuses`, the kernel's status as the status bar
shows it (`Rust | Idle`), with when each began (seconds since the opening);
`prompts`, the two cells' prompts once they ran (the kernel's silent warm-up
counts executions too); `lost_presses`.

With `--without-warm-up` the kernels are not told their notebook, so they
do not warm up while the student reads (kernel/launch.py): the same
measurement as before the warm-up, for comparison.

Prints one JSON object on stdout, `{"runs": [{"notebook", "read_s",
"first_two_s", "trivial_s", "ratio", "ok", "problem", ...}]}`, with progress
on stderr. Exits 1 only if JupyterLab or Chromium could not start; a cell
that fails is a run with `ok` false and `problem` one line.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1
from playwright.sync_api import Error as PlaywrightError, sync_playwright

from browser_test import Browser, refuse_outside
from rise_test import CELL_TIMEOUT_MS, SERVER_TIMEOUT_S, serve

KERNEL = "rust"
TRIVIAL = "1 + 1"
TRIVIAL_RUNS = 3
SHOWN_TIMEOUT_MS = 180_000
# How long a press may take to turn the cell's prompt to `[*]` before the
# student presses again, and how many presses they make at most.
TAKEN_S = 1.0
PRESSES = 30
CODE_CELLS = ".jp-Notebook .jp-CodeCell"
# The kernel's status as the status bar shows it, e.g. `Rust | Idle`.
STATUS = """() => Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'))
    .map(item => item.textContent.trim()).find(text => / \\| /.test(text)) ?? 'none'"""
# A cell's state as the student sees it: its prompt and whether it shows red output.
CELL_STATE = """cell => ({
    prompt: cell.querySelector('.jp-InputPrompt').textContent.trim(),
    error: cell.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]') !== null,
    text: cell.querySelector('.jp-OutputArea-output')?.textContent.trim() ?? '',
})"""
COUNTED = r"/^\[\d+\]:$/"


def log(message: str) -> None:
    """Progress on stderr."""
    print(f"first_cells_lab: {message}", file=sys.stderr, flush=True)


class Notebook:
    """A notebook's copy in the student folder, with one code cell `1 + 1`
    appended (unless its last cell already is one), as each run finds it."""

    def __init__(self, folder: Path, name: str):
        self.name = name
        self.path = folder / "notebooks" / name
        content = json.loads(self.path.read_text(encoding="utf-8"))
        cells = content["cells"]
        if not cells or "".join(cells[-1]["source"]).strip() != TRIVIAL:
            cells.append({"cell_type": "code", "execution_count": None, "id": "first-cells-lab-trivial",
                          "metadata": {}, "outputs": [], "source": [TRIVIAL]})
        self.trivial_index = len(cells) - 1
        self.text = json.dumps(content, indent=1, ensure_ascii=False) + "\n"
        self.restore()

    def restore(self) -> None:
        """Writes the copy as the first run found it: without the outputs
        JupyterLab may have saved since (it saves a notebook every two minutes)."""
        self.path.write_text(self.text, encoding="utf-8")


def kernelspec_without_warm_up(data: Path) -> Path:
    """Writes a copy of the `rust` kernelspec into the Jupyter data folder
    `data` whose kernels are not told their notebook (`JPY_SESSION_NAME`
    empty: the kernelspec's variables override the server's), so they do not
    warm up, as before the warm-up; returns `data`, to put first on
    JUPYTER_PATH."""
    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    target = data / "kernels" / KERNEL
    shutil.copytree(spec.resource_dir, target)
    kernel = json.loads((target / "kernel.json").read_text(encoding="utf-8"))
    kernel.setdefault("env", {})["JPY_SESSION_NAME"] = ""
    (target / "kernel.json").write_text(json.dumps(kernel, indent=1), encoding="utf-8")
    return data


class Lab:
    """JupyterLab serving the student folder, with its token and the REST API."""

    def __init__(self, folder: Path, port: int, warm_up: bool = True):
        self.base = f"http://127.0.0.1:{port}"
        self.token = secrets.token_hex(24)
        self.state = Path(tempfile.mkdtemp(prefix="first-cells-lab-"))
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(self.state / "runtime"))
        if not warm_up:
            data = kernelspec_without_warm_up(self.state / "jupyter")
            env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(data), env.get("JUPYTER_PATH")]))
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--ServerApp.root_dir={folder}",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", "--ServerApp.allow_root=True",
                   f"--LabApp.workspaces_dir={self.state / 'workspaces'}"]
        self.process, _ = serve(command, port, env)
        self.wait_answering()

    def wait_answering(self) -> None:
        """Waits until the server answers (it prints its address a moment
        before it listens); stops it if it does not within SERVER_TIMEOUT_S."""
        deadline = time.monotonic() + SERVER_TIMEOUT_S
        while True:
            try:
                self.api("GET", "/api/status")
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise
                time.sleep(0.2)

    def api(self, method: str, path: str):
        """One REST request; its JSON answer (None when empty)."""
        request = urllib.request.Request(self.base + path, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def sessions(self) -> list[dict]:
        """The sessions JupyterLab holds (one per open notebook)."""
        return self.api("GET", "/api/sessions")

    def forget(self) -> None:
        """Shuts every session's kernel down and deletes the saved layout, so
        the next opening starts afresh."""
        for session in self.sessions():
            self.api("DELETE", f"/api/sessions/{session['id']}")
        try:
            self.api("DELETE", "/lab/api/workspaces/default")
        except urllib.error.HTTPError as error:
            if error.code != 404:  # none saved
                raise

    def stop(self) -> None:
        """Stops the kernels and JupyterLab, then any kernel process left
        (found by its connection file, in this server's runtime folder)."""
        try:
            for kernel in self.api("GET", "/api/kernels"):
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
        except OSError as error:
            log(f"could not shut the kernels down through JupyterLab: {error}")
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        for pid in processes_naming(str(self.state / "runtime")):
            log(f"stopping kernel process {pid}, left running")
            with contextlib.suppress(ProcessLookupError):  # gone meanwhile
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.state, ignore_errors=True)


def processes_naming(text: str) -> list[int]:
    """The processes whose command line contains `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


class RunProblem(Exception):
    """What went wrong in one run, in one line."""


def kernel_message(payload: bytes | str) -> tuple[dict, dict, dict] | None:
    """The header, parent header and content of a message on a kernel's
    websocket (JSON text, or jupyter_server's binary v1 protocol); None for
    anything else."""
    try:
        if isinstance(payload, str):
            message = json.loads(payload)
            return message["header"], message["parent_header"], message["content"]
        _, parts = deserialize_msg_from_ws_v1(payload)
        header, parent, _, content = (json.loads(part) for part in parts[:4])
        return header, parent, content
    except (ValueError, KeyError, IndexError, TypeError):
        return None


class Run:
    """One notebook opened in a fresh browser context, driven as a student.
    While it waits it notes JupyterLab's kernel status, and it notes every
    cell the kernel begins (its `execute_input`, whoever sent it), each with
    when it began."""

    POLL_MS = 50

    def __init__(self, page, url: str):
        self.page = page
        self.statuses: list[list] = []
        self.executions: list[list] = []
        self.requests: set[str] = set()
        page.on("websocket", self.listen)
        self.opened = time.monotonic()
        page.goto(url, wait_until="commit")

    def listen(self, websocket) -> None:
        """Follows the messages of a kernel's websocket."""
        if "/api/kernels/" in websocket.url:
            websocket.on("framesent", lambda payload: self.note(payload, sent=True))
            websocket.on("framereceived", self.note)

    def note(self, payload: bytes | str, sent: bool = False) -> None:
        """Notes the page's execute requests, and each cell the kernel begins:
        when, its count, whether the student sent it, its first line."""
        message = kernel_message(payload)
        if message is None:
            return
        header, parent, content = message
        if sent and header.get("msg_type") == "execute_request":
            self.requests.add(header.get("msg_id"))
        elif not sent and header.get("msg_type") == "execute_input":
            sender = "student" if parent.get("msg_id") in self.requests else "another client"
            first = (content.get("code") or "").strip().split("\n")[0][:60]
            self.executions.append([self.since_opened(), content.get("execution_count"), sender, first])

    def since_opened(self) -> float:
        """Seconds since the notebook was opened, rounded to 0.01."""
        return round(time.monotonic() - self.opened, 2)

    def watch(self, until: float | None = None, done: str | None = None, arg=None) -> None:
        """Polls until the monotonic time `until`, or until the page function
        `done(arg)` is true (at most CELL_TIMEOUT_MS), noting each status."""
        deadline = until if until is not None else time.monotonic() + CELL_TIMEOUT_MS / 1000
        while True:
            status = self.page.evaluate(STATUS)
            if not self.statuses or self.statuses[-1][0] != status:
                self.statuses.append([status, self.since_opened()])
            if done is not None and self.page.evaluate(done, arg):
                return
            if time.monotonic() >= deadline:
                if done is not None:
                    raise RunProblem(f"not done after {CELL_TIMEOUT_MS // 1000} s (kernel {status})")
                return
            self.page.wait_for_timeout(self.POLL_MS)

    def state(self, cell) -> dict:
        """The cell's prompt, whether it shows red output, and its output's text."""
        return self.page.evaluate(CELL_STATE, cell)

    def press(self, cell, key: str) -> tuple[float, int]:
        """Clicks into the cell's editor and presses `key`, again while
        JupyterLab does not take it (the prompt stays as it was); returns when
        the first press was made and how many presses were not taken."""
        before = self.state(cell)["prompt"]
        first = None
        for lost in range(PRESSES):
            dialog = self.page.locator(".jp-Dialog")
            if dialog.count():
                raise RunProblem(f"a dialog: {dialog.first.inner_text().splitlines()[0]!r}")
            cell.query_selector(".cm-content").click()
            pressed = time.monotonic()
            self.page.keyboard.press(key)
            first = first or pressed
            while time.monotonic() < pressed + TAKEN_S:
                if self.state(cell)["prompt"] != before:
                    return first, lost
                self.page.wait_for_timeout(20)
        raise RunProblem(f"{PRESSES} presses of {key}, none taken (kernel {self.statuses[-1][0]})")


ALL_COUNTED = f"cells => cells.every(cell => {COUNTED}.test(cell.querySelector('.jp-InputPrompt').textContent.trim()))"
COUNTED_AGAIN = f"""([cell, before, result]) => {{
    const prompt = cell.querySelector('.jp-InputPrompt').textContent.trim();
    const output = cell.querySelector('.jp-OutputArea-output')?.textContent.trim();
    return prompt !== before && {COUNTED}.test(prompt) && output === result;
}}"""


def first_two(run: Run, read: float, result: dict) -> None:
    """Waits until the student can act and has read `read` seconds, runs the
    first two code cells with Shift+Enter and times them (into `result`)."""
    code = run.page.locator(CODE_CELLS)
    code.nth(1).wait_for(state="attached", timeout=SHOWN_TIMEOUT_MS)
    result["shown_s"] = run.since_opened()
    run.watch(until=run.opened + read)
    cells = [code.nth(0).element_handle(), code.nth(1).element_handle()]
    result["status_at_press"] = run.statuses[-1][0]
    pressed, lost = run.press(cells[0], "Shift+Enter")
    result["pressed_s"] = round(pressed - run.opened, 2)
    result["lost_presses"] = lost + run.press(cells[1], "Shift+Enter")[1]
    run.watch(done=ALL_COUNTED, arg=cells)
    result["first_two_s"] = round(time.monotonic() - pressed, 2)
    states = [run.state(cell) for cell in cells]
    result["prompts"] = [state["prompt"] for state in states]
    for number, state in enumerate(states, 1):
        if state["error"]:
            raise RunProblem(f"code cell {number} shows an error: {state['text'][:120]!r}")


def trivial(run: Run, index: int, result: dict) -> None:
    """Runs the `1 + 1` cell (Ctrl+Enter) TRIVIAL_RUNS times, each timed from
    the press until it shows a new count and `2`; the median into `result`."""
    cell = run.page.locator(".jp-Notebook .jp-Cell").nth(index).element_handle()
    times = []
    for _ in range(TRIVIAL_RUNS):
        before = run.state(cell)["prompt"]
        pressed, _ = run.press(cell, "Control+Enter")
        run.watch(done=COUNTED_AGAIN, arg=[cell, before, "2"])
        times.append(time.monotonic() - pressed)
    result["trivial_s"] = round(statistics.median(times), 3)
    result["ratio"] = round(result["first_two_s"] / result["trivial_s"], 1)


def measure(browser: Browser, lab: Lab, notebook: Notebook, read: float, screenshots: Path | None) -> dict:
    """One run on a fresh kernel: the first two cells, then the trivial one."""
    notebook.restore()
    result = {"notebook": notebook.name, "read_s": read, "first_two_s": None, "trivial_s": None,
              "ratio": None, "ok": False, "problem": None}
    context = browser.browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    refused = refuse_outside(page, (lab.base + "/", "data:", "blob:"))
    run = None
    try:
        run = Run(page, f"{lab.base}/lab/tree/notebooks/{notebook.name}?token={lab.token}")
        first_two(run, read, result)
        if screenshots:
            page.screenshot(path=str(screenshots / f"{notebook.path.stem}-read{read:g}.png"))
        trivial(run, notebook.trivial_index, result)
        sessions = lab.sessions()
        if len(sessions) != 1:
            raise RunProblem(f"JupyterLab holds {len(sessions)} sessions, not one")
        result["ok"] = True
    except (PlaywrightError, RunProblem, OSError) as error:
        result["problem"] = f"{type(error).__name__}: {str(error).splitlines()[0]}"
    finally:
        result["statuses"] = run.statuses if run else []
        result["executions"] = run.executions if run else []
        context.close()
        try:
            lab.forget()
        except OSError as error:
            result["ok"], result["problem"] = False, f"JupyterLab did not answer: {error}"
        notebook.restore()
    if refused and result["ok"]:
        result["ok"], result["problem"] = False, f"loads from outside the server: {refused[0]}"
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", required=True, help="Chromium's program")
    parser.add_argument("--folder", type=Path, required=True, help="the student folder (notebooks/, crates)")
    parser.add_argument("--port", type=int, required=True, help="JupyterLab's port")
    parser.add_argument("--read", nargs="+", default=["0", "15"], metavar="SECONDS",
                        help="seconds the student reads before running (default 0 15)")
    parser.add_argument("--screenshots", type=Path, help="save the page after the two cells here")
    parser.add_argument("--without-warm-up", action="store_true",
                        help="kernels that do not warm up while the student reads, for comparison")
    parser.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="file names in FOLDER/notebooks")
    args = parser.parse_args()
    # `--read 0 15 A.ipynb`: the values end at the first that is not a number.
    numbers = list(itertools.takewhile(lambda value: value.replace(".", "", 1).isdigit(), args.read))
    args.read, args.notebooks = [float(value) for value in numbers], args.read[len(numbers):] + args.notebooks
    if not args.read or not args.notebooks:
        parser.error("give --read one or more numbers of seconds and at least one NOTEBOOK")

    try:
        notebooks = [Notebook(args.folder, name) for name in args.notebooks]
    except (OSError, ValueError, KeyError) as error:
        print(f"first_cells_lab: cannot read a notebook: {error}", file=sys.stderr)
        return 1
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    try:
        lab = Lab(args.folder.resolve(), args.port, warm_up=not args.without_warm_up)
    except (RuntimeError, OSError, KeyError) as error:
        print(f"first_cells_lab: JupyterLab did not start: {error}", file=sys.stderr)
        return 1
    runs = []
    try:
        with sync_playwright() as playwright:
            try:
                browser = Browser(playwright, args.chromium)
            except PlaywrightError as error:
                print(f"first_cells_lab: Chromium did not start: {str(error).splitlines()[0]}", file=sys.stderr)
                return 1
            for notebook in notebooks:
                for read in args.read:
                    log(f"{notebook.name}, reading {read:g} s")
                    runs.append(measure(browser, lab, notebook, read, args.screenshots))
                    log(json.dumps(runs[-1]))
            browser.close()
    finally:
        lab.stop()
    print(json.dumps({"runs": runs}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
