"""The site around the calculators: search by word stems, the language switch, the colour toggle."""


def search(page, query):
    """Enter a query as a person would: the search reacts to key presses, so finish with one."""
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")


def test_russian_search_finds_words_by_their_stem(watched, site_url):
    page = watched.page
    page.goto(site_url)
    # «воронкой» appears nowhere in the text; «воронка», «воронки» do: only stemming finds them.
    links = search(page, "воронкой")
    assert any("/calculators/conversion-funnel/" in link for link in links), links
    assert all(link.startswith(site_url) and "/en/" not in link for link in links), links
    assert watched.errors() == []


def test_search_documents_load_only_when_someone_is_about_to_search(watched, site_url):
    page = watched.page
    page.goto(site_url + "chapters/after-the-sale/")
    page.wait_for_load_state("networkidle")
    asked = lambda name: [url for url in watched.requests if name in url]  # noqa: E731
    assert asked("search/search_index.json") and not asked("search_docs.json")
    assert not asked("lunr.ru") and not asked("workers/search.")  # the theme's worker, not yet
    page.click("input.md-search__input")  # about to type: the documents come ahead, into the cache
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.endsWith('/search/search_docs.json') && e.responseEnd > 0)")
    assert not asked("lunr.ru") and not asked("workers/search.")  # nothing is built before a query
    links = search(page, "удержать")
    assert not asked("en/search/search_docs.json")
    assert asked("lunr.ru") and asked("workers/search.")
    assert any("/chapters/" in link for link in links), links
    assert watched.errors() == []


def test_english_search_stays_in_english(watched, site_url):
    page = watched.page
    page.goto(site_url + "en/calculators/")
    links = search(page, "referrals")
    assert all(link.startswith(site_url + "en/") for link in links), links
    assert any("/en/calculators/referral-payback/" in link for link in links), links


def test_language_switch_leads_to_the_same_page(watched, site_url):
    page = watched.page
    page.goto(site_url + "calculators/acquisition-vs-retention/")
    english = page.eval_on_selector(".md-select__link[hreflang=en]", "e => e.href")
    assert english == site_url + "en/calculators/acquisition-vs-retention/"
    page.goto(english)
    russian = page.eval_on_selector(".md-select__link[hreflang=ru]", "e => e.href")
    assert russian == site_url + "calculators/acquisition-vs-retention/"
    assert page.locator("h1").first.text_content().startswith("Acquisition versus retention")
