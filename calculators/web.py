"""Page face: binds the built calculators and recomputes on every input (PyScript, MicroPython).

The only module that imports ``pyscript``.  It reads the fields, calls :func:`calculators.view.view`
(the same function the build rendered the page with) and writes back text, never markup: outputs
and messages go through ``textContent``; only the chart and the QR code, which our own code draws
from numbers, are set as SVG.

Each calculator also keeps its scenario in the page address (``calculators/scenario.py`` describes
the format): read once when the page goes live, written with ``history.replaceState`` (no new
history entries) shortly after each change.  The tools under the results pin a scenario as A to
compare, copy the results as a table, download them as CSV, and copy or show (as a QR code) the
scenario's link.

The QR code's module (``qr``) is not among the modules the page starts with: it is fetched the first
time a reader asks for a QR code (its address is in the page's PyScript config, ``on_demand``), written
into the interpreter's file system and imported from there.
"""

from pyscript import config, document, window
from pyscript.ffi import create_proxy, is_none

from . import catalog, registry, scenario
from .errors import CalculatorError
from .core import evaluate
from .numbers import CURRENCY_SYMBOLS, default_currency
from .view import compare, input_text, scenario_label, table_csv, table_tsv, view

# Delay between the last change and rewriting the address (browsers limit replaceState calls).
ADDRESS_DELAY_MS = 250
# Where the device keeps a calculator's A: this prefix, the page's path, "#" and the calculator's id.
STORAGE_PREFIX = "clienting.compare:"
# Above this QR version (57 × 57 modules) a code shown on a projector gets hard to scan from afar.
QR_SCREEN_VERSION = 10

# Proxies handed to addEventListener must stay referenced, or MicroPython may collect them.
_KEEP = []
# Where a module fetched on demand is written: beside the others, where ``from . import`` finds it.
MODULE_PATH = "calculators/%s.%s"


def _one(root, selector):
    """The first element under ``root`` that ``selector`` finds, or None.  JavaScript's ``null`` reaches
    MicroPython as None but Pyodide as ``jsnull`` (false, yet not None), so every lookup that may find
    nothing goes through here, and the ``is None`` checks after it hold on both runtimes."""
    found = root.querySelector(selector)
    return None if is_none(found) else found


def _all(root, selector):
    found = root.querySelectorAll(selector)
    return [found.item(i) for i in range(found.length)]


class Widget:
    """One calculator on the page (a page may hold several, even the same one twice)."""

    def __init__(self, root):
        self.root = root
        self.calculator = registry.get(root.getAttribute("data-calculator"))
        self.lang = root.getAttribute("data-lang") or "ru"
        self.fields = {}
        for spec in self.calculator.inputs:
            self.fields[spec.name] = _one(root, 'input[name="%s"]' % spec.name)
        self.errors = {}
        for name in self.fields:
            self.errors[name] = document.getElementById(self.fields[name].id + "-error")
        self.outputs = {}
        for element in _all(root, "[data-output]"):
            self.outputs[element.getAttribute("data-output")] = element
        self.currency_select = _one(root, "[data-role=currency]")
        self.preset_select = _one(root, "[data-role=preset]")
        self.chart = _one(root, "[data-role=chart]")
        self.verdict = _one(root, "[data-role=verdict]")
        self.status = _one(root, "[data-role=status]")
        self.units = _all(root, "[data-unit=money]")
        self.texts = catalog.get(self.lang)["calculator"]
        self.key = scenario.instance_key(root.id)
        self.page_preset = root.getAttribute("data-preset") or None
        self.compares = {}
        for element in _all(root, "[data-compare]"):
            self.compares[element.getAttribute("data-compare")] = element
        self.notices = _one(root, "[data-role=notices]")
        self.tools = _one(root, "[data-role=tools]")
        self.tools_status = _one(root, "[data-role=tools-status]")
        self.compare_note = _one(root, "[data-role=compare-note]")
        self.link = _one(root, "[data-role=link]")
        self.table = _one(root, "[data-role=table]")
        self.qr = _one(root, "[data-role=qr]")
        self.actions = {}
        for element in _all(root, "[data-action]"):
            self.actions[element.getAttribute("data-action")] = element
        self.names = {}
        for letter in ("a", "b"):
            self.names[letter] = _one(root, "[data-role=name-%s]" % letter)
        self.names_box = _one(root, "[data-role=names]")
        self.result = None
        # A: {"values", "preset", "currency", "name" (typed), "result"}, or None.
        self.pinned = None
        self.name_b = ""
        self.timer = None
        self.shared = None
        self.qr_link = None

    def currency(self):
        return self.currency_select.value if self.currency_select else None

    def read(self):
        return dict((name, field.value) for name, field in self.fields.items())

    def listen(self, element, event, method):
        handler = create_proxy(method)
        _KEEP.append(handler)
        element.addEventListener(event, handler)
        return handler

    def bind(self):
        self.listen(self.root.querySelector("form"), "input", self.on_input)
        self.listen(self.root.querySelector("form"), "change", self.on_leave)
        if self.preset_select:
            self.listen(self.preset_select, "change", self.on_preset)
        handlers = {"reset": self.on_reset, "pin": self.on_pin, "unpin": self.on_unpin,
                    "copy-table": self.on_copy_table, "csv": self.on_csv, "copy-link": self.on_copy_link,
                    "qr": self.on_qr}
        for name, method in handlers.items():
            if name in self.actions:
                self.listen(self.actions[name], "click", method)
        for field in self.names.values():
            if field is not None:
                self.listen(field, "input", self.on_name)
        self.write_later = create_proxy(self.write_address)
        _KEEP.append(self.write_later)
        self.link_copied = create_proxy(lambda *args: self.say(self.texts["link_copied"]))
        self.link_failed = create_proxy(lambda *args: self.select_link())
        self.table_copied = create_proxy(lambda *args: self.say(self.texts["table_copied"]))
        self.table_failed = create_proxy(lambda *args: self.select_table())
        _KEEP.extend([self.link_copied, self.link_failed, self.table_copied, self.table_failed])
        self.listen(document, "clienting:room", self.on_room)

    def on_room(self, event=None):
        """The room server's address arrived (assets/presenter.js): links and QR codes use it from now."""
        self.shared = None
        self.write_address()

    def on_input(self, event=None):
        target = event.target if event is not None else None
        if target is not None and target == self.preset_select:
            return
        self.update()

    def on_leave(self, event=None):
        """A number field left after a change: shown grouped as the page writes numbers (``600 000``,
        ``600,000``) when it reads; otherwise what was typed stays, beside its message."""
        target = event.target if event is not None else None
        name = target.getAttribute("name") if target is not None else None
        if name not in self.fields:
            return
        try:
            value = self.calculator.input_by_name[name].parse(target.value, self.lang, self.currency())
        except CalculatorError:
            return
        text = input_text(value, self.lang)
        if target.value != text:
            target.value = text

    def preset(self):
        return (self.preset_select.value or None) if self.preset_select else self.page_preset

    def fill(self, values):
        for name, field in self.fields.items():
            field.value = input_text(values[name], self.lang)

    def on_preset(self, event=None):
        self.fill(self.calculator.defaults(self.lang, self.preset()))
        self.update()

    # --- the scenario in the address ---------------------------------------------------------

    def restore(self):
        """Apply the scenario the address names (if any); list what was ignored, as text."""
        found = scenario.decode(self.calculator, self.key, window.location.search, self.lang, self.page_preset)
        if not found["found"]:
            return
        if self.preset_select:
            self.preset_select.value = found["preset"] or ""
        if self.currency_select:
            self.currency_select.value = found["currency"]
        self.fill(found["values"])
        self.show_notices(found["notices"])

    def show_notices(self, notices):
        self.notices.textContent = ""
        for text in notices:
            item = document.createElement("li")
            item.textContent = text
            self.notices.appendChild(item)
        if notices:
            self.notices.removeAttribute("hidden")
        else:
            self.notices.setAttribute("hidden", "")

    def address(self):
        """(query, shareable link) of the current scenario, other parameters of the address kept."""
        pairs = scenario.encode(self.calculator, self.key, self.read(), self.lang, self.currency(),
                                self.preset(), self.page_preset)
        pairs = pairs + self.comparison_pairs()
        query = scenario.merge_query(window.location.search, self.key, pairs)
        location = window.location
        return query, room_origin() + location.pathname + query + "#" + self.root.id

    def schedule_address(self):
        if self.timer is not None:
            window.clearTimeout(self.timer)
        self.timer = window.setTimeout(self.write_later, ADDRESS_DELAY_MS)

    def write_address(self, *args):
        self.timer = None
        query, link = self.address()
        location = window.location
        if query != location.search:
            try:
                window.history.replaceState(window.history.state, "", location.pathname + query + location.hash)
            except Exception as error:  # a browser's rate limit: the next change writes it
                window.console.warn("calculators: address not updated: " + str(error))
        if link != self.shared:
            self.shared = link
            self.link.value = link
            if not self.qr.hasAttribute("hidden"):
                self.draw_qr()

    # --- tools ------------------------------------------------------------------------------------

    def say(self, message):
        self.tools_status.textContent = message

    def clipboard(self):
        """The Clipboard API where the browser offers it (secure contexts only), else None."""
        if not window.isSecureContext:
            return None
        return window.navigator.clipboard or None

    def on_reset(self, event=None):
        if self.preset_select:
            self.preset_select.value = self.page_preset or ""
        if self.currency_select:
            self.currency_select.value = default_currency(self.lang)
        self.fill(self.calculator.defaults(self.lang, self.page_preset))
        self.show_notices([])
        # B is the page's scenario again, so it loses the name typed for it (A keeps its own)
        self.name_b = ""
        if self.names["b"] is not None:
            self.names["b"].value = ""
        self.update()
        self.say(self.texts["reset_done"])

    def on_pin(self, event=None):
        if self.result.errors:
            self.say(self.texts["pin_invalid"])
            return
        # The name typed for B goes with it: the current scenario becomes A.
        self.set_pinned(dict(self.result.values), self.preset(), self.result.currency, self.name_b)
        self.name_b = ""
        if self.names["b"] is not None:
            self.names["b"].value = ""
        kept = self.keep()
        self.update()
        self.say(self.texts["pin_done"] if kept else self.texts["pin_not_kept"])

    def on_unpin(self, event=None):
        self.pinned = None
        self.name_b = ""
        for field in self.names.values():
            if field is not None:
                field.value = ""
        self.actions["unpin"].setAttribute("hidden", "")
        self.compare_note.setAttribute("hidden", "")
        if self.names_box is not None:
            self.names_box.setAttribute("hidden", "")
        self.root.classList.remove("clc--pinned")
        for element in self.compares.values():
            element.setAttribute("hidden", "")
        self.keep()
        self.update()
        self.actions["pin"].focus()
        self.say(self.texts["unpin_done"])

    def on_copy_table(self, event=None):
        self.write_address()
        text = table_tsv(self.result, self.pinned_result(), self.shown_names(), self.today(), self.shared)
        self.table.value = text
        clipboard = self.clipboard()
        if clipboard is None:
            self.select_table()
            return
        self.table.setAttribute("hidden", "")
        clipboard.writeText(text).then(self.table_copied, self.table_failed)

    def select_table(self):
        self.table.removeAttribute("hidden")
        self.table.focus()
        self.table.select()
        self.say(self.texts["table_selected"])

    def on_csv(self, event=None):
        # The link's own click downloads what is set here: a data: URL, UTF-8 with a byte-order mark
        # (written escaped: a leading U+FEFF would be dropped on its way from Python to JavaScript).
        self.write_address()
        text = table_csv(self.result, self.pinned_result(), self.shown_names(), self.today(), self.shared)
        self.actions["csv"].setAttribute("href", "data:text/csv;charset=utf-8,%EF%BB%BF" + window.encodeURIComponent(text))

    def on_copy_link(self, event=None):
        self.write_address()
        clipboard = self.clipboard()
        if clipboard is None:
            self.select_link()
            return
        clipboard.writeText(self.shared).then(self.link_copied, self.link_failed)

    def select_link(self):
        self.link.focus()
        self.link.select()
        self.say(self.texts["link_selected"])

    def on_qr(self, event=None):
        button = self.actions["qr"]
        if self.qr.hasAttribute("hidden"):
            self.write_address()
            self.draw_qr()
            self.qr.removeAttribute("hidden")
            button.setAttribute("aria-expanded", "true")
            button.textContent = button.getAttribute("data-hide")
        else:
            self.qr.setAttribute("hidden", "")
            button.setAttribute("aria-expanded", "false")
            button.textContent = button.getAttribute("data-show")

    def draw_qr(self):
        if self.qr_link == self.shared:
            return
        try:
            from . import qr
        except ImportError:  # not fetched yet: drawn when it arrives
            load_module("qr", self.qr_arrived, self.qr_missing)
            return

        self.qr_link = self.shared
        try:
            code = qr.encode_for_screen(self.shared)
        except qr.QRError:
            self.qr.textContent = self.texts["qr_failed"]
            return
        self.qr.innerHTML = qr.svg(code, 4, self.texts["qr_title"])
        self.qr.setAttribute("data-version", str(code.version))
        if code.version > QR_SCREEN_VERSION:
            caption = document.createElement("figcaption")
            caption.textContent = self.texts["qr_dense"]
            self.qr.appendChild(caption)

    def qr_arrived(self):
        if not self.qr.hasAttribute("hidden"):
            self.draw_qr()

    def qr_missing(self):
        """The module could not be fetched (no network, no copy): said in the figure; the next click
        tries again."""
        if not self.qr.hasAttribute("hidden"):
            self.qr.textContent = self.texts["qr_unavailable"]

    def show_compare(self):
        if self.pinned is None:
            return
        self.show_names()
        for row in compare(self.pinned["result"], self.result):
            element = self.compares[row["key"]]
            element.querySelector("[data-part=a]").textContent = self.texts["a"] + ": " + row["a"]
            element.querySelector("[data-part=diff]").textContent = row["diff"]
            element.removeAttribute("hidden")

    # --- A beside B: names, the device's copy, the address -------------------------------------------

    def set_pinned(self, values, preset, currency, name):
        """Make A the scenario of ``values`` (numbers), and show the comparison's parts."""
        raw = dict((spec.name, values[spec.name]) for spec in self.calculator.inputs)
        self.pinned = {"values": raw, "preset": preset, "currency": currency,
                       "name": scenario.clean_name(name),
                       "result": evaluate(self.calculator, raw, self.lang, currency)}
        if self.names["a"] is not None:
            self.names["a"].value = self.pinned["name"]
        self.actions["unpin"].removeAttribute("hidden")
        self.compare_note.removeAttribute("hidden")
        if self.names_box is not None:
            self.names_box.removeAttribute("hidden")
        self.root.classList.add("clc--pinned")

    def pinned_result(self):
        return self.pinned["result"] if self.pinned is not None else None

    def restore_comparison(self):
        """A from the address (it wins), else the one this device keeps; B's name from the address."""
        found = scenario.restore_comparison(self.calculator, self.key, window.location.search, self.kept(),
                                            self.lang, self.page_preset)
        pinned = found["pinned"]
        if pinned is not None:
            self.set_pinned(pinned["values"], pinned["preset"], pinned["currency"], pinned["name"])
            if found["from_link"]:
                self.keep()
        self.name_b = found["name"] if self.pinned is not None else ""
        if self.names["b"] is not None:
            self.names["b"].value = self.name_b
        self.add_notices(found["notices"])

    def add_notices(self, notices):
        for text in notices:
            item = document.createElement("li")
            item.textContent = text
            self.notices.appendChild(item)
        if notices:
            self.notices.removeAttribute("hidden")

    def on_name(self, event=None):
        if self.pinned is None:
            return
        if self.names["a"] is not None:
            self.pinned["name"] = scenario.clean_name(self.names["a"].value)
        if self.names["b"] is not None:
            self.name_b = scenario.clean_name(self.names["b"].value)
        self.keep()
        self.update()

    def default_names(self):
        """(A's, B's) names when none is typed: a preset's title while the values are the preset's."""
        a = scenario.default_name(self.calculator, self.pinned["values"], self.pinned["preset"], self.lang)
        b = ""
        if self.result is not None and not self.result.errors:
            b = scenario.default_name(self.calculator, self.result.values, self.preset(), self.lang)
        return a, b

    def shown_names(self):
        """(A's, B's) names as shown: typed, else the default one; None when nothing is pinned."""
        if self.pinned is None:
            b = "" if self.result.errors else scenario.default_name(self.calculator, self.result.values,
                                                                      self.preset(), self.lang)
            return "", self.name_b or b
        a, b = self.default_names()
        return self.pinned["name"] or a, self.name_b or b

    def show_names(self):
        """The names in the note above the tools and as the fields' placeholders (all as text)."""
        a, b = self.default_names()
        if self.names["a"] is not None:
            self.names["a"].setAttribute("placeholder", a)
        if self.names["b"] is not None:
            self.names["b"].setAttribute("placeholder", b)
        name_a, name_b = self.shown_names()
        if name_a or name_b:
            quoted = self.texts["quoted"]
            note = self.texts["pinned_named"].replace(
                "{a}", quoted.replace("{name}", name_a) if name_a else "").replace(
                "{b}", quoted.replace("{name}", name_b) if name_b else "")
        else:
            note = self.texts["pinned"]
        if self.compare_note.textContent != note:
            self.compare_note.textContent = note

    def comparison_pairs(self):
        """A's and B's name's address parameters (none when nothing is pinned)."""
        if self.pinned is None:
            return []
        pairs = []
        if not self.result.errors:
            pairs = scenario.name_pairs(self.calculator, self.key, self.name_b, self.result.values,
                                        self.preset(), self.lang)
        return pairs + scenario.pinned_pairs(self.calculator, self.key, self.pinned, self.lang, self.page_preset)

    def storage_key(self):
        return STORAGE_PREFIX + window.location.pathname + "#" + self.root.id

    def storage(self):
        """docs/assets/calculators.js's storage, whose calls never throw (a JavaScript exception would
        not reach a try/except here); None without it."""
        return getattr(window, "clientingStorage", None)

    def keep(self):
        """Keep A on this device (or forget it when cleared); False when the browser refuses (storage
        off, blocked or full: the address still carries A)."""
        storage = self.storage()
        if storage is None:
            return False
        if self.pinned is None:
            return storage.remove(self.storage_key()) is True
        text = scenario.pinned_stored(self.calculator, self.key, self.pinned, self.lang)
        return storage.set(self.storage_key(), text) is True

    def kept(self):
        """The A this device keeps for this calculator (a query string), or None."""
        storage = self.storage()
        text = storage.get(self.storage_key()) if storage is not None else None
        return text if isinstance(text, str) else None

    def today(self):
        now = window.Date.new()
        return (int(now.getFullYear()), int(now.getMonth()) + 1, int(now.getDate()))

    def as_built(self):
        """Whether every field and choice still holds what the build rendered (the page's own numbers,
        nothing from the address, nothing typed while starting): the built chart is then current."""
        for field in self.fields.values():
            if field.value != field.defaultValue:
                return False
        for select in (self.preset_select, self.currency_select):
            if select is not None:
                built = 0
                for i in range(select.options.length):
                    if select.options.item(i).defaultSelected:
                        built = i
                        break
                if select.selectedIndex != built:
                    return False
        return True

    def update(self, first=False):
        names = None
        if self.pinned is not None:  # B's name when none is typed: view() knows it once B is read
            names = (self.pinned["name"] or self.default_names()[0], self.name_b or None)
        # Going live on the numbers the page was built with: the chart on the page is already theirs, and
        # drawing it again (often most of a recompute) would only delay the calculator coming alive.
        keep_chart = first and self.pinned is None and self.chart is not None and self.as_built()
        shown = view(self.calculator, self.read(), self.lang, self.currency(), self.preset(), self.pinned_result(),
                     names, not keep_chart)
        self.result = shown["result"]
        for item in shown["inputs"]:
            field = self.fields[item["name"]]
            message = item["error"] or ""
            if self.errors[item["name"]].textContent != message:
                self.errors[item["name"]].textContent = message
            if item["error"]:
                field.setAttribute("aria-invalid", "true")
                field.parentElement.parentElement.classList.add("clc-field--invalid")
            else:
                field.removeAttribute("aria-invalid")
                field.parentElement.parentElement.classList.remove("clc-field--invalid")
        for item in shown["outputs"]:
            element = self.outputs[item["key"]]
            element.textContent = item["text"]
            element.setAttribute("data-value", item["value"])
            if item["unavailable"]:
                element.parentElement.classList.add("clc-output--unavailable")
            else:
                element.parentElement.classList.remove("clc-output--unavailable")
        symbol = CURRENCY_SYMBOLS[shown["currency"]]
        for unit in self.units:
            unit.textContent = symbol
        if self.chart is not None and not keep_chart:
            if shown["chart"]:
                self.chart.innerHTML = shown["chart"]
                self.chart.removeAttribute("hidden")
            else:
                self.chart.innerHTML = ""
                self.chart.setAttribute("hidden", "")
        if self.verdict is not None:
            self.verdict.textContent = shown["verdict"]
            if shown["verdict"]:
                self.verdict.removeAttribute("hidden")
            else:
                self.verdict.setAttribute("hidden", "")
        self.show_compare()
        self.schedule_address()

    def go_live(self):
        self.restore()
        self.restore_comparison()
        self.update(first=True)
        self.write_address()
        self.on_csv()
        for element in (self.tools, self.actions.get("reset")):
            if element is not None:
                element.removeAttribute("hidden")
        self.root.classList.remove("clc--stale")
        self.root.setAttribute("data-state", "live")
        self.status.textContent = self.texts["live"]


def room_origin():
    """Where a shared link should point: the room server's address on the network when this page is
    open on the laptop's own loopback address (assets/presenter.js sets it from room.json), else the
    page's own origin."""
    room = document.documentElement.getAttribute("data-room-url")
    if room:
        return room[:-1] if room.endswith("/") else room
    return window.location.origin


# Modules being fetched: name -> [(arrived, missing) callbacks of those waiting for it].
_LOADING = {}


def load_module(name, arrived, missing):
    """Fetch the module ``name`` that the page did not start with (the config's ``on_demand``), write it
    into the interpreter's file system and call ``arrived()``; ``missing()`` if it cannot be fetched."""
    waiting = _LOADING.get(name)
    if waiting is not None:
        waiting.append((arrived, missing))
        return
    _LOADING[name] = [(arrived, missing)]
    url = config["on_demand"][name]

    def settle(ok):
        for done, failed in _LOADING.pop(name, []):
            (done if ok else failed)()

    def fetched(response):
        if not response.ok:
            return window.Promise.reject(window.Error.new("%s: HTTP %s" % (url, response.status)))
        return response.arrayBuffer()

    def written(buffer):
        from _pyscript import interpreter  # PyScript's handle on the interpreter, whose file system it fills

        interpreter.FS.writeFile(MODULE_PATH % (name, url.rsplit(".", 1)[1]), window.Uint8Array.new(buffer))
        try:
            import importlib  # CPython (Pyodide) caches what a folder holds; MicroPython has no such cache
            importlib.invalidate_caches()
        except ImportError:
            pass
        settle(True)

    def failed(error=None):
        window.console.warn("calculators: %s not loaded: %s" % (name, error))
        settle(False)

    handlers = [create_proxy(fetched), create_proxy(written), create_proxy(failed)]
    _KEEP.extend(handlers)
    window.fetch(url).then(handlers[0]).then(handlers[1]).catch(handlers[2])


def mark(name):
    """A performance mark for the benchmark's start-up breakdown (scripts/bench.py STARTUP_MARKS)."""
    try:
        window.performance.mark("clienting:" + name)
    except Exception:  # no Performance API: nothing to measure
        pass


def start():
    """Bind every calculator on the page, recompute from the fields as they are now, go live."""
    mark("modules-imported")
    widgets = []
    try:
        for root in _all(document, "[data-calculator]"):
            widget = Widget(root)
            widget.bind()
            widgets.append(widget)
        mark("bound")
        for widget in widgets:
            widget.go_live()
        mark("live")
    except Exception as error:  # the page keeps its built numbers and says so
        window.console.warn("calculators: could not start: " + str(error))
        window.dispatchEvent(window.Event.new("clienting:failed"))
    return widgets
