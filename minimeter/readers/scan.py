"""Scan clean-up before OCR: deskew, binarise, and erase table rules (Pillow only, no I/O).

A scanned or photographed bill reaches Tesseract with three things it reads badly:

* a small rotation (a sheet fed a little askew): a row of a form drifts by a whole text line
  across the page, so a label and its value on the right end up on different rows;
* grey shading (table headers, boxes): Tesseract's own global threshold may turn a shaded band
  into a black one and lose the words printed on it;
* ruled tables: a word touching a cell border is read as part of a picture ("[Peak | Tra kwn")
  and whole ruled rows are dropped.

``clean(img, dpi)`` -> ``(img, angle)``: a grey image becomes a black-on-white one (``binarise``
after ``flatten`` takes out the local paper level, so a shaded band turns to paper and its words
stay ink), turned upright by ``skew_angle`` (degrees, counter-clockwise as ``Image.rotate`` takes
them), with long horizontal and vertical strokes (``rules_mask``) erased. Every step runs in
Pillow's C code (resizes, point tables, channel ops, a max filter on a reduced copy): under two
seconds for a 300 dpi Letter page on one core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

MAX_SKEW = 3.0
"""Angles tried, either way (degrees): a feeder's skew; a photo turned further is the user's to fix."""
SKEW_STEP = 0.1
BACKGROUND_INCHES = 0.12
"""The paper level under a pixel is the lightest grey this far around it."""
COARSE_STEP = 0.5
RULE_INCHES = 0.25
"""A straight dark stroke longer than this is a rule, not a glyph: a capital's stem reaches it only
at about 36 pt, larger than a bill prints its figures (``rules_mask`` takes runs of 1.25 x it)."""


def otsu_threshold(img: Image) -> int:
    """The grey level that best splits ``img`` (mode L) into ink and paper (Otsu's method)."""
    hist = img.histogram()[:256]
    total = sum(hist)
    if total == 0:
        return 128
    sum_all = sum(i * h for i, h in enumerate(hist))
    w0 = 0
    sum0 = 0.0
    best, best_t = -1.0, 128
    for t in range(256):
        w0 += hist[t]
        if w0 == 0:
            continue
        w1 = total - w0
        if w1 == 0:
            break
        sum0 += t * hist[t]
        m0, m1 = sum0 / w0, (sum_all - sum0) / w1
        between = w0 * w1 * (m0 - m1) ** 2
        if between > best:
            best, best_t = between, t
    return best_t


def flatten(img: Image, dpi: float) -> Image:
    """``img`` with its local paper level taken out: each pixel's darkness below the lightest grey
    around it (``BACKGROUND_INCHES`` across), as a grey image on white. Text on a shaded band comes
    out as dark as text on paper, and the band itself as paper, whatever grey it was printed in."""
    from PIL import Image as PILImage
    from PIL import ImageChops, ImageFilter, ImageOps

    f = max(int(dpi * BACKGROUND_INCHES / 5), 1)
    small = img.reduce(f) if f > 1 else img
    # (The lightest grey within five reduced pixels: wider than a bold stroke, so a heading's
    # letters are never taken for their own background.)
    paper = small.filter(ImageFilter.MaxFilter(5)).resize(img.size, PILImage.Resampling.BILINEAR)
    return ImageOps.invert(ImageChops.subtract(paper, img))


def binarise(img: Image, threshold: int | None = None, dpi: float | None = None) -> Image:
    """Black ink (0) on white paper (255), cut at the Otsu level between ink and paper. With ``dpi``
    the image is ``flatten``-ed first, so a shaded band is paper and the words on it ink."""
    if dpi:
        img = flatten(img, dpi)
    t = otsu_threshold(img) if threshold is None else threshold
    return img.point([0 if v <= t else 255 for v in range(256)])


def _row_profile_score(ink: Image) -> float:
    """How sharply the rows of ``ink`` (white ink on black) alternate between text and gap: the
    sum of squared row means, largest when text lines run exactly horizontally."""
    from PIL import Image as PILImage

    prof = ink.resize((1, ink.height), PILImage.Resampling.BOX).histogram()
    return float(sum(v * v * n for v, n in enumerate(prof)))


def skew_angle(binary: Image) -> float:
    """The rotation (degrees) that makes the text lines of ``binary`` (ink 0) horizontal: the angle
    in +-``MAX_SKEW`` whose row profile is sharpest, searched on a quarter-size copy. 0.0 for a
    blank page."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    small = binary.resize((max(binary.width // 4, 1), max(binary.height // 4, 1)), PILImage.Resampling.BOX)
    ink = ImageOps.invert(small)
    if ink.getbbox() is None:
        return 0.0

    def score(a: float) -> float:
        return _row_profile_score(ink.rotate(a, resample=PILImage.Resampling.NEAREST) if a else ink)

    # Coarse to fine: the sharpness peak is about a text line's height over the page width wide
    # (about a degree at this size), so half-degree steps cannot step over it.
    flat = score(0.0)
    k = round(MAX_SKEW / COARSE_STEP)
    coarse = max((i * COARSE_STEP for i in range(-k, k + 1)), key=score)
    fine = [round(coarse + i * SKEW_STEP, 2) for i in range(-4, 5)]
    best = max(fine, key=score)
    if score(best) <= flat * 1.0005:  # (a flat profile's noise: keep the image as it came)
        return 0.0
    return round(best, 2)


def rules_mask(binary: Image, dpi: float) -> Image:
    """White (255) where ``binary`` (ink 0) has a straight horizontal or vertical dark run of at
    least 1.25 x ``RULE_INCHES``, black elsewhere, widened by three pixels across to take the
    rule's grey edges; a run shorter than ``RULE_INCHES`` is never taken.

    Along each axis the ink is first squeezed threefold across it (a pixel is ink if any of three
    is: a thin rule left a little aslant stays one run), then averaged in bins of ``RULE_INCHES``
    along it at four offsets: a run 1.25 bins long fills one bin completely, while the gaps between
    a word's letters keep every bin of a text line partly white."""
    from PIL import Image as PILImage
    from PIL import ImageChops, ImageOps

    ink = ImageOps.invert(binary)
    w, h = ink.size
    n = max(int(dpi * RULE_INCHES), 4)
    any_ink = [255 if v >= 80 else 0 for v in range(256)]
    full = [255 if v >= 250 else 0 for v in range(256)]
    mask = PILImage.new("L", (w, h), 0)
    for horizontal in (True, False):
        squeezed = ink.resize((w, max(h // 3, 1)) if horizontal else (max(w // 3, 1), h),
                              PILImage.Resampling.BOX).point(any_ink)
        sw, sh = squeezed.size
        axis = PILImage.new("L", (sw, sh), 0)  # (combined at the squeezed size: one upscale per axis)
        for shift in (0, n // 4, n // 2, 3 * n // 4):
            # Bins of n pixels from ``shift``; the last partial bin is left out, never smeared.
            if horizontal:
                k = (sw - shift) // n
                box, size, at = (shift, 0, shift + k * n, sh), (k, sh), (shift, 0)
            else:
                k = (sh - shift) // n
                box, size, at = (0, shift, sw, shift + k * n), (sw, k), (0, shift)
            if k < 1:
                continue
            part = squeezed.crop(box)
            bins = part.resize(size, PILImage.Resampling.BOX).point(full)
            placed = PILImage.new("L", (sw, sh), 0)
            placed.paste(bins.resize(part.size, PILImage.Resampling.NEAREST), at)
            axis = ImageChops.lighter(axis, placed)
        # One squeezed pixel either side across the rule: its grey edges (a max filter on the full
        # page would cost more than the rest of the clean-up together).
        dx, dy = (0, 1) if horizontal else (1, 0)
        axis = ImageChops.lighter(axis, ImageChops.lighter(ImageChops.offset(axis, dx, dy),
                                                           ImageChops.offset(axis, -dx, -dy)))
        mask = ImageChops.lighter(mask, axis.resize((w, h), PILImage.Resampling.NEAREST))
    return mask


def clean(img: Image, dpi: float) -> tuple[Image, float]:
    """``img`` (mode L, ``dpi`` pixels per inch) upright, binarised and without table rules; and the
    angle it was turned by (the caller maps word boxes back when it needs the original frame)."""
    from PIL import Image as PILImage
    from PIL import ImageChops

    binary = binarise(img, dpi=dpi)
    angle = skew_angle(binary)
    if angle:
        # Turn the grey image, then threshold again: rotating a two-level image jags its glyphs.
        img = img.rotate(angle, resample=PILImage.Resampling.BICUBIC, fillcolor=255)
        binary = binarise(img, dpi=dpi)
    return ImageChops.lighter(binary, rules_mask(binary, dpi)), angle
