"""How a calculator page starts Python: few requests, all asked for at once, nothing it does not show,
and performance marks for each step of the start-up (the benchmark's breakdown)."""

from browsing import recomputes

MARKS = ["clienting:runtime-requested", "clienting:interpreter-ready", "clienting:modules-fetched",
         "clienting:modules-imported", "clienting:bound", "clienting:live"]


def test_a_calculator_page_fetches_its_runtime_in_a_few_requests_and_marks_each_step(watched, site_url):
    page = watched.page
    by_page = []  # the offline copy's worker asks for the same files later: not the page's requests
    page.on("request", lambda request: by_page.append(request.url) if request.service_worker is None else None)
    page.goto(site_url + "calculators/word-of-mouth/")
    recomputes(page, "word_of_mouth", "ru")
    runtime = [url[len(site_url):] for url in by_page if "/assets/vendor/" in url or "/assets/py/" in url]
    custom = ["assets/py/calculators/custom.json"] if "assets/py/calculators/custom.json" in runtime else []
    assert sorted(runtime) == sorted(["assets/py/calculators.bundle", "assets/py/calculators/word_of_mouth.mpy",
                                      "assets/vendor/micropython/micropython.mjs",
                                      "assets/vendor/micropython/micropython.wasm"] + custom)
    assert not [url for url in watched.requests if "pyscript" in url]
    marks = page.evaluate("() => performance.getEntriesByType('mark')"
                          ".filter(m => m.name.startsWith('clienting:')).map(m => [m.name, m.startTime])")
    assert [name for name, _ in marks] == MARKS
    times = [time for _, time in marks]
    assert times == sorted(times)
    assert watched.errors() == []


def test_the_modules_are_asked_for_from_the_head_before_any_script_runs(watched, site_url):
    """Preloaded: the bundle and the calculator's module are requested before the runtime's own script."""
    page = watched.page
    order = []
    page.on("request", lambda request: order.append(request.url.rsplit("/", 1)[1]))
    page.goto(site_url + "en/calculators/customer-value/")
    recomputes(page, "customer_value", "en")
    for name in ("calculators.bundle", "customer_value.mpy", "micropython.wasm"):
        assert order.index(name) < order.index("runtime.js"), order
    assert order.count("calculators.bundle") == 1 and order.count("micropython.wasm") == 1
    assert watched.errors() == []
