"""calculators/qr.py against the reference encoder segno, module for module, and read back by zbarimg."""

import os
import random
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from calculators import qr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from micropython_check import run_both  # noqa: E402

segno = pytest.importorskip("segno")
from segno import consts, encoder  # noqa: E402

LEVELS = "LMQH"


@pytest.fixture
def standard_segno(monkeypatch):
    """segno with its padding fixed to the standard (ISO/IEC 18004 7.4.10): segno 1.6.6 appends eight
    zero bits when the data already ends on a codeword boundary (heuer/segno#148) — a symbol that still
    decodes, but not the one the standard describes, so the comparison would be with a known bug."""
    monkeypatch.setattr(encoder, "write_padding_bits",
                        lambda buff, version, length: buff.extend([0] * (-length % 8)))
    return segno


def reference(data, level, mask=None, version=None):
    code = segno.make(data, error=level.lower(), mode="byte", micro=False, boost_error=False, mask=mask,
                      version=version)
    return code.version, code.mask, [list(row) for row in code.matrix]


def ours(data, level, mask=None, version=None):
    code = qr.encode(data, level, mask=mask, version=version)
    return code.version, code.mask, code.matrix


def sample_data(count, seed):
    rng = random.Random(seed)
    out = []
    for index in range(count):
        kind = index % 3
        if kind == 0:  # random bytes of every length class
            length = rng.choice([1, 2, 7, 14, 20, 32, 53, 78, 106, 134, 154, 192, 230, 271, 321, 367, 425, 458,
                                 520, 586, 644, 718, 792, 858, 929, 1003, 1091, 1171, 1273, 1367, 1465, 1528])
            out.append(bytes(rng.randrange(256) for _ in range(rng.randint(1, length))))
        elif kind == 1:  # scenario links, as the page makes them
            host = rng.choice(["http://192.168.1.23:8000/", "https://example.org/playbook/", "http://127.0.0.1:8000/"])
            params = "&".join("acquisition-vs-retention-1.%s=%d" % (name, rng.randint(0, 10 ** 6))
                              for name in rng.sample(["new_customers", "average_order", "acquisition_spend",
                                                      "retention_rate_pct", "gross_margin_pct"], rng.randint(0, 5)))
            out.append(host + "en/calculators/acquisition-vs-retention/?" + params + "#calc-acquisition-vs-retention-1")
        else:  # text with non-ASCII letters (UTF-8 bytes)
            out.append("".join(rng.choice("абвгдеёжзийклмнопрстуфхцчшщьыэюя «»—€₽ ") for _ in range(rng.randint(1, 120))))
    return out


def as_bytes(data):
    return data.encode("utf-8") if isinstance(data, str) else data


def test_tables_match_the_standard_as_segno_has_it():
    for version in range(1, 41):
        for level, constant in zip(LEVELS, (consts.ERROR_LEVEL_L, consts.ERROR_LEVEL_M, consts.ERROR_LEVEL_Q,
                                            consts.ERROR_LEVEL_H)):
            infos = consts.ECC[version][constant]
            assert qr.data_capacity(version, level) == sum(i.num_blocks * i.num_data for i in infos)
            assert qr._BLOCKS[qr._LEVEL_INDEX[level]][version] == sum(i.num_blocks for i in infos)
        if version >= 2:
            assert qr.alignment_positions(version) == list(consts.ALIGNMENT_POS[version - 2])
        if version >= 7:
            assert qr.version_bits(version) == consts.VERSION_INFO[version - 7]
    for level, offset in zip("MLHQ", (0, 8, 16, 24)):
        for mask in range(8):
            assert qr.format_bits(level, mask) == consts.FORMAT_INFO[offset + mask]


@pytest.mark.parametrize("seed", range(3))
def test_module_for_module_with_segno(standard_segno, seed):
    """Version, mask (chosen by the penalty rules) and every module agree, for every level."""
    for index, data in enumerate(sample_data(30, seed)):
        level = LEVELS[(index + seed) % 4] if index % 2 else "LM"[index % 4 // 2]
        raw = as_bytes(data)
        if len(raw) > qr.byte_capacity(40, level):
            continue
        assert ours(raw, level) == reference(raw, level), (level, raw[:60])


def test_every_mask_and_a_fixed_version(standard_segno):
    for mask in range(8):
        for version in (1, 2, 7, 10, 21, 32, 40):
            data = ("m%dv%d " % (mask, version)).encode() * 2
            assert ours(data, "M", mask, version) == reference(data, "M", mask, version)


def test_version_grows_with_the_link_and_too_much_is_refused():
    assert qr.encode("x" * 14, "M").version == 1
    assert qr.encode("x" * 15, "M").version == 2
    assert qr.encode("x" * 213, "M").version == 10
    assert qr.encode("x" * 2331, "M").version == 40
    with pytest.raises(qr.QRError):
        qr.encode("x" * 2332, "M")
    with pytest.raises(qr.QRError):
        qr.encode("x" * 300, "M", max_version=10)
    with pytest.raises(ValueError):
        qr.encode("x", "X")


def test_svg_is_well_formed_and_draws_every_dark_module():
    code = qr.encode("https://example.org/?a=1&b=<2>", "M")
    text = qr.svg(code, 4, "QR <code> & link")
    root = ElementTree.fromstring(text)
    size = code.size + 8
    assert root.get("viewBox") == "0 0 %d %d" % (size, size)
    path = root.find("{http://www.w3.org/2000/svg}path").get("d")
    drawn = set()
    for command in path.split("M")[1:]:
        head, width = command.split("h")[0], int(command.split("h")[1].split("v")[0])
        col, row = (int(n) for n in head.split())
        for k in range(width):
            drawn.add((row - 4, col - 4 + k))
    dark = set((i, j) for i in range(code.size) for j in range(code.size) if code.matrix[i][j])
    assert drawn == dark
    assert "<code>" not in text and "&lt;code&gt;" in text


def test_micropython_draws_the_same_symbols():
    datas = [data if isinstance(data, str) else data.hex() for data in sample_data(8, 9)]
    datas = [text[:300] for text in datas]
    code = "import json\nfrom calculators import qr\nout = []\n"
    code += "for text in %r:\n" % (datas,)
    code += "    for level in 'LM':\n        c = qr.encode(text, level)\n"
    code += "        out.append([c.version, c.mask, c.matrix, len(qr.svg(c))])\nprint(json.dumps(out))\n"
    cpython, micro = run_both(code)
    assert len(cpython) == 16
    assert micro == cpython


def test_zbarimg_reads_the_svg_rendered_to_png(chromium, tmp_path):
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg is not installed (Debian: apt-get install zbar-tools)")
    link = ("http://192.168.1.23:8000/en/calculators/acquisition-vs-retention/?acquisition-vs-retention-1."
            "new_customers=500&acquisition-vs-retention-1.average_order=75.5&acquisition-vs-retention-1."
            "retention_rate_pct=70#calc-acquisition-vs-retention-1")
    code = qr.encode(link, "M")
    assert code.version >= 10
    page = chromium.new_page(viewport={"width": 600, "height": 600})
    page.set_content('<body style="margin:0;background:#fff"><div style="width:520px">%s</div></body>' % qr.svg(code))
    target = tmp_path / "qr.png"
    page.locator("svg").screenshot(path=str(target))
    page.close()
    done = subprocess.run(["zbarimg", "--quiet", "--raw", str(target)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == link


def reference_penalty(matrix):
    """The standard's rules N1 to N4 written out module by module: what the line-at-a-time scoring
    of calculators/qr.py must equal."""
    size = len(matrix)
    score = 0
    lines = [list(row) for row in matrix] + [[matrix[i][j] for i in range(size)] for j in range(size)]
    for line in lines:
        run = 1
        for j in range(1, size + 1):
            if j < size and line[j] == line[j - 1]:
                run += 1
                continue
            if run >= 5:
                score += run - 2
            run = 1
        at = 0
        while at <= size - 7:
            if line[at:at + 7] == [1, 0, 1, 1, 1, 0, 1]:
                before = line[max(at - 4, 0):at]
                after = line[at + 7:min(at + 11, size)]
                if at == 0 or at == size - 7 or not any(before) or not any(after):
                    score += 40
                    at += 7
                    continue
                at += 4
                continue
            at += 1
    for i in range(1, size):
        for j in range(1, size):
            if matrix[i][j] == matrix[i][j - 1] == matrix[i - 1][j] == matrix[i - 1][j - 1]:
                score += 3
    dark = sum(sum(row) for row in matrix)
    return score + 10 * int(abs(100.0 * dark / (size * size) - 50) / 5)


@pytest.mark.parametrize("seed", range(40))
def test_penalty_equals_the_rules_written_out(seed):
    generator = random.Random(seed)
    size = generator.choice((21, 25, 45, 57, 177))
    weight = generator.random()
    matrix = [[1 if generator.random() < weight else 0 for _ in range(size)] for _ in range(size)]
    for _ in range(generator.randrange(4)):  # finder-like patterns and long runs, which random data lacks
        row, col = generator.randrange(size), generator.randrange(size - 7)
        matrix[row][col:col + 7] = [1, 0, 1, 1, 1, 0, 1]
    assert qr.penalty(matrix) == reference_penalty(matrix)
