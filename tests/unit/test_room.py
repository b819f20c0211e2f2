"""scripts/room.py: the laptop's address in the room and the QR code drawn in the terminal."""

import os
import re
import time

from scripts import room

IP_ADDR = """\
1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
3: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\\       valid_lft forever
4: br-1a2b    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-1a2b\\       valid_lft forever
5: wlp2s0    inet 169.254.10.2/16 scope link wlp2s0\\       valid_lft forever preferred_lft forever
6: tun0    inet 10.8.0.6/24 scope global tun0\\       valid_lft forever preferred_lft forever
7: wlp2s0    inet 192.168.1.23/24 brd 192.168.1.255 scope global dynamic noprefixroute wlp2s0\\       valid_lft 86000sec
8: eth1@if9    inet 10.0.0.5/24 scope global eth1\\       valid_lft forever preferred_lft forever
"""


def test_ip_addr_output_is_read():
    found = room.parse_ip_addr(IP_ADDR)
    assert found[0] == ("lo", "127.0.0.1")
    assert ("wlp2s0", "192.168.1.23") in found
    assert ("eth1", "10.0.0.5") in found
    assert room.parse_ip_addr("") == []


def test_the_room_address_skips_loopback_containers_tunnels_and_link_local():
    assert room.choose(room.parse_ip_addr(IP_ADDR)) == "192.168.1.23"
    assert room.choose([("lo", "127.0.0.1"), ("docker0", "172.17.0.1")]) is None
    assert room.choose([("eth0", "8.8.8.8"), ("eth0", "10.1.2.3")]) == "10.1.2.3"  # public is not the room's
    assert not room.reachable("eth0", "fe80::1")
    assert not room.reachable("eth0", "not an address")


def test_the_route_is_asked_about_a_private_address_only():
    host = room.PROBE[0]
    assert room.reachable("", host) or host.startswith("10.")
    found = room.route_address()
    assert found is None or re.match(r"^\d+\.\d+\.\d+\.\d+$", found)
    assert room.lan_address()  # always an address to print


def read_plain(text):
    chars = {"\u2588": (0, 0), "\u2580": (0, 1), "\u2584": (1, 0), " ": (1, 1)}
    rows = []
    for line in text.split("\n"):
        pairs = [chars[ch] for ch in line]
        rows.append([a for a, _ in pairs])
        rows.append([b for _, b in pairs])
    return rows


def read_ansi(text):
    rows = []
    for line in text.split("\n"):
        cells = re.findall(r"\x1b\[(\d+);(\d+)m\u2580", line)
        assert line.endswith("\x1b[0m")
        rows.append([1 if fg == "30" else 0 for fg, _ in cells])
        rows.append([1 if bg == "40" else 0 for _, bg in cells])
    return rows


def framed(matrix, border):
    width = len(matrix[0]) + 2 * border
    rows = [[0] * width for _ in range(border)] + [[0] * border + row + [0] * border for row in matrix]
    rows += [[0] * width for _ in range(border)]
    return rows + ([[0] * width] if len(rows) % 2 else [])


def test_the_terminal_drawing_holds_every_module_with_a_quiet_zone():
    matrix = room.qr_matrix("http://192.168.1.23:8000/")
    size = len(matrix)
    assert size >= 21 and all(len(row) == size for row in matrix)
    # The three finder patterns: a dark 7×7 ring in three corners.
    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        assert matrix[top][left:left + 7] == [1] * 7
        assert [matrix[top + i][left] for i in range(7)] == [1] * 7
        assert matrix[top + 1][left + 1:left + 6] == [0] * 5
    assert read_plain(room.render(matrix)) == framed(matrix, 4)
    assert read_ansi(room.render(matrix, ansi=True)) == framed(matrix, 4)
    odd = [[1, 0, 1], [0, 1, 0], [1, 1, 1]]
    assert read_plain(room.render(odd, border=1)) == framed(odd, 1)
    assert room.render(odd, border=0) == "\u2584\u2580\u2584\n\u2584\u2584\u2584"


def test_a_missing_or_stale_site_is_built(tmp_path):
    site = tmp_path / "site"
    source = tmp_path / "docs"
    source.mkdir()
    (source / "index.md").write_text("x", encoding="utf-8")
    assert room.needs_build(str(site), str(tmp_path))
    site.mkdir()
    (site / "index.html").write_text("x", encoding="utf-8")
    (site / "sw.js").write_text("x", encoding="utf-8")
    old = time.time() - 100
    os.utime(source / "index.md", (old, old))
    assert not room.needs_build(str(site), str(tmp_path))
    (source / "index.md").write_text("changed", encoding="utf-8")
    assert room.needs_build(str(site), str(tmp_path))


def test_room_json_names_the_network_address_and_is_offered_only_when_there_is_one():
    assert room.room_routes("http://127.0.0.1:8000/") == {}
    assert room.room_routes("http://localhost:8000/") == {}
    routes = room.room_routes("http://192.168.1.23:8000/")
    kind, body = routes["/room.json"]("")
    assert kind == "application/json"
    assert __import__("json").loads(body) == {"url": "http://192.168.1.23:8000/"}
    kind, svg = routes["/room.svg"]("path=/en/join/")
    assert kind == "image/svg+xml" and svg.startswith(b"<svg") and b"http://192.168.1.23:8000/en/join/" in svg
    assert routes["/room.svg"]("path=javascript:alert(1)") is None
    assert routes["/room.svg"]("path=/%3Cscript%3E") is None


def test_the_room_server_answers_room_json_on_the_network_address_and_on_loopback(tmp_path):
    import json
    import urllib.error
    import urllib.request
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    # 127.0.0.2 stands in for the laptop's address in the room (any 127.x address is this machine).
    servers = room.start_servers("127.0.0.2", 0, "127.0.0.2", site=str(tmp_path))
    threading_started = __import__("threading").Thread(target=servers[0].serve_forever, daemon=True)
    threading_started.start()
    try:
        port = servers[0].server_port
        assert len(servers) == 2 and servers[1].server_address[0] == "127.0.0.1"
        for host in ("127.0.0.2", "127.0.0.1"):
            with urllib.request.urlopen("http://%s:%d/room.json" % (host, port), timeout=5) as response:
                assert json.loads(response.read()) == {"url": "http://127.0.0.2:%d/" % port}
                assert response.headers["Cache-Control"] == "no-store"
            with urllib.request.urlopen("http://%s:%d/" % (host, port), timeout=5) as response:
                assert b"<title>x</title>" in response.read()
        assert sorted(os.listdir(str(tmp_path))) == ["index.html"]  # nothing written into the site
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    # With no address but loopback, nothing is offered.
    servers = room.start_servers("127.0.0.1", 0, "127.0.0.1", site=str(tmp_path))
    thread = __import__("threading").Thread(target=servers[0].serve_forever, daemon=True)
    thread.start()
    try:
        assert len(servers) == 1
        with urllib.request.urlopen("http://127.0.0.1:%d/room.json" % servers[0].server_port, timeout=5) as answer:
            assert answer.status == 204 and answer.read() == b""  # "no room here", not an address
    finally:
        servers[0].shutdown()
        servers[0].server_close()
