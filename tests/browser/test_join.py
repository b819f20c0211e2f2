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
