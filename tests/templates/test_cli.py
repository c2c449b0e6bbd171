"""``minimeter templates list|show|export|import|rm``: plain files, validated on import."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from minimeter.cli import main
from minimeter.settings import load_settings
from minimeter.store import open_store
from minimeter.templates import book_for
from tests.templates.bills import Facts, draw
from tests.templates.test_pipeline import process


def run(home: Path, *args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["--home", str(home), "templates", *args])
    return r.exit_code, r.output


def test_export_import_round_trip(minimeter_home: Path, tmp_path: Path) -> None:
    settings = load_settings(minimeter_home, extractor="rules", stable_seconds=0.0)
    settings.ensure_dirs()
    store = open_store(settings)
    job = process(settings, store, draw(tmp_path / "a1.pdf", Facts()))
    store.close()
    r = CliRunner().invoke(main, ["--home", str(minimeter_home), "review", str(job), "--approve"])
    assert r.exit_code == 0, r.output
    [t] = book_for(settings).all()

    code, out = run(minimeter_home, "list")
    assert code == 0 and "1 template(s)" in out
    code, out = run(minimeter_home, "list", "--json")
    assert code == 0 and f'"id": "{t.id}"' in out and f'"origin_job": {job}' in out
    code, shown = run(minimeter_home, "show", t.id)
    assert code == 0 and "[fields.total_amount_due]" in shown and 'label = "Total Amount Due"' in shown
    code, out = run(minimeter_home, "export", t.id, str(tmp_path))
    assert code == 0
    exported = tmp_path / f"{t.id}.toml"
    assert exported.read_text(encoding="utf-8").split("updated_at")[0] == shown.split("updated_at")[0]

    code, out = run(minimeter_home, "rm", t.id)
    assert code == 0 and book_for(settings).all() == []
    code, out = run(minimeter_home, "import", str(exported))
    assert code == 0 and t.id in out
    [back] = book_for(settings).all()
    assert back.model_dump(exclude={"updated_at"}) == t.model_dump(exclude={"updated_at"})
    code, out = run(minimeter_home, "import", str(exported))  # the same id again
    assert code == 1 and "already exists" in out and "--replace" in out


def test_a_broken_file_is_refused_in_one_line(minimeter_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x1"\n[fields.total_due]\nfmt = "money"\n', encoding="utf-8")
    code, out = run(minimeter_home, "import", str(bad))
    assert code == 1 and "unknown field(s) total_due" in out and len(out.strip().splitlines()) == 1
    bad.write_text('id = "x1"\n[fields.total_amount_due]\nfmt = "money"\nrelation = "diagonal"\n', encoding="utf-8")
    code, out = run(minimeter_home, "import", str(bad))
    assert code == 1 and "relation" in out
    bad.write_text('id = "x1"\ncolour = "red"\n', encoding="utf-8")
    code, out = run(minimeter_home, "import", str(bad))
    assert code == 1 and "colour" in out
    assert not (minimeter_home / "templates").exists() or not list((minimeter_home / "templates").glob("*.toml"))
    code, out = run(minimeter_home, "show", "nothing")
    assert code == 1 and "no template 'nothing'" in out


def test_a_broken_file_in_the_folder_is_skipped(minimeter_home: Path) -> None:
    folder = minimeter_home / "templates"
    folder.mkdir(parents=True)
    (folder / "junk.toml").write_text("this is = = not toml", encoding="utf-8")
    code, out = run(minimeter_home, "list")
    assert code == 0 and "0 template(s)" in out and "skipped" in out and "junk.toml" in out
