"""RISE in a real JupyterLab: `browser_test.py --lab` calls `check`.

`lab notebooks --no-browser --port N` serves JupyterLab on the lecture's
notebooks, as for a student. The slideshow of the start page (RISE's
`/rise/NOTEBOOK` page, what *Open as Reveal Slideshow* opens) must start on
the notebook's title slide, hold a slide for every `##` section, and run its
first code cell with the evcxr kernel (Space until the cell shows, then
Shift+Enter, as in the talk): the cell gets its execution count. JupyterLab is stopped afterwards.
"""

from __future__ import annotations

import json
import queue
import re
import subprocess
import threading
import time
from pathlib import Path

NOTEBOOK = "00-start-here.ipynb"
SERVER_TIMEOUT_S = 120
CELL_TIMEOUT_MS = 600_000


def serve(command: list[str], port: int, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str | None]:
    """Starts a Jupyter server (`command`, e.g. `lab notebooks --no-browser
    --port N`), waits until it prints its address and returns it and the
    address's token (None when the server hides it as `token=...`: a token
    given on its command line)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    name = " ".join([Path(command[0]).name, *command[1:3]])
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()
    address = re.compile(rf"http://(?:127\.0\.0\.1|localhost):{port}/\S*token=(\w+|\.\.\.)")
    deadline, last = time.monotonic() + SERVER_TIMEOUT_S, ""
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited: {last.strip()}")
            continue
        found = address.search(line)
        if found:
            return process, None if found.group(1) == "..." else found.group(1)
        last = line if line.strip() else last
    process.terminate()
    raise RuntimeError(f"{name} printed no address in {SERVER_TIMEOUT_S} s")


def titles(notebook: Path) -> list[str]:
    """The notebook's `##` headings: the slides RISE must show."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    sources = ("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    return [source.split("\n", 1)[0][3:].strip() for source in sources if source.startswith("## ")]


def check(playwright, chromium: str, lab: str, port: int, notebooks: Path) -> list[str]:
    """The slideshow of the start page starts and runs a cell; the problems."""
    from browser_test import Browser, PlaywrightError

    problems = []
    try:
        process, token = serve([lab, "notebooks", "--no-browser", "--port", str(port)], port)
    except RuntimeError as error:
        return [f"RISE: {error}"]
    local = (f"http://127.0.0.1:{port}/", f"http://localhost:{port}/", "data:", "blob:")
    browser = Browser(playwright, chromium, allowed=local)
    try:
        page = browser.page
        page.goto(f"http://127.0.0.1:{port}/rise/{NOTEBOOK}?token={token}")
        page.wait_for_selector(".reveal .slides section.present", timeout=120_000)
        shown = page.eval_on_selector_all(".reveal .slides h2",
                                          "hs => hs.map(h => h.textContent.replace('¶', '').trim())")
        missing = [title for title in titles(notebooks / NOTEBOOK) if title not in shown]
        if missing:
            problems.append(f"RISE: the slideshow of {NOTEBOOK} lacks the slides {missing}")
        # As in the talk: Space steps on until the first code cell shows,
        # Shift+Enter runs it.
        page.click(".reveal .present .jp-Cell >> nth=0")
        page.keyboard.press("Escape")
        code = ".reveal .present .jp-CodeCell.jp-mod-active"
        for _ in range(10):
            if page.locator(code).count():
                break
            page.keyboard.press("Space")
            page.wait_for_timeout(500)
        cell = page.locator(code).element_handle()
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(
            "cell => /\\[\\d+\\]/.test(cell.querySelector('.jp-InputPrompt').textContent)",
            arg=cell, timeout=CELL_TIMEOUT_MS)
        print(f"browser: RISE: the slideshow of {NOTEBOOK} started ({len(shown)} slide titles) "
              "and ran its first code cell", flush=True)
    except PlaywrightError as error:  # a timeout or a closed page: one line
        problems.append(f"RISE: {type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        browser.close()
        process.terminate()
        process.wait(timeout=30)
    problems.extend(f"RISE: loads from the network: {url}" for url in browser.refused)
    return problems
