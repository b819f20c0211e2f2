"""QR codes (ISO/IEC 18004, model 2) in plain Python: byte mode, any version 1–40, levels L M Q H.

Used by the page to show a scenario's link as a QR code without any network.  :func:`encode`
returns a :class:`Code` (``matrix``: rows of 0/1, ``version``, ``error``, ``mask``); :func:`svg` draws
it.  The smallest version that holds the data is chosen, and the mask with the lowest penalty
(the standard's rules N1–N4, evaluated before the format and version information are placed, as
the reference implementations do).  Text is encoded as UTF-8 bytes, without an ECI header.

Plain Python for CPython and MicroPython alike: no typing, no f-strings with format specs.  Masking and
scoring work a line at a time (see `_line`): about three times faster under MicroPython than module
by module, which the page feels when it draws the code.
"""

# Error correction level -> its two format bits.
_LEVEL_BITS = {"L": 1, "M": 0, "Q": 3, "H": 2}
_LEVEL_INDEX = {"L": 0, "M": 1, "Q": 2, "H": 3}

# Error correction codewords per block, by level and version (index 0 unused).
_ECC_PER_BLOCK = (
    (0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28,
     30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
    (0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
     28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28),
    (0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28,
     30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
    (0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30,
     30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
)
# Number of error correction blocks, by level and version.
_BLOCKS = (
    (0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17,
     18, 19, 19, 20, 21, 22, 24, 25),
    (0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
     31, 33, 35, 37, 38, 40, 43, 45, 47, 49),
    (0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38,
     40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68),
    (0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45,
     48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81),
)


class QRError(ValueError):
    """The data does not fit in a QR code of the allowed versions."""


class Code:
    """An encoded symbol: ``matrix`` (rows of 0 light / 1 dark, without the quiet zone)."""

    def __init__(self, matrix, version, error, mask):
        self.matrix = matrix
        self.version = version
        self.error = error
        self.mask = mask
        self.size = len(matrix)


# --- Reed–Solomon over GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1 -------------------------------

_EXP = bytearray(512)
_LOG = bytearray(256)


def _init_tables():
    x = 1
    for i in range(255):
        _EXP[i] = x
        _LOG[x] = i
        x <<= 1
        if x & 0x100:
            x ^= 0x11D
    for i in range(255, 512):
        _EXP[i] = _EXP[i - 255]


_init_tables()


def _generator(degree):
    """Coefficients of prod (x - a^i), i < degree, highest first, leading 1 dropped."""
    poly = [1]
    for i in range(degree):
        out = [0] * (len(poly) + 1)
        for j in range(len(poly)):
            out[j] ^= poly[j]
            if poly[j]:
                out[j + 1] ^= _EXP[_LOG[poly[j]] + i]
        poly = out
    return poly[1:]


def _remainder(data, generator):
    result = [0] * len(generator)
    for byte in data:
        factor = byte ^ result[0]
        result = result[1:] + [0]
        if factor:
            lf = _LOG[factor]
            for i in range(len(generator)):
                if generator[i]:
                    result[i] ^= _EXP[lf + _LOG[generator[i]]]
    return result


# --- sizes ----------------------------------------------------------------------------------------

def alignment_positions(version):
    """Centres of the alignment patterns along one axis (empty for version 1)."""
    if version == 1:
        return []
    count = version // 7 + 2
    if version == 32:
        step = 26
    else:
        step = (version * 4 + count * 2 + 1) // (count * 2 - 2) * 2
    positions = []
    position = version * 4 + 10
    for _ in range(count - 1):
        positions.insert(0, position)
        position -= step
    return [6] + positions


def _raw_modules(version):
    result = (16 * version + 128) * version + 64
    if version >= 2:
        count = version // 7 + 2
        result -= (25 * count - 10) * count - 55
        if version >= 7:
            result -= 36
    return result


def data_capacity(version, error):
    """Data codewords of a version at a level."""
    level = _LEVEL_INDEX[error]
    return _raw_modules(version) // 8 - _ECC_PER_BLOCK[level][version] * _BLOCKS[level][version]


def byte_capacity(version, error):
    """How many bytes fit in byte mode."""
    header = 4 + (8 if version < 10 else 16)
    return (data_capacity(version, error) * 8 - header) // 8


# --- data ------------------------------------------------------------------------------------------

def _codewords(data, version, error):
    bits = []

    def put(value, length):
        for i in range(length - 1, -1, -1):
            bits.append((value >> i) & 1)

    put(4, 4)
    put(len(data), 8 if version < 10 else 16)
    for byte in data:
        put(byte, 8)
    capacity = data_capacity(version, error) * 8
    bits.extend([0] * min(4, capacity - len(bits)))
    bits.extend([0] * ((8 - len(bits) % 8) % 8))
    words = []
    for i in range(0, len(bits), 8):
        value = 0
        for bit in bits[i:i + 8]:
            value = (value << 1) | bit
        words.append(value)
    pad = (0xEC, 0x11)
    i = 0
    while len(words) < capacity // 8:
        words.append(pad[i % 2])
        i += 1
    return words


def _interleave(words, version, error):
    level = _LEVEL_INDEX[error]
    blocks = _BLOCKS[level][version]
    ecc = _ECC_PER_BLOCK[level][version]
    total = _raw_modules(version) // 8
    short_blocks = blocks - total % blocks
    short_length = total // blocks
    generator = _generator(ecc)
    data_blocks = []
    ecc_blocks = []
    at = 0
    for i in range(blocks):
        length = short_length - ecc + (0 if i < short_blocks else 1)
        block = words[at:at + length]
        at += length
        data_blocks.append(block)
        ecc_blocks.append(_remainder(block, generator))
    out = []
    for i in range(short_length - ecc + 1):
        for block in data_blocks:
            if i < len(block):
                out.append(block[i])
    for i in range(ecc):
        for block in ecc_blocks:
            out.append(block[i])
    return out


# --- the matrix ----------------------------------------------------------------------------------------

def _function_patterns(version):
    """(modules, reserved): finder, timing and alignment patterns drawn; reserved marks every function
    module, the format and version areas included (light in ``modules`` until they are written)."""
    size = version * 4 + 17
    modules = [bytearray(size) for _ in range(size)]
    reserved = [bytearray(size) for _ in range(size)]

    def put(row, col, dark):
        modules[row][col] = 1 if dark else 0
        reserved[row][col] = 1

    for i in range(size):
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    for cy, cx in ((3, 3), (3, size - 4), (size - 4, 3)):
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                row, col = cy + dy, cx + dx
                if 0 <= row < size and 0 <= col < size:
                    distance = max(abs(dx), abs(dy))
                    put(row, col, distance != 2 and distance != 4)
    positions = alignment_positions(version)
    last = len(positions) - 1
    for a in range(len(positions)):
        for b in range(len(positions)):
            if (a == 0 and b == 0) or (a == 0 and b == last) or (a == last and b == 0):
                continue
            for dy in range(-2, 3):
                for dx in range(-2, 3):
                    put(positions[a] + dy, positions[b] + dx, max(abs(dx), abs(dy)) != 1)
    # Format areas (and the dark module), left light for now.
    for i in range(9):
        reserved[8][i] = 1
        reserved[i][8] = 1
    for i in range(8):
        reserved[8][size - 1 - i] = 1
        reserved[size - 1 - i][8] = 1
    if version >= 7:
        for i in range(6):
            for j in range(3):
                reserved[i][size - 11 + j] = 1
                reserved[size - 11 + j][i] = 1
    return modules, reserved


def _place(modules, reserved, codewords):
    size = len(modules)
    bits = []
    for word in codewords:
        for i in range(7, -1, -1):
            bits.append((word >> i) & 1)
    index = 0
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = ((right + 1) & 2) == 0
        for vertical in range(size):
            row = size - 1 - vertical if upward else vertical
            for j in range(2):
                col = right - j
                if not reserved[row][col]:
                    if index < len(bits):
                        modules[row][col] = bits[index]
                    index += 1
        right -= 2


def _mask_bit(mask, i, j):
    if mask == 0:
        return (i + j) % 2 == 0
    if mask == 1:
        return i % 2 == 0
    if mask == 2:
        return j % 3 == 0
    if mask == 3:
        return (i + j) % 3 == 0
    if mask == 4:
        return (i // 2 + j // 3) % 2 == 0
    if mask == 5:
        return (i * j) % 2 + (i * j) % 3 == 0
    if mask == 6:
        return ((i * j) % 2 + (i * j) % 3) % 2 == 0
    return ((i + j) % 2 + (i * j) % 3) % 2 == 0


# Masking and scoring work on whole lines at once: a line of modules (0 or 1) is read as one integer,
# a byte a module (``int.from_bytes``), so that AND, OR, XOR and shifts by 8 bits act on every module of
# the line together in the interpreter's C code.  Masks repeat every 12 rows and columns.
_PERIOD = 12
_patterns = {}


def _line(values):
    """0/1 values -> the line's integer, the first module in the most significant byte."""
    return int.from_bytes(bytes(values), "big")


def _ones(size):
    return int.from_bytes(b"\x01" * size, "big")


def _mask_lines(mask, size):
    """(rows, columns): the mask's modules as line integers, by row (column) number modulo 12."""
    key = (mask, size)
    if key not in _patterns:
        rows, columns = [], []
        repeat = size // _PERIOD + 1
        for fixed in range(_PERIOD):  # along a line, too, the mask repeats every 12 modules
            along_row = [1 if _mask_bit(mask, fixed, j) else 0 for j in range(_PERIOD)]
            along_column = [1 if _mask_bit(mask, i, fixed) else 0 for i in range(_PERIOD)]
            rows.append(_line((along_row * repeat)[:size]))
            columns.append(_line((along_column * repeat)[:size]))
        _patterns[key] = (rows, columns)
    return _patterns[key]


def _lines(modules, reserved):
    """Rows and columns of the unmasked symbol, and of the modules a mask may change, as integers."""
    size = len(modules)
    columns = [bytearray(size) for _ in range(size)]
    free_columns = [bytearray(size) for _ in range(size)]
    for i in range(size):
        row, taken = modules[i], reserved[i]
        for j in range(size):
            columns[j][i] = row[j]
            free_columns[j][i] = 1 - taken[j]
    rows = [_line(row) for row in modules]
    free_rows = [_line([1 - taken for taken in row]) for row in reserved]
    return rows, free_rows, [_line(column) for column in columns], [_line(column) for column in free_columns]


def _apply_mask(lines, mask, size):
    """The masked symbol's rows and columns as integers."""
    rows, free_rows, columns, free_columns = lines
    row_mask, column_mask = _mask_lines(mask, size)
    return ([rows[i] ^ (row_mask[i % _PERIOD] & free_rows[i]) for i in range(size)],
            [columns[j] ^ (column_mask[j % _PERIOD] & free_columns[j]) for j in range(size)])


def _masked(modules, reserved, mask):
    """The symbol with ``mask`` applied to every module outside the function patterns (rows of bytes)."""
    size = len(modules)
    rows, _ = _apply_mask(_lines(modules, reserved), mask, size)
    return [bytearray(row.to_bytes(size, "big")) for row in rows]


_FINDER_LIKE = bytes((1, 0, 1, 1, 1, 0, 1))


def _finder_like(line, size):
    """Penalty N3 for one row or column (as bytes): 1:1:3:1:1 with four light modules on a side."""
    score = 0
    at = line.find(_FINDER_LIKE)
    while at != -1:
        after = at + 7
        before_light = not any(line[max(at - 4, 0):at])
        after_light = not any(line[after:min(after + 4, size)])
        if at == 0 or at == size - 7 or before_light or after_light:
            score += 40
            start = after
        else:
            start = at + 4
        at = line.find(_FINDER_LIKE, start)
    return score


_FIVE = (b"\x00" * 5, b"\x01" * 5)


def _runs(line, size):
    """Penalty N1 along one line (as bytes): a run of 5 or more same-coloured modules scores its length − 2."""
    score = 0
    for five in _FIVE:
        at = line.find(five)
        while at != -1:
            end = at + 5
            while end < size and line[end] == line[at]:
                end += 1
            score += end - at - 2
            at = line.find(five, end)
    return score


def _score(rows, columns, size):
    """The standard's penalty (N1 to N4) of a masked symbol given as row and column integers."""
    ones = _ones(size)
    score = 0
    dark = 0
    for lines in (rows, columns):
        for line in lines:
            data = line.to_bytes(size, "big")
            score += _runs(data, size) + _finder_like(data, size)
            if lines is rows:
                dark += sum(data)
    previous = None
    for row in rows:  # N2: every 2 × 2 block of one colour scores 3
        light = row ^ ones
        pairs = (row & (row >> 8), light & (light >> 8))  # each module and its right neighbour alike
        if previous is not None:
            score += 3 * (sum((pairs[0] & previous[0]).to_bytes(size, "big"))
                          + sum((pairs[1] & previous[1]).to_bytes(size, "big")))
        previous = pairs
    percent = float(dark) / (size * size)  # N4: the share of dark modules, away from half
    return score + 10 * int(abs(percent * 100 - 50) / 5)


def penalty(matrix):
    """The standard's penalty score of a masked matrix (rules N1 to N4)."""
    size = len(matrix)
    rows = [_line(row) for row in matrix]
    columns = [_line([matrix[i][j] for i in range(size)]) for j in range(size)]
    return _score(rows, columns, size)


def format_bits(error, mask):
    """The 15 format bits (BCH code, masked with 0x5412)."""
    data = (_LEVEL_BITS[error] << 3) | mask
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * 0x537)
    return ((data << 10) | rem) ^ 0x5412


def version_bits(version):
    """The 18 version bits (BCH code) of versions 7 and up."""
    rem = version
    for _ in range(12):
        rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
    return (version << 12) | rem


def _draw_format(matrix, version, error, mask):
    size = len(matrix)
    bits = format_bits(error, mask)

    def bit(i):
        return (bits >> i) & 1

    for i in range(6):
        matrix[i][8] = bit(i)
    matrix[7][8] = bit(6)
    matrix[8][8] = bit(7)
    matrix[8][7] = bit(8)
    for i in range(9, 15):
        matrix[8][14 - i] = bit(i)
    for i in range(8):
        matrix[8][size - 1 - i] = bit(i)
    for i in range(8, 15):
        matrix[size - 15 + i][8] = bit(i)
    matrix[size - 8][8] = 1
    if version >= 7:
        bits = version_bits(version)
        for i in range(18):
            matrix[i // 3][size - 11 + i % 3] = bit(i)
            matrix[size - 11 + i % 3][i // 3] = bit(i)


def choose_version(length, error, minimum=1, maximum=40):
    """The smallest version in [minimum, maximum] that holds ``length`` bytes; QRError if none."""
    for version in range(minimum, maximum + 1):
        if byte_capacity(version, error) >= length:
            return version
    raise QRError("%d bytes do not fit in a QR code up to version %d at level %s" % (length, maximum, error))


def encode(data, error="M", version=None, mask=None, max_version=40):
    """Encode ``data`` (text, as UTF-8, or bytes) in byte mode; return a :class:`Code`.

    ``version`` and ``mask`` are chosen when not given.
    """
    if error not in _LEVEL_BITS:
        raise ValueError("error correction level must be one of L, M, Q, H")
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = bytes(data)
    if version is None:
        version = choose_version(len(data), error, 1, max_version)
    elif byte_capacity(version, error) < len(data):
        raise QRError("%d bytes do not fit in version %d at level %s" % (len(data), version, error))
    words = _interleave(_codewords(data, version, error), version, error)
    modules, reserved = _function_patterns(version)
    _place(modules, reserved, words)
    size = len(modules)
    lines = _lines(modules, reserved)
    if mask is None:
        best = None
        for candidate in range(8):
            rows, columns = _apply_mask(lines, candidate, size)
            score = _score(rows, columns, size)
            if best is None or score < best[0]:
                best = (score, candidate, rows)
        mask, rows = best[1], best[2]
    else:
        rows, _ = _apply_mask(lines, mask, size)
    matrix = [bytearray(row.to_bytes(size, "big")) for row in rows]
    _draw_format(matrix, version, error, mask)
    return Code([list(row) for row in matrix], version, error, mask)


def encode_for_screen(data, max_version=40):
    """The code with the fewest modules for ``data``, for a screen or a projector: the smallest version
    that holds it at level L, then the highest level (M, Q, H) that still fits that version.

    On a screen nothing scratches or smudges the code; what keeps it readable from the back of a room
    is the size of its modules, so a smaller version beats more error correction.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    version = choose_version(len(data), "L", 1, max_version)
    level = "L"
    for candidate in ("M", "Q", "H"):
        if byte_capacity(version, candidate) >= len(data):
            level = candidate
    return encode(data, level, version)


def svg(code, border=4, title=None, css_class="qr"):
    """The symbol as SVG text: one path of unit squares on a light background, quiet zone included.

    Colours are fixed (dark on white), whatever the page's theme: scanners expect dark modules.
    """
    size = code.size + 2 * border
    parts = []
    for i in range(code.size):
        row = code.matrix[i]
        j = 0
        while j < code.size:
            if row[j]:
                start = j
                while j < code.size and row[j]:
                    j += 1
                parts.append("M%d %dh%dv1h-%dz" % (start + border, i + border, j - start, j - start))
            else:
                j += 1
    label = ""
    if title:
        label = "<title>%s</title>" % (title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    return ('<svg xmlns="http://www.w3.org/2000/svg" class="%s" viewBox="0 0 %d %d" role="img" '
            'shape-rendering="crispEdges">%s<rect width="%d" height="%d" fill="#fff"/>'
            '<path fill="#000" d="%s"/></svg>') % (css_class, size, size, label, size, size, "".join(parts))
