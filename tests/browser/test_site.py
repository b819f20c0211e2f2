"""The site around the calculators: the language switch, the colour toggle (search: test_search_chapters.py)."""


def test_language_switch_leads_to_the_same_page(watched, site_url):
    page = watched.page
    page.goto(site_url + "calculators/acquisition-vs-retention/")
    english = page.eval_on_selector(".md-select__link[hreflang=en]", "e => e.href")
    assert english == site_url + "en/calculators/acquisition-vs-retention/"
    page.goto(english)
    russian = page.eval_on_selector(".md-select__link[hreflang=ru]", "e => e.href")
    assert russian == site_url + "calculators/acquisition-vs-retention/"
    assert page.locator("h1").first.text_content().startswith("Acquisition versus retention")
