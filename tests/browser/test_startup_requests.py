"""How a calculator page fetches its Python under PyScript: the modules in two archives (the shared ones,
the page's calculators), each asked for once (the preload in <head> is the request PyScript uses), and
``qr`` only when a reader asks for a QR code (scripts/runtime.py, calculators/web.py)."""

from browsing import recomputes

QR_BUTTON = "[data-calculator=%s] [data-action=qr]"
QR_FIGURE = "[data-calculator=%s] [data-role=qr]"


def page_requests(page):
    """The page's own requests (the offline copy's worker asks for the same files later: not counted)."""
    found = []
    page.on("request", lambda request: found.append(request.url) if request.service_worker is None else None)
    return found


def python_requests(urls, site_url):
    return [url[len(site_url):] for url in urls if "/assets/py/" in url or url.endswith((".mpy", ".tar"))]


def test_a_calculator_page_fetches_its_modules_in_two_requests_and_qr_only_when_asked(watched, site_url):
    page = watched.page
    requests = page_requests(page)
    page.goto(site_url + "calculators/word-of-mouth/")
    page.wait_for_selector("[data-calculator=word_of_mouth][data-state=live]", timeout=25000)
    before_live = python_requests(requests, site_url)
    assert sorted(before_live) == ["assets/py/calculators.tar", "assets/py/word_of_mouth.tar"], before_live
    recomputes(page, "word_of_mouth", "ru")
    assert not [url for url in requests if "qr" in url.rsplit("/", 1)[1]]
    page.click(QR_BUTTON % "word_of_mouth")
    page.wait_for_selector(QR_FIGURE % "word_of_mouth" + " svg")
    assert python_requests(requests, site_url)[2:] == ["assets/py/calculators/qr.mpy"]
    # hidden and shown again, for another scenario: drawn from the module already there
    page.click(QR_BUTTON % "word_of_mouth")
    page.fill("[data-calculator=word_of_mouth] input[name=people_told]", "321")
    page.click(QR_BUTTON % "word_of_mouth")
    page.wait_for_function("sel => document.querySelector(sel + ' svg') !== null", arg=QR_FIGURE % "word_of_mouth")
    assert len(python_requests(requests, site_url)) == 3
    assert watched.errors() == []


def test_a_page_with_two_calculators_still_fetches_two_archives(watched, site_url):
    page = watched.page
    requests = page_requests(page)
    page.goto(site_url + "en/chapters/permission-and-trust/")
    for name in ("acquisition_vs_retention", "conversion_funnel"):
        page.wait_for_selector("[data-calculator=%s][data-state=live]" % name, timeout=25000)
    assert sorted(python_requests(requests, site_url)) == [
        "assets/py/acquisition_vs_retention-conversion_funnel.tar", "assets/py/calculators.tar"]
    assert watched.errors() == []


def test_a_qr_code_whose_module_cannot_be_fetched_says_so_and_comes_on_the_next_try(watched, site_url):
    page = watched.page
    page.route("**/qr.mpy", lambda route: route.abort())
    page.goto(site_url + "en/calculators/customer-value/")
    page.wait_for_selector("[data-calculator=customer_value][data-state=live]", timeout=25000)
    page.click(QR_BUTTON % "customer_value")
    page.wait_for_function("sel => document.querySelector(sel).textContent.includes('did not load')",
                           arg=QR_FIGURE % "customer_value")
    assert page.locator(QR_FIGURE % "customer_value" + " svg").count() == 0
    page.unroute("**/qr.mpy")
    page.click(QR_BUTTON % "customer_value")  # hide
    page.click(QR_BUTTON % "customer_value")  # and show again: fetched now
    page.wait_for_selector(QR_FIGURE % "customer_value" + " svg")
    assert [text for text in watched.errors() if not text.startswith("Failed to load resource")] == []
