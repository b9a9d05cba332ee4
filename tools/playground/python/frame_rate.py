"""Measures the playground page in headless Chromium while it plays: the
boundary frames drawn per second (the page's own counter, sampled each
second) and how long the page takes to answer a call from outside (its
responsiveness). Prints one JSON object; `lab bench playground` reports it.

Usage: frame_rate.py URL CHROMIUM SECONDS
"""

import json
import sys
import time

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main():
    url, chromium, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.wait_for_function("document.getElementById('train-loss').textContent !== '–'")
        page.click("#play")
        time.sleep(1.5)  # the first second's counter includes the start
        frames, answers = [], []
        for _ in range(seconds):
            started = time.perf_counter()
            frames.append(int(page.evaluate("document.getElementById('fps').textContent")))
            answers.append(1000 * (time.perf_counter() - started))
            time.sleep(1)
        epoch = int(page.inner_text("#epoch"))
        page.click("#play")
        browser.close()
    print(json.dumps({"frames_per_second": frames, "answer_ms": answers, "epoch": epoch}))


if __name__ == "__main__":
    main()
