"""Fingerprints: the same layout with other values matches; another layout (of another utility, or of
the same utility) does not; the same boxes with the labels in another language still match."""

from __future__ import annotations

from pathlib import Path

import pytest

from minimeter.pipeline import extract_document, get_extractor
from minimeter.readers.base import Document
from minimeter.readers.sandbox import read_document
from minimeter.samples import LAYOUTS, render_bill
from minimeter.settings import Settings, load_settings
from minimeter.templates.fingerprint import similarity
from minimeter.templates.learn import learn
from minimeter.templates.model import Template
from tests.templates.bills import Facts, draw, other


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    s = load_settings(tmp_path_factory.mktemp("fp"), extractor="rules", use_templates=False)
    s.ensure_dirs()
    return s


def _read(settings: Settings, path: Path) -> Document:
    return read_document(path, settings)


def _template(settings: Settings, doc: Document) -> Template:
    result = extract_document(doc, settings, get_extractor(settings, "rules"), templates=False)
    t = learn(doc, result.bill, result, sha256="test")
    assert t is not None
    return t


def _sample(settings: Settings, tmp: Path, layout: str, index: int) -> Document:
    canvas, _ = render_bill(layout, 5, index)
    path = tmp / f"{layout}_{index}.pdf"
    canvas.save(path)
    return _read(settings, path)


def test_generated_layouts(settings: Settings, tmp_path: Path) -> None:
    learned = {lay: _template(settings, _sample(settings, tmp_path, lay, 100)) for lay in ("pge", "coned", "uk_bg")}
    others = {lay: _sample(settings, tmp_path, lay, 101) for lay in LAYOUTS}
    for lay, t in learned.items():
        assert similarity(t.fingerprint, others[lay]).matches, lay  # another customer, amount and month
        for o, doc in others.items():
            if o != lay:
                like = similarity(t.fingerprint, doc)
                assert not like.matches, (lay, o, like)


def test_same_utility_other_layout_and_language(settings: Settings, tmp_path: Path) -> None:
    t = _template(settings, _read(settings, draw(tmp_path / "a.pdf", Facts())))
    again = similarity(t.fingerprint, _read(settings, draw(tmp_path / "a2.pdf", other(1))))
    assert again.matches, again
    spanish = similarity(t.fingerprint, _read(settings, draw(tmp_path / "es.pdf", other(2), lang="es")))
    assert spanish.matches and spanish.boxes > 0.8, spanish  # the labels changed, the boxes did not
    changed = similarity(t.fingerprint, _read(settings, draw(tmp_path / "b.pdf", other(3), layout="summary")))
    assert not changed.matches, changed
    assert changed.words + changed.boxes < again.words + again.boxes - 0.5


def test_fingerprint_ignores_the_customers_words(settings: Settings, tmp_path: Path) -> None:
    t = _template(settings, _read(settings, draw(tmp_path / "a.pdf", Facts())))
    words = {w.split("|", 3)[3] for w in t.fingerprint.words}
    assert "total" in words and "northwind" in words
    assert not {"dana", "whitfield", "orchard"} & words  # the approved name and address vary per bill
