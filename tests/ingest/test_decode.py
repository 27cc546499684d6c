import codecs

import pytest

from newscollate import InputError
from newscollate.ingest.decode import decode


def test_utf8_with_bom() -> None:
    """A UTF-8 byte-order mark is dropped, not kept as a character."""
    assert decode(codecs.BOM_UTF8 + "Kyiv’s".encode(), "a.txt") == "Kyiv’s"


def test_legacy_encoding_is_detected() -> None:
    """Latin-1 text (as old newsroom exports are) decodes to the right characters."""
    text = "Le président a déclaré à la télévision que l'économie était forte. " * 4
    assert decode(text.encode("latin-1"), "a.txt") == text


def test_utf16_with_bom() -> None:
    assert decode("Kharkiv and Kherson".encode("utf-16"), "a.txt") == "Kharkiv and Kherson"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), id="png"),
        pytest.param(bytes(range(1, 32)) * 50, id="control-bytes"),
    ],
)
def test_binary_is_rejected_with_the_source_named(data: bytes) -> None:
    """Binary input fails with an InputError that names the file."""
    with pytest.raises(InputError) as info:
        decode(data, "photo.txt")
    assert info.value.source == "photo.txt"
    assert "binary" in info.value.reason
