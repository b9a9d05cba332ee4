"""Write the lecture's slide decks from executed notebooks, with nbconvert.

`cargo lab slides` and `cargo lab test` run this script with the workspace's
Python environment:

    python slides.py --out DIR EXECUTED.ipynb...

Each notebook becomes DIR/NAME.html, a reveal.js deck (nbconvert's slides
exporter through the `slides` template): the cells' slideshow metadata makes
each `##` heading a slide, each `###` heading or "Try it" a sub-slide (down
arrow) and each code cell a fragment. DIR/index.html lists the decks and
their slides. Like the book (`book.py`, whose pieces this script uses), the
folder loads nothing from the network: reveal.js comes from the
sphinx-revealjs package and MathJax 3 from django-static-mathjax, both
copied into DIR.
"""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path

import sphinx_revealjs
from nbconvert import SlidesExporter

import book

REVEAL = "reveal.js"
# The white theme's font is in the package; "simple", the default, loads web fonts.
THEME = "white"


def copy_reveal(out: Path) -> None:
    """reveal.js (its script and style, the white theme and its font, the
    notes plugin) into OUT/reveal.js, where the decks load it from. The
    other themes load web fonts, so they stay out."""
    source = Path(sphinx_revealjs.__file__).resolve().parent / "_static" / "revealjs"
    target = out / REVEAL
    shutil.rmtree(target, ignore_errors=True)
    font = Path("dist") / "theme" / "fonts" / "source-sans-pro"
    shutil.copytree(source / font, target / font)
    for file in ["dist/reveal.js", "dist/reveal.css", f"dist/theme/{THEME}.css",
                 "plugin/notes/notes.js", "LICENSE"]:
        (target / file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / file, target / file)


def index_page(decks: list[tuple[str, str, list[str]]]) -> str:
    """The decks in order, each with its slides."""
    items = "\n".join(
        f'<li><a href="{deck}">{html.escape(name)}</a>'
        + (f' <span class="slides">({html.escape(" · ".join(slides))})</span>' if slides else "")
        + "</li>"
        for deck, name, slides in decks
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lecture 3: Backpropagation, slides</title>
<style>
body {{ font-family: sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}
.slides {{ color: #555; }}
</style></head>
<body>
<h1>Lecture 3: Backpropagation, slides</h1>
<p>One deck per notebook, as it ran. In a deck: the arrow keys or space go
on (down for a slide's steps), Esc shows every slide, S the speaker
view.</p>
<ol id="decks">
{items}
</ol>
</body></html>
"""


def main() -> int:
    args = book.arguments(__doc__)

    export = book.exporter(SlidesExporter, "slides")
    export.reveal_url_prefix = REVEAL
    export.reveal_theme = THEME
    args.out.mkdir(parents=True, exist_ok=True)
    book.copy_mathjax(args.out)
    copy_reveal(args.out)
    decks = []
    for stem, name, notebook in book.read(args.notebooks):
        body = book.html_of(export, notebook, name)
        deck = f"{stem}.html"
        book.write(args.out, deck, body, "slides")
        decks.append((deck, name, [title for _, title in book.slides_of(body)]))
    book.write(args.out, "index.html", index_page(decks), "slides")
    return 0


if __name__ == "__main__":
    sys.exit(main())
