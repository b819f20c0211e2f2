"""The page "How fast is it": the benchmark's results file checked, formatted and drawn (scripts/speedpage.py)."""

import copy
import json
import os

import pytest

from scripts import embed, speedpage

FIXTURE = os.path.join(os.path.dirname(__file__), "speedpage", "results.json")
NBSP = "\u00a0"


@pytest.fixture
def data():
    with open(FIXTURE, encoding="utf-8") as handle:
        return json.load(handle)


def write(tmp_path, value):
    path = tmp_path / "results.json"
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_the_fixture_is_valid_and_loads(data):
    assert speedpage.load(FIXTURE) == data


@pytest.mark.parametrize("lang, expected", [
    ("ru", "1" + NBSP + "234" + NBSP + "мс"),
    ("en", "1,234" + NBSP + "ms"),
])
def test_milliseconds_are_grouped_with_the_unit(lang, expected):
    assert speedpage.unit(1234.4, lang, "ms") == expected


def test_formatting_of_each_kind_of_number():
    assert speedpage.milliseconds(16, "ru") == "16" + NBSP + "мс"
    assert speedpage.milliseconds(4.7, "ru") == "4,7" + NBSP + "мс"
    assert speedpage.milliseconds(4.7, "en") == "4.7" + NBSP + "ms"
    assert speedpage.kilobytes(1507122, "ru") == "1" + NBSP + "507" + NBSP + "КБ"
    assert speedpage.kilobytes(1507122, "en") == "1,507" + NBSP + "KB"
    assert speedpage.kilobytes(400, "en") == "0.4" + NBSP + "KB"
    assert speedpage.kilobytes(0, "ru") == "0" + NBSP + "КБ"
    assert speedpage.ratio(4105.5, 689.8, "ru") == "×" + NBSP + "6,0"
    assert speedpage.ratio(14123456, 1507122, "en") == "×" + NBSP + "9.4"
    assert speedpage.ratio(1, 0, "en") == "—"
    assert speedpage.share(512345, 1507122, "ru") == "34" + NBSP + "%"
    assert speedpage.stat_range({"median": 690, "min": 637.6, "max": 860.7}, "ru") == "638–861"
    assert speedpage.long_date("2026-11-27", "ru") == "27" + NBSP + "ноября" + NBSP + "2026" + NBSP + "г."
    assert speedpage.long_date("2026-01-02", "en") == "2" + NBSP + "January 2026"


@pytest.mark.parametrize("count, ru, en", [
    (1, "1" + NBSP + "запрос", "1" + NBSP + "request"),
    (3, "3" + NBSP + "запроса", "3" + NBSP + "requests"),
    (11, "11" + NBSP + "запросов", "11" + NBSP + "requests"),
    (21, "21" + NBSP + "запрос", "21" + NBSP + "requests"),
    (25, "25" + NBSP + "запросов", "25" + NBSP + "requests"),
])
def test_counts_take_the_right_word_form(count, ru, en):
    assert speedpage.plural(count, "ru", "requests") == ru
    assert speedpage.plural(count, "en", "requests") == en


def test_a_target_is_met_up_to_and_including_its_limit():
    assert speedpage.verdict(300, 300, "ru") == {"met": True, "text": "в пределах цели"}
    assert speedpage.verdict(300.1, 300, "en") == {"met": False, "text": "over target"}


def test_met_and_not_met_are_computed_per_page(data):
    data["pages"]["acquisition_vs_retention"]["cold"]["runtime_cost_ms"] = 120.0
    data["pages"]["conversion_funnel"]["cold"]["runtime_cost_ms"] = 480.0
    rows = {row["title"]: row for row in speedpage.context(data, "en")["cold"]["rows"]}
    assert rows["Acquisition versus retention"]["runtime_verdict"]["met"] is True
    assert rows["The permission funnel"]["runtime_verdict"]["met"] is False
    assert rows["Home page"]["runtime_verdict"] is None
    html = speedpage.render(data, "en", ("cold",))
    assert "120" + NBSP + "ms" in html and "480" + NBSP + "ms" in html
    assert "within target" in html and "over target" in html


def test_targets_summary_names_the_worst_page_and_counts_the_pages(data):
    for name, page in data["pages"].items():
        if name != "home":
            page["warm"]["runtime_cost_ms"] = 50.0
    data["pages"]["bonus_uptake"]["warm"]["runtime_cost_ms"] = 150.0
    rows = speedpage.context(data, "ru")["targets"]
    warm = rows[1]
    assert warm["limit"] == "≤" + NBSP + "100" + NBSP + "мс"
    assert warm["worst"]["value"] == "150" + NBSP + "мс"
    assert warm["verdict"]["met"] is False
    assert warm["count"] == "в пределах цели на 6 из 7" + NBSP + "страниц"
    data["pages"]["bonus_uptake"]["warm"]["runtime_cost_ms"] = 100.0
    assert speedpage.context(data, "ru")["targets"][1]["verdict"]["met"] is True


def test_every_table_is_drawn_in_russian_with_its_units(data):
    html = speedpage.render(data, "ru")
    for table in speedpage.TABLES:
        assert 'data-benchmark="%s"' % table in html
    assert "мс" in html and "КБ" in html and " ms" not in html
    assert "690" + NBSP + "мс" in html  # the median of the first calculator's time to live
    assert "(638–861)" in html  # and its range beside it
    assert "27" + NBSP + "ноября" + NBSP + "2026" in html
    assert "Chromium 142.0.7444.175" in html
    assert "Pyodide" + "&nbsp;" + "314.0.5" in html
    assert '<a href="../calculators/acquisition-vs-retention/">Привлечение или удержание</a>' in html
    assert '<a href="../">Главная</a>' in html


def test_english_tables_use_points_and_english_units(data):
    html = speedpage.render(data, "en", ("build", "pyodide", "about"))
    assert "14.2" + NBSP + "s" in html and "9.9" + NBSP + "s" in html
    assert "×" + NBSP + "1.4" in html  # build with hooks against without
    assert "×" + NBSP + "6.0" in html  # Pyodide's time to live against MicroPython's
    assert "27" + NBSP + "November 2026" in html
    assert "мс" not in html


def test_pyodide_null_is_valid_and_the_page_says_it_was_not_run(data):
    data["pyodide"] = None
    del data["versions"]["pyodide"]
    speedpage.validate(data)
    html = speedpage.render(data, "ru", ("pyodide", "about"))
    assert "Pyodide не запускали" in html
    assert "<table" in html and html.count("<table") == 1  # only the "about" table
    assert "Pyodide" + "&nbsp;" not in html
    assert "Pyodide was not run" in speedpage.render(data, "en", ("pyodide",))


def test_search_shows_the_first_and_the_next_query(data):
    html = speedpage.render(data, "ru", ("search",))
    assert "Первый запрос «воронкой» (загружает указатель)" in html
    assert "271" + NBSP + "мс" in html and "(259–301)" in html  # 270.5 rounds half away from zero
    assert "39" + NBSP + "мс" in html and "(38–42)" in html
    english = speedpage.render(data, "en", ("search",))
    assert "First query “воронкой” (loads the index)" in english and "39" + NBSP + "ms" in english


def test_search_may_be_absent_and_the_page_says_so(data):
    del data["search"]
    speedpage.validate(data)
    assert "поиск не замеряли" in speedpage.render(data, "ru", ("search",))
    data["search"] = None
    speedpage.validate(data)
    assert "Search was not measured" in speedpage.render(data, "en", ("search",))


def test_the_offline_copy_per_language_against_its_target(data):
    html = speedpage.render(data, "ru", ("offline",))
    assert "3" + NBSP + "293" + NBSP + "КБ" in html and "896" + NBSP + "КБ" in html  # stored, downloaded
    assert "цель ≤ 3" + NBSP + "500" + NBSP + "КБ" in html
    assert html.count("clc-speed-verdict--met") == 2 and "русский" in html and "английский" in html
    english = speedpage.render(data, "en", ("offline",))
    assert "2,885" + NBSP + "KB" in english and "English" in english
    # Over the limit, or holding a file of the other language: not met.
    data["offline"]["languages"]["ru"]["bytes"] = 3500001
    data["offline"]["languages"]["en"]["other_language_files"] = 1
    assert speedpage.render(data, "en", ("offline",)).count("clc-speed-verdict--missed") == 2
    data["offline"]["languages"]["ru"]["bytes"] = 3500000
    assert speedpage.render(data, "en", ("offline",)).count("clc-speed-verdict--missed") == 1


def test_the_offline_copy_may_be_absent_and_the_page_says_so(data):
    del data["offline"]
    speedpage.validate(data)
    assert "копию для работы без сети не считали" in speedpage.render(data, "ru", ("offline",))
    assert "offline copy was not measured" in speedpage.render(data, "en", ("offline",))


def test_the_start_up_breakdown_per_page(data):
    html = speedpage.render(data, "ru", ("startup",))
    assert "Интерпретатор готов" in html and "Калькулятор ожил" in html
    assert "260" + NBSP + "мс" in html and "(240–300)" in html
    assert html.count("<tr>") == 2  # the heading and the one page that has marks
    english = speedpage.render(data, "en", ("startup",))
    assert "Modules imported" in english and "310" + NBSP + "ms" in english


def test_first_visit_with_the_worker_navigation_room_and_slow_cpu(data):
    html = speedpage.render(data, "ru", ("worker", "navigation", "room", "throttled"))
    assert "×" + NBSP + "1,06" in html  # 330 / 310, within ×1,10
    assert "1" + NBSP + "012" + NBSP + "КБ" in html  # received before live
    assert "Привлечение или удержание → Партнёрская комиссия" in html or "→" in html
    assert "19,7" + NBSP + "мс" in html and "(8,0–31,4)" in html  # prerendered: click to live
    assert "×" + NBSP + "0,13" in html  # judged on the prerendered click: 19.7 / 150
    assert "374" + NBSP + "КБ" in html and "405" + NBSP + "КБ" in html and "×" + NBSP + "0,92" in html
    assert "замедлен в 4 раза" in html and "735" + NBSP + "мс" in html
    assert "подготовлена заранее" in html
    english = speedpage.render(data, "en", ("room", "throttled"))
    assert "Room server (make room)" in english and "slowed down 4 times" in english


def test_new_targets_are_judged_and_absent_measures_are_said_to_be_missing(data):
    rows = dict((row["title"], row) for row in speedpage.context(data, "en")["targets"])
    assert rows["First visit with the offline copy / without it"]["verdict"]["met"] is True
    assert rows["To the next calculator / between pages without Python"]["verdict"]["met"] is True
    del data["navigation"]["pairs"]["acquisition_vs_retention"]["prerendered"]  # without: 2.8, over ×1.5
    rows = dict((row["title"], row) for row in speedpage.context(data, "en")["targets"])
    assert rows["To the next calculator / between pages without Python"]["verdict"]["met"] is False
    assert rows["Bytes per phone: room server / nginx"]["verdict"]["met"] is True
    assert rows["Received before the calculator is live (decoded)"]["verdict"]["met"] is True
    assert rows["Offline copy, one language"]["verdict"]["met"] is True
    for key in ("navigation", "room", "throttled"):
        del data[key]
    del data["pages"]["acquisition_vs_retention"]["worker"]
    del data["pages"]["acquisition_vs_retention"]["cold"]["startup_ms"]
    speedpage.validate(data)
    html = speedpage.render(data, "ru", ("startup", "worker", "navigation", "room", "throttled"))
    assert html.count("clc-speed-missing") == 5 and "<table" not in html


def test_text_from_the_file_is_escaped(data):
    data["machine"] = '<script>alert("x")</script> & co'
    data["browser"] = "<b>Chromium</b>"
    html = speedpage.render(data, "en", ("about",))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in html
    assert "&lt;b&gt;Chromium&lt;/b&gt;" in html


@pytest.mark.parametrize("change, field, problem", [
    (lambda d: d.pop("machine"), "machine", "missing"),
    (lambda d: d.pop("browser"), "browser", "missing"),
    (lambda d: d.update(schema=1), "schema", "expected 2"),
    (lambda d: d.pop("schema"), "schema", "missing"),
    (lambda d: d.update(date="27.11.2026"), "date", "YYYY-MM-DD"),
    (lambda d: d.update(date="2026-02-30"), "date", "YYYY-MM-DD"),
    (lambda d: d.update(runs=0), "runs", "≥ 1"),
    (lambda d: d.update(runs=True), "runs", "whole number"),
    (lambda d: d.update(language="de"), "language", "expected one of"),
    (lambda d: d["versions"].pop("micropython"), "versions.micropython", "missing"),
    (lambda d: d["targets"].pop("input_ms"), "targets.input_ms", "missing"),
    (lambda d: d["targets"].update(page_bytes="1.5 MB"), "targets.page_bytes", "expected a number"),
    (lambda d: d["build"].pop("no_hooks_s"), "build.no_hooks_s", "missing"),
    (lambda d: d["build"]["site_s"].pop("max"), "build.site_s.max", "missing"),
    (lambda d: d["build"]["site_s"].update(min=99), "build.site_s", "min ≤ median ≤ max"),
    (lambda d: d["pages"].pop("home"), "pages", '"home" first'),
    (lambda d: d["pages"].update(no_such_calculator=d["pages"]["home"]), "pages.no_such_calculator",
     "not a calculator"),
    (lambda d: d["pages"]["home"].update(path="https://example.org/"), "pages.home.path", "relative"),
    (lambda d: d["pages"]["home"].update(path="../../etc/"), "pages.home.path", "relative"),
    (lambda d: d["pages"]["referral_payback"]["cold"].pop("load_ms"), "pages.referral_payback.cold.load_ms",
     "missing"),
    (lambda d: d["pages"]["referral_payback"]["warm"]["live_ms"].update(median=None),
     "pages.referral_payback.warm.live_ms.median", "expected a number"),
    (lambda d: d["pages"]["referral_payback"]["cold"].update(live_ms=None),
     "pages.referral_payback.cold.live_ms", "expected an object"),
    (lambda d: d["pages"]["referral_payback"]["cold"].update(runtime_cost_ms=None),
     "pages.referral_payback.cold.runtime_cost_ms", "expected a number"),
    (lambda d: d["pages"]["referral_payback"]["nginx"].update(encoded=1.5),
     "pages.referral_payback.nginx.encoded", "whole number"),
    (lambda d: d["pages"]["home"].pop("nginx"), "pages.home.nginx", "missing"),
    (lambda d: d["pyodide"].update(page="home"), "pyodide.page", "calculator measured"),
    (lambda d: d["pyodide"]["warm"].pop("bytes"), "pyodide.warm.bytes", "missing"),
    (lambda d: d["pyodide"]["cold"]["live_ms"].update(min=-1), "pyodide.cold.live_ms.min", "≥ 0"),
    (lambda d: d.pop("pyodide"), "pyodide", "missing"),
    (lambda d: d["search"].update(page="calculators"), "search.page", '"home"'),
    (lambda d: d["search"].update(queries=["воронкой"]), "search.queries", "two queries"),
    (lambda d: d["search"].update(queries=["воронкой", 5]), "search.queries[1]", "expected"),
    (lambda d: d["search"].pop("next_ms"), "search.next_ms", "missing"),
    (lambda d: d["search"]["first_ms"].update(median=-3), "search.first_ms.median", "≥ 0"),
    (lambda d: d["offline"]["languages"].pop("en"), "offline.languages.en", "missing"),
    (lambda d: d["offline"]["languages"]["ru"].update(bytes=1.5), "offline.languages.ru.bytes", "whole number"),
    (lambda d: d["offline"].pop("target_bytes"), "offline.target_bytes", "missing"),
    (lambda d: d["navigation"]["pairs"]["acquisition_vs_retention"].pop("plain_ms"),
     "navigation.pairs.acquisition_vs_retention.plain_ms", "missing"),
    (lambda d: d["room"]["pages"].update(nowhere={}), "room.pages.nowhere", "not a measured page"),
    (lambda d: d["pages"]["acquisition_vs_retention"]["worker"].update(ratio="fast"),
     "pages.acquisition_vs_retention.worker.ratio", "expected a number"),
    (lambda d: d["throttled"].update(rate=0), "throttled.rate", "≥ 1"),
])
def test_a_wrong_or_missing_field_fails_naming_it(data, tmp_path, change, field, problem):
    change(data)
    with pytest.raises(speedpage.SpeedPageError) as caught:
        speedpage.load(write(tmp_path, data))
    message = str(caught.value)
    assert "field %s:" % field in message
    assert problem in message
    assert "results.json" in message


def test_an_unreadable_file_fails_the_build(tmp_path):
    with pytest.raises(speedpage.SpeedPageError, match="cannot read"):
        speedpage.load(str(tmp_path / "missing.json"))
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(speedpage.SpeedPageError, match="not valid JSON"):
        speedpage.load(str(broken))


def test_home_page_without_calculators_shows_dashes(data):
    home = speedpage.context(data, "ru")["cold"]["rows"][0]
    assert home["title"] == "Главная" and home["live"]["value"] is None and home["runtime_cost"] is None


def test_marker_options(data):
    assert speedpage.parse_marker("") == speedpage.TABLES
    assert speedpage.parse_marker(" table=cold table=warm") == ("cold", "warm")
    for bad in ("table=nope", "colour=red", "table", "cold"):
        with pytest.raises(speedpage.SpeedPageError, match="unknown option"):
            speedpage.parse_marker(bad, "ru/speed.md")


def test_marker_in_markdown_becomes_the_tables_without_loading_the_runtime(data, tmp_path, monkeypatch):
    monkeypatch.setattr(speedpage, "RESULTS", write(tmp_path, data))
    text = "Intro\n\n::: benchmark-results table=about\n\nOutro\n"
    out, embeds = embed.replace_markers(text, "en/speed.md", "en")
    assert embeds == []  # no calculator: the page gets no runtime
    assert ":::" not in out
    assert '<table class="clc-speed-table" data-benchmark="about">' in out
    assert "\n\n<div" in out and "</div>\n\n" in out  # a raw HTML block of its own


@pytest.mark.parametrize("line, rule", [
    ("::: benchmark-results table=everything", "unknown option 'table=everything'"),
    ("::: benchmark-results size=small", "unknown option 'size=small'"),
    ("  ::: benchmark-results", "must start at column 0"),
])
def test_bad_benchmark_marker_fails_the_build(data, tmp_path, monkeypatch, line, rule):
    monkeypatch.setattr(speedpage, "RESULTS", write(tmp_path, data))
    with pytest.raises(embed.EmbedError) as caught:
        embed.replace_markers("text\n\n" + line + "\n", "ru/speed.md", "ru")
    assert rule in str(caught.value) and "ru/speed.md" in str(caught.value)


def test_a_bad_results_file_fails_the_build_naming_page_and_field(data, tmp_path, monkeypatch):
    broken = copy.deepcopy(data)
    del broken["date"]
    monkeypatch.setattr(speedpage, "RESULTS", write(tmp_path, broken))
    with pytest.raises(embed.EmbedError) as caught:
        embed.replace_markers("::: benchmark-results\n", "ru/speed.md", "ru")
    assert "ru/speed.md" in str(caught.value) and "field date: missing" in str(caught.value)


@pytest.mark.parametrize("count, ru, en", [
    (1, "страницы", "page"), (7, "страниц", "pages"), (11, "страниц", "pages"), (21, "страницы", "pages"),
    (3, "страниц", "pages"),
])
def test_pages_of_is_the_genitive_after_out_of(count, ru, en):
    assert speedpage.pages_of(count, "ru") == str(count) + NBSP + ru
    assert speedpage.pages_of(count, "en") == str(count) + NBSP + en
