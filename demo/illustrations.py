"""Illustrations drawn for the demo: flat pictures, one per project, good
practice and library, made with Pillow when the demo is loaded.

The seed documents come without pictures, and the demo may not copy any
from elsewhere, so each story gets a drawing of what it is: a network of
libraries for a project, an open book and two people talking for a good
practice, a library building for a library. The same slug always gives the
same picture. They only decorate (the page and its card say what they
show), so their image descriptions are left empty.
"""

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675
# (background, shape, second shape, accent): calm colours, with the shapes
# dark or light enough to stand out from the background.
PALETTES = [
    ("#dceef2", "#0b5c8a", "#3d8fb8", "#f2a541"),
    ("#f4ead8", "#7a4b2a", "#c0793b", "#2f6f5e"),
    ("#e3ecdf", "#2f6f5e", "#5e9c76", "#d9603b"),
    ("#ece6f3", "#4b3f8f", "#8277c2", "#e0a526"),
    ("#f6e3e0", "#8f2f3a", "#c9626b", "#1f6f8b"),
]


def picture(kind, slug):
    """A PNG drawing (bytes) of ``kind`` ("project", "practice", "library")."""
    rng = random.Random(f"{kind}:{slug}")  # noqa: S311 (a drawing, not a secret)
    background, main, second, accent = rng.choice(PALETTES)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    _hills(draw, rng, second)
    {"project": _network, "practice": _book_and_talk, "library": _building}[kind](
        draw, rng, main, second, accent, background
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _hills(draw, rng, colour):
    """A low horizon of soft hills behind the drawing."""
    base = HEIGHT - 120
    for x in range(-200, WIDTH + 200, 320):
        width = rng.randint(380, 560)
        height = rng.randint(60, 140)
        draw.ellipse(
            (x, base - height, x + width, base + height + 200),
            fill=_mix(colour, "#ffffff", 0.75),
        )
    draw.rectangle((0, base + 60, WIDTH, HEIGHT), fill=_mix(colour, "#ffffff", 0.6))


def _network(draw, rng, main, second, accent, background):
    """Libraries as houses, joined by the project's lines."""
    points = []
    for _ in range(7):
        for _attempt in range(50):
            x, y = rng.randint(140, WIDTH - 140), rng.randint(120, HEIGHT - 220)
            if all((x - a) ** 2 + (y - b) ** 2 > 170**2 for a, b in points):
                points.append((x, y))
                break
    hub = points[0]
    for point in points[1:]:
        draw.line((hub, point), fill=second, width=10)
    for a, b in zip(points[1:], points[2:], strict=False):
        if rng.random() < 0.5:
            draw.line((a, b), fill=_mix(second, background, 0.4), width=6)
    for n, (x, y) in enumerate(points):
        size = 70 if n == 0 else 48
        colour = accent if n == 0 else main
        draw.rectangle((x - size, y - size // 2, x + size, y + size), fill=colour)
        draw.polygon(
            [
                (x - size - 14, y - size // 2),
                (x, y - size * 3 // 2),
                (x + size + 14, y - size // 2),
            ],
            fill=colour,
        )
        draw.rectangle(
            (x - size // 4, y + size // 4, x + size // 4, y + size), fill=background
        )


def _book_and_talk(draw, rng, main, second, accent, background):
    """An open book, and two people talking over it."""
    cx, top = WIDTH // 2, HEIGHT // 2 + 40
    for side in (-1, 1):
        outer = cx + side * 330
        draw.polygon(
            [(cx, top + 20), (outer, top - 30), (outer, top + 170), (cx, top + 210)],
            fill=main,
        )
        draw.polygon(
            [
                (cx, top),
                (outer - side * 14, top - 46),
                (outer - side * 14, top + 150),
                (cx, top + 190),
            ],
            fill="#ffffff",
        )
        for n in range(5):
            y = top + 10 + n * 30
            draw.line(
                (cx + side * 40, y - n * 2, outer - side * 60, y - 34 - n * 2),
                fill=_mix(second, "#ffffff", 0.35),
                width=6,
            )
    for n, side in enumerate((-1, 1)):
        x = cx + side * rng.randint(380, 450)
        colour = (accent, second)[n]
        draw.ellipse((x - 55, 110, x + 55, 220), fill=colour)
        draw.pieslice((x - 110, 230, x + 110, 470), 180, 360, fill=colour)
    bubble = (cx - 120, 70, cx + 120, 190)
    draw.rounded_rectangle(bubble, radius=40, fill="#ffffff", outline=main, width=8)
    draw.polygon([(cx - 30, 186), (cx + 10, 186), (cx - 50, 240)], fill=main)
    for n in range(3):
        x = cx - 60 + n * 60
        draw.ellipse((x - 14, 116, x + 14, 144), fill=accent)


def _building(draw, rng, main, second, accent, background):
    """A library: steps, columns, a pediment, a door and a sign."""
    cx = WIDTH // 2 + rng.randint(-120, 120)
    width = rng.randint(300, 380)
    top, bottom = 230, HEIGHT - 110
    draw.polygon(
        [(cx - width - 40, top), (cx, top - 150), (cx + width + 40, top)], fill=main
    )
    draw.rectangle((cx - width - 20, top, cx + width + 20, top + 40), fill=second)
    columns = rng.choice([4, 5, 6])
    step = (2 * width) / (columns - 1)
    for n in range(columns):
        x = cx - width + n * step
        draw.rectangle((x - 22, top + 40, x + 22, bottom - 40), fill="#ffffff")
        draw.rectangle((x - 30, bottom - 48, x + 30, bottom - 36), fill=second)
    draw.rectangle((cx - 60, bottom - 200, cx + 60, bottom - 40), fill=accent)
    for n in range(3):
        inset = n * 30
        draw.rectangle(
            (
                cx - width - 60 + inset,
                bottom - 40 + n * 20,
                cx + width + 60 - inset,
                bottom - 20 + n * 20,
            ),
            fill=_mix(main, "#ffffff", 0.3 + n * 0.15),
        )
    draw.ellipse((cx - 36, top - 110, cx + 36, top - 38), fill=accent)


def _mix(colour, other, amount):
    """``colour`` moved ``amount`` (0–1) of the way towards ``other``."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True)
    )
