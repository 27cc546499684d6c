"""Bytes to text: encoding detection and the checks that reject non-text input."""

from __future__ import annotations

import codecs

from newscollate.errors import InputError

# A text file may hold a few stray control characters (form feeds, a lone
# escape); past this share the "text" is binary data that happened to decode.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250")


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
            raise InputError(
                source, f"undecodable bytes: broken UTF-16 at offset {exc.start}"
            ) from exc
    if b"\x00" in data[:65536]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8", errors="strict"), source)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(source, "undecodable bytes: no text encoding fits this file")
    # Short texts often fit several code pages equally well (cp1250 and cp1252
    # both decode "à", as different letters). Ties go to the encodings the web
    # actually uses, windows-1252 first, as HTML5 does for undeclared Latin text.
    tied = {
        m.encoding: m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)
    }
    chosen = next((tied[e] for e in _PREFERRED if e in tied), best)
    return _checked(str(chosen), source)


def _checked(text: str, source: str) -> str:
    if text:
        controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
        if controls / len(text) > _MAX_CONTROL_SHARE:
            raise InputError(source, "binary content (control characters), not text")
    return text
