#!/usr/bin/env python3
"""Serve the playbook to a room: build if needed, serve ``site/`` on the laptop's address in the
local network, and print that address with its QR code for the participants' phones.

    python3 scripts/room.py [--port 8000] [--host ADDRESS] [--no-build]      (or: make room)

The address is found without sending anything anywhere: from ``ip -4 addr`` where there is one, else
from the route the system would pick for a private address (a UDP socket's ``connect()`` sends no
packet).  ``--host 0.0.0.0`` serves on every interface (the laptop's own browser can then keep
``http://127.0.0.1:PORT/``).  The QR code is drawn by ``calculators/qr.py``; where that module is
missing, by the ``segno`` package if it is installed (it is in requirements-test.txt).
"""

import argparse
import ipaddress
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

SITE = os.path.join(ROOT, "site")
SOURCES = ("docs", "overrides", "calculators", "scripts", "mkdocs.yml", "custom.json")
# Interfaces no phone in the room can reach: containers, virtual machines, VPN tunnels.
VIRTUAL = ("lo", "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "cni", "flannel", "tun", "tap",
           "wg", "tailscale", "zt")
# A private address to ask the routing table about: connect() on UDP sends no packet.
PROBE = ("10.255.255.254", 9)


def parse_ip_addr(text):
    """``[(interface, address)]`` from the output of ``ip -4 -o addr show``."""
    found = []
    for line in text.splitlines():
        words = line.split()
        if "inet" not in words or len(words) < 4:
            continue
        interface = words[1].rstrip(":").split("@")[0]
        address = words[words.index("inet") + 1].split("/")[0]
        found.append((interface, address))
    return found


def reachable(interface, address):
    """A private IPv4 address on a physical-looking interface: what a phone on the same Wi-Fi can open."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version != 4 or ip.is_loopback or ip.is_link_local or not ip.is_private:
        return False
    return not interface.startswith(VIRTUAL)


def choose(candidates):
    """The first reachable address, or None."""
    for interface, address in candidates:
        if reachable(interface, address):
            return address
    return None


def route_address(probe=PROBE):
    """The local address the system would use towards a private address (no packet is sent)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.connect(probe)
        return sock.getsockname()[0]
    except OSError:
        return None
    finally:
        sock.close()


def lan_address():
    """The laptop's address in the local network; ``127.0.0.1`` when it has none."""
    tool = shutil.which("ip")
    if tool:
        done = subprocess.run([tool, "-4", "-o", "addr", "show"], capture_output=True, text=True)
        found = choose(parse_ip_addr(done.stdout)) if done.returncode == 0 else None
        if found:
            return found
    found = route_address()
    if found and reachable("", found):
        return found
    return "127.0.0.1"


def qr_matrix(text):
    """Rows of 0/1 (1 dark) of the QR code of ``text``, without the quiet zone."""
    try:
        from calculators import qr
    except ImportError:
        qr = None
    if qr is not None:
        return [list(row) for row in qr.encode(text, "M").matrix]
    import segno  # fallback while calculators/qr.py is absent
    return [[1 if cell else 0 for cell in row] for row in segno.make(text, error="m", micro=False).matrix]


def render(matrix, border=4, ansi=False):
    """The QR code as terminal text, two rows of modules per line (half blocks).

    ``ansi``: explicit black on white, right on any terminal.  Otherwise light modules are drawn as
    blocks and dark ones left blank, which reads right on the usual dark terminal.
    """
    width = len(matrix[0]) + 2 * border
    rows = [[0] * width for _ in range(border)]
    rows += [[0] * border + list(row) + [0] * border for row in matrix]
    rows += [[0] * width for _ in range(border)]
    if len(rows) % 2:
        rows.append([0] * width)
    lines = []
    for top, bottom in zip(rows[0::2], rows[1::2]):
        if ansi:
            cells = ["\x1b[%d;%dm\u2580" % (30 if a else 97, 40 if b else 107) for a, b in zip(top, bottom)]
            lines.append("".join(cells) + "\x1b[0m")
        else:
            chars = {(0, 0): "\u2588", (0, 1): "\u2580", (1, 0): "\u2584", (1, 1): " "}
            lines.append("".join(chars[(a, b)] for a, b in zip(top, bottom)))
    return "\n".join(lines)


SAFE_PATH = re.compile(r"^/[A-Za-z0-9._~/-]{0,200}$")


def room_routes(url):
    """What the room server answers besides the site's files, while it runs (never written to site/):

    - ``/room.json``: ``{"url": "http://<LAN address>:<port>/"}``, the address phones can open; pages
      opened on the laptop's own loopback address use it for their links and QR codes;
    - ``/room.svg?path=/en/``: the QR code of that address followed by ``path`` (the join screen's).

    None when the only address is the loopback one: phones could open nothing, so nothing is offered.
    """
    host = urllib.parse.urlsplit(url).hostname or ""
    if host in ("127.0.0.1", "localhost", "::1", ""):
        return {}
    body = json.dumps({"url": url}).encode("utf-8")

    def room_json(query):
        return "application/json", body

    def room_svg(query):
        path = urllib.parse.parse_qs(query).get("path", ["/"])[0]
        if not SAFE_PATH.match(path):
            return None
        from calculators import qr
        text = url.rstrip("/") + path
        return "image/svg+xml", qr.svg(qr.encode(text, "M"), 4, text).encode("utf-8")

    return {"/room.json": room_json, "/room.svg": room_svg}


def newest(paths):
    """The latest modification time of any file under ``paths`` (0 when none exist)."""
    latest = 0
    for path in paths:
        if os.path.isfile(path):
            latest = max(latest, os.path.getmtime(path))
        for folder, _, names in os.walk(path):
            for name in names:
                latest = max(latest, os.path.getmtime(os.path.join(folder, name)))
    return latest


def needs_build(site_dir=SITE, root=ROOT):
    """Whether ``site_dir`` is missing or older than any source of the site."""
    built = os.path.join(site_dir, "sw.js")  # written last by the build
    if not os.path.isfile(os.path.join(site_dir, "index.html")) or not os.path.isfile(built):
        return True
    return newest([os.path.join(root, name) for name in SOURCES]) > os.path.getmtime(built)


def banner(url, ansi):
    return "\n".join([
        "",
        "Клиентинг для комнаты · Clienting for the room",
        "",
        "  " + url,
        "",
        render(qr_matrix(url), ansi=ansi),
        "",
        "Участники: та же сеть Wi-Fi, откройте адрес или наведите камеру на код.",
        "Participants: same Wi-Fi network, open the address or point the camera at the code.",
        "Ctrl+C — остановить / to stop.",
        "",
    ])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", help="address to serve on (default: the laptop's address in the local network)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-build", action="store_true", help="serve site/ as it is")
    parser.add_argument("--plain", action="store_true", help="draw the QR code without terminal colours")
    args = parser.parse_args(argv)

    from scripts import dev

    if not args.no_build and needs_build():
        dev.ensure()
        dev.build()
    if not os.path.isfile(os.path.join(SITE, "index.html")):
        sys.exit("site/ has no index.html: build it first (make site)")
    host = args.host or lan_address()
    shown = lan_address() if host in ("0.0.0.0", "") else host
    servers = start_servers(host, args.port, shown)
    url = "http://%s:%d/" % (shown, servers[0].server_port)
    print(banner(url, ansi=sys.stdout.isatty() and not args.plain), flush=True)
    if shown == "127.0.0.1":
        print("No local network found: only this computer can open the address.", flush=True)
    elif len(servers) > 1:
        print("This laptop can also open http://127.0.0.1:%d/" % servers[0].server_port, flush=True)
    try:
        servers[0].serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            server.server_close()


def start_servers(host, port, shown, site=SITE):
    """The room's server on ``host`` and, when that is not already loopback or every interface, a second
    one on 127.0.0.1 at the same port, so the trainer's laptop can open ``http://127.0.0.1:PORT/``.
    Both answer ``room.json`` (:func:`room_routes`).  The first is returned first; the others run in
    daemon threads."""
    from scripts.serve import make_server
    routes = {}
    server = make_server(site, host, port, routes=routes)
    routes.update(room_routes("http://%s:%d/" % (shown, server.server_port)))
    servers = [server]
    if host not in ("0.0.0.0", "", "127.0.0.1", "localhost"):
        try:
            loopback = make_server(site, "127.0.0.1", server.server_port, routes=routes)
        except OSError as error:
            print("127.0.0.1:%d is taken (%s): open the site by the network address." % (server.server_port, error),
                  flush=True)
        else:
            threading.Thread(target=loopback.serve_forever, daemon=True).start()
            servers.append(loopback)
    return servers


if __name__ == "__main__":
    main()
