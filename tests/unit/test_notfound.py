"""One "page not found" per language, whichever language the build wrote last."""

from scripts import notfound


def test_default_language_at_the_root_others_in_their_folder(tmp_path):
    notfound.stage(str(tmp_path), "ru", "<html lang=ru>")
    notfound.stage(str(tmp_path), "en", "<html lang=en>")
    assert notfound.place(str(tmp_path), "ru") == str(tmp_path / "404.html")
    assert (tmp_path / "404.html").read_text(encoding="utf-8") == "<html lang=ru>"
    assert (tmp_path / "en" / "404.html").read_text(encoding="utf-8") == "<html lang=en>"
    assert not (tmp_path / "ru").exists()  # only the staged page was there
    assert notfound.place(str(tmp_path), "ru") is None  # again: nothing to move, nothing changed
    assert (tmp_path / "404.html").read_text(encoding="utf-8") == "<html lang=ru>"


def test_a_default_language_with_its_own_folder_keeps_its_page_there_too(tmp_path):
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "index.html").write_text("<html lang=ru>", encoding="utf-8")  # e.g. Zensical's layout
    notfound.stage(str(tmp_path), "ru", "<html lang=ru><title>404</title>")
    notfound.place(str(tmp_path), "ru")
    assert (tmp_path / "404.html").read_text(encoding="utf-8") == "<html lang=ru><title>404</title>"
    assert (tmp_path / "ru" / "404.html").exists() and (tmp_path / "ru" / "index.html").exists()
