"""The fast path of ``TransitHistory.from_csv``: plain CSV text, counted a chunk at a time.

The general path (``history._read_csv``) parses every row with the ``csv`` module and
looks every timestamp up in a small cache. For the shape nearly every export has (no
quotes, one record per line, ISO 8601 timestamps with seconds and an offset or plain
dates, counted in days) this module does the same work on a chunk of text at a time,
with string operations that run in C:

1. Rows are counted by lane and the text of their local dates. For a timestamp at the
   calendar zone's own offset, or at another offset with an hour that cannot cross
   midnight in the zone, the first ten characters are its local date.
2. When the lines of a chunk share one layout (fixed-width fields: codes, zero-padded
   numbers, timestamps), the whole chunk's layout is checked with one translation and
   one comparison, lanes are sliced out of each line by position, and dates are keyed
   by the few digits that vary within the chunk, read every line-width bytes
   (:meth:`Scanner._aligned`). Otherwise the chunk is split into fields once and cut
   into columns (:meth:`Scanner._split`).
3. Timestamps are checked all at once: digits and separators in place, and the hours,
   minutes, seconds and offsets in range, on the same byte of every line.
4. The chunk's few distinct lanes and pairs of dates are resolved once (the dates
   parsed, end before start, the unit, the ceiling); then the counts are added per lane.

Rows it cannot vouch for (a malformed or out-of-range value, an hour that may fall on
another local date, an end before its start, beyond the ceiling, an empty lane, a line
of another layout) are handed to the general path one by one, in file order, so counts,
rejects with their row numbers, and strict-mode errors are those of the general path.
A chunk it cannot read at all (blank or ragged lines, a lone carriage return, NUL, a
zone whose offset changes within the chunk's years) goes to the general path whole;
after a quote character, the rest of the file does (a quoted field may hold delimiters
and line ends).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import compress, product, repeat
from operator import eq, itemgetter, not_
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .history import Lane, _Ingest

__all__ = ["CHUNK", "Scanner"]

#: Characters read at a time. Chunks of one layout are fastest at about 512 KiB here;
#: chunks split into fields at 64-128 KiB, so they are split in pieces of SPLIT.
CHUNK = 1 << 19
SPLIT = 1 << 17
#: Chunks split into fields, after one whose lines were not of one layout, before
#: looking for a layout again.
RETRY = 15

_DATE_TEXT = itemgetter(slice(0, 10))
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_UNKNOWN: Any = object()  # a pair of dates not converted yet
_HOUR = 3600
# The shape of "2026-03-17T14:05:09+07:00": digits become 0, the sign "-" (like the
# date's hyphens), the separator "T" (fromisoformat reads "T" or " ").
_SHAPE = bytes.maketrans(b"0123456789+ ", b"0000000000-T")
_STAMP_SHAPE = b"0000-00-00T00:00:00-00:00"
_STAMP = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d[+-]\d\d:\d\d", re.ASCII)
# The layout of a line, for lines that should all look alike: digits become 0, letters
# and spaces "a" (so a timestamp's "T" separator too), signs "-".
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz "
_LAYOUT = bytes.maketrans(b"0123456789+" + _LETTERS, b"0" * 10 + b"-" + b"a" * len(_LETTERS))
_LAYOUT_STAMP = b"0000-00-00a00:00:00-00:00"
_LAYOUT_DAY = b"0000-00-00"
_FLAG_TABLES: dict[bytes, bytes] = {}


def _flags(data: bytes, wanted: bytes) -> int:
    """Make a mask with a byte per position of ``data``: 1 where it holds one of ``wanted``."""
    table = _FLAG_TABLES.get(wanted)
    if table is None:
        table = _FLAG_TABLES[wanted] = bytes(1 if b in wanted else 0 for b in range(256))
    return int.from_bytes(data.translate(table), "big")


def _same(key: tuple[str, str]) -> tuple[str, str]:
    return key


def _positions(mask: int, size: int) -> Iterator[int]:
    """Yield the positions flagged in a mask made by :func:`_flags` from ``size`` bytes."""
    while mask:
        top = mask.bit_length() - 1
        mask ^= 1 << top
        yield size - 1 - top // 8


def _any_of(data: bytes, chars: bytes) -> bool:
    return any(char in data for char in chars)  # a few fast byte searches


def _constant(data: bytes) -> bool:
    return data.count(data[:1]) == len(data)


def _choices(parts: list[bytes]) -> list[bytes]:
    """List the distinct combinations of the bytes at the same positions of ``parts``."""
    options = [part[:1] if _constant(part) else bytes(sorted(set(part))) for part in parts]
    size = 1
    for option in options:
        size *= len(option)
    if size <= 64:  # a combination no value has matches no value: harmless
        return [bytes(combo) for combo in product(*options)]
    return sorted({bytes(combo) for combo in zip(*parts, strict=True)})


@lru_cache(maxsize=64)
def _shapes(n: int) -> bytes:
    """Return the shape of ``n`` timestamps joined by line ends (see :data:`_SHAPE`)."""
    return b"\n".join(repeat(_STAMP_SHAPE, n))


@lru_cache(maxsize=256)
def _unsafe(offset: str, zone_seconds: int) -> tuple[str, ...]:
    """List the hours at ``offset`` (``"+08:00"``) that may cross midnight in the zone."""
    seconds = (int(offset[1:3]) * 60 + int(offset[4:6])) * 60
    shift = zone_seconds - (seconds if offset[0] == "+" else -seconds)
    # Safe: every second of the hour, moved to the zone, stays on the same date.
    return tuple(f"{h:02d}" for h in range(24) if not 0 <= h * _HOUR + shift <= 23 * _HOUR)


def _pieces(text: str, size: int) -> Iterator[str]:
    """Cut text of whole lines into pieces of whole lines, about ``size`` long."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size) + 1 or len(text)
        yield text[start:cut]
        start = cut


def _lines(text: str, handle: IO[str]) -> Iterator[str]:
    """Yield the lines of ``text``, then of ``handle``'s rest, split as ``newline=""`` does."""
    while True:
        block = handle.read(CHUNK)
        if block:
            text += block
            # Keep the last partial line, and a final "\r" that may pair with a "\n".
            cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
        else:
            cut = len(text)
        if cut:
            yield from io.StringIO(text[:cut], newline="")
            text = text[cut:]
        if not block:
            return


class _Stamps:
    """Timestamps of one column, ``stride`` bytes apart in ``data`` from ``offset`` on.

    Their shape (digits and separators) has been checked. ``kept`` maps their positions
    to the chunk's rows (``None``: position ``i`` is row ``i``).
    """

    __slots__ = ("data", "kept", "offset", "size", "stride")

    def __init__(self, data: bytes, offset: int, stride: int, kept: list[int] | None) -> None:
        self.data = data
        self.offset = offset
        self.stride = stride
        self.kept = kept
        self.size = (len(data) - offset + stride - 1) // stride

    def part(self, at: int) -> bytes:
        """Return the ``at``-th character of every timestamp, as one string of bytes."""
        return self.data[self.offset + at :: self.stride]

    def rows(self, mask: int) -> Iterator[int]:
        """Yield the rows flagged in a mask made from :meth:`part` strings."""
        kept = self.kept
        for position in _positions(mask, self.size):
            yield position if kept is None else kept[position]

    def bad_rows(self) -> set[int]:
        """Return the rows whose hour, minute, second or offset is out of range."""
        bad = 0
        for tens_at in (11, 20):  # hours, offset hours: 00-23
            tens = self.part(tens_at)
            if _any_of(tens, b"3456789"):
                bad |= _flags(tens, b"3456789")
            if b"2" in tens:
                units = self.part(tens_at + 1)
                if _any_of(units, b"456789"):
                    bad |= _flags(tens, b"2") & _flags(units, b"456789")
        for tens_at in (14, 17, 23):  # minutes, seconds, offset minutes: 00-59
            tens = self.part(tens_at)
            if _any_of(tens, b"6789"):
                bad |= _flags(tens, b"6789")
        return set(self.rows(bad)) if bad else set()

    def years(self) -> list[bytes]:
        """Return the years the timestamps fall in (rarely, also a few that none does)."""
        return _choices([self.part(at) for at in range(4)])

    def unsafe_rows(self, zone_seconds: int) -> Iterator[int]:
        """Yield rows at an offset and hour that may cross midnight in the zone."""
        parts = [self.part(at) for at in range(19, 25)]
        tens = units = b""
        masks: dict[str, int] = {}  # the rows at each unsafe hour
        for offset in _choices(parts):
            unsafe = _unsafe(offset.decode(), zone_seconds)
            if not unsafe:
                continue
            if not tens:
                tens = self.part(11)
                units = self.part(12)
            hours = 0
            for hour in unsafe:
                found = masks.get(hour)
                if found is None:
                    ten, unit = hour.encode()
                    found = masks[hour] = (
                        _flags(tens, bytes([ten])) & _flags(units, bytes([unit]))
                        if ten in tens and unit in units
                        else 0
                    )
                hours |= found
            if hours:
                bad = hours & _offset_mask(parts, offset)
                if bad:
                    yield from self.rows(bad)


def _offset_mask(parts: list[bytes], offset: bytes) -> int:
    """Make a mask of the timestamps whose offset is ``offset``."""
    mask = -1
    for part, char in zip(parts, offset, strict=True):
        if not _constant(part):  # a constant part is ``char`` (see _choices)
            mask &= _flags(part, bytes([char]))
    if mask == -1:
        return int.from_bytes(b"\x01" * len(parts[0]), "big")
    return mask


class _Column:
    """A start or end column of a split chunk: values, date texts, checked timestamps."""

    __slots__ = ("dates", "stamps", "values")

    def __init__(self, values: list[str], dates: list[str], stamps: _Stamps | None) -> None:
        self.values = values
        self.dates = dates  # rows handed to the general path get a stand-in
        self.stamps = stamps


class _Layout:
    """Where the fields of a chunk's lines are, when every line looks like the first."""

    __slots__ = ("ends", "lane_blocks", "lane_getters", "starts", "template", "width")

    def __init__(
        self,
        template: bytes,
        starts: tuple[int, int],
        ends: tuple[int, int],
        lane_blocks: list[tuple[int, int]],
    ) -> None:
        self.template = template  # the first line's layout (see _LAYOUT), with its "\n"
        self.width = len(template)
        self.starts = starts  # (offset, size) of the start values
        self.ends = ends
        self.lane_blocks = lane_blocks  # adjacent lane fields sliced as one
        self.lane_getters = [itemgetter(slice(a, b)) for a, b in lane_blocks]

    def lanes(self, lines: list[str]) -> Iterable[Any]:
        """Each line's lane: its text (one block of adjacent keys) or a tuple of blocks."""
        getters = self.lane_getters
        if len(getters) == 1:
            return map(getters[0], lines)
        if getters:
            return zip(*[map(get, lines) for get in getters], strict=True)
        return repeat((), len(lines))


def _date_keys(
    data: bytes, layout: _Layout, m: int
) -> tuple[Callable[[tuple[int, ...]], tuple[str, str]], Callable[[], Iterator[tuple[int, ...]]]]:
    """Key the lines' dates by their characters that vary within the chunk.

    A day or two of shipping and a few weeks of deliveries differ in a few digits: the
    key is those digits (small ints, read every ``width`` bytes, nothing allocated per
    line). Return how to turn a key back into (start date text, end date text), and how
    to iterate the keys.
    """
    width = layout.width
    first = {0: bytes(data[layout.starts[0] : layout.starts[0] + 10])}
    first[1] = bytes(data[layout.ends[0] : layout.ends[0] + 10])
    varying: list[tuple[int, int]] = []
    parts: list[bytes] = []
    for which, at in ((0, layout.starts[0]), (1, layout.ends[0])):
        for position in range(10):
            part = data[at + position :: width]
            if not _constant(part):
                varying.append((which, position))
                parts.append(part)

    def dates(key: tuple[int, ...]) -> tuple[str, str]:
        texts = [bytearray(first[0]), bytearray(first[1])]
        for (which, position), value in zip(varying, key, strict=True):
            texts[which][position] = value
        return texts[0].decode(), texts[1].decode()

    def date_keys() -> Iterator[tuple[int, ...]]:
        return zip(*parts, strict=True) if parts else repeat((), m)

    return dates, date_keys


class Scanner:
    """Reads CSV text for one :class:`~expectset.history._Ingest`, a chunk at a time."""

    def __init__(
        self,
        ingest: _Ingest,
        *,
        delimiter: str,
        start_at: int,
        end_at: int,
        lane_at: list[int],
        general: Callable[[Iterable[str], int], int],
    ) -> None:
        self.ingest = ingest
        self.delimiter = delimiter
        self.start_at = start_at
        self.end_at = end_at
        self.lane_at = lane_at
        self.last = max(start_at, end_at, *lane_at)
        #: Reads lines through the general path, numbering rows after the given line;
        #: returns how many lines it read.
        self.general = general
        self.business = ingest.unit == "business_days"
        self.depth = len(lane_at)
        # Lines can be compared by layout when the delimiter is a class of its own.
        self.aligned = delimiter.isascii() and _LAYOUT[ord(delimiter)] == ord(delimiter)
        self._dates: dict[str, int | None] = {}
        self._pairs: dict[tuple[str, str], tuple[int, int] | None] = {}
        #: The counts of each lane, by its key as counted (see :meth:`_add`); ``None``
        #: for a lane with an empty key.
        self._lanes: dict[Any, dict[tuple[int, int], int] | None] = {}
        self._unaligned = 0  # chunks still to split into fields before trying layouts

    # ------------------------------------------------------------------ reading
    def run(self, handle: IO[str], line: int) -> None:
        """Read the rest of ``handle``; ``line`` lines (the header) are read already."""
        try:
            self._read(handle, line)
        finally:
            # A lane met only in rows that were rejected has no counts: not a lane.
            counts = self.ingest.counts
            for lane in [lane for lane, per_lane in counts.items() if not per_lane]:
                del counts[lane]

    def _read(self, handle: IO[str], line: int) -> None:
        pending = ""
        while True:
            block = handle.read(CHUNK)
            text = pending + block
            if block:
                cut = text.rfind("\n") + 1
                if not cut:  # no line end yet: a very long line, or "\r" line ends
                    if "\r" in text or len(text) > 8 * CHUNK:
                        self.general(_lines(text, handle), line)
                        return
                    pending = text
                    continue
                body, pending = text[:cut], text[cut:]
            else:
                body, pending = text, ""
                if not body:
                    return
            if '"' in body:  # a quoted field may hold delimiters and line ends
                self.general(_lines(body + pending, handle), line)
                return
            plain = body
            if "\r" in plain:
                if plain.count("\r") != plain.count("\r\n") or plain.endswith("\r"):
                    plain = ""  # a lone "\r" ends a line too: the csv module's business
                else:
                    plain = plain.replace("\r\n", "\n")
            if plain and not plain.endswith("\n"):
                plain += "\n"  # the last line of a file without a final line end
            lines = 0
            if plain and "\0" not in plain:
                if self._unaligned:  # lines of one layout were not found of late
                    self._unaligned -= 1
                else:
                    lines = self._aligned(plain, line)
                    if not lines:
                        self._unaligned = RETRY
            if lines:
                line += lines
            elif not plain or "\0" in plain:
                line += self.general(io.StringIO(body, newline=""), line)
            else:
                for piece in _pieces(plain, SPLIT):
                    line += self._split(piece, line) or self.general(io.StringIO(piece), line)
            if not block:
                return

    # ------------------------------------------------------------------ aligned chunks
    def _layout(self, first: str) -> _Layout | None:
        """Return the layout of a chunk's first line, if lines can be sliced by position."""
        d = self.delimiter
        fields = first.split(d)
        if len(fields) <= self.last:
            return None
        starts = [0]
        for field in fields[:-1]:
            starts.append(starts[-1] + len(field) + 1)
        template = first.encode("ascii").translate(_LAYOUT) + b"\n"

        def span(at: int) -> tuple[int, int] | None:
            size = len(fields[at])
            expected = _LAYOUT_STAMP if size == 25 else _LAYOUT_DAY if size == 10 else None
            if expected is None or template[starts[at] : starts[at] + size] != expected:
                return None
            return starts[at], size

        start_span = span(self.start_at)
        end_span = span(self.end_at)
        if start_span is None or end_span is None:
            return None
        blocks: list[tuple[int, int]] = []
        previous = -2
        for at in self.lane_at:
            if not fields[at]:
                return None
            a, b = starts[at], starts[at] + len(fields[at])
            if at == previous + 1:
                blocks[-1] = (blocks[-1][0], b)
            else:
                blocks.append((a, b))
            previous = at
        return _Layout(template, start_span, end_span, blocks)

    def _aligned(self, text: str, line: int) -> int:
        """Count a chunk whose lines (nearly all) share the first line's layout.

        Return how many lines, or 0 (nothing done) when the layout does not hold.
        """
        if not self.aligned or not text.isascii():
            return 0
        end = text.index("\n")
        layout = self._layout(text[:end])
        if layout is None:
            return 0
        width = layout.width
        lines = text.split("\n")
        lines.pop()
        n = len(lines)
        kept: list[int] | None = None
        routed: set[int] = set()
        good = lines
        if len(text) != n * width:  # lines of other lengths: leave them out
            fits = list(map(eq, map(len, lines), repeat(width - 1)))
            if fits.count(False) * 8 > n:
                return 0  # too few alike: split the chunk into fields instead
            routed.update(compress(range(n), map(not_, fits)))
            kept = list(compress(range(n), fits))
            good = list(compress(lines, fits))
            text = "\n".join(good) + "\n"
        data = text.encode("ascii")
        if data.translate(_LAYOUT) != layout.template * len(good):
            # Lines of the right length but another layout: find them one by one.
            rows = range(n) if kept is None else kept
            template = layout.template[:-1]
            fits = [line.encode("ascii").translate(_LAYOUT) == template for line in good]
            if fits.count(False) * 8 > n:
                return 0
            routed.update(compress(rows, map(not_, fits)))
            kept = list(compress(rows, fits))
            good = list(compress(good, fits))
            data = ("\n".join(good) + "\n").encode("ascii")
        columns = []
        late: set[int] = set()
        for offset, size in (layout.starts, layout.ends):
            if size == 25:
                stamps = _Stamps(data, offset, width, kept)
                separators = stamps.part(10)
                if separators.count(b"T") + separators.count(b" ") != len(separators):
                    return 0  # fromisoformat reads other separators on some versions only
                late |= stamps.bad_rows()
                columns.append(stamps)
        if not self._local_dates(columns, late):
            return 0
        positions = range(len(good))
        if late:  # rows found bad by their timestamps are not counted
            rows = range(n) if kept is None else kept
            late_positions = set(compress(positions, map(late.__contains__, rows)))
            routed |= late
        else:
            late_positions = set()
        dates, date_keys = _date_keys(data, layout, len(good))

        def keys() -> Iterator[tuple[Any, Any]]:
            """Each line's key (late ones too): its lane and its date key."""
            return zip(layout.lanes(good), date_keys(), strict=True)

        counted: Counter[tuple[Any, Any]] = Counter(
            compress(keys(), map(not_, map(late_positions.__contains__, positions)))
            if late_positions
            else keys()
        )
        (s_at, s_size), (e_at, e_size) = layout.starts, layout.ends

        def rows_of(wanted: set[tuple[Any, Any]]) -> Iterator[tuple[int, Any, str, str]]:
            """Yield the rows counted under ``wanted`` keys: row, key, start, end value."""
            for position, key in enumerate(keys()):
                if key in wanted and position not in late_positions:
                    line = good[position]
                    row = position if kept is None else kept[position]
                    yield row, key, line[s_at : s_at + s_size], line[e_at : e_at + e_size]

        same_day = s_size == 25 and e_size == 25
        self.ingest.rows_read += self._add(counted, dates, same_day, rows_of, routed)
        for i in sorted(routed):
            self.general((lines[i] + "\n",), line + i)
        return len(lines)

    # ------------------------------------------------------------------ split chunks
    def _split(self, text: str, line: int) -> int:
        """Count a chunk split into fields; return how many lines, or 0 (nothing done)."""
        d = self.delimiter
        width = text.count(d, 0, text.index("\n")) + 1
        if width <= self.last:
            return 0
        step = width + 1
        flat = text.replace("\n", d + "\n" + d).split(d)
        n = len(flat) // step
        # Every line has the first line's fields: a line end after each, and no other.
        if len(flat) != n * step + 1 or flat.count("\n") != n or flat[width::step].count("\n") != n:
            return 0  # blank or ragged lines
        stop = n * step
        lanes = [flat[p:stop:step] for p in self.lane_at]
        routed: set[int] = set()
        starts = self._column(flat[self.start_at : stop : step], routed)
        ends = self._column(flat[self.end_at : stop : step], routed)
        del flat
        if starts is None or ends is None:
            return 0
        stamps = [c.stamps for c in (starts, ends) if c.stamps is not None]
        unsafe: set[int] = set()
        if not self._local_dates(stamps, unsafe):
            return 0
        routed |= unsafe
        if len(routed) == n:
            return 0
        s_dates = starts.dates
        e_dates = ends.dates
        if routed:  # count them under a real pair, to be taken off again below
            ref = next(i for i in range(n) if i not in routed)
            for i in routed:
                s_dates[i] = s_dates[ref]
                e_dates[i] = e_dates[ref]
        if len(lanes) == 1:
            lane_keys: list[Any] = lanes[0]
        elif lanes:
            lane_keys = list(zip(*lanes, strict=True))
        else:
            lane_keys = [()] * n
        counted: Counter[tuple[Any, Any]] = Counter(
            zip(lane_keys, zip(s_dates, e_dates, strict=True), strict=True)
        )

        def key_of(i: int) -> tuple[Any, Any]:
            return lane_keys[i], (s_dates[i], e_dates[i])

        for i in routed:
            left = counted[key_of(i)] - 1
            if left:
                counted[key_of(i)] = left
            else:
                del counted[key_of(i)]
        s_values = starts.values
        e_values = ends.values

        def rows_of(keys: set[tuple[Any, Any]]) -> Iterator[tuple[int, Any, str, str]]:
            each = zip(lane_keys, zip(s_dates, e_dates, strict=True), strict=True)
            for i, key in enumerate(each):
                if key in keys and i not in routed:
                    yield i, key, s_values[i], e_values[i]

        same_day = starts.stamps is not None and ends.stamps is not None
        self.ingest.rows_read += self._add(counted, _same, same_day, rows_of, routed)
        add = self.ingest.add
        for i in sorted(routed):
            add(line + i + 1, s_values[i], e_values[i], tuple([column[i] for column in lanes]))
        return n

    def _column(self, values: list[str], routed: set[int]) -> _Column | None:
        """Check a start or end column; add the rows it cannot vouch for to ``routed``.

        Values must be dates (10 characters) or timestamps with seconds and an offset
        (25), like the column's first value. The date part is checked when each
        distinct date is parsed; here the lengths, and for timestamps the separators,
        digits and ranges of the time and offset, every row at once.
        """
        n = len(values)
        size = next((len(v) for v in values if v), 0)
        if size != 25 and size != 10:
            return None
        block = size + 1
        joined = "\n".join(values)
        kept: list[int] | None = None
        if len(joined) != block * n - 1 or joined[size::block].strip("\n"):
            fits = list(map(eq, map(len, values), repeat(size)))
            routed.update(compress(range(n), map(not_, fits)))
            kept = list(compress(range(n), fits))
            if not kept:
                return None
            joined = "\n".join(compress(values, fits))
        if size == 10:
            return _Column(values, list(values), None)  # dates get stand-ins
        m = n if kept is None else len(kept)
        data = joined.encode("ascii") if joined.isascii() else b""
        # Digits and separators in place (the date part is checked again when parsed).
        if not data or data.translate(_SHAPE) != _shapes(m):
            rows = range(n) if kept is None else kept
            fits = [_STAMP.fullmatch(values[i]) is not None for i in rows]
            routed.update(compress(rows, map(not_, fits)))
            kept = list(compress(rows, fits))
            if not kept:
                return None
            data = "\n".join([values[i] for i in kept]).encode("ascii")
        stamps = _Stamps(data, 0, 26, kept)
        routed |= stamps.bad_rows()
        return _Column(values, list(map(_DATE_TEXT, values)), stamps)

    # ------------------------------------------------------------------ counting
    def _add(
        self,
        counted: Counter[tuple[Any, Any]],
        dates: Callable[[Any], tuple[str, str]],
        same_day: bool,
        rows_of: Callable[[set[tuple[Any, Any]]], Iterator[tuple[int, Any, str, str]]],
        routed: set[int],
    ) -> int:
        """Add counted keys to the history; return the rows added.

        A key is (lane, date key): the lane is its text when it has one key (or one
        block of adjacent keys), else a tuple; ``dates`` turns a date key into the start
        and end date texts. The chunk's few distinct lanes and date keys are resolved
        first; keys with a bad pair of dates, an empty lane, or both timestamps on one
        day wait: their rows go to the general path (``routed``), except same-day rows
        in order.
        """
        lanes = self._lanes
        pairs = self._pairs
        chunk_lanes = set(map(_FIRST, counted))
        for lane in chunk_lanes.difference(lanes):
            lanes[lane] = self._lane(lane)
        local: dict[Any, tuple[int, int] | None] = {}
        same = set()
        for key in set(map(_SECOND, counted)):
            pair = dates(key)
            counted_as = pairs.get(pair, _UNKNOWN)
            if counted_as is _UNKNOWN:
                counted_as = pairs[pair] = self._pair(*pair)
            local[key] = counted_as
            if same_day and pair[0] == pair[1]:
                same.add(key)
        used = sum(counted.values())
        if same or None in local.values() or any(lanes[lane] is None for lane in chunk_lanes):
            waiting = [
                (key, rows)
                for key, rows in counted.items()
                if lanes[key[0]] is None or local[key[1]] is None or key[1] in same
            ]
            for key, _ in waiting:
                del counted[key]
            used += self._waiting(waiting, local, rows_of, routed) - sum(n for _, n in waiting)
        # Every key left has a lane and a good pair of dates.
        good_lanes: dict[Any, dict[tuple[int, int], int]] = lanes  # type: ignore[assignment]
        good_pairs: dict[Any, tuple[int, int]] = local  # type: ignore[assignment]
        for to, counted_as, rows in zip(
            map(good_lanes.__getitem__, map(_FIRST, counted)),
            map(good_pairs.__getitem__, map(_SECOND, counted)),
            counted.values(),
            strict=True,
        ):
            to[counted_as] = to.get(counted_as, 0) + rows
        return used

    def _lane(self, lane: Any) -> dict[tuple[int, int], int] | None:
        """Return the counts of ``lane`` (text or tuple of texts); ``None``: a key is empty."""
        d = self.delimiter
        if isinstance(lane, str):
            keys: Lane = (lane,) if self.depth == 1 else tuple(lane.split(d))
        elif len(lane) == self.depth:
            keys = lane
        else:
            keys = tuple(part for block in lane for part in block.split(d))
        if "" in keys:
            return None
        return self.ingest.counts.setdefault(keys, {})

    def _waiting(
        self,
        waiting: list[tuple[tuple[Any, Any], int]],
        local: dict[Any, tuple[int, int] | None],
        rows_of: Callable[[set[tuple[Any, Any]]], Iterator[tuple[int, Any, str, str]]],
        routed: set[int],
    ) -> int:
        """Send the rows of bad keys to the general path; add same-day rows in order."""
        lanes = self._lanes
        late: set[int] = set()
        bad = {key for key, _ in waiting if lanes[key[0]] is None or local[key[1]] is None}
        if bad:
            late.update(row for row, _, _, _ in rows_of(bad))
        # Both timestamps on one local day: the general path compares the instants.
        earlier: Counter[tuple[Any, Any]] = Counter()
        same = {key for key, _ in waiting if key not in bad}
        if same:
            for row, key, a, b in rows_of(same):
                if a[19:] == b[19:]:
                    before = b[11:19] < a[11:19]
                else:
                    before = dt.datetime.fromisoformat(b) < dt.datetime.fromisoformat(a)
                if before:
                    late.add(row)
                    earlier[key] += 1
        routed |= late
        used = 0
        for key, rows in waiting:
            counted_as = local[key[1]]
            to = lanes[key[0]]
            rows -= earlier[key]
            if rows > 0 and counted_as is not None and to is not None:
                to[counted_as] = to.get(counted_as, 0) + rows
                used += rows
        return used

    # ------------------------------------------------------------------ local dates
    def _local_dates(self, columns: list[_Stamps], unsafe: set[int]) -> bool:
        """Add timestamps whose date text may not be their local date to ``unsafe``.

        ``False`` when the zone does not keep one offset through every year in the
        chunk (Indonesia's zones have since 1964). A timestamp at another offset is on
        the same local date when every second of its hour is, checked per (offset, hour).
        """
        days = self.ingest.days
        if days.zone is None or not columns:
            return True
        years = {year for stamps in columns for year in stamps.years()}
        offsets = {days.fixed_offset(int(year)) for year in years}
        if len(offsets) != 1:
            return False
        (zone_offset,) = offsets
        if zone_offset is None:
            return False
        zone_seconds = int(zone_offset.total_seconds())
        for stamps in columns:
            unsafe.update(stamps.unsafe_rows(zone_seconds))
        return True

    # ------------------------------------------------------------------ conversion
    def _date(self, text: str) -> int | None:
        try:
            return self._dates[text]
        except KeyError:
            pass
        try:
            date: dt.date | None = dt.date.fromisoformat(text)
        except ValueError:
            date = None
        # Only the canonical YYYY-MM-DD: other spellings Python reads go the general way.
        day = date.toordinal() if date is not None and date.isoformat() == text else None
        self._dates[text] = day
        return day

    def _pair(self, start: str, end: str) -> tuple[int, int] | None:
        """Return the count key (start day, duration) of two local dates (``None``: bad)."""
        first = self._date(start)
        last = self._date(end)
        if first is None or last is None or last < first:
            return None
        ingest = self.ingest
        if self.business:
            ticks = ingest._pairs.get((first, last))
            if ticks is None:
                try:
                    ticks = ingest.calendar.business_days_between(  # type: ignore[union-attr]
                        dt.date.fromordinal(first), dt.date.fromordinal(last)
                    )
                except Exception:  # the general path raises it, at this row, in order
                    return None
                ingest._pairs[(first, last)] = ticks
        else:
            ticks = last - first
        if ticks > ingest.max_ticks:
            return None
        return ingest.count_key(first, ticks)
