"""Bytes to text: encoding detection and the checks that reject non-text input."""

from __future__ import annotations

import codecs

from newscollate.errors import InputError

# A text file may hold a few stray control characters (form feeds, a lone
# escape); past this share the "text" is binary data that happened to decode.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")


def decode(data: bytes, source: str) -> str:
    """Decode ``data`` as text, detecting its encoding.

    UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they are; anything
    else goes to charset-normalizer. Raises ``InputError`` naming ``source`` for
    binary or undecodable input.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), source)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"undecodable UTF-16 bytes at offset {exc.start}") from exc
    if b"\x00" in data[:65536]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8", errors="strict"), source)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "undecodable bytes: no text encoding fits this file")
    return _checked(str(best), source)


def _checked(text: str, source: str) -> str:
    if text:
        controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
        if controls / len(text) > _MAX_CONTROL_SHARE:
            raise InputError(source, "binary content (control characters), not text")
    return text
