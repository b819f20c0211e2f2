"""Scenarios in the page address, presets and reset, comparing A with B, copying and downloading the
results, the link and its QR code — in headless Chromium against the built site."""

import datetime
import shutil
import subprocess
import urllib.parse
import xml.etree.ElementTree as ElementTree

import pytest

from calculators import registry, scenario
from calculators.core import evaluate
from calculators.numbers import format_plain
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


def compare_rows(page, root=ROOT):
    """Each [data-compare] part as shown: key, A's text, the difference, hidden or not."""
    return page.eval_on_selector_all(root + " [data-compare]", "els => els.map(e => [e.dataset.compare, "
                                     "e.querySelector('[data-part=a]').textContent, "
                                     "e.querySelector('[data-part=diff]').textContent, e.hidden])")


def today():
    day = datetime.date.today()
    return (day.year, day.month, day.day)


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
    assert compare_rows(page) == [[r["key"], "А: " + r["a"], r["diff"], False] for r in rows]
    assert outputs(page) == expected(AVR, raw, "ru")
    # Б, not a Latin B, before each result (read as the word «в» in Russian)
    assert page.eval_on_selector(ROOT + " [data-output=cac]", "e => getComputedStyle(e, '::before').content") == '"Б "'
    names = ("По умолчанию", "")  # A is the defaults, unchanged; B has no name of its own
    wait_query(page, KEY + ".retention_rate_pct=70")
    link = page.input_value(ROOT + " [data-role=link]")
    assert link.endswith("&%s.a.preset=default#calc-%s" % (KEY, KEY))

    page.click(ROOT + " [data-action=copy-table]")
    page.wait_for_function("() => document.querySelector('[data-role=tools-status]').textContent.includes('скопирована')")
    assert page.evaluate("navigator.clipboard.readText()").replace("\r\n", "\n") == \
        table_tsv(b, a, names, today(), link).replace("\r\n", "\n")

    with page.expect_download() as caught:
        page.click(ROOT + " [data-action=csv]")
    download = caught.value
    assert download.suggested_filename == "acquisition-vs-retention.csv"
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == table_csv(b, a, names, today(), link)

    page.click(ROOT + " [data-action=unpin]")
    assert page.is_hidden(ROOT + " [data-compare=cac]")
    assert page.is_hidden(ROOT + " [data-action=unpin]")
    assert page.evaluate("document.activeElement.dataset.action") == "pin"
    with page.expect_download() as caught:
        page.click(ROOT + " [data-action=csv]")
    link = page.input_value(ROOT + " [data-role=link]")
    assert ".a." not in link
    assert open(caught.value.path(), "rb").read()[3:].decode("utf-8") == table_csv(b, None, ("", ""), today(), link)

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
    link = page.input_value(ROOT + " [data-role=link]")
    assert selected == ["table", table_tsv(evaluate(AVR, raw, "en"), None, ("", ""), today(), link).replace("\r\n", "\n")]
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


# --- comparisons a team can keep and send ------------------------------------------------------------------------

PAGES = {"ru": "calculators/acquisition-vs-retention/", "en": EN_PAGE}
STORAGE_KEY = "clienting.compare:/%s#calc-%s"


def defaults_raw(lang, preset=None):
    return dict((k, input_text(v, lang)) for k, v in AVR.defaults(lang, preset).items())


def names_shown(page, root=ROOT):
    return [page.input_value(root + " [data-role=name-a]"), page.input_value(root + " [data-role=name-b]")]


def wait_compare(page, rows, root=ROOT):
    """Until the compare parts show ``rows`` (as view.compare gives them) in the page's language."""
    page.wait_for_function(
        "([sel, want]) => JSON.stringify([...document.querySelectorAll(sel + ' [data-compare]')].map(e => "
        "[e.querySelector('[data-part=a]').textContent, e.querySelector('[data-part=diff]').textContent, e.hidden]))"
        " === JSON.stringify(want)", arg=[root, rows], timeout=5000)


def letter_rows(rows, lang):
    letter = {"ru": "А", "en": "A"}[lang]
    return [[letter + ": " + r["a"], r["diff"], False] for r in rows]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_pinned_comparison_survives_a_reload_and_stays_until_cleared(watched, site_url, lang):
    page = watched.page
    page.goto(site_url + PAGES[lang])
    wait_live(page)
    page.select_option(ROOT + " [data-role=preset]", "coffee_shop")
    page.click(ROOT + " [data-action=pin]")
    assert page.is_visible(ROOT + " [data-role=names]")
    title = AVR.presets["coffee_shop"]["title"][lang]
    # A is named after its preset until someone types a name
    assert page.get_attribute(ROOT + " [data-role=name-a]", "placeholder") == title
    page.fill(ROOT + " input[name=new_customers]", "150")
    page.fill(ROOT + " input[name=retention_rate_pct]", input_text(72.5, lang))
    page.fill(ROOT + " [data-role=name-b]", {"ru": "Больше постоянных", "en": "More regulars"}[lang])
    wait_query(page, KEY + ".name=")
    raw = dict(defaults_raw(lang, "coffee_shop"), new_customers="150", retention_rate_pct=input_text(72.5, lang))
    a, b = evaluate(AVR, defaults_raw(lang, "coffee_shop"), lang), evaluate(AVR, raw, lang)
    wait_compare(page, letter_rows(compare(a, b), lang))
    stored = page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY % (PAGES[lang], KEY))
    assert stored and KEY + ".a.preset=coffee_shop" in stored

    page.reload()
    wait_live(page)
    wait_compare(page, letter_rows(compare(a, b), lang))
    assert fields(page, AVR) == raw
    # the chart draws A beside B, as the same Python draws it
    svg = ElementTree.fromstring(AVR.chart(b, a, (title, {"ru": "Больше постоянных", "en": "More regulars"}[lang])))
    desc = svg.find("{http://www.w3.org/2000/svg}desc").text
    assert page.text_content(ROOT + " [data-role=chart] desc") == desc
    ring = page.locator(ROOT + " [data-role=chart] .chart-a-marker")
    assert [ring.get_attribute("data-x"), ring.get_attribute("data-y")] == [
        format_plain(a.values["retention_rate_pct"]), format_plain(a.outputs["clv"])]
    assert names_shown(page) == ["", {"ru": "Больше постоянных", "en": "More regulars"}[lang]]
    assert title in page.text_content(ROOT + " [data-role=compare-note]")
    assert page.is_visible(ROOT + " [data-action=unpin]")

    # Back on the page with no scenario in the address: the device still holds A; B is the page's.
    page.goto(site_url + PAGES[lang])
    wait_live(page)
    b = evaluate(AVR, defaults_raw(lang), lang)
    wait_compare(page, letter_rows(compare(a, b), lang))
    wait_query(page, KEY + ".a.preset=coffee_shop")
    assert names_shown(page) == ["", ""]

    page.click(ROOT + " [data-action=unpin]")
    assert page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY % (PAGES[lang], KEY)) is None
    page.wait_for_function("() => location.search === ''", timeout=5000)
    page.reload()
    wait_live(page)
    assert [row[3] for row in compare_rows(page)] == [True] * len(AVR.outputs)
    assert page.is_hidden(ROOT + " [data-action=unpin]") and page.is_hidden(ROOT + " [data-role=names]")
    assert page.locator(ROOT + " [data-role=chart] .chart-a").count() == 0
    assert watched.errors() == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_link_with_a_opens_the_same_comparison_and_wins_over_the_devices(chromium, site_url, lang):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    # This device already keeps an A of its own for the calculator.
    page.goto(site_url + PAGES[lang])
    wait_live(page)
    page.fill(ROOT + " input[name=new_customers]", "999")
    page.click(ROOT + " [data-action=pin]")
    page.wait_for_function("k => localStorage.getItem(k) !== null", arg=STORAGE_KEY % (PAGES[lang], KEY))

    # A colleague's link: A is the online-store preset with a name of its own, B the defaults with two changes.
    name_a = {"ru": "Прошлый год", "en": "Last year"}[lang]
    name_b = {"ru": "План «Лето»", "en": "Summer plan"}[lang]
    pinned = {"values": dict(AVR.defaults(lang, "online_store"), average_order=62.55), "preset": "online_store",
              "currency": None, "name": name_a}
    raw = dict(defaults_raw(lang), new_customers="640", average_order=input_text(70.05, lang))
    b = evaluate(AVR, raw, lang)
    pairs = scenario.encode(AVR, KEY, raw, lang) + scenario.name_pairs(AVR, KEY, name_b, b.values, None, lang)
    pairs += scenario.pinned_pairs(AVR, KEY, pinned, lang)
    link = site_url + PAGES[lang] + scenario.merge_query("", KEY, pairs) + "#calc-" + KEY
    assert KEY + ".a.average_order=62.55" in link and KEY + ".a.preset=online_store" in link
    page.goto(link)
    wait_live(page)
    a = evaluate(AVR, pinned["values"], lang)
    wait_compare(page, letter_rows(compare(a, b), lang))
    assert outputs(page) == expected(AVR, raw, lang)
    assert names_shown(page) == [name_a, name_b]
    note = page.text_content(ROOT + " [data-role=compare-note]")
    assert name_a in note and name_b in note
    assert page.is_hidden(ROOT + " [data-role=notices]")
    # the page writes the same link back, and the device now keeps the link's A
    page.wait_for_function("l => document.querySelector('[data-role=link]').value === l", arg=link, timeout=5000)
    stored = page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY % (PAGES[lang], KEY))
    assert scenario.comparison(AVR, KEY, stored, lang)["pinned"]["values"] == pinned["values"]

    with page.expect_download() as caught:
        page.click(ROOT + " [data-action=csv]")
    text = open(caught.value.path(), "rb").read()[3:].decode("utf-8")
    assert text == table_csv(b, a, (name_a, name_b), today(), link)
    letters = {"ru": ("А", "Б"), "en": ("A", "B")}[lang]
    assert text.splitlines()[0].endswith("%s: %s%s%s: %s%s%s − %s" % (
        letters[0], name_a, ";" if lang == "ru" else ",", letters[1], name_b, ";" if lang == "ru" else ",",
        letters[1], letters[0]))
    assert text.splitlines()[-1] == ("Ссылка;" if lang == "ru" else "Link,") + link
    # reset: B is the page's scenario again and loses its name; A stays as it was
    page.click(ROOT + " [data-action=reset]")
    wait_compare(page, letter_rows(compare(a, evaluate(AVR, defaults_raw(lang), lang)), lang))
    assert names_shown(page) == [name_a, ""]
    page.wait_for_function("k => !location.search.includes(k + '.name=')", arg=KEY, timeout=5000)
    assert KEY + ".a.name=" in page.evaluate("location.search")
    assert errors == []
    context.close()


NOTE = {"ru": "А — запомненный сценарий «{a}», Б — текущий «{b}»; рядом разница Б − А.",
        "en": "A is the pinned scenario “{a}”, B the current one “{b}”; the difference B − A is beside them."}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_names_are_shown_as_text_never_as_markup(watched, site_url, lang):
    page = watched.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site_url + PAGES[lang])
    wait_live(page)
    page.click(ROOT + " [data-action=pin]")
    hostile_a = "<b>жирный</b>" if lang == "ru" else "<b>bold</b>"
    hostile_b = "<img src=x onerror=window.__owned=1>"
    page.fill(ROOT + " [data-role=name-a]", hostile_a)
    page.fill(ROOT + " [data-role=name-b]", hostile_b)
    page.fill(ROOT + " input[name=new_customers]", "500")
    wait_query(page, KEY + ".new_customers=500&%s.name=%%3Cimg" % KEY)
    note = ROOT + " [data-role=compare-note]"
    page.wait_for_function("s => document.querySelector(s).textContent.includes('<img')", arg=note, timeout=5000)
    assert page.text_content(note) == NOTE[lang].replace("{a}", hostile_a).replace("{b}", hostile_b)
    tools = ROOT + " [data-role=tools]"
    assert page.eval_on_selector(tools, "el => el.querySelectorAll('b, img').length") == 0
    # at most 40 characters, by the field and by the page
    assert page.get_attribute(ROOT + " [data-role=name-a]", "maxlength") == "40"
    page.reload()
    wait_live(page)
    assert names_shown(page) == [hostile_a, hostile_b]
    assert page.text_content(note).count(hostile_a) == 1
    letters = ("А", "Б") if lang == "ru" else ("A", "B")
    legend = page.eval_on_selector_all(ROOT + " [data-role=chart] .chart-legend-text", "els => els.map(e => e.textContent)")
    assert letters[0] + " · " + hostile_a in legend and letters[1] + " · " + hostile_b in legend
    assert page.eval_on_selector(ROOT, "el => el.querySelectorAll('b, img').length") == 0
    with page.expect_download() as caught:
        page.click(ROOT + " [data-action=csv]")
    head = open(caught.value.path(), "rb").read()[3:].decode("utf-8").splitlines()[0]
    if lang == "ru":
        assert head == "Раздел;Показатель;Единица;А: %s;Б: %s;Б − А" % (hostile_a, hostile_b)
    else:
        assert head == "Section,Item,Unit,A: %s,B: %s,B − A" % (hostile_a, hostile_b)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__owned") is None and dialogs == []
    assert watched.errors() == []


# Storage as a browser refuses it: blocked (with cookies off, merely reading window.localStorage throws) or
# full (every write throws).
REFUSED = "refused by the test"
STORAGE_REFUSED = {
    "blocked": "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('%s', "
               "'SecurityError'); }});" % REFUSED,
    "full": "Storage.prototype.setItem = function () { throw new DOMException('%s', 'QuotaExceededError'); };"
            % REFUSED,
}


@pytest.mark.parametrize("refused", sorted(STORAGE_REFUSED))
def test_when_the_device_cannot_keep_a_the_address_still_does(watched, site_url, refused):
    page = watched.page
    page.context.add_init_script(STORAGE_REFUSED[refused])
    page.goto(site_url + EN_PAGE)
    wait_live(page)
    page.fill(ROOT + " input[name=new_customers]", "480")
    page.click(ROOT + " [data-action=pin]")
    status = page.text_content(ROOT + " [data-role=tools-status]")
    assert "does not let the page keep them" in status
    page.fill(ROOT + " input[name=new_customers]", "520")
    wait_query(page, "%s.new_customers=520&%s.a.new_customers=480" % (KEY, KEY))
    page.reload()
    wait_live(page)
    a = evaluate(AVR, dict(defaults_raw("en"), new_customers="480"), "en")
    b = evaluate(AVR, dict(defaults_raw("en"), new_customers="520"), "en")
    wait_compare(page, letter_rows(compare(a, b), "en"))
    page.click(ROOT + " [data-action=unpin]")
    assert page.text_content(ROOT + " [data-role=tools-status]") == "Comparison cleared."
    # The theme's own scripts may stumble on blocked storage (uncaught, on their side); the calculator
    # logs nothing.
    assert [text for kind, text in watched.console if kind == "error"] == []
    assert [text for text in watched.errors() if REFUSED not in text] == []


def test_pinning_needs_valid_inputs(watched, site_url):
    page = watched.page
    page.goto(site_url + EN_PAGE)
    wait_live(page)
    page.fill(ROOT + " input[name=new_customers]", "many")
    page.click(ROOT + " [data-action=pin]")
    assert page.text_content(ROOT + " [data-role=tools-status]") == \
        "Correct the marked fields first: only valid inputs can be pinned as A."
    assert page.is_hidden(ROOT + " [data-action=unpin]")
    assert all(row[3] for row in compare_rows(page))
    assert watched.errors() == []


def test_the_qr_code_of_a_comparison_stays_small_and_says_when_it_is_not(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGES["ru"])
    wait_live(page)
    page.click(ROOT + " [data-action=pin]")
    page.fill(ROOT + " input[name=new_customers]", "520")
    page.fill(ROOT + " input[name=retention_rate_pct]", "72,5")
    wait_query(page, KEY + ".retention_rate_pct=72.5")
    page.click(ROOT + " [data-action=qr]")
    qr = ROOT + " [data-role=qr]"
    page.wait_for_selector(qr + " svg")
    assert int(page.get_attribute(qr, "data-version")) <= 10
    assert page.locator(qr + " figcaption").count() == 0
    # Russian names take six characters of the link per letter: the code grows, and the page says so
    page.fill(ROOT + " [data-role=name-a]", "Как сейчас, без программы лояльности")
    page.fill(ROOT + " [data-role=name-b]", "С программой лояльности и бонусами")
    wait_query(page, KEY + ".name=")
    page.wait_for_function("s => document.querySelector(s + ' figcaption') !== null", arg=qr, timeout=5000)
    assert int(page.get_attribute(qr, "data-version")) > 10
    assert page.text_content(qr + " figcaption").startswith("Ссылка длинная, и код получился мелким")
    assert page.text_content(qr + " svg title") == "QR-код ссылки на этот сценарий"
    assert watched.errors() == []
