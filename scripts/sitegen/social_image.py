"""Link-preview images (Open Graph / Twitter), drawn at build time.

In: the site name and the resolution title in each language (data/meta.yaml)
and the Be Vietnam Pro font shipped by the pinned PyPI package
`fontpkg-be-vietnam-pro` (no network, no web font). Out: one 1200×630 PNG per
language in the built site: assets/social.png (Vietnamese, the default
language) and assets/social-<lang>.png for the others. The same data gives
the same bytes on every build: Pillow writes no timestamp or other metadata
chunk, and text layout depends only on the font and the strings. A card is
therefore cached by the hash of its strings, this module, the fonts and
Pillow's version (cache.py): drawing both takes 0.15 s, reading them 1 ms.
"""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL import __version__ as PILLOW_VERSION

from .cache import cached, digest, file_digest

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = (40, 53, 147)       # Material indigo 800, the site's header colour family
BAND = (255, 193, 7)             # amber accent stripe
TEXT = (255, 255, 255)
MUTED = (197, 202, 233)          # indigo 100
DEFAULT_LANG = "vi"
LANGUAGE_LINE = "Tiếng Việt · English"


def font_path(weight: str) -> Path:
    """A Be Vietnam Pro TTF file from the installed font package."""
    import fontpkg_be_vietnam_pro

    path = Path(fontpkg_be_vietnam_pro.ROOT) / "files" / f"BeVietnamPro-{weight}.ttf"
    if not path.is_file():
        raise FileNotFoundError(f"font missing: {path} (pip install -r requirements.txt)")
    return path


def load_font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(weight)), size)


def wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap to lines no wider than `width` pixels."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def fit_title(draw: ImageDraw.ImageDraw, title: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The largest bold size (from 64 px down) at which the wrapped title fits the box."""
    for size in range(64, 27, -2):
        font = load_font("Bold", size)
        lines = wrap(draw, title, font, width)
        line_height = round(size * 1.25)
        if len(lines) * line_height <= height and all(draw.textlength(l, font=font) <= width for l in lines):
            return font, lines, line_height
    raise ValueError(f"title does not fit the social image: {title!r}")


def draw_card(site_name: str, title: str) -> Image.Image:
    """The 1200×630 card: site name, title, language line."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=BAND)
    text_width = WIDTH - 2 * MARGIN
    draw.text((MARGIN, MARGIN), site_name, font=load_font("SemiBold", 34), fill=MUTED)
    title_top, title_bottom = MARGIN + 90, HEIGHT - MARGIN - 70
    font, lines, line_height = fit_title(draw, title, text_width, title_bottom - title_top)
    for index, line in enumerate(lines):
        draw.text((MARGIN, title_top + index * line_height), line, font=font, fill=TEXT)
    draw.line((MARGIN, HEIGHT - MARGIN - 40, WIDTH - MARGIN, HEIGHT - MARGIN - 40), fill=MUTED, width=2)
    draw.text((MARGIN, HEIGHT - MARGIN - 24), LANGUAGE_LINE, font=load_font("Medium", 28), fill=MUTED)
    return image


def png_bytes(image: Image.Image) -> bytes:
    """PNG with no metadata chunks (no time, no text), so builds are byte-identical."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def image_name(lang: str) -> str:
    """File name under assets/ of the card for `lang`."""
    return "social.png" if lang == DEFAULT_LANG else f"social-{lang}.png"


def card_key(site_name: str, title: str) -> str:
    """The hash of everything a card's bytes depend on."""
    fonts = [file_digest(font_path(weight)) for weight in ("SemiBold", "Bold", "Medium")]
    return digest(site_name, title, Path(__file__).read_bytes(), PILLOW_VERSION, *fonts)


def card_png(site_name: str, title: str, cache: bool = True) -> bytes:
    return cached("social", card_key(site_name, title), ".png",
                  lambda: png_bytes(draw_card(site_name, title)), use=cache)


def social_cards(meta: dict, languages=("vi", "en"), cache: bool = True) -> dict[str, bytes]:
    """{path relative to the site root: PNG bytes} for every language."""
    return {
        f"assets/{image_name(lang)}": card_png(meta["site"]["name"][lang], meta["title"][lang], cache)
        for lang in languages
    }


def write_social_images(site_dir: Path, meta: dict) -> list[Path]:
    """Draw the cards (from data/meta.yaml's contents) into the built site."""
    written = []
    for relative, content in social_cards(meta).items():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written
