"""One "page not found" per language, whichever language the build wrote last."""

from scripts import notfound


def test_default_language_at_the_root_others_in_their_folder(tmp_path):
    notfound.remember("ru", "<html lang=ru>")
    notfound.remember("en", "<html lang=en>")  # the English build comes last and would overwrite /404.html
    (tmp_path / "404.html").write_text("<html lang=en>", encoding="utf-8")
    written = notfound.write(str(tmp_path), "ru", ["en"])
    assert written == [str(tmp_path / "404.html"), str(tmp_path / "en" / "404.html")]
    assert (tmp_path / "404.html").read_text(encoding="utf-8") == "<html lang=ru>"
    assert (tmp_path / "en" / "404.html").read_text(encoding="utf-8") == "<html lang=en>"


def test_each_build_starts_afresh(tmp_path):
    notfound.remember("ru", "<html lang=ru>")
    notfound.write(str(tmp_path), "ru", ["en"])
    assert notfound.write(str(tmp_path / "again"), "ru", ["en"]) == []
