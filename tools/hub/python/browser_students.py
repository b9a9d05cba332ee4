"""Students on a running course hub, in a real browser: the browser step of
`cargo lab test --hub`.

Playwright drives the system's Chromium, headless, with one browser context
(its own cookies: one student) per user name given. Each student:

1. fills the hub's login page (`/hub/login`) with their name and the
   default authenticator's shared password, and lands in their JupyterLab
   (the hub starts their server);
2. opens NOTEBOOK from their `notebooks/` folder and runs Run ▸ Run All
   Cells from the menu.

The students run at the same time. For each, once no cell is queued any
more: every code cell shows an execution count; the notebook, saved
(File ▸ Save Notebook), is in the student's folder under HOMES with every code cell
executed and no error output; and their kernel was told its notebook
(`JPY_SESSION_NAME` names that file, so the kernel warmed itself up,
tools/jupyter/kernel/launch.py). Requests that leave the hub's address are
refused and reported.

Each problem is printed on its own line; the exit status is 1 if there is any.

    python browser_students.py --chromium PROGRAM --url URL --password PW
        --notebook NAME --homes DIR --code-cells N [--screenshots DIR] USER...
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "jupyter" / "python"))
from browser_test import CHROMIUM_ARGS, PlaywrightError, refuse_outside  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

SPAWN_TIMEOUT_MS = 300_000
RUN_TIMEOUT_MS = 900_000
SAVE_TIMEOUT_S = 60

# The prompts (`[ ]:`, `[*]:`, `[3]:`) of the code cells of the notebook
# whose tab is the current one, or null while it is not.
PROMPTS = """name => {
    const tab = [...document.querySelectorAll('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current')]
        .find(tab => tab.textContent.trim() === name);
    const panel = tab && document.getElementById(tab.dataset.id);
    return panel && [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
        .map(prompt => prompt.textContent.trim());
}"""
# True once the notebook is open and current with its N code cells.
OPENED = f"""([name, n]) => {{ const prompts = ({PROMPTS})(name); return prompts && prompts.length === n; }}"""
# True once no code cell is queued or running: every prompt is `[n]:` or
# empty (`[ ]:`, a cell a failure kept from running), none `[*]:`; at
# least one cell ran.
RUN_FINISHED = f"""([name, n]) => {{
    const prompts = ({PROMPTS})(name);
    return prompts && prompts.length === n && !prompts.some(text => text.includes('*'))
        && prompts.some(text => /\\[\\d+\\]/.test(text));
}}"""


class Student:
    """One student's browser context, page and notebook."""

    def __init__(self, browser, name: str, args):
        self.name, self.args = name, args
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.refused = refuse_outside(self.page, (args.url.rstrip("/") + "/", "data:", "blob:"))

    def log_in_and_run(self) -> None:
        """The login page, JupyterLab, the notebook, Run All Cells."""
        page, url = self.page, self.args.url.rstrip("/")
        page.goto(f"{url}/hub/login")
        page.fill("input[name=username]", self.name)
        page.fill("input[name=password]", self.args.password)
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url(f"**/user/{self.name}/lab**", timeout=SPAWN_TIMEOUT_MS)
        page.goto(f"{url}/user/{self.name}/lab/tree/notebooks/{self.args.notebook}")
        opened = [self.args.notebook, self.args.code_cells]
        page.wait_for_function(OPENED, arg=opened, timeout=SPAWN_TIMEOUT_MS)
        page.click(".lm-MenuBar-item:has-text('Run')")
        page.click(".lm-Menu-item[data-command='runmenu:run-all']")

    def finish(self, code_cells: int) -> list[str]:
        """Waits for the run to end; the problems seen."""
        page = self.page
        page.wait_for_function(RUN_FINISHED, arg=[self.args.notebook, code_cells], timeout=RUN_TIMEOUT_MS)
        problems = []
        prompts = page.evaluate(PROMPTS, self.args.notebook)
        not_run = [i + 1 for i, text in enumerate(prompts) if not re.search(r"\[\d+\]", text)]
        if not_run:
            problems.append(f"{self.name}: code cells {not_run} show no execution count")
        problems.extend(self.kernel_knows_its_notebook())
        page.click(".lm-MenuBar-item:has-text('File')")
        page.click(".lm-Menu-item[data-command='docmanager:save']")
        problems.extend(self.saved_copy(code_cells))
        return problems

    def saved_copy(self, code_cells: int) -> list[str]:
        """The saved notebook in the student's folder: every code cell
        executed, none with an error output."""
        saved = Path(self.args.homes) / self.name / "notebooks" / self.args.notebook
        deadline = time.monotonic() + SAVE_TIMEOUT_S
        cells = []
        while time.monotonic() < deadline:
            try:
                cells = [c for c in json.loads(saved.read_text())["cells"] if c["cell_type"] == "code"]
            except (OSError, ValueError, KeyError):
                cells = []
            if len(cells) == code_cells and all(c.get("execution_count") for c in cells):
                break
            # Playwright's own wait: the page's requests (the save) pass
            # through this process's route handler only while it waits so.
            self.page.wait_for_timeout(500)
        else:
            return [f"{self.name}: {saved} was not saved with every cell executed"]
        problems = []
        for number, cell in enumerate(cells, start=1):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    evalue = str(output.get("evalue", "")).splitlines()[:1]
                    problems.append(f"{self.name}: code cell {number} shows an error: {output.get('ename')} {evalue}")
        print(f"browser: {self.name}: {code_cells} code cells executed, saved in {saved}", flush=True)
        return problems

    def kernel_knows_its_notebook(self) -> list[str]:
        """The student's kernel (evcxr_jupyter with their JUPYTERHUB_USER)
        was started with JPY_SESSION_NAME naming the notebook's file."""
        wanted = f"JUPYTERHUB_USER={self.name}".encode()
        expected = (Path(self.args.homes) / self.name / "notebooks" / self.args.notebook).resolve()
        named = []
        for entry in Path("/proc").iterdir():
            try:
                if b"evcxr_jupyter" not in (entry / "cmdline").read_bytes():
                    continue
                environ = (entry / "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if wanted in environ:
                named += [v.split(b"=", 1)[1].decode() for v in environ if v.startswith(b"JPY_SESSION_NAME=")]
        if not named:
            return [f"{self.name}: no kernel of theirs was told its notebook (JPY_SESSION_NAME)"]
        if not any(Path(name).resolve() == expected for name in named):
            return [f"{self.name}: the kernel's JPY_SESSION_NAME {named} is not {expected}"]
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--notebook", required=True, help="a notebook's file name in notebooks/")
    parser.add_argument("--homes", required=True, help="the folder of the students' homes")
    parser.add_argument("--code-cells", type=int, required=True)
    parser.add_argument("--screenshots", help="where each student's page is saved when a step fails")
    parser.add_argument("users", nargs="+")
    args = parser.parse_args()
    problems = []
    start = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        students = [Student(browser, name, args) for name in args.users]
        try:
            for student in students:
                student.log_in_and_run()
                print(f"browser: {student.name} logged in through the login page and runs "
                      f"{args.notebook}", flush=True)
            for student in students:
                problems.extend(student.finish(args.code_cells))
        except PlaywrightError as error:  # a timeout or a closed page: one line
            problems.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
            if args.screenshots:
                for student in students:
                    shot = Path(args.screenshots) / f"browser-{student.name}.png"
                    student.page.screenshot(path=str(shot))
                    problems.append(f"{student.name}: the page is in {shot}")
        finally:
            browser.close()
    for student in students:
        problems.extend(f"{student.name}: loads from outside the hub: {url}" for url in student.refused)
    for problem in problems:
        print(f"browser: {problem}", flush=True)
    print(f"browser: {len(args.users)} students in {time.monotonic() - start:.0f} s", flush=True)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
