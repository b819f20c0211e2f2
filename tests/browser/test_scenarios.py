"""Scenarios in the page address, presets and reset, comparing A with B, copying and downloading the
results, the link and its QR code — in headless Chromium against the built site."""

import shutil
import subprocess
import urllib.parse

import pytest

from calculators import registry, scenario
from calculators.core import evaluate
from calculators.view import compare, input_text, table_csv, table_tsv, view
from conftest import LAN_HOST as HOST

LIVE_TIMEOUT_MS = 25000
AVR = registry.get("acquisition_vs_retention")
KEY = "acquisition-vs-retention-1"
ROOT = "[data-calculator=acquisition_vs_retention]"
EN_PAGE = "en/calculators/acquisition-vs-retention/"


def wait_live(page, selector="[data-calculator]"):
    page.wait_for_selector(selector + "[data-state=live]", timeout=LIVE_TIMEOUT_MS)


def outputs(page, root=ROOT):
    return page.eval_on_selector_all(root + " [data-output]",
                                     "els => els.map(e => [e.dataset.output, e.dataset.value, e.textContent])")


def expected(calculator, raw, lang, currency=None):
    return [[o["key"], o["value"], o["text"]] for o in view(calculator, raw, lang, currency)["outputs"]]


def fields(page, calculator, root=ROOT):
    return dict((spec.name, page.input_value("%s input[name=%s]" % (root, spec.name))) for spec in calculator.inputs)


def query_of(page):
    return urllib.parse.urlsplit(page.url).query


def wait_query(page, fragment):
    page.wait_for_function("f => location.search.includes(f)", arg=fragment, timeout=5000)


def test_edits_go_to_the_address_without_new_history_and_the_link_restores_them(watched, site_url):
    page = watched.page
    page.goto(site_url + EN_PAGE + "?utm_source=room#how-the-results-are-computed")
    wait_live(page)
    length = page.evaluate("history.length")
    page.fill(ROOT + " input[name=new_customers]", "500")
    page.fill(ROOT + " input[name=average_order]", "62.5")
    page.select_option(ROOT + " [data-role=currency]", "EUR")
    # The address is written 250 ms after the last change: wait for the last one, the currency.
    wait_query(page, KEY + ".average_order=62.5")
    wait_query(page, KEY + ".currency=EUR")
    assert page.evaluate("history.length") == length
    assert query_of(page) == ("utm_source=room&%s.currency=EUR&%s.new_customers=500&%s.average_order=62.5"
                              % (KEY, KEY, KEY))
    assert page.url.endswith("#how-the-results-are-computed")
    link = page.input_value(ROOT + " [data-role=link]")
    assert link == page.url.split("#")[0] + "#calc-" + KEY

    other = page.context.new_page()
    other.goto(link)
    wait_live(other)
    raw = dict((k, input_text(v, "en")) for k, v in AVR.defaults("en").items())
    raw.update(new_customers="500", average_order="62.5")
    assert fields(other, AVR) == raw
    assert other.input_value(ROOT + " [data-role=currency]") == "EUR"
    assert outputs(other) == expected(AVR, raw, "en", "EUR")
    assert other.is_hidden(ROOT + " [data-role=notices]")
    other.close()
    assert watched.errors() == []


def test_missing_and_invalid_values_and_hostile_markup(watched, site_url):
    page = watched.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = ["<script>window.__owned=1</script>", "<img src=x onerror=window.__owned=2>"]
    query = urllib.parse.urlencode([
        (KEY + ".new_customers", "500"),
        (KEY + ".average_order", hostile[0]),
        (KEY + ".acquisition_spend", hostile[1]),
        (KEY + ".retention_rate_pct", "250"),
        (KEY + ".<b>bold</b>", "1"),
        (KEY + ".preset", "<svg onload=alert(1)>"),
    ])
    page.goto(site_url + EN_PAGE + "?" + query)
    wait_live(page)
    raw = dict((k, input_text(v, "en")) for k, v in AVR.defaults("en").items())
    raw["new_customers"] = "500"
    assert fields(page, AVR) == raw
    assert outputs(page) == expected(AVR, raw, "en")
    notices = page.locator(ROOT + " [data-role=notices] li")
    found = scenario.decode(AVR, KEY, "?" + query, "en")
    assert notices.all_text_contents() == found["notices"]
    assert len(found["notices"]) == 5
    assert "<script>" in page.text_content(ROOT + " [data-role=notices]")
    markup = page.eval_on_selector(ROOT + " [data-role=notices]",
                                   "el => el.querySelectorAll('*:not(li)').length")
    assert markup == 0
    page.wait_for_timeout(400)
    assert page.evaluate("window.__owned") is None
    assert dialogs == []
    # the address is rewritten to what was actually taken
    assert query_of(page) == KEY + ".new_customers=500"
    assert watched.errors() == []


def test_presets_and_reset(watched, site_url):
    page = watched.page
    page.goto(site_url + EN_PAGE)
    wait_live(page)
    page.select_option(ROOT + " [data-role=preset]", "b2b_service")
    wait_query(page, KEY + ".preset=b2b_service")
    raw = dict((k, input_text(v, "en")) for k, v in AVR.defaults("en", "b2b_service").items())
    assert fields(page, AVR) == raw
    assert outputs(page) == expected(AVR, raw, "en")
    page.fill(ROOT + " input[name=new_customers]", "7")
    wait_query(page, KEY + ".new_customers=7")
    assert query_of(page) == "%s.preset=b2b_service&%s.new_customers=7" % (KEY, KEY)

    page.focus(ROOT + " [data-action=reset]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search === ''", timeout=5000)
    defaults = dict((k, input_text(v, "en")) for k, v in AVR.defaults("en").items())
    assert fields(page, AVR) == defaults
    assert page.input_value(ROOT + " [data-role=preset]") == ""
    assert outputs(page) == expected(AVR, defaults, "en")
    assert page.text_content(ROOT + " [data-role=tools-status]") == "Default values restored."
    assert watched.errors() == []


def test_pin_compare_copy_and_download(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url + "calculators/acquisition-vs-retention/")
    wait_live(page)
    assert page.is_hidden(ROOT + " [data-compare=cac]")
    page.click(ROOT + " [data-action=pin]")
    page.fill(ROOT + " input[name=new_customers]", "500")
    page.fill(ROOT + " input[name=retention_rate_pct]", "70")
    defaults = dict((k, input_text(v, "ru")) for k, v in AVR.defaults("ru").items())
    raw = dict(defaults, new_customers="500", retention_rate_pct="70")
    a, b = evaluate(AVR, defaults, "ru"), evaluate(AVR, raw, "ru")
    rows = compare(a, b)
    page.wait_for_function("t => document.querySelector('[data-compare=cac] [data-part=diff]').textContent === t",
                           arg=rows[0]["diff"], timeout=5000)
    shown = page.eval_on_selector_all(ROOT + " [data-compare]", "els => els.map(e => [e.dataset.compare, "
                                      "e.querySelector('[data-part=a]').textContent, "
                                      "e.querySelector('[data-part=diff]').textContent, e.hidden])")
    assert shown == [[r["key"], "A: " + r["a"], r["diff"], False] for r in rows]
    assert outputs(page) == expected(AVR, raw, "ru")

    page.click(ROOT + " [data-action=copy-table]")
    page.wait_for_function("() => document.querySelector('[data-role=tools-status]').textContent.includes('скопирована')")
    assert page.evaluate("navigator.clipboard.readText()").replace("\r\n", "\n") == table_tsv(b, a).replace("\r\n", "\n")

    with page.expect_download() as caught:
        page.click(ROOT + " [data-action=csv]")
    download = caught.value
    assert download.suggested_filename == "acquisition-vs-retention.csv"
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == table_csv(b, a)

    page.click(ROOT + " [data-action=unpin]")
    assert page.is_hidden(ROOT + " [data-compare=cac]")
    assert page.is_hidden(ROOT + " [data-action=unpin]")
    assert page.evaluate("document.activeElement.dataset.action") == "pin"
    with page.expect_download() as caught:
        page.click(ROOT + " [data-action=csv]")
    assert open(caught.value.path(), "rb").read()[3:].decode("utf-8") == table_csv(b)

    page.click(ROOT + " [data-action=copy-link]")
    page.wait_for_function("() => document.querySelector('[data-role=tools-status]').textContent === 'Ссылка скопирована.'")
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value(ROOT + " [data-role=link]")
    assert errors == []
    context.close()


def test_qr_code_of_the_link_reads_back(watched, site_url, tmp_path):
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg is not installed (Debian: apt-get install zbar-tools)")
    page = watched.page
    page.goto(site_url + EN_PAGE + "?%s.new_customers=500&%s.average_order=75.5&%s.retention_rate_pct=70"
              % (KEY, KEY, KEY))
    wait_live(page)
    button = ROOT + " [data-action=qr]"
    assert page.get_attribute(button, "aria-expanded") == "false"
    page.click(button)
    page.wait_for_selector(ROOT + " [data-role=qr] svg")
    assert page.get_attribute(button, "aria-expanded") == "true"
    assert page.text_content(button) == "Hide QR code"
    link = page.input_value(ROOT + " [data-role=link]")
    target = str(tmp_path / "qr.png")
    page.locator(ROOT + " [data-role=qr] svg").screenshot(path=target)
    done = subprocess.run(["zbarimg", "--quiet", "--raw", target], capture_output=True, text=True)
    assert done.stdout.strip() == link
    # the code follows the scenario
    page.fill(ROOT + " input[name=new_customers]", "600")
    page.wait_for_function("() => document.querySelector('[data-role=link]').value.includes('new_customers=600')")
    page.locator(ROOT + " [data-role=qr] svg").screenshot(path=target)
    done = subprocess.run(["zbarimg", "--quiet", "--raw", target], capture_output=True, text=True)
    assert done.stdout.strip() == page.input_value(ROOT + " [data-role=link]")
    assert watched.requests and all(u.startswith(site_url) or u.startswith("data:") for u in watched.requests)
    assert watched.errors() == []


def test_two_calculators_on_one_page_keep_their_own_keys(watched, site_url):
    page = watched.page
    page.goto(site_url + "en/chapters/permission-and-trust/")
    wait_live(page, "[data-calculator=conversion_funnel]")
    wait_live(page, ROOT)
    funnel = registry.get("conversion_funnel")
    first = funnel.inputs[0].name
    page.fill("[data-calculator=conversion_funnel] input[name=%s]" % first, "777")
    page.fill(ROOT + " input[name=new_customers]", "321")
    wait_query(page, "new_customers=321")
    wait_query(page, "conversion-funnel-1.%s=777" % first)
    other = page.context.new_page()
    other.goto(page.url)
    wait_live(other, ROOT)
    wait_live(other, "[data-calculator=conversion_funnel]")
    assert other.input_value("[data-calculator=conversion_funnel] input[name=%s]" % first) == "777"
    assert other.input_value(ROOT + " input[name=new_customers]") == "321"
    other.close()
    assert watched.errors() == []


def test_without_a_secure_context_the_link_and_table_are_selected_instead(lan_browser, site_url):
    """Plain HTTP on a local network: no Clipboard API; the text is selected in a visible field and the
    page says so."""
    port = site_url.rsplit(":", 1)[1].split("/")[0]
    context = lan_browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("http://%s:%s/%s" % (HOST, port, EN_PAGE))
    assert page.evaluate("window.isSecureContext") is False
    wait_live(page)
    page.fill(ROOT + " input[name=new_customers]", "450")
    page.click(ROOT + " [data-action=copy-link]")
    status = page.text_content(ROOT + " [data-role=tools-status]")
    assert "not available" in status and "selected" in status
    selected = page.evaluate("(() => { const e = document.activeElement; "
                             "return [e.dataset.role, e.value.slice(e.selectionStart, e.selectionEnd)]; })()")
    assert selected[0] == "link" and "new_customers=450" in selected[1] and selected[1].startswith("http://" + HOST)
    page.click(ROOT + " [data-action=copy-table]")
    assert page.is_visible(ROOT + " [data-role=table]")
    selected = page.evaluate("(() => { const e = document.activeElement; "
                             "return [e.dataset.role, e.value.slice(e.selectionStart, e.selectionEnd)]; })()")
    raw = dict((k, input_text(v, "en")) for k, v in AVR.defaults("en").items())
    raw["new_customers"] = "450"
    # a text field keeps line breaks as LF
    assert selected == ["table", table_tsv(evaluate(AVR, raw, "en")).replace("\r\n", "\n")]
    assert errors == []
    context.close()


def test_tools_are_keyboard_reachable_and_labelled(watched, site_url):
    page = watched.page
    page.goto(site_url + EN_PAGE)
    wait_live(page)
    for action in ("reset", "pin", "copy-table", "csv", "copy-link", "qr"):
        element = page.locator(ROOT + " [data-action=%s]" % action)
        assert element.is_visible()
        assert element.text_content().strip()
        element.focus()
        assert page.evaluate("document.activeElement.dataset.action") == action
    link = page.locator(ROOT + " [data-role=link]")
    label = page.text_content("label[for=%s]" % link.get_attribute("id"))
    assert label == "Link to this scenario"
    privacy = page.text_content("#" + link.get_attribute("aria-describedby"))
    assert "figures typed" in privacy
    page.focus(ROOT + " [data-action=qr]")
    page.keyboard.press("Enter")
    page.wait_for_selector(ROOT + " [data-role=qr] svg")
    page.keyboard.press("Enter")
    assert page.is_hidden(ROOT + " [data-role=qr]")
