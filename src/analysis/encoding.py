"""The encoding policy, in one place: which encoding a raw CSV file is read with, and the
message when it cannot be. Standard library only: the runner decides with it too, before any
step, and a run with nothing to do loads no pandas."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from .errors import InputError, Problem
from .paths import display_path

# Reads UTF-8 with or without a byte-order mark.
UTF8 = "utf-8-sig"
UTF16_SAVED = (
    "is saved as UTF-16 (Excel's 'Unicode Text'); save it as 'CSV UTF-8 (Comma delimited)', "
    "or name its encoding with --encoding utf-16"
)


def codec_for(path: Path, encoding: str | None) -> str:
    """UTF-8, unless the user named another encoding and the file is not UTF-8: one file of
    a year can come from Excel in cp1252 while the other is UTF-8, and a file that decodes
    as UTF-8 is all but certainly UTF-8 (UTF-16 that is all ASCII too: its zero bytes tell)."""
    if not encoding:
        return UTF8
    check_encoding_name(encoding, path)
    data = path.read_bytes()
    return encoding if not is_utf8(data) or looks_utf16(data) else UTF8


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_encoding_name(name: str, path: Path | None = None) -> None:
    """An encoding Python knows, and one of text (not rot13 or base64); the message names
    `path`, the file it was given for, if any."""
    try:
        "".encode(name)
    except LookupError:
        try:
            codecs.lookup(name)
            known = "not a text encoding"
        except LookupError:
            known = "an unknown encoding"
        message = f"--encoding {name!r} is {known}; try cp1252 or latin-1"
        raise InputError(Problem(display_path(path), message) if path else message) from None


def check_decodes(path: Path, name: str) -> None:
    """`path` reads as `name` throughout, and as text with separators (UTF-16 read from bytes
    of another encoding can decode, as lines of CJK characters)."""
    data = path.read_bytes()
    try:
        text = str(data, name)
    except UnicodeDecodeError as err:
        raise InputError(decode_problem(path, name, err.start)) from None
    if data.strip() and "\n" not in text and not any(sep in text for sep in ",;\t"):
        raise InputError(_cannot_read(path, name, "so read, it has no line breaks or commas"))


def csv_encoding(
    files: list[Path], given: str | None, remembered: str | None, unchanged: Callable[[Path], bool]
) -> str | None:
    """The encoding a year's CSV files are read with where one is not UTF-8: the one `given`,
    else the one its last run used (`remembered`), but only for the very files it read
    (`unchanged`): a cp1252 export is not to be named on every run, and one exported again may
    be in another encoding. None where every file is UTF-8: an encoding then changes nothing.
    A given encoding that cannot read a file is refused here, in one line."""
    if given:
        check_encoding_name(given)
    if not (given or remembered):  # nothing to decide: the files need not be read
        return None
    not_utf8 = [p for p in files if p.suffix.lower() == ".csv" and not is_utf8(p.read_bytes())]
    if not not_utf8:
        return None
    if given:
        for path in not_utf8:
            check_decodes(path, given)
        return given
    return remembered if all(unchanged(path) for path in not_utf8) else None


def looks_utf16(data: bytes) -> bool:
    """Excel's 'Unicode Text' and some exports are UTF-16: a byte-order mark, or the zero
    byte beside every ASCII character (a zero byte in every other byte, where a stray one
    is a damaged file, said as such by `read._nul_problem`)."""
    start = data[:4096]
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        start.count(0) * 3 >= len(start) > 0
    )


def _cannot_read(path: Path, codec: str, why: str) -> Problem:
    read_as = "UTF-8" if codec == UTF8 else codec
    return Problem(
        display_path(path),
        f"cannot be read as {read_as} ({why}); "
        "save it as UTF-8, or name its encoding with --encoding (e.g. cp1252)",
    )


def decode_problem(path: Path, codec: str, start: int) -> Problem:
    """Where in the file decoding failed: a decoder reading in pieces counts from the start
    of its own buffer, so look again in the whole file."""
    data = path.read_bytes()
    try:
        data.decode(codec)
        at = start
    except UnicodeDecodeError as whole:
        at = whole.start
    line = data.count(b"\n", 0, at) + 1
    return _cannot_read(path, codec, f"byte 0x{data[at]:02x} on line {line}")
