"""Build face: precompressed copies of the site's text files, for servers that send them as they are.

After the build, :func:`write` puts ``NAME.gz`` (gzip, level 9) and, where the ``brotli`` package is
installed (it is in requirements.txt), ``NAME.br`` (brotli, quality 11) beside every file a browser
receives compressed well: pages, styles, scripts, JSON, SVG, the runtime's WebAssembly and the
calculators' bytecode (and its archives).  ``scripts/serve.py`` (``make serve``, ``make room``, the tests, the benchmark)
sends one of them when the browser accepts its encoding, so a room of phones on one Wi-Fi downloads
about a third of the bytes, and no response is compressed while a phone waits.

A copy is written only where it saves at least 5 % and 256 bytes.  Each copy gets its original's
modification time: a server uses a copy only while it is not older than the original, so a page
changed after the build (the benchmark's variants) is sent uncompressed rather than stale.

Brotli at its best quality takes seconds for the whole site, so the results are kept in a cache keyed
by the content's hash (``.cache/compress/`` in the repository, ignored by git): a rebuild compresses
only what changed, and entries no build used for two weeks are removed.  The copies are never listed in the offline copy (``scripts/offline.py``).
"""

import gzip
import hashlib
import os
import tempfile
import time

try:
    import brotli
except ImportError:  # gzip alone: still most of the saving
    brotli = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(ROOT, ".cache", "compress")

# What a browser gets compressed well; images (PNG) and archives are compressed already.
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".wasm", ".mpy", ".tar", ".xml", ".txt")
# Encodings in the order a server prefers them: (Content-Encoding, file suffix).
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
SUFFIXES = tuple(suffix for _, suffix in ENCODINGS)
KEEP_DAYS = 14  # cache entries no build has used for this long are removed
MIN_SAVING = 256
MIN_RATIO = 0.95


def compressible(path):
    """Whether a file at ``path`` gets precompressed copies (by its name)."""
    return path.endswith(COMPRESSIBLE)


def encodings():
    """The encodings this installation can write: brotli only with the ``brotli`` package."""
    return [item for item in ENCODINGS if item[0] != "br" or brotli is not None]


def _gzip(data):
    return gzip.compress(data, compresslevel=9, mtime=0)  # mtime 0: the same bytes on every build


def _brotli(data):
    return brotli.compress(data, quality=11)


WRITERS = {"gzip": _gzip, "br": _brotli}


def compressed(data, encoding, cache=CACHE):
    """``data`` compressed with ``encoding`` (``gzip`` or ``br``), through the content-hash cache
    (``cache=None``: none)."""
    if cache is None:
        return WRITERS[encoding](data)
    key = hashlib.sha256(data).hexdigest()
    path = os.path.join(cache, key[:2], "%s.%s" % (key, encoding))
    try:
        with open(path, "rb") as handle:
            found = handle.read()
        os.utime(path)  # still in use: kept by prune()
        return found
    except OSError:
        pass
    result = WRITERS[encoding](data)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path))  # atomic: builds may run side by side
    with os.fdopen(handle, "wb") as out:
        out.write(result)
    os.replace(temporary, path)
    return result


def worth_it(original, compressed):
    return len(compressed) <= len(original) * MIN_RATIO and len(original) - len(compressed) >= MIN_SAVING


def compress_file(path, cache=CACHE):
    """Write the copies of one file worth writing; remove stale ones; return the suffixes written."""
    with open(path, "rb") as handle:
        data = handle.read()
    stat = os.stat(path)
    written = []
    for name, suffix in ENCODINGS:
        target = path + suffix
        result = None if name == "br" and brotli is None else compressed(data, name, cache)
        if result is None or not worth_it(data, result):
            if os.path.exists(target):
                os.remove(target)
            continue
        with open(target, "wb") as handle:
            handle.write(result)
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        written.append(suffix)
    return written


def is_copy(site_dir, path):
    """Whether ``path`` (relative, with ``/``) is a precompressed copy of another file of the site."""
    if not path.endswith(SUFFIXES):
        return False
    original = path[:path.rindex(".")]
    return compressible(original) and os.path.isfile(os.path.join(site_dir, *original.split("/")))


def prune(cache=CACHE, days=KEEP_DAYS, now=None):
    """Remove cache entries not used for ``days``; return how many were removed."""
    limit = (time.time() if now is None else now) - days * 86400
    removed = 0
    for folder, _, names in os.walk(cache):
        for name in names:
            path = os.path.join(folder, name)
            try:
                if os.stat(path).st_mtime < limit:
                    os.remove(path)
                    removed += 1
            except OSError:  # another build removed it first
                pass
    return removed


def write(site_dir, cache=CACHE):
    """Precompress every compressible file of ``site_dir``; return ``{path: [suffixes]}`` (relative)."""
    done = {}
    for folder, _, names in os.walk(site_dir):
        for name in sorted(names):
            if compressible(name):
                full = os.path.join(folder, name)
                done[os.path.relpath(full, site_dir).replace(os.sep, "/")] = compress_file(full, cache)
    if cache is not None:
        prune(cache)
    return done
