"""Bytes -> str: refuse binary files, decode UTF-8 or detect the encoding (charset_normalizer)."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first (gunzip)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file); extract or export the text first"),
    (b"%PDF", "a PDF; extract its text first (e.g. with pdftotext)"),
    (b"BZh", "bzip2-compressed; decompress it first (bunzip2)"),
    (b"\xfd7zXZ", "xz-compressed; decompress it first (unxz)"),
)
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode_bytes(data: bytes, where: str) -> str:
    """Decode file contents to text; raise :class:`InputError` for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{where}: starts with a {encoding} byte-order mark but does not decode "
                    f"({exc.reason}); re-save it as UTF-8"
                ) from exc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{where}: binary file, not text: looks like {what}")
    if b"\x00" in data[:8192]:
        raise InputError(f"{where}: binary file, not text (it contains NUL bytes); give a .txt, .html or .jsonl file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = _detect(data)
    if best is None:
        raise InputError(
            f"{where}: not UTF-8 and its text encoding could not be detected (binary?); "
            "convert it to UTF-8, e.g. iconv -f cp1252 -t utf-8"
        )
    return best


def _detect(data: bytes) -> str | None:
    """Decoded text in the most plausible encoding, or ``None``.

    Short Western-European texts fit cp1252 and several other code pages equally well;
    charset_normalizer then picks any of them, so among equally good matches we prefer the
    Windows/ISO Western ones (what news sites and Windows editors write).
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    text = str(best)
    for match in matches:
        same = (match.percent_chaos, match.percent_coherence) == (best.percent_chaos, best.percent_coherence)
        western = [enc for enc in _WESTERN if enc in match.could_be_from_charset]
        if same and western:
            try:
                text = data.decode(western[0])
            except UnicodeDecodeError:
                continue
            break
    controls = sum(1 for c in text[:20_000] if ord(c) < 32 and c not in "\n\r\t\f")
    return None if controls > len(text[:20_000]) // 100 else text
