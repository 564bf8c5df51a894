"""Full-page screenshots of the public site, as README.md shows them.

    .venv/bin/python docs/screenshots/take.py http://127.0.0.1:8000

Against a served demo (`make demo`), in Debian's Chromium: the home page, a
good practice, a project, a tutorial, a filtered list of practices and a
search, in Polish and in Russian, each at 390 px (a phone) and 1366 px (a
laptop), saved here as WebP (the README links them).
"""

import io
import shutil
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
PAGES = {
    "home": {"pl": "/pl/", "ru": "/ru/"},
    "practice": {
        "pl": "/pl/projekty/podaj-dalej/spotkania-w-lazach/",
        "ru": "/ru/projects/podaj-dalej/meetings-in-lazy/",
    },
    "project": {
        "pl": "/pl/projekty/podaj-dalej/",
        "ru": "/ru/proekty/onlain-shkola-nastavnichestva/",
    },
    "tutorial": {
        "pl": "/pl/filmy/spotkanie-online/",
        "ru": "/ru/tutorials/spotkanie-online/",
    },
    "practices-filtered": {
        "pl": "/pl/dobre-praktyki/?audience=librarians",
        "ru": "/ru/praktiki/?audience=librarians",
    },
    "search": {
        "pl": "/pl/search/?q=bibliotekarkami",
        "ru": "/ru/search/?q=наставничеством",
    },
}
WIDTHS = (390, 1366)


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for name, paths in PAGES.items():
            for language, path in paths.items():
                for width in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(base + path)
                    # Lazy images below the fold: loaded before the picture.
                    page.evaluate(
                        "document.querySelectorAll('img[loading=lazy]')"
                        ".forEach(image => image.loading = 'eager')"
                    )
                    page.wait_for_load_state("networkidle")
                    png = page.screenshot(full_page=True)
                    target = HERE / f"{name}-{language}-{width}.webp"
                    Image.open(io.BytesIO(png)).save(target, "WEBP", quality=80)
                    print(target.relative_to(HERE.parent.parent))
                    page.close()
        browser.close()


if __name__ == "__main__":
    main()
