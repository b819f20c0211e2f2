# The README's commands.  Each wraps scripts/dev.py, which installs what is missing first.
PYTHON ?= python3

.PHONY: serve site test fast setup clean room bench site-zensical
serve:  ## build the site and serve it at http://127.0.0.1:8000
	$(PYTHON) scripts/dev.py serve
site:   ## build the static site into site/
	$(PYTHON) scripts/dev.py build
test:   ## run the whole test suite
	$(PYTHON) scripts/dev.py test
fast:   ## the fast lane while you work: unit, property and MicroPython parity tests (no build, no browser)
	$(PYTHON) scripts/dev.py fast
bench:  ## build, then measure the pages (and Pyodide, build time) into benchmarks/results.json
	$(PYTHON) scripts/dev.py bench
room:   ## build if needed and serve site/ to the room's network, with the address as a QR code
	$(PYTHON) scripts/room.py
site-zensical:  ## the same docs built by Zensical into site-zensical/ (a check of independence, not the product)
	$(PYTHON) scripts/dev.py zensical
setup:  ## only install the environment (.venv, node_modules)
	$(PYTHON) scripts/dev.py setup
clean:
	rm -rf site site-zensical .zensical.yml .pytest_cache
