"""HTML pages to articles, with trafilatura doing the main-text extraction."""

from __future__ import annotations

import re
from typing import Any

from newscollate.errors import InputError
from newscollate.models import Article

# Fewer words than this is a menu, a cookie wall or an error page, not an article.
_MIN_WORDS = 12
_LANG_ATTR = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2})", re.IGNORECASE)


def article_from_html(
    html: bytes | str, *, source: str, article_id: str, url: str | None = None
) -> Article:
    """Extract the main text and metadata of one page.

    Raises ``InputError`` when the page holds no article (a front page, an error
    page, a page of scripts).
    """
    import trafilatura

    doc: Any = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text.split()) < _MIN_WORDS:
        found = f": only {len(text.split())} words of text" if text else ""
        raise InputError(source, f"no article text found in this HTML page{found}")
    raw = html.encode("utf-8", "replace") if isinstance(html, str) else html
    declared = _LANG_ATTR.search(raw[:4096])
    return Article(
        text=text,
        id=article_id,
        title=doc.title or None,
        outlet=doc.sitename or doc.hostname or None,
        published=doc.date or None,
        author=doc.author or None,
        language=declared.group(1).decode().lower() if declared else None,
        url=url or doc.url or None,
        source=source,
    )
