"""Numbers typed the way the page's language writes them, in headless Chromium against the built site:
English reads 12,000 as twelve thousand, a form with two readings says both next to the field, a field
shows its number grouped once left (and as typed while typing), and 0.00001 survives its own link."""

from browsing import wait_until

from calculators import registry
from calculators.numbers import format_plain
from calculators.view import input_text, view

LIVE_TIMEOUT_MS = 25000
AVR = registry.get("acquisition_vs_retention")
KEY = "acquisition-vs-retention-1"
ROOT = "[data-calculator=acquisition_vs_retention]"
PAGES = {"ru": "calculators/acquisition-vs-retention/", "en": "en/calculators/acquisition-vs-retention/"}
NBSP = "\u00a0"


def open_live(page, site_url, lang, query=""):
    page.goto(site_url + PAGES[lang] + query)
    page.wait_for_selector(ROOT + "[data-state=live]", timeout=LIVE_TIMEOUT_MS)


def field(name, root=ROOT):
    return "%s input[name=%s]" % (root, name)


def defaults(lang):
    return dict((k, input_text(v, lang)) for k, v in AVR.defaults(lang).items())


def expected(raw, lang):
    return [[o["key"], o["value"], o["text"]] for o in view(AVR, raw, lang)["outputs"]]


def wait_outputs(page, want, root=ROOT):
    wait_until(page, "([sel, want]) => JSON.stringify([...document.querySelectorAll(sel + ' [data-output]')]"
                     ".map(e => [e.dataset.output, e.dataset.value, e.textContent])) === JSON.stringify(want)",
               [root, want])


def type_into(page, name, text, root=ROOT):
    """Type as a person does (key by key, so that leaving the field fires "change")."""
    locator = page.locator(field(name, root))
    locator.click()
    locator.press("Control+a")
    locator.press("Delete")
    locator.press_sequentially(text)
    return locator


def test_twelve_thousand_on_the_english_page(watched, site_url):
    page = watched.page
    open_live(page, site_url, "en")
    type_into(page, "new_customers", "12,000")
    raw = dict(defaults("en"), new_customers="12000")
    wait_outputs(page, expected(raw, "en"))
    # $12,000 spent on 12,000 customers: $1 each (not $1,000, as when 12,000 was read as 12)
    assert page.get_attribute("[data-output=cac]", "data-value") == format_plain(12000 / 12000) == "1"
    assert page.get_attribute(field("new_customers"), "aria-invalid") is None
    type_into(page, "acquisition_spend", "1,200,000.50")
    wait_outputs(page, expected(dict(raw, acquisition_spend="1200000.5"), "en"))
    assert watched.errors() == []


def test_two_readings_are_said_next_to_the_field_in_both_languages(watched, site_url):
    page = watched.page
    for lang, name, typed, words in (("en", "gross_margin_pct", "1,5", "1.5 or 15?"),
                                     ("en", "acquisition_spend", "12,00", "12 or 1,200?"),
                                     ("ru", "new_customers", "12,000", "12 или 12" + NBSP + "000?"),
                                     ("ru", "average_order", "1.500", "1" + NBSP + "500 или 1,5?"),
                                     ("ru", "acquisition_spend", "$600 000", "USD")):
        open_live(page, site_url, lang)
        locator = type_into(page, name, typed)
        error = "#calc-%s-%s-error" % (KEY, name)
        wait_until(page, "([sel, words]) => document.querySelector(sel).textContent.includes(words)", [error, words])
        assert locator.get_attribute("aria-invalid") == "true"
        spec = AVR.input_by_name[name]
        message = view(AVR, dict(defaults(lang), **{name: typed}), lang)["inputs"]
        assert page.text_content(error) == [i["error"] for i in message if i["name"] == name][0]
        # leaving the field keeps what was typed: nothing is guessed, nothing lost
        locator.press("Tab")
        page.wait_for_timeout(300)
        assert locator.input_value() == typed
        # the outputs that read the field say which field to correct
        unavailable = [o.key for o in AVR.outputs if spec.name in o.depends]
        assert unavailable
        for key in unavailable:
            assert page.get_attribute("[data-output=%s]" % key, "data-value") == ""
    assert watched.errors() == []


def test_a_field_shows_its_number_grouped_after_you_leave_it(watched, site_url):
    page = watched.page
    cases = {
        "ru": [("acquisition_spend", "1500000", "1" + NBSP + "500" + NBSP + "000"),
               ("average_order", "2500,5 ₽", "2" + NBSP + "500,5"),
               ("retention_rate_pct", "62,5%", "62,5"),
               ("orders_per_year", "1,125", None),  # two readings: kept as typed
               ("new_customers", "12abc", None)],
        "en": [("acquisition_spend", "1500000", "1,500,000"),
               ("average_order", "$2500.5", "2,500.5"),
               ("retention_rate_pct", "62.5 %", "62.5"),
               ("orders_per_year", "1.125", "1.125"),
               ("new_customers", "12abc", None)],
    }
    for lang, steps in cases.items():
        open_live(page, site_url, lang)
        # the page is built with grouped numbers already
        assert page.input_value(field("acquisition_spend")) == input_text(AVR.defaults(lang)["acquisition_spend"], lang)
        for name, typed, shown in steps:
            locator = type_into(page, name, typed)
            page.wait_for_timeout(200)
            assert locator.input_value() == typed  # as typed while typing
            locator.press("Tab")
            wait_until(page, "([sel, want]) => document.querySelector(sel).value === want",
                       [field(name), shown if shown is not None else typed])
        raw = dict(defaults(lang))
        for name, typed, shown in steps:
            raw[name] = shown if shown is not None else typed
        wait_outputs(page, expected(raw, lang))
    assert watched.errors() == []


def test_a_tiny_number_comes_back_from_its_own_link(watched, site_url):
    """0.00001 used to come back from its link as 1e-5, which the field then refused."""
    page = watched.page
    open_live(page, site_url, "en", "?%s.orders_per_year=0.00001" % KEY)
    assert page.input_value(field("orders_per_year")) == "0.00001"
    assert page.is_hidden(ROOT + " [data-role=notices]")
    assert page.get_attribute(field("orders_per_year"), "aria-invalid") is None
    wait_outputs(page, expected(dict(defaults("en"), orders_per_year="0.00001"), "en"))
    # typed on the Russian page, written into the address, opened from the link
    open_live(page, site_url, "ru")
    type_into(page, "orders_per_year", "0,00001")
    wait_until(page, "f => location.search.includes(f)", KEY + ".orders_per_year=0.00001")
    link = page.input_value(ROOT + " [data-role=link]")
    assert "orders_per_year=0.00001" in link and "e-" not in link
    other = page.context.new_page()
    other.goto(link)
    other.wait_for_selector(ROOT + "[data-state=live]", timeout=LIVE_TIMEOUT_MS)
    assert other.input_value(field("orders_per_year")) == "0,00001"
    assert other.is_hidden(ROOT + " [data-role=notices]")
    wait_outputs(other, expected(dict(defaults("ru"), orders_per_year="0,00001"), "ru"))
    other.close()
    assert watched.errors() == []


def test_seconds_typed_with_their_unit_are_read(watched, site_url):
    """A seconds field shows its unit beside it (с, s); typed after the number, the unit is read too."""
    page = watched.page
    staffing = registry.get("call_staffing")
    root = "[data-calculator=call_staffing]"
    for lang, prefix, typed in (("ru", "", "20 с"), ("en", "en/", "20s")):
        page.goto(site_url + prefix + "calculators/call-staffing/")
        page.wait_for_selector(root + "[data-state=live]", timeout=LIVE_TIMEOUT_MS)
        locator = type_into(page, "target_answer_seconds", typed, root)
        locator.press("Tab")
        wait_until(page, "sel => document.querySelector(sel).value === '20'", field("target_answer_seconds", root))
        assert locator.get_attribute("aria-invalid") is None
        raw = dict((k, input_text(v, lang)) for k, v in staffing.defaults(lang).items())
        raw["target_answer_seconds"] = "20"
        wait_outputs(page, [[o["key"], o["value"], o["text"]] for o in view(staffing, raw, lang)["outputs"]], root)
    assert watched.errors() == []
