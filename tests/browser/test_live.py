"""Headless Chromium against the built site: every calculator page goes live and computes what CPython computes."""

import xml.etree.ElementTree as ElementTree

import pytest
from browsing import wait_until

from calculators import registry
from calculators.core import evaluate
from calculators.numbers import format_plain
from calculators.view import input_text, view

LIVE_TIMEOUT_MS = 25000
LANG_PREFIX = {"ru": "", "en": "en/"}


def page_path(name, lang):
    return "%scalculators/%s/" % (LANG_PREFIX[lang], name.replace("_", "-"))


def wait_live(page, selector="[data-calculator]"):
    page.wait_for_selector(selector + "[data-state=live]", timeout=LIVE_TIMEOUT_MS)


def shown_outputs(page, root):
    return page.eval_on_selector_all(
        root + " [data-output]",
        "els => els.map(e => [e.dataset.output, e.dataset.value, e.textContent])")


def expected_outputs(calculator, raw, lang):
    shown = view(calculator, raw, lang)
    return [[o["key"], o["value"], o["text"]] for o in shown["outputs"]]


def check_verdict(page, root, calculator, raw, lang):
    """The calculator's verdict, when it states one, is the sentence CPython writes (hidden when empty)."""
    if calculator.verdict is None:
        assert page.query_selector(root + " [data-role=verdict]") is None
        return
    want = view(calculator, raw, lang)["verdict"]
    page.wait_for_function(
        "([sel, want]) => { const e = document.querySelector(sel + ' [data-role=verdict]');"
        " return e.textContent === want && e.hidden === (want === ''); }", arg=[root, want], timeout=5000)


def check_chart(page, root, calculator, raw, lang):
    """The chart shows what CPython draws for the same inputs: its text (title, description, labels and
    values) the same, and the figure hidden when CPython draws none."""
    svg = view(calculator, raw, lang)["chart"]
    want = "".join(ElementTree.fromstring(svg).itertext()) if svg else ""
    page.wait_for_function(
        "([sel, want]) => { const f = document.querySelector(sel + ' [data-role=chart]');"
        " const svg = f.querySelector('svg');"
        " return (svg ? svg.textContent : '') === want && f.hidden === (want === ''); }",
        arg=[root, want], timeout=5000)
    shown = page.eval_on_selector(root + " [data-role=chart]", "f => f.innerHTML")
    for bad in ("NaN", "Infinity", "undefined"):
        assert bad not in shown


def changed_value(calculator, lang):
    """A valid new value for the first input: its default doubled (or 1 when the default is 0), in range."""
    spec = calculator.inputs[0]
    value = spec.default[lang] * 2 or 1
    if spec.maximum is not None and value > spec.maximum:
        value = spec.maximum
    return spec.name, input_text(value, lang)


def same_origin(url, base):
    return url.startswith(base) or url.startswith("data:") or url.startswith("blob:")


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("name", sorted(registry.CALCULATORS))
def test_calculator_page_goes_live_and_matches_cpython(watched, site_url, name, lang):
    page = watched.page
    calculator = registry.get(name)
    page.goto(site_url + page_path(name, lang))
    root = "[data-calculator=%s]" % name
    wait_live(page, root)

    defaults = dict((k, input_text(v, lang)) for k, v in calculator.defaults(lang).items())
    assert shown_outputs(page, root) == expected_outputs(calculator, defaults, lang)
    check_verdict(page, root, calculator, defaults, lang)
    check_chart(page, root, calculator, defaults, lang)

    field, text = changed_value(calculator, lang)
    page.fill("%s input[name=%s]" % (root, field), text)
    raw = dict(defaults, **{field: text})
    expected = expected_outputs(calculator, raw, lang)
    page.wait_for_function(
        "([sel, want]) => JSON.stringify([...document.querySelectorAll(sel + ' [data-output]')]"
        ".map(e => [e.dataset.output, e.dataset.value, e.textContent])) === JSON.stringify(want)",
        arg=[root, expected], timeout=5000)
    check_verdict(page, root, calculator, raw, lang)
    check_chart(page, root, calculator, raw, lang)

    # Bad input: a message next to the field, dependent outputs unavailable, nothing else breaks.
    page.fill("%s input[name=%s]" % (root, field), "12abc")
    bad = evaluate(calculator, dict(raw, **{field: "12abc"}), lang)
    message = bad.errors[field].message(lang)
    locator = page.locator("%s input[name=%s]" % (root, field))
    page.wait_for_function("el => el.getAttribute('aria-invalid') === 'true'", arg=locator.element_handle())
    described = locator.get_attribute("aria-describedby").split()
    texts = [page.locator("#" + ident).text_content() for ident in described]
    assert message in texts
    assert shown_outputs(page, root) == expected_outputs(calculator, dict(raw, **{field: "12abc"}), lang)
    for key, value, text in shown_outputs(page, root):
        assert "NaN" not in text and "Infinity" not in text and "nan" not in value
    check_verdict(page, root, calculator, dict(raw, **{field: "12abc"}), lang)
    check_chart(page, root, calculator, dict(raw, **{field: "12abc"}), lang)

    assert watched.errors() == []
    outside = [u for u in watched.requests if not same_origin(u, site_url)]
    assert outside == []


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("name", ["customer_value", "word_of_mouth", "affiliate_commission", "bonus_uptake"])
def test_bar_chart_draws_a_pinned_a_beside_b_as_cpython_does(watched, site_url, name, lang):
    """Pin the defaults as A, change B: the chart shows A beside B with the text CPython draws for them."""
    from calculators import catalog

    page = watched.page
    calculator = registry.get(name)
    page.goto(site_url + page_path(name, lang))
    root = "[data-calculator=%s]" % name
    wait_live(page, root)
    defaults = dict((k, input_text(v, lang)) for k, v in calculator.defaults(lang).items())
    page.click(root + " [data-action=pin]")
    field, text = changed_value(calculator, lang)
    page.fill("%s input[name=%s]" % (root, field), text)
    raw = dict(defaults, **{field: text})
    a = evaluate(calculator, defaults, lang)
    svg = view(calculator, raw, lang, None, None, a, (catalog.get(lang)["calculator"]["preset_default"], None))["chart"]
    root_svg = ElementTree.fromstring(svg)
    assert root_svg.find(".//{http://www.w3.org/2000/svg}rect[@class='chart-a-bar chart-a']") is not None
    want = "".join(root_svg.itertext())
    page.wait_for_function(
        "([sel, want]) => { const s = document.querySelector(sel + ' [data-role=chart] svg');"
        " return !!s && s.textContent === want; }", arg=[root, want], timeout=5000)
    assert page.locator(root + " [data-role=chart] .chart-a-bar").count() >= 2
    assert watched.errors() == []


def test_calculator_goes_live_after_navigating_to_it(watched, site_url):
    page = watched.page
    page.goto(site_url + "en/calculators/")
    page.click("a[href$='acquisition-vs-retention/']")
    wait_live(page)
    page.fill("input[name=new_customers]", "500")
    page.wait_for_function("() => document.querySelector('[data-output=cac]').dataset.value === '24'")
    assert watched.errors() == []


def test_nested_page_under_a_sub_path(watched, subpath_url):
    page = watched.page
    page.goto(subpath_url + "en/calculators/acquisition-vs-retention/")
    wait_live(page)
    assert all(u.startswith(subpath_url) or u.startswith("data:") for u in watched.requests), watched.requests
    assert watched.errors() == []


def test_edits_while_starting_mark_outputs_stale_and_count_once_live(chromium, site_url):
    context = chromium.new_context()
    page = context.new_page()
    held = []
    page.route("**/micropython.wasm", lambda route: held.append(route))
    page.goto(site_url + "en/calculators/acquisition-vs-retention/")
    page.wait_for_selector("[data-calculator][data-state=starting]")
    page.fill("input[name=new_customers]", "300")
    assert "clc--stale" in page.get_attribute("[data-calculator]", "class")
    page.wait_for_timeout(200)
    for route in held:
        route.continue_()
    page.unroute("**/micropython.wasm")
    wait_live(page)
    assert page.get_attribute("[data-output=cac]", "data-value") == format_plain(12000 / 300)
    assert "clc--stale" not in page.get_attribute("[data-calculator]", "class")
    context.close()


def test_runtime_that_never_starts_fails_visibly_and_keeps_numbers(chromium, site_url):
    context = chromium.new_context()
    page = context.new_page()
    page.clock.install()
    page.route("**/micropython.wasm", lambda route: route.abort())
    page.goto(site_url + "calculators/acquisition-vs-retention/")
    page.clock.run_for(21000)
    page.wait_for_selector("[data-calculator][data-state=failed]")
    status = page.text_content("[data-calculator] [data-role=status]")
    assert "не запустился" in status
    assert page.get_attribute("[data-output=cac]", "data-value") == "1500"
    context.close()


def test_page_without_javascript_shows_built_numbers(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "en/calculators/acquisition-vs-retention/")
    assert page.get_attribute("[data-calculator]", "data-state") == "static"
    assert page.text_content("[data-output=cac]") == "$30.00"
    assert "Without JavaScript" in page.content()
    context.close()


@pytest.mark.parametrize("lang, currency, expected", [
    ("ru", "EUR", "1\u00a0500,00\u00a0€"),
    ("en", "KZT", "₸30.00"),
])
def test_currency_is_a_label_chosen_per_calculator(watched, site_url, lang, currency, expected):
    page = watched.page
    page.goto(site_url + page_path("acquisition_vs_retention", lang))
    wait_live(page)
    page.select_option("[data-calculator] select[data-role=currency]", currency)
    page.wait_for_function("want => document.querySelector('[data-output=cac]').textContent === want", arg=expected)
    value = page.get_attribute("[data-output=cac]", "data-value")
    assert value == ("1500" if lang == "ru" else "30")  # nothing is converted
    assert watched.errors() == []


@pytest.mark.parametrize("lang, words", [("ru", "повторно покупают реже"), ("en", "fewer customers buy again")])
def test_a_bonus_that_lowers_the_repeat_rate_is_said_in_words(watched, site_url, lang, words):
    # "Extra repeat customers" below zero: the sentence under the results says what it means.
    page = watched.page
    calculator = registry.get("bonus_uptake")
    page.goto(site_url + page_path("bonus_uptake", lang))
    root = "[data-calculator=bonus_uptake]"
    wait_live(page, root)
    verdict = root + " [data-role=verdict]"
    assert page.locator(verdict).is_hidden()
    defaults = dict((k, input_text(v, lang)) for k, v in calculator.defaults(lang).items())
    for rate, shown in (("10", True), ("30", False)):
        raw = dict(defaults, repeat_rate_with_pct=rate)
        want = view(calculator, raw, lang)["verdict"]
        assert bool(want) == shown and (words in want) == shown
        page.fill(root + " input[name=repeat_rate_with_pct]", rate)
        wait_until(page, "([sel, want]) => { const e = document.querySelector(sel);"
                         " return e.textContent === want && e.hidden === (want === ''); }", [verdict, want])
    assert watched.errors() == []
