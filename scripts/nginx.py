"""Run deploy/nginx.conf with Debian's nginx on 127.0.0.1, for the tests and the benchmark.

    with nginx.serving(site_dir) as url:   # "http://127.0.0.1:PORT/"
        ...

nginx runs from a temporary prefix (its config, pid, logs and temp files there) on a free port and is
stopped on leaving the block.  Only the configuration's lines marked ``# tests`` are rewritten.
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

from scripts import csp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIG = os.path.join(ROOT, "deploy", "nginx.conf")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = "/etc/nginx/mime.types"


class NginxMissing(RuntimeError):
    """Debian's nginx is not installed (``apt-get install nginx``; ``.ci/run`` installs it)."""


class NginxFailed(RuntimeError):
    """nginx rejected the configuration or did not start."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def local_config(site_dir, prefix, port):
    """deploy/nginx.conf with only its lines marked "tests" rewritten for a local, unprivileged run."""
    with open(CONFIG, encoding="utf-8") as handle:
        text = handle.read()
    rules = [
        (r"^pid .*# tests$", "pid %s/nginx.pid;" % prefix),
        (r"^error_log .*# tests$", "error_log %s/error.log warn;" % prefix),
        (r"^    access_log .*# tests$", "    access_log %s/access.log;" % prefix),
        (r"^        listen 80;.*# tests$", "        listen 127.0.0.1:%d;" % port),
        (r"^        listen \[::\]:80;.*# tests$", ""),
        (r"^        root .*# tests$", "        root %s;" % site_dir),
    ]
    for pattern, replacement in rules:
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        if count != 1:
            raise NginxFailed("deploy/nginx.conf: no single line matches %r" % pattern)
    return text


def check_installed():
    if not os.path.exists(NGINX):
        raise NginxMissing("Debian's nginx is not installed (apt-get install nginx; .ci/run installs it)")
    if not os.path.exists(MIME_TYPES):
        raise NginxMissing("%s is missing (Debian's nginx-common provides it)" % MIME_TYPES)


@contextlib.contextmanager
def serving(site_dir, prefix=None):
    """Serve ``site_dir`` through deploy/nginx.conf; yields the root URL."""
    check_installed()
    site_dir = os.path.abspath(site_dir)
    own_prefix = prefix is None
    prefix = tempfile.mkdtemp(prefix="clienting-nginx-") if own_prefix else str(prefix)
    shutil.copyfile(MIME_TYPES, os.path.join(prefix, "mime.types"))
    with open(os.path.join(prefix, "clienting-csp.conf"), "w", encoding="utf-8") as handle:
        handle.write(csp.nginx_include(site_dir))
    port = free_port()
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w", encoding="utf-8") as handle:
        handle.write(local_config(site_dir, prefix, port))
    # As root, nginx's workers would switch to "nobody", who may not read private temporary folders.
    extra = "daemon off; user root;" if os.geteuid() == 0 else "daemon off;"
    command = [NGINX, "-p", prefix, "-c", conf, "-e", os.path.join(prefix, "error.log"), "-g", extra]
    checked = subprocess.run(command + ["-t"], capture_output=True, text=True)
    if checked.returncode != 0 or "warn" in checked.stderr:
        raise NginxFailed(checked.stderr)
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise NginxFailed("nginx did not start: %s" % server.stderr.read().decode())
                time.sleep(0.05)
        yield "http://127.0.0.1:%d/" % port
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if own_prefix:
            shutil.rmtree(prefix, ignore_errors=True)
