#!/usr/bin/env python3
"""Set up, build, serve and test the playbook: the tasks behind the README's commands.

    python3 scripts/dev.py serve [--host 127.0.0.1] [--port 8000]   build, then serve site/
    python3 scripts/dev.py build [--site-url URL]                   build the static site into site/
    python3 scripts/dev.py test [PYTEST ARGS...]                     the whole test suite
    python3 scripts/dev.py zensical                                  the same docs built by Zensical

Every task first makes sure the environment is there, and only installs what changed:
a virtual environment in .venv with requirements-test.txt, and node_modules from package-lock.json
(`npm ci`).  Standard library only, so it runs before anything is installed; `make` only wraps it.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv")
REQUIREMENTS = ("requirements.txt", "requirements-test.txt")
SITE = os.path.join(ROOT, "site")
ZENSICAL_VENV = os.path.join(ROOT, ".venv-zensical")
ZENSICAL_SITE = os.path.join(ROOT, "site-zensical")
ZENSICAL_CONFIG = os.path.join(ROOT, ".zensical.yml")
NO_ADDRESS = ("Built without the site's address: no canonical links, no link-preview addresses (og:url), no "
              "sitemap.xml, and the 404 page assumes the site sits at the root of its host. To publish, build "
              "with the address it will have: python3 scripts/dev.py build --site-url https://example.org/playbook/ "
              "(or set CLIENTING_SITE_URL).")


def venv_python(venv=VENV):
    if os.name == "nt":
        return os.path.join(venv, "Scripts", "python.exe")
    return os.path.join(venv, "bin", "python")


def digest(paths):
    h = hashlib.sha256()
    for path in paths:
        with open(os.path.join(ROOT, path), "rb") as handle:
            h.update(handle.read())
    return h.hexdigest()


def stamp_ok(stamp, value):
    try:
        with open(stamp) as handle:
            return handle.read().strip() == value
    except OSError:
        return False


def write_stamp(stamp, value):
    with open(stamp, "w") as handle:
        handle.write(value + "\n")


# The suite on every core (pytest-xdist); tests/conftest.py groups each file's tests on one worker, but
# for the browser tests, which are spread one by one.  The slowest tests are listed at the end: the full
# suite's budget is 10 minutes on 2 cores.
PARALLEL = ["-n", "auto", "--maxprocesses", "4", "--dist", "loadgroup", "--durations", "15"]


def run(cmd, **kwargs):
    print("+ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True, **kwargs)


def ensure_python():
    """Create .venv and install the pinned requirements when they changed since the last install."""
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed (this is %s)" % sys.version.split()[0])
    if not os.path.exists(venv_python()):
        run([sys.executable, "-m", "venv", VENV])
    wanted = digest(REQUIREMENTS)
    stamp = os.path.join(VENV, ".requirements.sha256")
    if not stamp_ok(stamp, wanted):
        run([venv_python(), "-m", "pip", "install", "--disable-pip-version-check", "-q",
             "-r", "requirements-test.txt"])
        write_stamp(stamp, wanted)


def ensure_node():
    """Install PyScript and MicroPython from package-lock.json when it changed since the last install."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm (Node.js 20 or newer) is needed to install the page's runtime: see README.md")
    wanted = digest(["package-lock.json"])
    stamp = os.path.join(ROOT, "node_modules", ".package-lock.sha256")
    if not stamp_ok(stamp, wanted):
        run([npm, "ci", "--no-audit", "--no-fund"])
        write_stamp(stamp, wanted)


def ensure():
    ensure_python()
    ensure_node()


def mkdocs_env():
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def build(site_url=None, site_dir=SITE):
    """Build the static site with `mkdocs build --strict`; return the address built for (None: none)."""
    cmd = [venv_python(), "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site_dir]
    env = mkdocs_env()
    if site_url:
        env["CLIENTING_SITE_URL"] = site_url
    run(cmd, env=env)
    return env.get("CLIENTING_SITE_URL") or None


def build_zensical():
    """The same docs built by Zensical (pinned in requirements-zensical.txt, in .venv-zensical) into
    site-zensical/: a check that the content does not depend on MkDocs, not a second product.

    Zensical reads mkdocs.yml and runs our Markdown extension (scripts/markers.py, found on PYTHONPATH),
    but no MkDocs hooks and no language plugin: the pages come out under ru/ and en/, each with its
    calculators computed.  The extension's pre-scan checks every page's markers first, so an unknown name
    stops here with the file and line, as it does under MkDocs.  Then the post-build step runs over the
    folder (scripts/postbuild.py, with the site's own environment): the runtime and the modules, each
    page's Content Security Policy and Open Graph tags, the offline list, the precompressed copies."""
    if not os.path.exists(venv_python(ZENSICAL_VENV)):
        run([sys.executable, "-m", "venv", ZENSICAL_VENV])
    wanted = digest(["requirements-zensical.txt"])
    stamp = os.path.join(ZENSICAL_VENV, ".requirements.sha256")
    if not stamp_ok(stamp, wanted):
        run([venv_python(ZENSICAL_VENV), "-m", "pip", "install", "--disable-pip-version-check", "-q",
             "-r", "requirements-zensical.txt"])
        write_stamp(stamp, wanted)
    env = dict(os.environ, PYTHONPATH=ROOT)
    run([venv_python(ZENSICAL_VENV), "-c", "from scripts import markers; markers.prescan()"], env=env)
    with open(os.path.join(ROOT, "mkdocs.yml"), encoding="utf-8") as handle:
        config = handle.read()
    with open(ZENSICAL_CONFIG, "w", encoding="utf-8") as handle:
        config = config.replace("\nmarkdown_extensions:\n", "\nmarkdown_extensions:\n  - scripts.markers\n", 1)
        handle.write("# Written by scripts/dev.py zensical from mkdocs.yml: do not edit.\n" + config +
                     "\nsite_dir: %s\n" % os.path.basename(ZENSICAL_SITE))
    if os.path.isdir(ZENSICAL_SITE):
        shutil.rmtree(ZENSICAL_SITE)
    zensical = os.path.join(os.path.dirname(venv_python(ZENSICAL_VENV)), "zensical")
    run([zensical, "build", "--clean", "-f", ZENSICAL_CONFIG], env=env)
    ensure()
    run([venv_python(), "-m", "scripts.postbuild", ZENSICAL_SITE, "--site-url", ""])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="task", required=True)
    p_build = sub.add_parser("build", help="build the static site into site/")
    p_build.add_argument("--site-url", help="the address the site will be served from, e.g. https://example.org/playbook/")
    p_serve = sub.add_parser("serve", help="build, then serve site/ over HTTP")
    p_serve.add_argument("--host", default="127.0.0.1")
    p_serve.add_argument("--port", type=int, default=8000)
    sub.add_parser("setup", help="only install what is missing")
    sub.add_parser("zensical", help="build the same docs with Zensical into site-zensical/ (a check, not the product)")
    p_bench = sub.add_parser("bench", help="build, then benchmark into benchmarks/results.json")
    p_bench.add_argument("bench_args", nargs=argparse.REMAINDER)
    p_test = sub.add_parser("test", help="run the whole test suite")
    p_test.add_argument("pytest_args", nargs=argparse.REMAINDER)
    p_fast = sub.add_parser("fast", help="the fast lane: unit, property and MicroPython parity tests")
    p_fast.add_argument("pytest_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)

    if args.task == "zensical":
        return build_zensical()
    ensure()
    if args.task == "build":
        address = build(args.site_url)
        print("Built into %s" % SITE + (" for %s" % address if address else ""))
        if not address:
            print(NO_ADDRESS)
    elif args.task == "serve":
        build()
        run([venv_python(), os.path.join("scripts", "serve.py"), "--host", args.host,
             "--port", str(args.port), SITE])
    elif args.task == "bench":
        build()
        run([venv_python(), os.path.join("scripts", "browser.py"), "--install"])
        run([venv_python(), os.path.join("scripts", "bench.py"), "--runs", "7", "--json",
             os.path.join("benchmarks", "results.json")] + args.bench_args)
        print("Wrote benchmarks/results.json: rebuild (make site) to see it on the \"How fast is it\" page")
    elif args.task == "test":
        run([venv_python(), os.path.join("scripts", "browser.py"), "--install"])
        result = subprocess.run([venv_python(), "-m", "pytest"] + PARALLEL + args.pytest_args, cwd=ROOT)
        sys.exit(result.returncode)
    elif args.task == "fast":  # no browser and no build: tests/conftest.py marks those slow
        result = subprocess.run([venv_python(), "-m", "pytest", "-m", "not slow"] + PARALLEL + args.pytest_args,
                                cwd=ROOT)
        sys.exit(result.returncode)


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode or 1)
    except KeyboardInterrupt:
        sys.exit(130)
