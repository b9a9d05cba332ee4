"""The book and the slide decks in a real browser, offline; RISE in JupyterLab.

`cargo lab test` runs this script with the workspace's Python environment
after it has built the book and the decks of the executed notebooks:

    python browser_test.py --chromium PROGRAM --notebooks DIR --book DIR
        --slides DIR [--lab PROGRAM --port N]

Playwright drives the system's Chromium, headless. Every request that does
not go to a file (or, for JupyterLab, to the local server) is refused and
reported, so the pages are seen as they are offline.

- Book: every page's formulas are typeset by MathJax, as many as its
  notebook's markdown has (counted here from the notebook), none with an
  error, and no `$` left in the rendered text.
- Slides: every deck starts, steps forward to its last slide and back to
  the first, and typesets its formulas without error.
- RISE (with --lab): `lab notebooks --no-browser --port N` serves
  JupyterLab; the slideshow of a notebook starts with its title slide, and
  a code cell run in the slideshow shows its output.

Each problem is printed on its own line; the exit status is 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError, sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.S)
INLINE_MATH = re.compile(r"\$[^$\n]+?\$")

# The text of the rendered markdown outside code and typeset formulas.
MARKDOWN_TEXT = """() => Array.from(document.querySelectorAll('.jp-RenderedMarkdown')).map(cell => {
    const copy = cell.cloneNode(true);
    copy.querySelectorAll('code, pre, mjx-container').forEach(node => node.remove());
    return copy.textContent;
}).join('\\n')"""


def formulas_in(notebook: Path) -> int:
    """How many formulas ($…$ and $$…$$) the notebook's markdown cells hold,
    code spans and blocks left out."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    count = 0
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        text = CODE.sub("", "".join(cell["source"]).replace(r"\$", ""))
        count += len(DISPLAY_MATH.findall(text))
        count += len(INLINE_MATH.findall(DISPLAY_MATH.sub("", text)))
    return count


def refuse_outside(page, allowed: tuple[str, ...]) -> list[str]:
    """Makes `page` refuse every request whose address does not start with
    one of `allowed`; the list the refused addresses are added to."""
    refused: list[str] = []

    def route(route):
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return refused


class Browser:
    """A headless Chromium page that refuses and notes every request that
    leaves the allowed addresses."""

    def __init__(self, playwright, chromium: str, allowed: tuple[str, ...] = ("file:", "data:")):
        self.browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        self.page = self.browser.new_page(viewport={"width": 1280, "height": 800})
        self.refused = refuse_outside(self.page, allowed)

    def typeset(self, url: str) -> None:
        """Opens URL and waits until MathJax has typeset the page."""
        self.page.goto(url)
        self.page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
        self.page.evaluate("MathJax.startup.promise")

    def close(self) -> None:
        self.browser.close()


def check_book(browser: Browser, book: Path, notebooks: Path, problems: list[str]) -> int:
    """Every page of the book: its formulas all typeset. Returns how many."""
    total = 0
    pages = sorted(p for p in book.glob("*.html") if p.name != "index.html")
    for page in pages:
        try:
            browser.typeset(page.resolve().as_uri())
        except PlaywrightError as error:
            problems.append(f"book {page.name}: MathJax did not typeset it: {str(error).splitlines()[0]}")
            continue
        rendered = browser.page.locator("mjx-container").count()
        errors = browser.page.locator("mjx-merror").count()
        expected = formulas_in(notebooks / f"{page.stem}.ipynb")
        if rendered != expected:
            problems.append(f"book {page.name}: {rendered} formulas typeset, its notebook has {expected}")
        if errors:
            problems.append(f"book {page.name}: {errors} formulas show a MathJax error")
        raw = browser.page.evaluate(MARKDOWN_TEXT)
        if "$" in raw:
            problems.append(f"book {page.name}: a raw $ in the text: {raw[raw.index('$') - 30:][:60]!r}")
        total += rendered
    browser.page.goto((book / "index.html").resolve().as_uri())
    rows = browser.page.locator("#slides tbody tr").count()
    print(f"browser: book: {len(pages)} pages, {total} formulas typeset, "
          f"{rows} slides in the index", flush=True)
    return total


def check_deck(browser: Browser, deck: Path, problems: list[str]) -> int:
    """One deck: it starts, steps to its last slide and back. Returns the
    number of slides."""
    browser.typeset(deck.resolve().as_uri())
    page = browser.page
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    slides = page.evaluate("Reveal.getTotalSlides()")
    steps = 0
    while not page.evaluate("Reveal.isLastSlide() && !Reveal.availableFragments().next") and steps < 1000:
        page.keyboard.press("Space")  # the next fragment, sub-slide or slide
        steps += 1
    last = page.evaluate("Reveal.getIndices()")
    page.keyboard.press("Home")
    first = page.evaluate("Reveal.getIndices()")
    if slides < 2 or last["h"] == 0 or first["h"] != 0 or steps >= 1000:
        problems.append(f"slides {deck.name}: did not step through its {slides} slides "
                        f"(last {last}, back to {first})")
    errors = page.locator("mjx-merror").count()
    if errors:
        problems.append(f"slides {deck.name}: {errors} formulas show a MathJax error")
    return slides


def check_slides(browser: Browser, slides: Path, problems: list[str]) -> None:
    """Every deck listed in the index."""
    browser.page.goto((slides / "index.html").resolve().as_uri())
    decks = browser.page.eval_on_selector_all("#decks a", "links => links.map(a => a.getAttribute('href'))")
    total = sum(check_deck(browser, slides / deck, problems) for deck in decks)
    if not decks:
        problems.append("slides: the index lists no deck")
    print(f"browser: slides: {len(decks)} decks, {total} slides stepped through", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", required=True, help="Chromium's program")
    parser.add_argument("--notebooks", type=Path, required=True,
                        help="the executed notebooks the book was made of")
    parser.add_argument("--book", type=Path, required=True, help="the book's folder")
    parser.add_argument("--slides", type=Path, required=True, help="the decks' folder")
    parser.add_argument("--lab", help="the lab program, to test RISE in JupyterLab")
    parser.add_argument("--port", type=int, default=8898, help="JupyterLab's port")
    args = parser.parse_args()

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = Browser(playwright, args.chromium)
        try:
            check_book(browser, args.book, args.notebooks, problems)
            check_slides(browser, args.slides, problems)
        except PlaywrightError as error:  # a page that never loads or typesets
            problems.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
        finally:
            browser.close()
        problems.extend(f"loads from the network: {url}" for url in browser.refused)
        if args.lab:
            import rise_test
            problems.extend(rise_test.check(playwright, args.chromium, args.lab, args.port, args.notebooks))
    for problem in problems:
        print(f"browser: {problem}", flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
