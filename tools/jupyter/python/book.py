"""Write the lecture's HTML book from executed notebooks, with nbconvert.

`cargo lab book` and `cargo lab test` run this script with the workspace's
Python environment:

    python book.py --out DIR EXECUTED.ipynb...

Each notebook becomes DIR/NAME.html (nbconvert's JupyterLab page through the
`book` template, outputs and plots inline, a bar linking the contents and the
neighbouring pages at its top and bottom), and DIR/index.html holds the
lecture's slide → page table and the pages in the order given (the lecture's
order). Links between notebooks (NAME.ipynb) point to their pages
(NAME.html).

The folder loads nothing from the network: MathJax 3 and its fonts are
copied from the django-static-mathjax package into DIR/mathjax/, so the
folder can be opened offline or published as a static site as it is.
`slides.py` uses the same pieces for the slide decks.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

import mathjax
import nbformat
from nbconvert import HTMLExporter

TEMPLATES = Path(__file__).resolve().parent / "templates"
NOTEBOOK_LINK = re.compile(r'href="([^":/#]+)\.ipynb(#[^"]*)?"')
HEADING_2 = re.compile(r'<h2 id="([^"]+)">(.*?)<a class="anchor-link"', re.S)
TAG = re.compile(r"<[^>]+>")


def title(notebook) -> str:
    """The notebook's first markdown heading, without its #s."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    # Markdown emphasis and code marks read badly as plain text.
                    return re.sub(r"[*`]", "", line.lstrip("#")).strip()
    return "Untitled"


def read(paths: list[Path]) -> list[tuple[str, str, object]]:
    """Each executed notebook as (its page's stem, its title, the notebook)."""
    notebooks = [nbformat.read(path, as_version=4) for path in paths]
    return [(path.stem, title(nb), nb) for path, nb in zip(paths, notebooks)]


def link_pages(body: str, extension: str = ".html") -> str:
    """Links to notebooks (NAME.ipynb) as links to their pages."""
    return NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}{extension}{m.group(2) or ""}"', body)


def copy_mathjax(out: Path) -> None:
    """MathJax 3 (the TeX input, every TeX extension, the CommonHTML output)
    and its web fonts into OUT/mathjax, where the templates load it from."""
    source = Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"
    target = out / "mathjax"
    shutil.rmtree(target, ignore_errors=True)
    fonts = Path("output") / "chtml" / "fonts" / "woff-v2"
    shutil.copytree(source / fonts, target / fonts)
    shutil.copy2(source / "tex-chtml-full.js", target)
    shutil.copy2(source.parent / "LICENSE", target)


def html_of(export, notebook, name: str) -> str:
    """The notebook exported as HTML titled NAME, its links to notebooks
    made links to their pages."""
    body, _ = export.from_notebook_node(notebook, resources={"metadata": {"name": name}})
    return link_pages(body)


def write(out: Path, file: str, text: str, label: str) -> None:
    """Writes OUT/FILE and says so on a line starting with LABEL."""
    (out / file).write_text(text, encoding="utf-8")
    print(f"{label}: {out / file}", flush=True)


def exporter(kind, template: str):
    """An nbconvert exporter of KIND using one of this folder's templates."""
    return kind(template_name=template, extra_template_basedirs=[str(TEMPLATES)],
                extra_template_paths=[str(TEMPLATES)])


def slides_of(page: str) -> list[tuple[str, str]]:
    """The `##` headings of an exported page: its slides, as (anchor, title)."""
    return [(anchor, html.unescape(TAG.sub("", text)).strip())
            for anchor, text in HEADING_2.findall(page)]


def nav_bar(pages: list[tuple[str, str]], index: int) -> str:
    """Links to the contents and the previous and next pages."""
    links = ['<a href="index.html">Contents</a>']
    if index > 0:
        links.append(f'<a href="{pages[index - 1][0]}">&larr; {html.escape(pages[index - 1][1])}</a>')
    if index + 1 < len(pages):
        links.append(f'<a href="{pages[index + 1][0]}">{html.escape(pages[index + 1][1])} &rarr;</a>')
    return ('<nav class="book-nav" style="padding:0.5em 1em;font-family:sans-serif">'
            + " | ".join(links) + "</nav>")


def lecture_slides(pages: list[tuple[str, str, str]]) -> list[tuple[str, str, str, str]]:
    """The lecture's slides and where each is, as (slide, page, anchor,
    page title): every `##` heading after the start page; a part's own
    Summary is not a slide of the lecture, except the last part's, which
    is the lecture's closing Summary."""
    rows = []
    for number, (page, name, body) in enumerate(pages):
        if number == 0 and page.startswith("00-"):
            continue
        last = number == len(pages) - 1
        for anchor, slide in slides_of(body):
            if slide != "Summary" or last:
                rows.append((slide, page, anchor, name))
    return rows


def index_page(pages: list[tuple[str, str, str]]) -> str:
    """The index: the slide → page table, then the pages in order."""
    rows = "\n".join(
        f'<tr><td>{html.escape(slide)}</td>'
        f'<td><a href="{page}#{anchor}">{html.escape(name)}</a></td></tr>'
        for slide, page, anchor, name in lecture_slides(pages)
    )
    items = "\n".join(
        f'<li><a href="{page}">{html.escape(name)}</a></li>' for page, name, _ in pages
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lecture 3: Backpropagation</title>
<style>
body {{ font-family: sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid #ddd; }}
</style></head>
<body>
<h1>Lecture 3: Backpropagation</h1>
<p>The lecture's notebooks, run with the evcxr Rust kernel: every cell's
output and plot as it ran.</p>
<h2>The lecture, slide by slide</h2>
<table id="slides">
<thead><tr><th>Slide</th><th>Page</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<h2>Contents</h2>
<ol id="contents">
{items}
</ol>
</body></html>
"""


def arguments(doc: str) -> argparse.Namespace:
    """The command line of this script and of slides.py: --out DIR and the
    executed notebooks."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the folder to write")
    parser.add_argument("notebooks", nargs="+", type=Path, help="executed .ipynb files")
    return parser.parse_args()


def main() -> int:
    args = arguments(__doc__)

    notebooks = read(args.notebooks)
    links = [(f"{stem}.html", name) for stem, name, _ in notebooks]
    export = exporter(HTMLExporter, "book")
    args.out.mkdir(parents=True, exist_ok=True)
    copy_mathjax(args.out)
    pages = []
    for index, (stem, name, notebook) in enumerate(notebooks):
        body = html_of(export, notebook, name)
        nav = nav_bar(links, index)
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, body, count=1)
        body = body.replace("</body>", nav + "</body>", 1)
        write(args.out, links[index][0], body, "book")
        pages.append((links[index][0], name, body))
    write(args.out, "index.html", index_page(pages), "book")
    return 0


if __name__ == "__main__":
    sys.exit(main())
