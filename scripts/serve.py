#!/usr/bin/env python3
"""Serve a built site over HTTP with the types the runtime needs (``.wasm``, ``.mjs``).

    python scripts/serve.py [--host 127.0.0.1] [--port 8000] [--prefix /playbook/] SITE_DIR

``--prefix`` serves the site under a sub-path, as a deployment at ``https://host/playbook/`` would;
an address outside it is a 404.  An address holding a NUL byte (``%00``) is a 400.
Standard library only; used by ``make serve``, ``make room`` (``scripts/room.py``), the tests and the
benchmark.

Compression as nginx's ``gzip_static`` does it, with no work per request: when the browser accepts
brotli or gzip and the build wrote a copy beside the file (``NAME.br``, ``NAME.gz``:
``scripts/compress.py``), that copy is sent with ``Content-Encoding``, its own ``Content-Length``
and the original's type; every response of a file that has copies says ``Vary: Accept-Encoding``.
A copy older than its original is ignored.  The copies are never served under their own names, and
folders are never listed.  Caching as ``deploy/nginx.conf``: files whose name carries a content
hash are immutable for a year, everything else ``no-cache`` (a cheap 304 when unchanged).
"""

import argparse
import datetime
import email.utils
import functools
import http.server
import io
import os
import re
import sys
import threading
import urllib.parse

try:
    from scripts import compress
except ImportError:  # run as a file: scripts/ itself is on the path
    import compress

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".py": "text/x-python; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".xml": "application/xml",
}


# Names that carry a content hash never change (as in deploy/nginx.conf): the theme's bundle and
# styles, PyScript's chunks, the search index's metadata, chunks and excerpts (scripts/search.py).
IMMUTABLE = re.compile(r"(?:/assets/(?:(?:javascripts|stylesheets)/[^/]+\.[0-9a-f]{8}\.min\.(?:js|css)"
                       r"|vendor/pyscript/[a-z-]+-[A-Za-z0-9_-]{8}\.js)"
                       r"|/pagefind/(?:pagefind\.|index/|fragment/)[a-z-]+_[0-9a-f]+\.pf_[a-z]+)$")
NO_CACHE = "no-cache"
FOREVER = "public, max-age=31536000, immutable"


def cache_policy(path):
    """``Cache-Control`` for a URL path, as deploy/nginx.conf sends it."""
    return FOREVER if IMMUTABLE.search(path) else NO_CACHE


def accepted_encodings(header):
    """``{coding: q}`` from an ``Accept-Encoding`` header (names in lower case; ``x-gzip`` is gzip)."""
    found = {}
    for part in (header or "").split(","):
        bits = part.split(";")
        name = bits[0].strip().lower()
        if not name:
            continue
        quality = 1.0
        for parameter in bits[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        found["gzip" if name == "x-gzip" else name] = quality
    return found


def choose_encoding(header, available):
    """The encoding to send among ``available`` (the server's order of preference), or None for identity.

    The highest quality the browser gives wins; on a tie, the server's order.  ``*`` stands for any
    coding the header does not name; a quality of 0 refuses.
    """
    accepted = accepted_encodings(header)
    best, best_quality = None, 0.0
    for name in available:
        quality = accepted.get(name, accepted.get("*", 0.0))
        if quality > best_quality:
            best, best_quality = name, quality
    return best


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from ``directory``, optionally under ``prefix``; quiet unless asked."""

    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES)
    prefix = "/"
    verbose = False
    cache_control = None  # None: per file, as deploy/nginx.conf (cache_policy)
    counter = None
    # Answers made while the server runs, by path under the prefix: {"/room.json": f(query) -> (type, bytes)
    # or None for 404}.  Never files of the site, never cached (scripts/room.py uses it).
    routes = {}

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if self.prefix != "/":
            if not clean.startswith(self.prefix):
                return os.path.join(self.directory, "\0missing")
            path = "/" + clean[len(self.prefix):]
        return super().translate_path(path)

    def send_head(self):
        self.vary = False
        clean = self.path.split("?", 1)[0]
        if "\0" in urllib.parse.unquote(clean.split("#", 1)[0]):
            self.send_error(400, "No address holds a NUL byte (%00)")
            return None
        if self.routes and clean.startswith(self.prefix) and "/" + clean[len(self.prefix):] in self.routes:
            return self.send_route(self.routes["/" + clean[len(self.prefix):]], self.path.partition("?")[2])
        if clean == self.prefix + "room.json":
            # No room address here (scripts/room.py answers it when there is one): "nothing", not an error,
            # so a page on this computer that asks does not log a failed request.
            self.route_answer = True
            self.send_response(204)
            self.end_headers()
            return None
        if self.prefix != "/" and clean == self.prefix.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.end_headers()
            return None
        if not clean.startswith(self.prefix):
            self.send_error(404, "File not found (the site is served under %s)" % self.prefix)
            return None
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if not clean.endswith("/") or not os.path.isfile(index):
                return super().send_head()  # the redirect to ".../", or no page here (list_directory)
            path = index
        if path.endswith(compress.SUFFIXES) and compress.compressible(path[:path.rindex(".")]) \
                and os.path.isfile(path[:path.rindex(".")]):
            self.send_error(404, "File not found")  # a precompressed copy is not a file of the site
            return None
        return self.send_file(path)

    def send_route(self, route, query):
        answer = route(query)
        if answer is None:
            self.send_error(404, "File not found")
            return None
        kind, body = answer
        self.route_answer = True
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_file(self, path):
        """Headers for the file at ``path`` (its precompressed copy when the browser accepts one); the body."""
        try:
            source = open(path, "rb")
        except (OSError, ValueError):  # ValueError: a path outside --prefix (translate_path)
            self.send_error(404, "File not found")
            return None
        with source:
            stat = os.fstat(source.fileno())
        copies = self.copies(path, stat) if compress.compressible(path) else {}
        encoding = choose_encoding(self.headers.get("Accept-Encoding"), list(copies))
        self.vary = bool(copies)
        if self.not_modified(stat):
            self.send_response(304)
            self.end_headers()
            return None
        served = copies[encoding] if encoding else path
        try:
            body = open(served, "rb")
            size = os.fstat(body.fileno()).st_size
        except OSError:
            self.send_error(404, "File not found")
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(size))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return body

    @staticmethod
    def copies(path, stat):
        """``{encoding: path}`` of the file's precompressed copies that are not older than it."""
        found = {}
        for encoding, suffix in compress.ENCODINGS:
            try:
                if os.stat(path + suffix).st_mtime_ns >= stat.st_mtime_ns:
                    found[encoding] = path + suffix
            except OSError:
                pass
        return found

    def not_modified(self, stat):
        """Whether ``If-Modified-Since`` says the browser's copy is current (whole seconds, as sent)."""
        header = self.headers.get("If-Modified-Since")
        if not header or "If-None-Match" in self.headers:
            return False
        try:
            since = email.utils.parsedate_to_datetime(header)
        except (TypeError, IndexError, OverflowError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=datetime.timezone.utc)
        modified = datetime.datetime.fromtimestamp(int(stat.st_mtime), datetime.timezone.utc)
        return modified <= since

    def list_directory(self, path):
        self.send_error(404, "File not found")  # no listings: a folder without a page is not a page
        return None

    def end_headers(self):
        if getattr(self, "vary", False):
            self.send_header("Vary", "Accept-Encoding")
            self.vary = False
        clean = self.path.split("?", 1)[0].split("#", 1)[0]
        if getattr(self, "route_answer", False):
            self.send_header("Cache-Control", "no-store")
            self.route_answer = False
        else:
            self.send_header("Cache-Control", self.cache_control or cache_policy(clean))
        super().end_headers()

    def copyfile(self, source, outputfile):
        start = source.tell()
        super().copyfile(source, outputfile)
        if self.counter is not None:
            self.counter.add(source.tell() - start)

    def log_message(self, format, *args):
        if self.verbose:
            super().log_message(format, *args)


class ByteCounter:
    """Bytes of response bodies a server has sent (the benchmark reads it around each visit)."""

    def __init__(self):
        self.total = 0
        self._lock = threading.Lock()

    def add(self, count):
        with self._lock:
            self.total += count


class Server(http.server.ThreadingHTTPServer):
    """Threaded; a browser that drops a connection mid-response is not an error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def make_server(directory, host="127.0.0.1", port=0, prefix="/", verbose=False, cache_control=None,
                counter=None, routes=None):
    """A threaded server for ``directory``; ``port=0`` picks a free port (``server.server_port``).

    ``cache_control`` is sent with every response when given (the benchmark's max-age); by default
    each file gets what deploy/nginx.conf sends (:func:`cache_policy`).  ``counter`` (a
    :class:`ByteCounter`) adds up the bytes of the bodies sent, compressed as sent.  ``routes`` are
    answers made while the server runs (see :attr:`Handler.routes`); the dict is used as it is, so routes
    added after the server is made (once its port is known) are answered too.
    """
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("SiteHandler", (Handler,), {"prefix": prefix, "verbose": verbose,
                                               "cache_control": cache_control, "counter": counter,
                                               "routes": routes if routes is not None else {}})
    return Server((host, port), functools.partial(handler, directory=directory))


def serve_in_background(directory, host="127.0.0.1", port=0, prefix="/", cache_control=None, counter=None):
    """Start a server in a daemon thread; return it (call ``shutdown()`` to stop)."""
    server = make_server(directory, host, port, prefix, cache_control=cache_control, counter=counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="/")
    parser.add_argument("directory")
    args = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(args.directory, "index.html")):
        sys.exit("%s has no index.html: build the site first (make site)" % args.directory)
    server = make_server(os.path.abspath(args.directory), args.host, args.port, args.prefix, verbose=True)
    host = args.host if args.host not in ("0.0.0.0", "") else "127.0.0.1"
    prefix = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"
    print("Serving %s at http://%s:%d%s  (Ctrl+C to stop)" % (args.directory, host, server.server_port, prefix),
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
