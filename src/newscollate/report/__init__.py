"""Stage 6, report: a comparison as terminal text, JSON or one HTML file."""

from __future__ import annotations

import json

from newscollate.models import Comparison
from newscollate.report.html import (
    REPORT_CSP,
    REPORT_CSS,
    render_html,
    render_html_body,
    render_stories_html,
    report_title,
    standalone_html,
)
from newscollate.report.text import render_text, verdict_line

__all__ = [
    "REPORT_CSP",
    "REPORT_CSS",
    "render_html",
    "render_html_body",
    "render_json",
    "render_stories_html",
    "render_text",
    "report_title",
    "standalone_html",
    "verdict_line",
]


def render_json(comparison: Comparison) -> str:
    """The ``newscollate/comparison@1`` document, UTF-8 text kept as is."""
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2)
