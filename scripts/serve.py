#!/usr/bin/env python3
"""Serve a built site over HTTP with the types the runtime needs (``.wasm``, ``.mjs``).

    python scripts/serve.py [--host 127.0.0.1] [--port 8000] [--prefix /playbook/] SITE_DIR

``--prefix`` serves the site under a sub-path, as a deployment at ``https://host/playbook/`` would.
Standard library only; used by ``make serve``, the tests and the benchmark.
"""

import argparse
import functools
import http.server
import os
import sys
import threading

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


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from ``directory``, optionally under ``prefix``; quiet unless asked."""

    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES)
    prefix = "/"
    verbose = False
    cache_control = "no-cache"
    counter = None

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if self.prefix != "/":
            if not clean.startswith(self.prefix):
                return os.path.join(self.directory, "\0missing")
            path = "/" + clean[len(self.prefix):]
        return super().translate_path(path)

    def send_head(self):
        clean = self.path.split("?", 1)[0]
        if self.prefix != "/" and clean == self.prefix.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.end_headers()
            return None
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", self.cache_control)
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


def make_server(directory, host="127.0.0.1", port=0, prefix="/", verbose=False, cache_control="no-cache",
                counter=None):
    """A threaded server for ``directory``; ``port=0`` picks a free port (``server.server_port``).

    ``cache_control`` is sent with every response: ``no-cache`` while editing, a max-age to measure
    warm loads as a real host would serve them.  ``counter`` (a :class:`ByteCounter`) adds up the
    bytes of the bodies sent.
    """
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("SiteHandler", (Handler,), {"prefix": prefix, "verbose": verbose,
                                               "cache_control": cache_control, "counter": counter})
    return Server((host, port), functools.partial(handler, directory=directory))


def serve_in_background(directory, host="127.0.0.1", port=0, prefix="/", cache_control="no-cache", counter=None):
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
