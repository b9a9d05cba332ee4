"""Write the lecture's HTML book from executed notebooks, with nbconvert.

`cargo lab book` and `cargo lab test` run this script with the workspace's
Python environment:

    python book.py --out DIR EXECUTED.ipynb...

Each notebook becomes DIR/NAME.html (nbconvert's JupyterLab template, outputs
and plots inline, a bar linking the contents and the neighbouring pages), and
DIR/index.html lists them in the order given (the lecture's order) with the
title of each, its first heading. Links between notebooks (NAME.ipynb) point
to their pages (NAME.html).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

NOTEBOOK_LINK = re.compile(r'href="([^":/#]+)\.ipynb(#[^"]*)?"')


def title(notebook) -> str:
    """The notebook's first markdown heading, without its #s."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    # Markdown emphasis and code marks read badly as plain text.
                    return re.sub(r"[*`]", "", line.lstrip("#")).strip()
    return "Untitled"


def nav_bar(pages: list[tuple[str, str]], index: int) -> str:
    """Links to the contents and the previous and next pages."""
    links = ['<a href="index.html">Contents</a>']
    if index > 0:
        links.append(f'<a href="{pages[index - 1][0]}">&larr; {html.escape(pages[index - 1][1])}</a>')
    if index + 1 < len(pages):
        links.append(f'<a href="{pages[index + 1][0]}">{html.escape(pages[index + 1][1])} &rarr;</a>')
    return ('<nav style="padding:0.5em 1em;border-bottom:1px solid #ccc;font-family:sans-serif">'
            + " | ".join(links) + "</nav>")


def index_page(pages: list[tuple[str, str]]) -> str:
    """The table of contents."""
    items = "\n".join(
        f'<li><a href="{page}">{html.escape(name)}</a></li>' for page, name in pages
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Lecture 3: Backpropagation</title></head>
<body style="font-family:sans-serif;max-width:50em;margin:2em auto">
<h1>Lecture 3: Backpropagation</h1>
<p>The lecture's notebooks, run with the evcxr Rust kernel.</p>
<ol>
{items}
</ol>
</body></html>
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the book's folder")
    parser.add_argument("notebooks", nargs="+", type=Path, help="executed .ipynb files")
    args = parser.parse_args()

    notebooks = [nbformat.read(path, as_version=4) for path in args.notebooks]
    pages = [(f"{path.stem}.html", title(nb)) for path, nb in zip(args.notebooks, notebooks)]
    exporter = HTMLExporter(template_name="lab")
    args.out.mkdir(parents=True, exist_ok=True)
    for index, notebook in enumerate(notebooks):
        body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": pages[index][1]}})
        body = NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav_bar(pages, index), body, count=1)
        (args.out / pages[index][0]).write_text(body, encoding="utf-8")
        print(f"book: {pages[index][0]}", flush=True)
    (args.out / "index.html").write_text(index_page(pages), encoding="utf-8")
    print(f"book: {args.out / 'index.html'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
