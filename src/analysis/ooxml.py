"""Word and Excel files made byte-identical from run to run: a .docx or .xlsx is a zip, whose
entries carry the time they were written, and whose core properties say when the document was
created and modified (python-docx and openpyxl stamp the clock)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

from .normalise import visible_controls

CORE_PROPERTIES = "docProps/core.xml"
# Characters XML 1.0 cannot hold (control characters but tab and line breaks): an export's
# note may carry one (Excel's line break inside a cell is \x0b), and Word and Excel refuse it.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_STAMPS = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
_TITLE = re.compile(rb"<dc:title>[^<]*</dc:title>|<dc:title\s*/>")
_CREATOR = re.compile(rb"<dc:creator>[^<]*</dc:creator>|<dc:creator\s*/>")
# The parts a reference document (pandoc's --reference-doc) must have.
WORD_PARTS = ("[Content_Types].xml", "word/document.xml", "word/styles.xml")


def xml_text(text: str) -> str:
    """Text as a .docx or .xlsx can hold it: each character XML refuses becomes a space, and
    each bidirectional control is shown as a code (`<U+202E>`), as the pages show it."""
    return _NOT_XML.sub(" ", visible_controls(text))


# A zip entry's time is an MS-DOS date: years 1980 to 2107, seconds in steps of two
# (APPNOTE.TXT 4.4.6). The documents' own properties (W3CDTF dates) hold any year.
ZIP_EARLIEST = datetime(1980, 1, 1)
ZIP_LATEST = datetime(2107, 12, 31, 23, 59, 58)


def fixed_time(year: int) -> datetime:
    """The one time a year's documents carry: New Year's Day after the reporting year, the
    earliest its reports can be complete. Not the clock: a rerun must give the same bytes.
    After 9999 (which datetime cannot hold), the last second of 9999."""
    if year >= datetime.max.year:
        return datetime.max.replace(microsecond=0)
    return datetime(year + 1, 1, 1)


def zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    """`when` as a zip entry can be dated: clamped into 1980-2107, so that every four-digit
    year's files can be written, and the same from run to run."""
    clamped = min(max(when, ZIP_EARLIEST), ZIP_LATEST)
    return clamped.timetuple()[:6]


def xml_escaped(text: str) -> str:
    """Text as XML character data."""
    return xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _stamped(core: bytes, when: datetime, title: str | None, creator: str | None) -> bytes:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    core = _STAMPS.sub(lambda m: m.group(1) + stamp + m.group(3), core)
    for pattern, tag, value in ((_TITLE, b"dc:title", title), (_CREATOR, b"dc:creator", creator)):
        if value is None:
            continue
        element = b"<" + tag + b">" + xml_escaped(value).encode() + b"</" + tag + b">"
        if pattern.search(core):
            core = pattern.sub(lambda _, e=element: e, core, count=1)
        else:
            core = core.replace(b"</cp:coreProperties>", element + b"</cp:coreProperties>")
    return core


def reference_problem(path: Path) -> str | None:
    """What makes a file unusable as a Word reference document (a .docx or .dotx), or None."""
    if not path.is_file():
        return "no such file"
    try:
        with zipfile.ZipFile(path) as package:
            missing = [name for name in WORD_PARTS if name not in package.namelist()]
            if missing:
                return f"not a Word document or template (it has no {', '.join(missing)})"
            ElementTree.fromstring(package.read("word/styles.xml"))
    except zipfile.BadZipFile:
        return "not a Word document or template (not a zip package)"
    except ElementTree.ParseError as error:
        return f"its word/styles.xml is not XML ({error})"
    return None


def deterministic(
    data: bytes,
    when: datetime,
    title: str | None = None,
    creator: str | None = None,
    rewrite: dict[str, Callable[[bytes], bytes]] | None = None,
) -> bytes:
    """The same package with its entries sorted, each dated `when` (within the zip format's
    range, `zip_time`), and its core properties' created and modified set to `when` (and its
    title and creator, where given); `rewrite`
    changes the parts it names."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in sorted(source.namelist()):
                content = source.read(name)
                if name == CORE_PROPERTIES:
                    content = _stamped(content, when, title, creator)
                if rewrite and name in rewrite:
                    content = rewrite[name](content)
                info = zipfile.ZipInfo(name, date_time=zip_time(when))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                target.writestr(info, content)
    return out.getvalue()
