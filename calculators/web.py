"""Page face: binds the built calculators and recomputes on every input (PyScript, MicroPython).

The only module that imports ``pyscript``.  It reads the fields, calls :func:`calculators.view.view`
(the same function the build rendered the page with) and writes back text, never markup: outputs
and messages go through ``textContent``; only the chart, which our own code draws from numbers,
is set as SVG.
"""

from pyscript import document, window
from pyscript.ffi import create_proxy

from . import registry
from .numbers import CURRENCY_SYMBOLS
from .view import TEXTS, input_text, view

# Proxies handed to addEventListener must stay referenced, or MicroPython may collect them.
_KEEP = []


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
            self.fields[spec.name] = root.querySelector('input[name="%s"]' % spec.name)
        self.errors = {}
        for name in self.fields:
            self.errors[name] = document.getElementById(self.fields[name].id + "-error")
        self.outputs = {}
        for element in _all(root, "[data-output]"):
            self.outputs[element.getAttribute("data-output")] = element
        self.currency_select = root.querySelector("[data-role=currency]")
        self.preset_select = root.querySelector("[data-role=preset]")
        self.chart = root.querySelector("[data-role=chart]")
        self.status = root.querySelector("[data-role=status]")
        self.units = _all(root, "[data-unit=money]")

    def currency(self):
        return self.currency_select.value if self.currency_select else None

    def read(self):
        return dict((name, field.value) for name, field in self.fields.items())

    def bind(self):
        handler = create_proxy(self.on_input)
        _KEEP.append(handler)
        self.root.querySelector("form").addEventListener("input", handler)
        if self.preset_select:
            preset_handler = create_proxy(self.on_preset)
            _KEEP.append(preset_handler)
            self.preset_select.addEventListener("change", preset_handler)

    def on_input(self, event=None):
        target = event.target if event is not None else None
        if target is not None and target == self.preset_select:
            return
        self.update()

    def on_preset(self, event=None):
        values = self.calculator.defaults(self.lang, self.preset_select.value or None)
        for name, field in self.fields.items():
            field.value = input_text(values[name], self.lang)
        self.update()

    def update(self):
        shown = view(self.calculator, self.read(), self.lang, self.currency())
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
        if self.chart is not None:
            if shown["chart"]:
                self.chart.innerHTML = shown["chart"]
                self.chart.removeAttribute("hidden")
            else:
                self.chart.innerHTML = ""
                self.chart.setAttribute("hidden", "")

    def go_live(self):
        self.update()
        self.root.classList.remove("clc--stale")
        self.root.setAttribute("data-state", "live")
        self.status.textContent = TEXTS[self.lang]["live"]


def start():
    """Bind every calculator on the page, recompute from the fields as they are now, go live."""
    widgets = []
    try:
        for root in _all(document, "[data-calculator]"):
            widget = Widget(root)
            widget.bind()
            widget.go_live()
            widgets.append(widget)
    except Exception as error:  # the page keeps its built numbers and says so
        window.console.warn("calculators: could not start: " + str(error))
        window.dispatchEvent(window.Event.new("clienting:failed"))
    return widgets
