"""The join screen and the room server's address: what participants' phones can open."""

import threading

import pytest

from browsing import wait_until
from scripts import room


@pytest.fixture
def room_url(built_site):
    """The built site served by the room server: 127.0.0.2 stands in for the laptop's address in the
    room (any 127.x address is this machine), with the loopback listener beside it."""
    servers = room.start_servers("127.0.0.2", 0, "127.0.0.2", site=str(built_site))
    threading.Thread(target=servers[0].serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d/" % servers[0].server_port, "http://127.0.0.2:%d/" % servers[0].server_port
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("lang, prefix", [("ru", ""), ("en", "en/")])
def test_on_the_room_server_the_join_screen_shows_the_room_address_and_its_qr(watched, room_url, lang, prefix):
    local, lan = room_url
    watched.page.goto(local + prefix + "join/")
    wait_until(watched.page, "() => document.querySelector('[data-role=join-qr] img') !== null")
    assert watched.page.text_content("[data-role=join-address]") == lan + prefix
    wait_until(watched.page, "() => document.querySelector('[data-role=join-qr] img').naturalWidth > 0")
    assert watched.page.is_hidden("[data-role=join-warning]")
    assert watched.errors() == []


def test_on_loopback_without_a_room_the_join_screen_says_phones_cannot_open_it(watched, site_url):
    watched.page.goto(site_url + "en/join/")
    wait_until(watched.page, "() => !document.querySelector('[data-role=join-warning]').hidden")
    assert watched.page.text_content("[data-role=join-address]") == site_url + "en/"
    assert watched.page.is_hidden("[data-role=join-qr]")
    assert "make room" in watched.page.text_content("[data-role=join-warning]")
    assert watched.errors() == []  # the plain server answers room.json with "nothing here" (204)


CALCULATOR_PAGE = "calculators/bonus-uptake/"
LIVE = "[data-calculator][data-state=live]"


def open_qr(page):
    page.wait_for_selector(LIVE, timeout=25000)
    page.click("[data-calculator] [data-action=qr]")
    wait_until(page, "() => document.querySelector('[data-calculator] [data-role=qr] svg') !== null")


@pytest.mark.parametrize("lang, prefix", [("ru", ""), ("en", "en/")])
def test_on_this_computer_without_a_room_the_qr_panel_warns_that_phones_cannot_open_it(watched, site_url, lang, prefix):
    watched.page.goto(site_url + prefix + CALCULATOR_PAGE)
    open_qr(watched.page)
    warning = watched.page.locator(".clc-share [data-role=qr-warning]")
    wait_until(watched.page, "() => !document.querySelector('[data-role=qr-warning]').hidden")
    assert warning.is_visible()
    assert "make room" in warning.text_content() and "127.0.0.1" in warning.text_content()
    assert watched.page.input_value("[data-calculator] [data-role=link]").startswith(site_url)
    assert watched.errors() == []


def test_on_the_room_server_links_and_qr_codes_carry_the_room_address(watched, room_url):
    local, lan = room_url
    watched.page.goto(local + CALCULATOR_PAGE)
    open_qr(watched.page)
    wait_until(watched.page, "(lan) => document.querySelector('[data-calculator] [data-role=link]').value.startsWith(lan)",
               lan)
    link = watched.page.input_value("[data-calculator] [data-role=link]")
    assert link.startswith(lan + CALCULATOR_PAGE)
    assert watched.page.is_hidden("[data-role=qr-warning]")
    # The QR code is redrawn for the room's address (its title says what it encodes only as text; the
    # version is enough to see it changed with a longer host).
    assert watched.page.get_attribute("[data-calculator] [data-role=qr]", "data-version")
    # A change goes on to the room's link.
    watched.page.fill("[data-calculator] input[name=customers]", "1234")
    wait_until(watched.page, "() => document.querySelector('[data-calculator] [data-role=link]').value.indexOf('1234') > 0")
    assert watched.page.input_value("[data-calculator] [data-role=link]").startswith(lan)
    assert watched.errors() == []


def test_on_the_room_s_network_address_there_is_nothing_to_warn_about(lan_browser, built_site):
    from conftest import LAN_HOST
    from scripts.serve import serve_in_background
    server = serve_in_background(str(built_site))
    try:
        page = lan_browser.new_page()
        url = "http://%s:%d/" % (LAN_HOST, server.server_port)
        page.goto(url + CALCULATOR_PAGE)
        open_qr(page)
        page.wait_for_timeout(500)
        assert page.is_hidden("[data-role=qr-warning]")
        assert page.input_value("[data-calculator] [data-role=link]").startswith(url + CALCULATOR_PAGE)
        page.close()
    finally:
        server.shutdown()
