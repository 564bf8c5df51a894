"""Full-page screenshots of the public site, as README.md shows them.

    .venv/bin/python docs/screenshots/take.py http://127.0.0.1:8000 [NAME ...]

Against a served demo (`make demo`), in Debian's Chromium: the home page, a
good practice, a project, a tutorial, a filtered list of practices, a
search and a story read machine translated, in Polish and in Russian, each
at 390 px (a phone) and 1366 px (a laptop), saved here as WebP (the README
links them); only the NAMEs given, if any. The machine-translated story
needs a service (LIBRETRANSLATE_URL: tests/editorial/stand_in.py's server
was used, which marks each text with its language, "[ru] ...").
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
    # An English project in Russian, a Russian one in Polish (the demo's ids).
    "machine-translated": {
        "pl": "/pl/machine-translation/92/",
        "ru": "/ru/machine-translation/96/",
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
        chosen = sys.argv[2:] or list(PAGES)
        for name, paths in PAGES.items():
            if name not in chosen:
                continue
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
