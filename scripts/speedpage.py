"""Build face of the benchmark: ``benchmarks/results.json`` rendered as the tables of "How fast is it".

``scripts/bench.py`` writes the file (schema 2); the page ``docs/<lang>/speed.md`` holds marker lines
``::: benchmark-results [table=NAME]`` that :mod:`scripts.embed` replaces with the tables rendered here.
Every figure on that page comes from the file: :func:`load` reads and checks it (a wrong or missing field
raises :class:`SpeedPageError` naming the field, which fails the build), :func:`context` turns it into
plain texts for one language (numbers with ``calculators.numbers``: ru ``1 234,5 мс``, en ``1,234.5 ms``)
and computes whether each target is met, and :func:`render` draws them with
``overrides/partials/speed.html`` (autoescaped).
"""

import datetime
import json
import math
import os
import re

from calculators import catalog, numbers, registry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "benchmarks", "results.json")
SCHEMA = 2
# The tables a marker can ask for, in the order ``::: benchmark-results`` (no option) draws them all.
TABLES = ("targets", "cold", "warm", "startup", "worker", "navigation", "room", "throttled", "search", "offline",
          "build", "pyodide", "about")
# The start-up's steps in the order the page reaches them (scripts/bench.py STARTUP_MARKS).
STARTUP = ("runtime_requested", "dom_content_loaded", "interpreter_ready", "modules_fetched", "modules_imported",
           "bound", "live")
TARGETS = ("cold_runtime_ms", "warm_runtime_ms", "page_bytes", "input_ms")
VERSIONS = ("pyscript", "micropython", "mkdocs_material")
ROW_STATS = ("live_ms", "load_ms", "baseline_load_ms", "bytes", "transferred", "baseline_bytes",
             "input_ms", "floor_live_ms")
ROW_NULLABLE = ("live_ms", "input_ms", "floor_live_ms")
ROW_COSTS = ("runtime_cost_ms", "floor_cost_ms")
OFFLINE_COUNTS = ("files", "bytes", "download", "later_bytes", "other_language_files")
PATH = re.compile(r"^(?:[a-z0-9][a-z0-9-]*/)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NARROW_NBSP = "\u202f"
DASH = "\u2013"


TEXTS = {
    "ru": {
        "ms": "мс", "kb": "КБ", "s": "с", "none": "—",
        "home": "Главная",
        "met": "в пределах цели", "missed": "выше цели",
        "page": "Страница", "live": "До готовности", "load": "Загрузка", "baseline_load": "Без Python",
        "runtime_cost": "Цена Python", "floor_cost": "Цена пустого запуска", "input": "Отклик на ввод",
        "size": "Объём: распаковано / сжато (nginx)", "transferred": "Пришло по сети",
        "target_le": "цель ≤ %s",
        "caption_cold": "Первый визит (чистый профиль браузера): медиана, в скобках — разброс за %s",
        "caption_warm": "Повторный визит (с кешем HTTP): медиана, в скобках — разброс за %s",
        "no_calculator": "нет калькулятора",
        "wire_share": "%s от распакованного",
        # Word forms by CLDR plural category (calculators/catalog.py: plural).
        "requests": {"one": "запрос", "few": "запроса", "many": "запросов", "other": "запроса"},
        "runs": {"one": "прогон", "few": "прогона", "many": "прогонов", "other": "прогона"},
        "builds": {"one": "сборку", "few": "сборки", "many": "сборок", "other": "сборки"},
        "caption_targets": "Цели и результат по всем измеренным страницам",
        "target": "Цель", "limit": "Предел", "worst": "Худшая страница", "verdict": "Итог",
        "target_cold_runtime_ms": "Цена Python, первый визит",
        "target_warm_runtime_ms": "Цена Python, повторный визит",
        "target_page_bytes": "Объём страницы (распаковано), первый визит",
        "target_input_ms": "Отклик на ввод, первый визит",
        "met_on": "в пределах цели на %s из %s",
        # Genitive, after «из»: «из 1 страницы», «из 7 страниц».
        "pages_of": {"one": "страницы", "few": "страниц", "many": "страниц", "other": "страниц"},
        "caption_build": "Сборка сайта (обе языковые версии): медиана, в скобках — разброс за %s",
        "build_what": "Что собирали", "duration": "Время",
        "build_site": "Весь сайт, как он есть",
        "build_no_hooks": "Те же страницы без хуков проекта",
        "build_hooks": "Доля хуков: разница и отношение",
        "caption_pyodide": "MicroPython против Pyodide на странице «%s», медианы за %s",
        "measure": "Что сравниваем", "ratio": "Pyodide / MicroPython",
        "cmp_live_cold": "До готовности, первый визит",
        "cmp_live_warm": "До готовности, повторный визит",
        "cmp_bytes": "Объём, распаковано",
        "cmp_encoded": "Объём, сжато (nginx)",
        "cmp_requests": "Запросов (nginx)",
        "pyodide_missing": "В этом измерении Pyodide не запускали: сравнения с MicroPython здесь нет.",
        "caption_search": "Поиск на главной, от нажатия клавиши до нужной страницы в результатах: "
                          "медиана, в скобках — разброс за %s",
        "search_query": "Запрос", "search_time": "Время",
        "search_first": "Первый запрос «%s» (загружает указатель)",
        "search_next": "Следующий запрос «%s»",
        "search_missing": "В этом измерении поиск не замеряли.",
        "caption_startup": "Запуск по шагам, первый визит: медианы, мс от начала перехода",
        "startup_names": {"dom_content_loaded": "Разметка разобрана", "runtime_requested": "Запуск запрошен",
                          "interpreter_ready": "Интерпретатор готов", "modules_fetched": "Модули получены",
                          "modules_imported": "Модули импортированы", "bound": "Поля связаны",
                          "live": "Калькулятор ожил"},
        "startup_missing": "В этом измерении шаги запуска не записывали.",
        "caption_worker": "Первый визит с копией для работы без сети и без неё: медианы",
        "worker_with": "С копией", "worker_without": "Без копии", "worker_ratio": "Отношение",
        "worker_bytes": "Получено до готовности (распаковано)",
        "worker_missing": "В этом измерении первый визит с копией не замеряли.",
        "caption_navigation": "От щелчка по ссылке «Вперёд» до готовности следующего калькулятора: медианы",
        "nav_from": "Откуда → куда", "nav_live": "С Python", "nav_plain": "Те же страницы без Python",
        "nav_ratio": "Отношение", "nav_ahead": "С Python, страница подготовлена заранее",
        "nav_note_prerendered": "«С Python» — без заранее подготовленной страницы (браузер под управлением инструментов "
                                "разработчика её не создаёт); «подготовлена заранее» — тот же щелчок в браузере без них, "
                                "как у читателя в Chrome или Edge. Отношение считается по нему.",
        "nav_note": "Указатель полсекунды лежит на ссылке, как у читателя; заранее подготовленной (prerender) страницы "
                    "при замере нет: браузер под управлением инструментов разработчика её не создаёт.",
        "navigation_missing": "В этом измерении переходы между страницами не замеряли.",
        "caption_room": "Телефон в комнате: сколько байт уходит на одну страницу, сервер комнаты против nginx",
        "room_server": "Сервер комнаты (make room)", "room_nginx": "nginx", "room_ratio": "Отношение",
        "room_missing": "В этом измерении сервер комнаты не сравнивали с nginx.",
        "caption_throttled": "Процессор замедлен в %s раза (как у телефона средней руки): цена Python, медианы",
        "throttled_plain": "Обычный процессор", "throttled_slow": "Замедленный",
        "throttled_missing": "В этом измерении замедленный проход не делали.",
        "caption_cold_short": "первый визит", "caption_warm_short": "повторный",
        "target_bytes_before_live": "Получено до готовности калькулятора (распаковано)",
        "target_worker_ratio": "Первый визит с копией для работы без сети / без неё",
        "target_navigation_ratio": "Переход к следующему калькулятору / переход без Python",
        "target_room_ratio": "Байт на телефон: сервер комнаты / nginx",
        "target_offline_bytes": "Копия для работы без сети, один язык",
        "caption_offline": "Копия для работы без сети: что хранит браузер читателя на одном языке",
        "offline_language": "Язык копии", "offline_files": "Файлов", "offline_stored": "Хранится",
        "offline_download": "Скачивается (gzip)", "offline_later": "Книга целиком для печати (когда открыта)",
        "offline_other": "Файлов другого языка",
        "offline_missing": "В этом измерении копию для работы без сети не считали.",
        "caption_about": "Где и когда измеряли",
        "date": "Дата", "machine": "Машина", "browser": "Браузер", "versions": "Версии",
        "runs_label": "Повторов каждого замера", "language": "Язык измеренных страниц",
        "languages": {"ru": "русский", "en": "английский"},
        "version_names": {"pyscript": "PyScript", "micropython": "MicroPython",
                          "mkdocs_material": "mkdocs-material", "pyodide": "Pyodide"},
    },
    "en": {
        "ms": "ms", "kb": "KB", "s": "s", "none": "—",
        "home": "Home page",
        "met": "within target", "missed": "over target",
        "page": "Page", "live": "Time to live", "load": "Load", "baseline_load": "Without the runtime",
        "runtime_cost": "Runtime cost", "floor_cost": "Bare runtime cost", "input": "Input latency",
        "size": "Size: decoded / compressed (nginx)", "transferred": "Over the network",
        "target_le": "target ≤ %s",
        "caption_cold": "First visit (fresh browser profile): median, range over %s in brackets",
        "caption_warm": "Second visit (with the HTTP cache): median, range over %s in brackets",
        "no_calculator": "no calculator",
        "wire_share": "%s of decoded",
        "requests": {"one": "request", "other": "requests"},
        "runs": {"one": "run", "other": "runs"},
        "builds": {"one": "build", "other": "builds"},
        "caption_targets": "Targets and the result over every measured page",
        "target": "Target", "limit": "Limit", "worst": "Worst page", "verdict": "Result",
        "target_cold_runtime_ms": "Runtime cost, first visit",
        "target_warm_runtime_ms": "Runtime cost, second visit",
        "target_page_bytes": "Page size (decoded), first visit",
        "target_input_ms": "Input latency, first visit",
        "met_on": "within target on %s of %s",
        "pages_of": {"one": "page", "other": "pages"},
        "caption_build": "Building the site (both languages): median, range over %s in brackets",
        "build_what": "What was built", "duration": "Time",
        "build_site": "The whole site as it is",
        "build_no_hooks": "The same pages without the project's hooks",
        "build_hooks": "The hooks' share: difference and ratio",
        "caption_pyodide": "MicroPython against Pyodide on the page “%s”, medians over %s",
        "measure": "Measure", "ratio": "Pyodide / MicroPython",
        "cmp_live_cold": "Time to live, first visit",
        "cmp_live_warm": "Time to live, second visit",
        "cmp_bytes": "Size, decoded",
        "cmp_encoded": "Size, compressed (nginx)",
        "cmp_requests": "Requests (nginx)",
        "pyodide_missing": "Pyodide was not run in this measurement, so there is no comparison with MicroPython here.",
        "caption_search": "Search on the home page, from the key press to the right page among the results: "
                          "median, range over %s in brackets",
        "search_query": "Query", "search_time": "Time",
        "search_first": "First query “%s” (loads the index)",
        "search_next": "Next query “%s”",
        "search_missing": "Search was not measured in this run.",
        "caption_startup": "Start-up step by step, first visit: medians, ms from the start of navigation",
        "startup_names": {"dom_content_loaded": "Markup parsed", "runtime_requested": "Runtime requested",
                          "interpreter_ready": "Interpreter ready", "modules_fetched": "Modules fetched",
                          "modules_imported": "Modules imported", "bound": "Fields bound",
                          "live": "Calculator live"},
        "startup_missing": "The start-up's steps were not recorded in this run.",
        "caption_worker": "First visit with the offline copy and without it: medians",
        "worker_with": "With the copy", "worker_without": "Without", "worker_ratio": "Ratio",
        "worker_bytes": "Received before live (decoded)",
        "worker_missing": "A first visit with the offline copy was not measured in this run.",
        "caption_navigation": "From a click on “Next” to the next calculator live: medians",
        "nav_from": "From → to", "nav_live": "With Python", "nav_plain": "The same pages without Python",
        "nav_ratio": "Ratio", "nav_ahead": "With Python, page prerendered",
        "nav_note_prerendered": "“With Python” is without a prerendered page (a browser driven by developer tools does "
                                "not prerender); “prerendered” is the same click in a browser without them, as a reader "
                                "gets it in Chrome or Edge. The ratio is taken from it.",
        "nav_note": "The pointer rests on the link for a moment, as a reader’s does; no page is prerendered in "
                    "the measurement: a browser driven by developer tools does not prerender.",
        "navigation_missing": "Navigation between pages was not measured in this run.",
        "caption_room": "A phone in the room: bytes for one page, the room server against nginx",
        "room_server": "Room server (make room)", "room_nginx": "nginx", "room_ratio": "Ratio",
        "room_missing": "The room server was not compared with nginx in this run.",
        "caption_throttled": "CPU slowed down %s times (a mid-range phone): runtime cost, medians",
        "throttled_plain": "Full speed", "throttled_slow": "Slowed down",
        "throttled_missing": "No slowed-down pass in this run.",
        "caption_cold_short": "first visit", "caption_warm_short": "second visit",
        "target_bytes_before_live": "Received before the calculator is live (decoded)",
        "target_worker_ratio": "First visit with the offline copy / without it",
        "target_navigation_ratio": "To the next calculator / between pages without Python",
        "target_room_ratio": "Bytes per phone: room server / nginx",
        "target_offline_bytes": "Offline copy, one language",
        "caption_offline": "The offline copy: what a reader’s browser keeps, in one language",
        "offline_language": "Language of the copy", "offline_files": "Files", "offline_stored": "Stored",
        "offline_download": "Downloaded (gzip)", "offline_later": "Whole playbook for print (once opened)",
        "offline_other": "Files of the other language",
        "offline_missing": "The offline copy was not measured in this run.",
        "caption_about": "Where and when it was measured",
        "date": "Date", "machine": "Machine", "browser": "Browser", "versions": "Versions",
        "runs_label": "Repetitions of every measurement", "language": "Language of the measured pages",
        "languages": {"ru": "Russian", "en": "English"},
        "version_names": {"pyscript": "PyScript", "micropython": "MicroPython",
                          "mkdocs_material": "mkdocs-material", "pyodide": "Pyodide"},
    },
}


class SpeedPageError(ValueError):
    """The results file is missing, malformed, or a marker asks for something unknown; fails the build."""


# ---- Reading and checking ----------------------------------------------------------------------

def load(path=RESULTS):
    """The checked contents of the results file; :class:`SpeedPageError` naming the field otherwise."""
    where = os.path.relpath(path, ROOT) if os.path.isabs(path) else path
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise SpeedPageError("%s: cannot read the benchmark results (%s); run `make bench`"
                             % (where, error.strerror or error))
    except ValueError as error:
        raise SpeedPageError("%s: not valid JSON (%s)" % (where, error))
    return validate(data, where)


def _fail(where, field, problem):
    raise SpeedPageError("%s: field %s: %s" % (where, field, problem))


def _field(obj, key, field, where):
    if key not in obj:
        _fail(where, field + "." + key if field else key, "missing")
    return obj[key]


def _object(value, field, where):
    if not isinstance(value, dict):
        _fail(where, field or "(top level)", "expected an object, got %s" % _kind(value))
    return value


def _kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string %r" % value[:40]
    if isinstance(value, list):
        return "a list"
    return "an object"


def _number(value, field, where, minimum=None):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        _fail(where, field, "expected a number, got %s" % _kind(value))
    if minimum is not None and value < minimum:
        _fail(where, field, "expected a number ≥ %s, got %r" % (minimum, value))
    return value


def _integer(value, field, where, minimum):
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(where, field, "expected a whole number, got %s" % _kind(value))
    if value < minimum:
        _fail(where, field, "expected a whole number ≥ %d, got %d" % (minimum, value))
    return value


def _text(value, field, where):
    if not isinstance(value, str) or not value.strip():
        _fail(where, field, "expected a non-empty string, got %s" % _kind(value))
    return value


def _stats(value, field, where):
    """``S = {"median", "min", "max"}``: numbers ≥ 0 with min ≤ median ≤ max."""
    _object(value, field, where)
    for key in ("median", "min", "max"):
        _number(_field(value, key, field, where), field + "." + key, where, 0)
    if not value["min"] <= value["median"] <= value["max"]:
        _fail(where, field, "expected min ≤ median ≤ max, got %r ≤ %r ≤ %r"
              % (value["min"], value["median"], value["max"]))
    return value


def _row(value, field, where, live_required):
    _object(value, field, where)
    for key in ROW_STATS:
        item = _field(value, key, field, where)
        if item is None and key in ROW_NULLABLE and not (live_required and key in ("live_ms", "input_ms")):
            continue
        _stats(item, field + "." + key, where)
    for key in ROW_COSTS:
        item = _field(value, key, field, where)
        if item is None and not (live_required and key == "runtime_cost_ms"):
            continue
        _number(item, field + "." + key, where)
    return value


def _nginx(value, field, where):
    _object(value, field, where)
    for key in ("bytes", "encoded", "requests"):
        _integer(_field(value, key, field, where), field + "." + key, where, 0)
    return value


def _path(value, field, where):
    if not isinstance(value, str) or not PATH.match(value):
        _fail(where, field, "expected a page address relative to the site's root such as "
              "'calculators/referral-payback/' (or '' for the home page), got %s" % _kind(value))
    return value


def _optional_stats(obj, key, field, where):
    value = obj.get(key)
    if value is not None:
        _stats(value, field + "." + key, where)
    return value


def _validate_issue13(data, pages, where):
    """The measures added for the first visit, between pages, the room and start-up (all optional: a file
    from before them is still valid, and the page says they were not measured)."""
    for name, page in pages.items():
        field = "pages." + name
        for visit in ("cold", "warm"):
            row = page[visit]
            _optional_stats(row, "bytes_before_live", field + "." + visit, where)
            marks = row.get("startup_ms")
            if marks is not None:
                _object(marks, field + "." + visit + ".startup_ms", where)
                for key in STARTUP:
                    _optional_stats(marks, key, field + "." + visit + ".startup_ms", where)
        worker = page.get("worker")
        if worker is not None:
            _object(worker, field + ".worker", where)
            for key in ("ms", "blocked_ms"):
                _stats(_field(worker, key, field + ".worker", where), field + ".worker." + key, where)
            _number(_field(worker, "ratio", field + ".worker", where), field + ".worker.ratio", where, 0)
    navigation = data.get("navigation")
    if navigation is not None:
        _object(navigation, "navigation", where)
        pairs = _object(_field(navigation, "pairs", "navigation", where), "navigation.pairs", where)
        for name, pair in pairs.items():
            field = "navigation.pairs." + name
            if name not in registry.NAMES:
                _fail(where, field, "not a calculator")
            _object(pair, field, where)
            _path(_field(pair, "to", field, where), field + ".to", where)
            for key in ("live_ms", "plain_ms"):
                _stats(_field(pair, key, field, where), field + "." + key, where)
            _number(_field(pair, "ratio", field, where), field + ".ratio", where, 0)
            ahead = pair.get("prerendered")
            if ahead is not None:
                _object(ahead, field + ".prerendered", where)
                _stats(_field(ahead, "live_ms", field + ".prerendered", where), field + ".prerendered.live_ms", where)
                _number(_field(ahead, "ratio", field + ".prerendered", where), field + ".prerendered.ratio", where, 0)
                runs = _integer(_field(ahead, "runs", field + ".prerendered", where), field + ".prerendered.runs",
                                where, 1)
                _integer(_field(ahead, "prerendered_runs", field + ".prerendered", where),
                         field + ".prerendered.prerendered_runs", where, 0)
                if ahead["prerendered_runs"] > runs:
                    _fail(where, field + ".prerendered.prerendered_runs", "more than the runs")
    room = data.get("room")
    if room is not None:
        _object(room, "room", where)
        for name, page in _object(_field(room, "pages", "room", where), "room.pages", where).items():
            field = "room.pages." + name
            if name not in pages:
                _fail(where, field, "not a measured page")
            _object(page, field, where)
            for key in ("room", "nginx"):
                _integer(_field(page, key, field, where), field + "." + key, where, 0)
            _number(_field(page, "ratio", field, where), field + ".ratio", where, 0)
    throttled = data.get("throttled")
    if throttled is not None:
        _object(throttled, "throttled", where)
        _number(_field(throttled, "rate", "throttled", where), "throttled.rate", where, 1)
        for name, page in _object(_field(throttled, "pages", "throttled", where), "throttled.pages", where).items():
            field = "throttled.pages." + name
            if name not in pages:
                _fail(where, field, "not a measured page")
            for visit in ("cold", "warm"):
                row = _object(_field(page, visit, field, where), field + "." + visit, where)
                cost = row.get("runtime_cost_ms")
                if cost is not None:
                    _number(cost, field + "." + visit + ".runtime_cost_ms", where)


def validate(data, where="benchmarks/results.json"):
    """Check ``data`` against schema 2; return it unchanged or raise :class:`SpeedPageError`."""
    _object(data, "", where)
    schema = _field(data, "schema", "", where)
    if schema != SCHEMA:
        _fail(where, "schema", "expected %d, got %r: the file is in another shape; re-run `make bench`"
              % (SCHEMA, schema))
    date = _text(_field(data, "date", "", where), "date", where)
    try:
        if not DATE.match(date):
            raise ValueError(date)
        datetime.date(int(date[:4]), int(date[5:7]), int(date[8:]))
    except ValueError:
        _fail(where, "date", "expected a date YYYY-MM-DD, got %r" % date)
    _text(_field(data, "machine", "", where), "machine", where)
    _text(_field(data, "browser", "", where), "browser", where)
    versions = _object(_field(data, "versions", "", where), "versions", where)
    for key in VERSIONS:
        _text(_field(versions, key, "versions", where), "versions." + key, where)
    if "pyodide" in versions:
        _text(versions["pyodide"], "versions.pyodide", where)
    _integer(_field(data, "runs", "", where), "runs", where, 1)
    language = _field(data, "language", "", where)
    if language not in catalog.LANGS:
        _fail(where, "language", "expected one of %s, got %s" % (", ".join(catalog.LANGS), _kind(language)))
    targets = _object(_field(data, "targets", "", where), "targets", where)
    for key in TARGETS:
        _number(_field(targets, key, "targets", where), "targets." + key, where, 0)
    build = _object(_field(data, "build", "", where), "build", where)
    _integer(_field(build, "runs", "build", where), "build.runs", where, 1)
    for key in ("site_s", "no_hooks_s"):
        _stats(_field(build, key, "build", where), "build." + key, where)
    pages = _object(_field(data, "pages", "", where), "pages", where)
    names = list(pages)
    if not names or names[0] != "home":
        _fail(where, "pages", "expected \"home\" first, then the calculators by name; got %s"
              % (", ".join(names) or "no pages"))
    for name in names:
        field = "pages." + name
        if name != "home" and name not in registry.NAMES:
            _fail(where, field, "not a calculator; known: %s" % ", ".join(registry.NAMES))
        page = _object(pages[name], field, where)
        _path(_field(page, "path", field, where), field + ".path", where)
        count = _integer(_field(page, "calculators", field, where), field + ".calculators", where, 0)
        for visit in ("cold", "warm"):
            _row(_field(page, visit, field, where), field + "." + visit, where, count > 0)
        _nginx(_field(page, "nginx", field, where), field + ".nginx", where)
    search = data.get("search")  # measured since the search documents load on the first query
    if search is not None:
        _object(search, "search", where)
        if _field(search, "page", "search", where) != "home":
            _fail(where, "search.page", "expected \"home\", got %s" % _kind(search["page"]))
        queries = _field(search, "queries", "search", where)
        if not isinstance(queries, list) or len(queries) != 2:
            _fail(where, "search.queries", "expected the two queries typed, got %s" % _kind(queries))
        for index, query in enumerate(queries):
            _text(query, "search.queries[%d]" % index, where)
        for key in ("first_ms", "next_ms"):
            _stats(_field(search, key, "search", where), "search." + key, where)
    _validate_issue13(data, pages, where)
    offline = data.get("offline")  # measured since the copy holds one language
    if offline is not None:
        _object(offline, "offline", where)
        _number(_field(offline, "target_bytes", "offline", where), "offline.target_bytes", where, 0)
        languages = _object(_field(offline, "languages", "offline", where), "offline.languages", where)
        for lang in catalog.LANGS:
            field = "offline.languages." + lang
            copy_ = _object(_field(languages, lang, "offline.languages", where), field, where)
            for key in OFFLINE_COUNTS:
                _integer(_field(copy_, key, field, where), field + "." + key, where, 0)
    pyodide = _field(data, "pyodide", "", where)
    if pyodide is not None:
        _object(pyodide, "pyodide", where)
        page = _field(pyodide, "page", "pyodide", where)
        if page not in pages or page == "home":
            _fail(where, "pyodide.page", "expected a calculator measured under \"pages\", got %s" % _kind(page))
        _path(_field(pyodide, "path", "pyodide", where), "pyodide.path", where)
        for visit in ("cold", "warm"):
            _row(_field(pyodide, visit, "pyodide", where), "pyodide." + visit, where, True)
        _nginx(_field(pyodide, "nginx", "pyodide", where), "pyodide.nginx", where)
    return data


# ---- Formatting ---------------------------------------------------------------------------------

def unit(value, lang, name, decimals=0):
    """``1 234 мс`` / ``1,234 ms``: a number and its unit, kept together."""
    return numbers.format_number(value, lang, decimals) + numbers.NBSP + TEXTS[lang][name]


def milliseconds(value, lang):
    """A short time: whole milliseconds as ``16 мс``, anything else with one decimal, ``4,7 мс``."""
    return unit(value, lang, "ms", 0 if value == int(value) else 1)


def kilobytes(count, lang):
    """Bytes as kilobytes (1 KB = 1000 bytes): whole ones from 10 KB, one decimal below, 0 as 0."""
    value = count / 1000.0
    decimals = 1 if 0 < value < 10 else 0
    return unit(value, lang, "kb", decimals)


def stat_range(stats, lang, decimals=0, scale=1.0):
    """``638–861``: the smallest and largest of the runs, without the unit (it stands beside the median)."""
    return (numbers.format_number(stats["min"] / scale, lang, decimals) + DASH
            + numbers.format_number(stats["max"] / scale, lang, decimals))


def ratio(numerator, denominator, lang):
    """``× 10,1`` / ``× 10.1``; ``—`` when the denominator is zero."""
    if not denominator:
        return TEXTS[lang]["none"]
    return "×" + numbers.NBSP + numbers.format_number(numerator / float(denominator), lang, 1)


def share(part, whole, lang):
    """``part`` as a percentage of ``whole``: ``34 %`` / ``34%``; ``—`` when ``whole`` is zero."""
    if not whole:
        return TEXTS[lang]["none"]
    return numbers.format_percent(100.0 * part / whole, lang, 0)


def plural(count, lang, key):
    """``3 запроса``, ``5 запросов``, ``1 request``: the count with the word in the form the language's
    plural rule (CLDR, through the catalog) gives it."""
    form = TEXTS[lang][key][catalog.plural(lang, count)]
    return numbers.format_number(count, lang, 0) + numbers.NBSP + form


def pages_of(count, lang):
    """``7 страниц`` / ``1 страницы`` after «из» (genitive); ``7 pages`` / ``1 page``."""
    return plural(count, lang, "pages_of")


def long_date(iso, lang):
    """``2026-11-27`` -> ``27 ноября 2026 г.`` / ``27 November 2026`` (the catalog's ``long_date``, the
    month's name from CLDR)."""
    year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:])
    words = catalog.get(lang)
    return words["long_date"].replace("{d}", str(day)).replace("{month}", words["months"][month - 1]).replace(
        "{y}", str(year))


def verdict(value, limit, lang):
    """Whether ``value`` is within ``limit`` (≤): ``{"met": bool, "text": ...}``."""
    met = value <= limit
    return {"met": met, "text": TEXTS[lang]["met" if met else "missed"]}


# ---- The tables' contents -------------------------------------------------------------------------

def _cell(stats, lang, kind="ms"):
    """One measured cell: the median, and the range beside it; ``None`` stats give a dash."""
    if stats is None:
        return {"value": None, "range": None}
    if kind == "kb":
        return {"value": kilobytes(stats["median"], lang),
                "range": stat_range(stats, lang, 0, 1000.0)}
    if kind == "s":
        return {"value": unit(stats["median"], lang, "s", 1), "range": stat_range(stats, lang, 1)}
    if kind == "ms1":
        return {"value": unit(stats["median"], lang, "ms", 1), "range": stat_range(stats, lang, 1)}
    return {"value": unit(stats["median"], lang, "ms"), "range": stat_range(stats, lang)}


def page_title(name, lang):
    return TEXTS[lang]["home"] if name == "home" else registry.CALCULATORS[name].title[lang]


def _visit_rows(data, visit, lang):
    targets = data["targets"]
    rows = []
    for name, page in data["pages"].items():
        row = page[visit]
        cost = row["runtime_cost_ms"]
        floor = row["floor_cost_ms"]
        item = {
            "title": page_title(name, lang),
            "href": "../" + page["path"],
            "live": _cell(row["live_ms"], lang),
            "load": _cell(row["load_ms"], lang),
            "baseline_load": _cell(row["baseline_load_ms"], lang),
            "runtime_cost": None if cost is None else unit(cost, lang, "ms"),
            "runtime_verdict": None if cost is None else verdict(cost, targets[visit + "_runtime_ms"], lang),
            "floor_cost": None if floor is None else unit(floor, lang, "ms"),
            "input": _cell(row["input_ms"], lang, "ms1"),
            "input_verdict": None if row["input_ms"] is None else verdict(
                row["input_ms"]["median"], targets["input_ms"], lang),
        }
        if visit == "cold":
            nginx = page["nginx"]
            item["size"] = {
                "decoded": kilobytes(nginx["bytes"], lang),
                "encoded": kilobytes(nginx["encoded"], lang),
                "share": TEXTS[lang]["wire_share"] % share(nginx["encoded"], nginx["bytes"], lang),
                "requests": plural(nginx["requests"], lang, "requests"),
                "verdict": verdict(row["bytes"]["median"], targets["page_bytes"], lang),
            }
        else:
            item["transferred"] = _cell(row["transferred"], lang, "kb")
        rows.append(item)
    return rows


def _targets(data, lang):
    t = TEXTS[lang]
    targets = data["targets"]
    measures = (
        ("cold_runtime_ms", lambda page: page["cold"]["runtime_cost_ms"], lambda v: unit(v, lang, "ms")),
        ("warm_runtime_ms", lambda page: page["warm"]["runtime_cost_ms"], lambda v: unit(v, lang, "ms")),
        ("page_bytes", lambda page: page["cold"]["bytes"]["median"], lambda v: kilobytes(v, lang)),
        ("input_ms", lambda page: (page["cold"]["input_ms"] or {}).get("median"), lambda v: milliseconds(v, lang)),
    )
    rows = []
    for key, pick, show in measures:
        values = [(pick(page), name) for name, page in data["pages"].items() if pick(page) is not None]
        limit = targets[key]
        met = [value for value, _ in values if value <= limit]
        worst = max(values, key=lambda pair: pair[0]) if values else None
        rows.append({
            "title": t["target_" + key],
            "limit": "≤" + numbers.NBSP + show(limit),
            "worst": None if worst is None else {"value": show(worst[0]), "page": page_title(worst[1], lang)},
            "count": t["met_on"] % (numbers.format_number(len(met), lang, 0), pages_of(len(values), lang)),
            "verdict": verdict(worst[0] if worst else 0, limit, lang),
        })
    return rows


def _build(data, lang):
    build = data["build"]
    site, bare = build["site_s"]["median"], build["no_hooks_s"]["median"]
    return {
        "caption": TEXTS[lang]["caption_build"] % plural(build["runs"], lang, "builds"),
        "site": _cell(build["site_s"], lang, "s"),
        "no_hooks": _cell(build["no_hooks_s"], lang, "s"),
        "difference": unit(site - bare, lang, "s", 1),
        "ratio": ratio(site, bare, lang),
    }


def _pyodide(data, lang):
    pyodide = data["pyodide"]
    if pyodide is None:
        return None
    t = TEXTS[lang]
    micro = data["pages"][pyodide["page"]]
    pairs = (
        ("cmp_live_cold", micro["cold"]["live_ms"]["median"], pyodide["cold"]["live_ms"]["median"],
         lambda v: unit(v, lang, "ms")),
        ("cmp_live_warm", micro["warm"]["live_ms"]["median"], pyodide["warm"]["live_ms"]["median"],
         lambda v: unit(v, lang, "ms")),
        ("cmp_bytes", micro["cold"]["bytes"]["median"], pyodide["cold"]["bytes"]["median"],
         lambda v: kilobytes(v, lang)),
        ("cmp_encoded", micro["nginx"]["encoded"], pyodide["nginx"]["encoded"], lambda v: kilobytes(v, lang)),
        ("cmp_requests", micro["nginx"]["requests"], pyodide["nginx"]["requests"],
         lambda v: numbers.format_number(v, lang, 0)),
    )
    return {
        "caption": t["caption_pyodide"] % (page_title(pyodide["page"], lang), plural(data["runs"], lang, "runs")),
        "rows": [{"title": t[key], "micropython": show(a), "pyodide": show(b), "ratio": ratio(b, a, lang)}
                 for key, a, b, show in pairs],
    }


def _search(data, lang):
    search = data.get("search")
    if search is None:
        return None
    t = TEXTS[lang]
    return {
        "caption": t["caption_search"] % plural(data["runs"], lang, "runs"),
        "rows": [(t["search_first"] % search["queries"][0], _cell(search["first_ms"], lang)),
                 (t["search_next"] % search["queries"][1], _cell(search["next_ms"], lang))],
    }


def _worst(pairs, limit, lang, show):
    """A targets row's worst value and verdict from ``[(value, title)]``; None when nothing was measured."""
    if not pairs:
        return None
    met = [value for value, _ in pairs if value <= limit]
    value, title = max(pairs, key=lambda pair: pair[0])
    return {"worst": {"value": show(value), "page": title}, "verdict": verdict(value, limit, lang),
            "count": TEXTS[lang]["met_on"] % (numbers.format_number(len(met), lang, 0), pages_of(len(pairs), lang))}


def times(value, lang):
    return "×" + numbers.NBSP + numbers.format_number(value, lang, 2)


def _more_targets(data, lang):
    """Targets rows of the measures added for issue 13, those the file has."""
    t = TEXTS[lang]
    targets = data["targets"]
    rows = []
    pages = data["pages"]
    checks = []
    if "bytes_before_live" in targets:
        values = [(page["cold"]["bytes_before_live"]["median"], page_title(name, lang)) for name, page in pages.items()
                  if page["calculators"] and page["cold"].get("bytes_before_live")]
        checks.append(("bytes_before_live", values, lambda v: kilobytes(v, lang)))
    if "worker_ratio" in targets:
        values = [(page["worker"]["ratio"], page_title(name, lang)) for name, page in pages.items()
                  if page.get("worker")]
        checks.append(("worker_ratio", values, lambda v: times(v, lang)))
    if "navigation_ratio" in targets and data.get("navigation"):
        values = [((pair.get("prerendered") or pair)["ratio"], page_title(name, lang))
                  for name, pair in data["navigation"]["pairs"].items()]
        checks.append(("navigation_ratio", values, lambda v: times(v, lang)))
    if "room_ratio" in targets and data.get("room"):
        values = [(page["ratio"], page_title(name, lang)) for name, page in data["room"]["pages"].items()]
        checks.append(("room_ratio", values, lambda v: times(v, lang)))
    if data.get("offline"):
        limit = data["offline"]["target_bytes"]
        values = [(copy_["bytes"] if not copy_["other_language_files"] else limit + 1, t["languages"][key])
                  for key, copy_ in data["offline"]["languages"].items()]
        checks.append(("offline_bytes", values, lambda v: kilobytes(v, lang)))
    for key, values, show in checks:
        limit = data["offline"]["target_bytes"] if key == "offline_bytes" else targets[key]
        found = _worst(values, limit, lang, show)
        if found is None:
            continue
        found.update(title=t["target_" + key], limit="≤" + numbers.NBSP + show(limit))
        rows.append(found)
    return rows


def _startup(data, lang):
    rows = []
    for name, page in data["pages"].items():
        marks = page["cold"].get("startup_ms")
        if not marks:
            continue
        rows.append({"title": page_title(name, lang), "href": "../" + page["path"],
                     "cells": [_cell(marks.get(key), lang) for key in STARTUP]})
    if not rows:
        return None
    t = TEXTS[lang]
    return {"caption": t["caption_startup"], "names": [t["startup_names"][key] for key in STARTUP], "rows": rows}


def _worker(data, lang):
    rows = []
    for name, page in data["pages"].items():
        worker = page.get("worker")
        if not worker:
            continue
        early = page["cold"].get("bytes_before_live")
        rows.append({"title": page_title(name, lang), "href": "../" + page["path"],
                     "with": _cell(worker["ms"], lang), "without": _cell(worker["blocked_ms"], lang),
                     "ratio": times(worker["ratio"], lang),
                     "verdict": verdict(worker["ratio"], data["targets"].get("worker_ratio", 1.1), lang),
                     "bytes": _cell(early, lang, "kb") if early else {"value": None, "range": None}})
    if not rows:
        return None
    t = TEXTS[lang]
    return {"caption": t["caption_worker"], "target": t["target_le"] % times(data["targets"].get("worker_ratio", 1.1), lang),
            "rows": rows}


def _navigation(data, lang):
    navigation = data.get("navigation")
    if not navigation or not navigation["pairs"]:
        return None
    t = TEXTS[lang]
    limit = data["targets"].get("navigation_ratio", 1.5)
    from_path = dict((name, page["path"]) for name, page in data["pages"].items())
    rows = []
    for name, pair in navigation["pairs"].items():
        target = [key for key, path in from_path.items() if path == pair["to"]]
        ahead = pair.get("prerendered")
        judged = (ahead or pair)["ratio"]
        rows.append({"title": page_title(name, lang) + " → " + (page_title(target[0], lang) if target else pair["to"]),
                     "live": _cell(pair["live_ms"], lang), "plain": _cell(pair["plain_ms"], lang),
                     "ahead": _cell(ahead["live_ms"], lang, "ms1") if ahead else {"value": None, "range": None},
                     "ratio": times(judged, lang), "verdict": verdict(judged, limit, lang)})
    prerendered = any(pair.get("prerendered") for pair in navigation["pairs"].values())
    return {"caption": t["caption_navigation"], "target": t["target_le"] % times(limit, lang), "rows": rows,
            "note": t["nav_note_prerendered"] if prerendered else t["nav_note"]}


def _room(data, lang):
    room = data.get("room")
    if not room:
        return None
    t = TEXTS[lang]
    limit = data["targets"].get("room_ratio", 1.1)
    rows = [{"title": page_title(name, lang), "room": kilobytes(page["room"], lang),
             "nginx": kilobytes(page["nginx"], lang), "ratio": times(page["ratio"], lang),
             "verdict": verdict(page["ratio"], limit, lang)} for name, page in room["pages"].items()]
    return {"caption": t["caption_room"], "target": t["target_le"] % times(limit, lang), "rows": rows}


def _throttled(data, lang):
    throttled = data.get("throttled")
    if not throttled:
        return None
    t = TEXTS[lang]
    rows = []
    for name, page in throttled["pages"].items():
        plain = data["pages"][name]
        cells = []
        for visit in ("cold", "warm"):
            for cost in (plain[visit]["runtime_cost_ms"], page[visit].get("runtime_cost_ms")):
                cells.append(None if cost is None else unit(cost, lang, "ms"))
        rows.append({"title": page_title(name, lang), "cells": cells})
    return {"caption": t["caption_throttled"] % numbers.format_number(throttled["rate"], lang, 0), "rows": rows}


def _offline(data, lang):
    offline = data.get("offline")
    if offline is None:
        return None
    t = TEXTS[lang]
    limit = offline["target_bytes"]
    rows = []
    for key in catalog.LANGS:
        copy_ = offline["languages"][key]
        judged = verdict(copy_["bytes"], limit, lang)
        if copy_["other_language_files"]:
            judged = {"met": False, "text": t["missed"]}
        rows.append({
            "language": t["languages"][key],
            "files": numbers.format_number(copy_["files"], lang, 0),
            "stored": kilobytes(copy_["bytes"], lang),
            "verdict": judged,
            "download": kilobytes(copy_["download"], lang),
            "later": kilobytes(copy_["later_bytes"], lang),
            "other": numbers.format_number(copy_["other_language_files"], lang, 0),
        })
    return {"caption": t["caption_offline"], "target": t["target_le"] % kilobytes(limit, lang), "rows": rows}


def _about(data, lang):
    t = TEXTS[lang]
    versions = data["versions"]
    return {
        "date": long_date(data["date"], lang),
        "iso_date": data["date"],
        "machine": data["machine"],
        "browser": data["browser"],
        "versions": [(t["version_names"][key], versions[key])
                     for key in VERSIONS + ("pyodide",) if key in versions],
        "runs": numbers.format_number(data["runs"], lang, 0),
        "language": t["languages"][data["language"]],
    }


def context(data, lang):
    """Everything the template shows, as texts for ``lang``: the data must have passed :func:`validate`."""
    t = TEXTS[lang]
    runs = plural(data["runs"], lang, "runs")
    targets = data["targets"]
    return {
        "t": t,
        "lang": lang,
        "cold": {"caption": t["caption_cold"] % runs, "rows": _visit_rows(data, "cold", lang),
                 "runtime_target": t["target_le"] % milliseconds(targets["cold_runtime_ms"], lang),
                 "input_target": t["target_le"] % milliseconds(targets["input_ms"], lang),
                 "bytes_target": t["target_le"] % kilobytes(targets["page_bytes"], lang)},
        "warm": {"caption": t["caption_warm"] % runs, "rows": _visit_rows(data, "warm", lang),
                 "runtime_target": t["target_le"] % milliseconds(targets["warm_runtime_ms"], lang),
                 "input_target": t["target_le"] % unit(targets["input_ms"], lang, "ms")},
        "targets": _targets(data, lang) + _more_targets(data, lang),
        "startup": _startup(data, lang),
        "worker": _worker(data, lang),
        "navigation": _navigation(data, lang),
        "room": _room(data, lang),
        "throttled": _throttled(data, lang),
        "build": _build(data, lang),
        "search": _search(data, lang),
        "offline": _offline(data, lang),
        "pyodide": _pyodide(data, lang),
        "about": _about(data, lang),
    }


# ---- Markers and rendering ------------------------------------------------------------------------

def parse_marker(args, where="page"):
    """``" table=cold"`` -> ``("cold",)``; no option -> every table.  Anything else raises."""
    tables = []
    for word in args.split():
        key, sep, value = word.partition("=")
        if key != "table" or not sep or value not in TABLES:
            raise SpeedPageError("%s: unknown option %r in '::: benchmark-results' (allowed: table=%s)"
                                 % (where, word, "|".join(TABLES)))
        tables.append(value)
    return tuple(tables) or TABLES


def render(data, lang, tables=TABLES):
    """The HTML of the asked-for tables for ``lang``, from checked ``data``."""
    from scripts import embed  # the Jinja environment of overrides/ (embed imports this module)

    return embed.environment().get_template("partials/speed.html").render(
        tables=tables, **context(data, lang)).strip()


def render_marker(args, lang, where="page", path=None):
    """A ``::: benchmark-results`` marker's HTML: reads and checks the results file each time."""
    tables = parse_marker(args, where)
    try:
        data = load(path or RESULTS)
    except SpeedPageError as error:
        raise SpeedPageError("%s: %s" % (where, error))
    return render(data, lang, tables)
