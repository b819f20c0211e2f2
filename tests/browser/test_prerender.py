"""Between pages: the page a reader is about to open is prerendered (speculation rules in every page,
allowed by the page's policy), and a prerendered page in presenter mode tells the speaker view nothing
until it is shown.

Chromium refuses to activate a prerender while DevTools (here, Playwright) is attached
("PrerenderingDisabledByDevTools"), so the tests read what it decided through the DevTools Preload domain
(the rules parsed, the hovered link a prerender candidate), and play the prerendering itself in the page
(``document.prerendering`` true until ``prerenderingchange``).
"""

import json
import os

from scripts import csp

from browsing import wait_until

RULES = '<script type="speculationrules">'


def test_every_page_carries_the_rules_and_its_policy_allows_them(built_site):
    pages = [os.path.join(folder, name) for folder, _, names in os.walk(str(built_site))
             for name in names if name.endswith(".html")]
    assert len(pages) > 30
    for path in pages:
        with open(path, encoding="utf-8") as handle:
            html = handle.read()
        assert html.count(RULES) == 1, path
        text = html.split(RULES, 1)[1].split("</script>", 1)[0]
        rules = json.loads(text)
        rule = rules["prerender"][0]
        assert rule["eagerness"] == "moderate" and list(rules) == ["prerender"]
        assert csp.script_hash(text) in csp.page_policy(html), path


def watch_preloading(page):
    session = page.context.new_cdp_session(page)
    seen = {"rules": [], "candidates": set()}
    session.on("Preload.ruleSetUpdated", lambda event: seen["rules"].append(event["ruleSet"]))
    session.on("Preload.prerenderStatusUpdated", lambda event: seen["candidates"].add(event["key"]["url"]))
    session.send("Preload.enable")
    return seen


def test_the_link_under_the_pointer_is_prerendered(chromium, site_url):
    context = chromium.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    seen = watch_preloading(page)
    page.goto(site_url + "calculators/word-of-mouth/")
    page.wait_for_selector("[data-calculator][data-state=live]", timeout=25000)
    assert len(seen["rules"]) == 1 and "errorType" not in seen["rules"][0]
    following = page.locator("a.md-footer__link--next")
    target = following.evaluate("a => a.href")
    following.hover()
    wait_until(page, "() => true")  # let the browser see the pointer rest
    page.wait_for_timeout(600)
    assert target in seen["candidates"]
    # Not prerendered: the language menu, the print edition, links leading away.
    page.hover(".md-header .md-select")
    page.hover(".md-select__link[hreflang=en]")
    page.wait_for_timeout(600)
    assert not [url for url in seen["candidates"] if "/en/" in url or "print/" in url or "speaker/" in url]
    assert errors == []
    context.close()


PRERENDERING = """
(() => {
  let prerendering = true;
  Object.defineProperty(Document.prototype, 'prerendering', {get() { return prerendering; }, configurable: true});
  window.__activate = () => { prerendering = false; document.dispatchEvent(new Event('prerenderingchange')); };
})();
"""


def test_a_prerendered_page_in_presenter_mode_waits_to_be_shown_before_telling_the_speaker_view(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    speaker = context.new_page()
    speaker.goto(site_url + "en/speaker/")
    presenter = context.new_page()
    presenter.goto(site_url + "en/chapters/after-the-sale/")
    presenter.keyboard.press("Shift+P")
    wait_until(speaker, "() => document.querySelector('[data-role=page]').textContent === 'After the sale'")
    # The presenter moved back from the next chapter: that page asks to enter at its last section.
    presenter.evaluate("() => localStorage.setItem('clienting.presenter.entry', 'last')")

    ahead = context.new_page()
    ahead.add_init_script(PRERENDERING)
    ahead.goto(site_url + "en/chapters/permission-and-trust/")
    ahead.wait_for_load_state("load")
    # Laid out for the projector already, but the speaker view still follows the page on screen,
    # and the entry point is still there for the page that will be shown.
    assert ahead.evaluate("() => document.documentElement.classList.contains('pm-on')") is True
    ahead.wait_for_timeout(500)
    assert speaker.text_content("[data-role=page]") == "After the sale"
    assert ahead.evaluate("() => localStorage.getItem('clienting.presenter.entry')") == "last"

    ahead.evaluate("() => window.__activate()")
    wait_until(speaker, "() => document.querySelector('[data-role=page]').textContent !== 'After the sale'")
    count = ahead.eval_on_selector_all("article.md-content__inner > h2", "els => els.length") + 1
    assert speaker.text_content("[data-role=position]") == "%d / %d" % (count, count)  # the last section
    assert ahead.evaluate("() => localStorage.getItem('clienting.presenter.entry')") is None
    context.close()
