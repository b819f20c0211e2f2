"""The English catalog: every shared UI string of the site in English, and the choices CLDR does not make
(how ``catalog.py`` uses it, and what stays elsewhere, is said there)."""

CATALOG = {
    "currency": "USD",
    "csv": (",", "."),
    "long_date": "{d}\u00a0{month} {y}",
    "date": "{y}-{m}-{d}",
    "units": {
        "months": "months",
        "ratio": "×",
        "seconds": "s",
        "erlangs": "Erl",
    },
    "csv_units": {
        "pct": "%",
        "ratio": "×",
        "years": "years",
        "months": "months",
        "seconds": "s",
        "points": "points",
        "erlangs": "Erl",
    },
    "plurals": {
        "years": {
            "one": "year",
            "other": "years",
        },
        "points": {
            "one": "point",
            "other": "points",
        },
    },
    "calculator": {
        "inputs": "Inputs",
        "outputs": "Results",
        "currency": "Currency",
        "preset": "Scenario",
        "preset_default": "Default",
        "formulas": "Formulas and assumptions",
        "numbers": "How to type numbers",
        "chart": "Chart",
        "static": "Computed for the default values. The calculator comes alive once the page has loaded.",
        "starting": "The calculator is loading… The figures below are for the default values.",
        "stale": (
            "You changed the inputs: the figures below will update as soon as the calculator has "
            "loaded."
        ),
        "live": "Results update as you type.",
        "failed": "The calculator could not start: the figures shown are for the default values.",
        "noscript": "Without JavaScript the calculator shows the result for the default values.",
        "invalid_summary": "Correct the marked fields: results that depend on them are not computed.",
        "share": "Share and compare",
        "link": "Link to this scenario",
        "copy_link": "Copy link",
        "link_copied": "Link copied.",
        "link_selected": (
            "Copying is not available here (the page is not on HTTPS): the link is selected in the "
            "field — copy it yourself (Ctrl+C, or a long press)."
        ),
        "privacy": (
            "The link holds the figures typed into the calculator: send it only to people who may see "
            "them."
        ),
        "qr_show": "Show QR code",
        "qr_hide": "Hide QR code",
        "qr_title": "QR code of the link to this scenario",
        "qr_failed": "The link is too long for a QR code.",
        "qr_unavailable": "The QR code did not load: the site cannot be reached. Press “Show QR code” again once it can.",
        "qr_dense": (
            "The link is long, so the code is dense: from a projector it is hard to scan from afar. "
            "Shorter scenario names make it larger."
        ),
        "qr_local": (
            "This link leads to this computer (127.0.0.1): participants' phones cannot open it. To "
            "share the scenario in the room, serve the site with make room and open the page again: the "
            "link and the code will carry the laptop's address on the network."
        ),
        "reset": "Reset to defaults",
        "reset_done": "Default values restored.",
        "pin": "Pin as A",
        "unpin": "Clear A",
        "pinned": "A is the pinned scenario, B the current one; the difference B − A is beside them.",
        "pinned_named": "A is the pinned scenario{a}, B the current one{b}; the difference B − A is beside them.",
        "quoted": " “{name}”",
        "pin_done": (
            "Results pinned as A: change the inputs and compare. The comparison stays on this device "
            "until you clear it."
        ),
        "pin_not_kept": (
            "Results pinned as A, but this browser does not let the page keep them: the comparison "
            "lives on only in the page address and its link."
        ),
        "pin_invalid": "Correct the marked fields first: only valid inputs can be pinned as A.",
        "unpin_done": "Comparison cleared.",
        "a": "A",
        "b": "B",
        "names": "Names of the scenarios",
        "name_a": "Name of A",
        "name_b": "Name of B",
        "name_help": (
            "Up to 40 characters. Left empty, a scenario takes its name from the “Scenario” menu while "
            "its figures are unchanged."
        ),
        "date": "Date",
        "link_row": "Link",
        "scenario": "Scenario",
        "copy_table": "Copy as a table",
        "table_copied": "Table copied: paste it into a spreadsheet or a slide.",
        "table_selected": (
            "Copying is not available here (the page is not on HTTPS): the table is selected in the "
            "field — copy it yourself (Ctrl+C)."
        ),
        "table": "Results as a table",
        "download_csv": "Download CSV",
        "notices": "Not taken from the link",
        "col_section": "Section",
        "col_label": "Item",
        "col_unit": "Unit",
        "col_value": "Value",
        "col_diff": "B − A",
        "points": "pp",
        "chart_scenario": "Scenario {label}: ",
    },
    "number_rules": (
        "Numbers are read by the page's language. In English, commas group thousands and a point "
        "marks decimals: 12,000 is twelve thousand, 1,200,000.50 reads as written. In Russian, "
        "spaces group thousands and a comma or a point marks decimals: 1\u00a0200\u00a0000,50; 1,5; 1.5. A "
        "number that reads two ways is not guessed: the message gives both readings (1,5 on an "
        "English page, 1.500 and 12,000 on a Russian one); a leading 0 settles it (0,125 and 0.001 "
        "are decimals). A percentage may end in %, money may carry ₽, руб., р., RUB, $, USD, €, EUR "
        "(or ₴, UAH, ₸, KZT) if it is the chosen currency, seconds may end in s; any kind of space "
        "and the minus sign − are fine. The command line reads numbers by its --lang (Russian by default), and a "
        "scenario link always holds digits with a point."
    ),
    "errors": {
        "required": "Enter a number.",
        "not_a_number": (
            "Enter a number: digits, commas between thousands and a point before decimals, for example "
            "1,500.50."
        ),
        "ambiguous": (
            "{first} or {second}? On a Russian page a point or a comma before exactly three digits "
            "reads two ways: group thousands with spaces, put a comma before decimals."
        ),
        "ambiguous_comma": "{first} or {second}? A comma groups digits in threes and a point marks decimals.",
        "group_marks": "On a Russian page digits are grouped by spaces: write {suggestion}.",
        "point_groups": "A point marks decimals and commas group thousands: write {suggestion}.",
        "comma_groups": "A comma groups exactly three digits and a point marks decimals: 1,234,567.89.",
        "percent_here": "This input is not a percentage: remove the “%”.",
        "currency_here": "This input is not money: remove the “{sign}”.",
        "currency_mismatch": (
            "“{sign}” is {typed}, but the calculator’s currency is {chosen}: remove the sign or choose "
            "{typed}."
        ),
        "link_number": "In a link a number is digits with a point before decimals, for example 1500.5.",
        "too_long": "Too long: at most 32 characters.",
        "too_precise": "Too many digits: at most 15 significant digits.",
        "below_min": "Must be at least {min}.",
        "above_max": "Must be at most {max}.",
        "not_integer": "Must be a whole number.",
        "unknown_input": "This calculator has no such input.",
    },
    "reasons": {
        "invalid_input": "Not available: correct “{label}”.",
        "no_paid_cac": "Not available: a customer from paid channels costs nothing, so there is nothing to "
                       "compare with.",
        "out_of_range": "Not available: the numbers are too extreme for a meaningful result.",
    },
    "link_notices": {
        "invalid": "Not taken from the link: “{value}” for “{label}”. {reason} The scenario’s value is kept.",
        "unknown": "The link has an unknown parameter “{name}”: it was skipped.",
        "preset": "The link names an unknown scenario “{value}”: the page’s scenario is kept.",
        "currency": "The link names an unknown currency “{value}”: {default} is kept.",
        "unreadable": "Part of the link could not be read (broken encoding) and was skipped.",
        "pinned": "Scenario A: ",
    },
    "page": {
        "presenter": {
            "toggle": "Present",
            "toggleLong": "Presenter mode for a projector (Shift+P)",
            "bar": "Presenter controls",
            "prev": "Previous slide",
            "next": "Next slide",
            "exit": "Leave presenter mode (Esc)",
            "exitShort": "Exit",
            "speaker": "Speaker view",
            "position": "Section %1 of %2",
            "calculator": "calculator %1 of %2",
            "block": "Block %1 of %2",
            "prevBlock": "Previous block of the programme",
            "nextBlock": "Next block of the programme",
            "stop": "End the programme",
            "stopShort": "Stop",
            "breakTitle": "Break",
            "minutes": "min",
            "until": "until %1",
            # An exercise's timed step, "*5 minutes.*", after its number (a regular expression).
            "stepMinutes": "minutes?",
        },
        "offline": {
            "message": "A new version of the playbook.",
            "reload": "Reload",
            "later": "Later",
            "missing": (
                "The “%s” version is not stored on this device, and there is no network: it will open once "
                "you are back online. The English version works offline."
            ),
            "close": "OK",
        },
        "search": {
            "label": "Search",
            "placeholder": "Search the playbook",
            "close": "Close",
            "results": "Search results",
            "found": "Matching results: %1",
            "none": "No results for “%1”.",
            "failed": "Search could not load: no network, and no copy on this device yet.",
        },
        "a11y": {
            "table": "Table, scrolls sideways",
            "tabs": "Tabs, scroll sideways",
        },
    },
}
