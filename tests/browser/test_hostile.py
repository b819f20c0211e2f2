"""Hostile input: markup, script, huge numbers, exponents, other scripts' digits, thousands of characters.

Typed into calculators (both languages) and carried in the page address, none of it executes (every
payload would set ``window.__pwned``), nothing crashes, the message is the one CPython gives for the
same text, and the console stays clean.  The same strings through ``evaluate`` never raise.
"""

import pytest

from calculators import registry
from calculators.core import evaluate
from calculators.view import view

LIVE_TIMEOUT_MS = 25000
FLAG = "window.__pwned"
HOSTILE = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 2">',
    '"><svg onload="window.__pwned = 3">',
    "'; window.__pwned = 4; '",
    "javascript:window.__pwned = 5",
    "<b>12</b>",
    "{{ 7*7 }}${7*7}%s%n",
    "12<!--",
    "999999999999999999999999",
    "99999999999999",
    "1e309",
    "-1e309",
    "1E5",
    "0x1F",
    "١٢٣",      # Arabic-Indic digits
    "１２３",   # full-width digits
    "१२३",      # Devanagari digits
    "12\u00a0345,5",
    "9" * 5000,
    "1" + " " * 4000 + "2",
    "NaN",
    "Infinity",
    "-inf",
    "1\u0000",
    "\u0000",
    "\u202e1",
    "½",
    "",
]
PAGES = [("acquisition_vs_retention", "ru"), ("acquisition_vs_retention", "en"),
         ("conversion_funnel", "ru"), ("conversion_funnel", "en")]


@pytest.mark.parametrize("name", sorted(registry.NAMES))
def test_evaluate_never_raises_on_hostile_text(name):
    calculator = registry.get(name)
    for lang in ("ru", "en"):
        for text in HOSTILE:
            for spec in calculator.inputs:
                result = evaluate(calculator, {spec.name: text}, lang)
                shown = view(calculator, {spec.name: text}, lang)
                error = result.errors.get(spec.name)
                if error is not None:
                    message = error.message(lang)
                    assert message and "{" not in message and text not in message or text == ""
                for output in shown["outputs"]:
                    assert "nan" not in output["value"].lower() and "inf" not in output["value"].lower()


def page_path(name, lang):
    return ("en/" if lang == "en" else "") + "calculators/%s/" % name.replace("_", "-")


def expected_state(calculator, field, typed, lang):
    """The message and outputs CPython gives for ``typed`` in ``field`` (others at their defaults)."""
    result = evaluate(calculator, {field: typed}, lang)
    error = result.errors.get(field)
    shown = view(calculator, {field: typed}, lang)
    return (error.message(lang) if error else ""), [[o["key"], o["value"], o["text"]] for o in shown["outputs"]]


def shown_state(page, root, field):
    return page.evaluate(
        """([root, field]) => {
          const box = document.querySelector(root);
          const input = box.querySelector('input[name="' + field + '"]');
          const error = document.getElementById(input.id + '-error');
          return [input.getAttribute('aria-invalid') === 'true', error.textContent,
                  [...box.querySelectorAll('[data-output]')].map(e => [e.dataset.output, e.dataset.value, e.textContent])];
        }""", [root, field])


@pytest.fixture
def guarded(watched):
    watched.page.add_init_script(
        FLAG + " = false; window.__csp = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective));")
    return watched


def nothing_ran(page, root):
    assert page.evaluate(FLAG) is False
    assert page.evaluate("window.__csp") == []
    injected = page.evaluate("root => document.querySelectorAll(root + ' script, ' + root + ' img[src=x], '"
                             " + root + ' svg[onload], ' + root + ' b').length", root)
    assert injected == 0


@pytest.mark.parametrize("name, lang", PAGES)
def test_hostile_text_in_a_calculator_stays_text(guarded, site_url, name, lang):
    page = guarded.page
    calculator = registry.get(name)
    root = "[data-calculator=%s]" % name
    page.goto(site_url + page_path(name, lang))
    page.wait_for_selector(root + "[data-state=live]", timeout=LIVE_TIMEOUT_MS)
    fields = [calculator.inputs[0].name]
    for field in fields:
        selector = "%s input[name=%s]" % (root, field)
        default = page.input_value(selector)
        for text in HOSTILE:
            # A valid value between payloads, so each check waits for its own update.
            page.fill(selector, default)
            page.wait_for_function("el => el.getAttribute('aria-invalid') !== 'true'",
                                   arg=page.locator(selector).element_handle())
            page.fill(selector, text)
            typed = page.input_value(selector)  # what the field really holds (the browser drops NULs)
            message, outputs = expected_state(calculator, field, typed, lang)
            page.wait_for_function(
                "([el, want]) => (el.getAttribute('aria-invalid') === 'true') === want",
                arg=[page.locator(selector).element_handle(), bool(message)], timeout=5000)
            invalid, said, shown = shown_state(page, root, field)
            assert said == message, (field, text[:40])
            assert shown == outputs, (field, text[:40])
        page.fill(selector, default)
    nothing_ran(page, root)
    assert page.get_attribute(root, "data-state") == "live"
    assert guarded.errors() == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_hostile_text_in_the_address_stays_text(guarded, site_url, lang):
    """A scenario link carrying a payload: opened, it is ignored or shown as text, never run."""
    page = guarded.page
    name = "acquisition_vs_retention"
    root = "[data-calculator=%s]" % name
    page.goto(site_url + page_path(name, lang))
    page.wait_for_selector(root + "[data-state=live]", timeout=LIVE_TIMEOUT_MS)
    page.fill(root + " input[name=new_customers]", HOSTILE[1])
    page.wait_for_timeout(300)  # the address follows the inputs
    carried = page.url
    for url in (carried,
                site_url + page_path(name, lang) + "?new_customers=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
                site_url + page_path(name, lang) + "#%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E"):
        page.goto("about:blank")
        page.goto(url)
        page.wait_for_selector(root + "[data-state=live]", timeout=LIVE_TIMEOUT_MS)
        page.wait_for_timeout(200)
        nothing_ran(page, root)
    assert guarded.errors() == []
