"""Drives the playground page in headless Chromium and prints, as one JSON
object, what a student would see: the console's errors, the shown loss and
boundary before and after pressing play, the accuracy a run reaches, the step
view's numbers and the messages bad settings give. The Rust test
(tests/playground.rs) judges them.

Usage: browser_check.py URL CHROMIUM [SCREENSHOT_FOLDER]
"""

import json
import sys
import time

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# The settings of the moons run: a link an instructor could give.
MOONS = "#data=moons&hidden=8&lr=3&batch=10&speed=20"


def text(page, selector):
    return page.locator(selector).inner_text()


def number(page, selector):
    shown = text(page, selector).replace("%", "").strip()
    return float(shown) if shown not in ("", "–") else None


def boundary(page):
    return page.evaluate("document.getElementById('boundary').toDataURL()")


def load(page, url):
    page.goto("about:blank")
    page.goto(url)
    page.wait_for_function("document.getElementById('train-loss').textContent !== '–'"
                           " || !document.getElementById('message').hidden")


def play_on_moons(page, url, shots):
    """Loads the moons run, presses play until 95 % test accuracy (or 90 s)."""
    report = {}
    load(page, url + MOONS)
    report["loss_before"] = number(page, "#train-loss")
    report["boundary_before"] = boundary(page)
    if shots:
        page.screenshot(path=f"{shots}/start.png", full_page=True)
    page.click("#play")
    page.wait_for_function("Number(document.getElementById('epoch').textContent) >= 100")
    report["loss_early"] = number(page, "#train-loss")
    report["boundary_early"] = boundary(page)
    deadline = time.time() + 90
    best, fps = 0.0, []
    while time.time() < deadline and best < 95.0:
        time.sleep(1)
        best = max(best, number(page, "#test-accuracy") or 0.0)
        fps.append(int(text(page, "#fps")))
    page.click("#play")
    page.wait_for_function("document.getElementById('play').textContent.includes('play')")
    time.sleep(0.5)  # frames sent before the pause arrive and must not undo it
    report.update(test_accuracy=best, epoch=int(text(page, "#epoch")), frames_per_second=fps,
                  loss_after=number(page, "#train-loss"), playing_label=text(page, "#play"))
    if shots:
        page.screenshot(path=f"{shots}/trained.png", full_page=True)
    return report


def step_mode(page, url, shots):
    """The slide's tiny network in step mode: every number of the table."""
    load(page, url + "#data=slide")
    page.check("#step-on")
    page.wait_for_selector("#delta-z-2-0")
    values = page.evaluate("""Object.fromEntries([...document.querySelectorAll('#step-view td[id]')]
        .map(cell => [cell.id, [cell.textContent, Number(cell.dataset.value)]]))""")
    labels = page.evaluate("[...document.querySelectorAll('#network text')].map(t => t.textContent)")
    if shots:
        page.screenshot(path=f"{shots}/step.png", full_page=True)
    return {"values": values, "diagram_labels": labels}


def saturated(page, url):
    """A run with α far too large saturates units: they are marked."""
    load(page, url + "#data=moons&hidden=4&lr=200&batch=1")
    page.click("#step")
    page.check("#step-on")
    page.wait_for_selector("#delta-z-1-0")
    return page.evaluate("document.querySelectorAll('#network .unit.saturated').length")


def message_for(page, url, hash_part):
    load(page, url + hash_part)
    return text(page, "#message")


def bad_csv(page, url):
    load(page, url + "#data=csv")
    page.set_input_files("#csv", files=[{"name": "bad.csv", "mimeType": "text/csv",
                                          "buffer": b"x1,x2,y\n0,0,0\n0,oops,1\n"}])
    page.wait_for_function("document.getElementById('message').textContent.includes('oops')")
    return text(page, "#message")


def main():
    url, chromium = sys.argv[1], sys.argv[2]
    shots = sys.argv[3] if len(sys.argv) > 3 else None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        console = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: console.append(str(e)))
        report = play_on_moons(page, url, shots)
        report["console_errors"] = list(console)
        report["step"] = step_mode(page, url, shots)
        report["saturated_units"] = saturated(page, url)
        report["messages"] = {
            "nan_rate": message_for(page, url, "#lr=NaN"),
            "negative_rate": message_for(page, url, "#lr=-1"),
            "zero_width": message_for(page, url, "#hidden=4,0"),
            "bad_csv": bad_csv(page, url),
        }
        report["page_errors_at_the_end"] = [e for e in console if "Failed to load resource" not in e]
        browser.close()
    for key in ("boundary_before", "boundary_early"):
        report[key] = str(hash(report[key]))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
