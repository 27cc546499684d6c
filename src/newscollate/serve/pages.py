"""The pages: compare (form, result, permalink, downloads), stories, one story, one article.

Server-rendered with Jinja2, autoescaped: article text and metadata reach the page
only through template variables, or through the HTML report's body, which the
report renderer escapes piece by piece (``render_html_body``).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.datastructures import FormData, UploadFile

from newscollate import Article
from newscollate.report import REPORT_CSP, standalone_html
from newscollate.serve.service import Kept, Rejected, Service
from newscollate.serve.timeline import VERBS, neighbours, timeline
from newscollate.serve.work import runner_of, service_of

KEY = r"^[0-9a-f]{24}$"
PAGE_SIZE = 50
FIELDS = ("title", "outlet", "published", "url", "text")
UPLOAD_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".json")

templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.PackageLoader("newscollate.serve", "templates"),
        autoescape=True,  # every template, whatever its name: all of them show article text
        undefined=jinja2.StrictUndefined,
    )
)
templates.env.filters["quote"] = lambda value: quote(str(value), safe="")
templates.env.globals["verbs"] = VERBS
router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    service = service_of(request)
    context.setdefault("title", "newscollate")
    context.update(read_only=service.config.read_only, allow_fetch=service.config.allow_fetch)
    return templates.TemplateResponse(request, name, context, status_code=http_status)


# --- compare ------------------------------------------------------------------------


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/compare", status_code=307)


@router.get("/compare")
async def compare_form(request: Request) -> HTMLResponse:
    return render(request, "compare.html", slots=[{}, {}], errors=[], title="Compare")


@router.post("/compare")
async def compare_post(request: Request) -> Response:
    service, runner = service_of(request), runner_of(request)
    limit = service.config.max_request_bytes
    async with request.form(
        max_files=service.config.max_articles, max_fields=400, max_part_size=limit
    ) as form:
        slots = _slots(form)
        try:
            uploads = await _uploads(form)
            articles = await runner.io(_articles, service, slots, uploads)
            kept = await runner.cpu(service.compare_kept, articles)
        except Rejected as exc:
            shown = slots + [{}] * max(0, 2 - len(slots))  # the form shows two slots at least
            return render(
                request, "compare.html", exc.status, slots=shown, errors=[exc.message],
                title="Compare",
            )  # fmt: skip
    return RedirectResponse(f"/compare/{kept.key}", status_code=303)


def _slots(form: FormData) -> list[dict[str, str]]:
    """The pasted articles, one dict per fieldset (all fieldsets carry every field)."""
    columns = {name: [str(v) for v in form.getlist(name)] for name in FIELDS}
    count = max(len(values) for values in columns.values())
    slots = []
    for i in range(count):
        slot = {
            name: values[i].strip() if i < len(values) else "" for name, values in columns.items()
        }
        if any(slot.values()):  # an untouched slot is left out
            slots.append(slot)
    return slots


async def _uploads(form: FormData) -> list[tuple[str, bytes]]:
    files = []
    for item in form.getlist("files"):
        if not isinstance(item, UploadFile) or not item.filename:
            continue  # an empty file input still sends a part
        name = PurePath(item.filename.replace("\\", "/")).name
        if not name.lower().removesuffix(".gz").endswith(UPLOAD_SUFFIXES):
            raise Rejected(415, f"{name}: upload .txt, .html or .jsonl files")
        files.append((name, await item.read()))
    return files


def _articles(
    service: Service, slots: list[dict[str, str]], uploads: list[tuple[str, bytes]]
) -> list[Article]:
    records = []
    for number, slot in enumerate(slots, 1):
        if not slot["text"] and not slot["url"]:
            raise Rejected(422, f"article {number} has metadata but no text (or URL)")
        record = {k: v for k, v in slot.items() if v}
        record["id"] = slot["outlet"] or f"pasted-{number}"
        records.append(record)
    articles = service.articles(records) + service.uploads(uploads)
    if len(articles) < 2:
        raise Rejected(422, f"paste or upload at least 2 articles to compare (got {len(articles)})")
    return articles


async def _kept(request: Request, key: str) -> Kept:
    kept = await runner_of(request).io(service_of(request).kept, key)
    if kept is None:
        raise Rejected(404, "no comparison under this link (a read-only server forgets them)")
    return kept


Key = Annotated[str, Path(pattern=KEY)]


@router.get("/compare/{key}.json")
async def compare_json(request: Request, key: Key) -> Response:
    kept = await _kept(request, key)
    return Response(
        kept.json,
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="newscollate-{key}.json"'},
    )


@router.get("/compare/{key}.html")
async def compare_html(request: Request, key: Key) -> Response:
    kept = await _kept(request, key)
    return HTMLResponse(
        standalone_html(kept.body, title=kept.title),
        headers={
            "Content-Disposition": f'attachment; filename="newscollate-{key}.html"',
            "Content-Security-Policy": REPORT_CSP,
        },
    )


@router.get("/compare/{key}")
async def compare_result(request: Request, key: Key) -> HTMLResponse:
    kept = await _kept(request, key)
    return render(
        request, "result.html", kept=kept, report=Markup(kept.body), title=kept.title,
        permalink=str(request.url_for("compare_result", key=key)),
    )  # fmt: skip


# --- stories ------------------------------------------------------------------------


@router.get("/stories")
async def stories(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    outlet: Annotated[str, Query(max_length=200)] = "",
    since: Annotated[str, Query(max_length=32)] = "",
    until: Annotated[str, Query(max_length=32)] = "",
    size: Annotated[int, Query(ge=1, le=10_000)] = 1,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    search = {
        "words": q, "outlet": outlet, "since": since or None, "until": until or None,
        "min_size": size,
    }  # fmt: skip
    found = await runner_of(request).io(
        lambda: service_of(request).stories(
            **search, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE
        )
    )
    query = {"q": q, "outlet": outlet, "since": since, "until": until, "size": str(size)}
    kept_query = {k: v for k, v in query.items() if v and (k, v) != ("size", "1")}
    return render(
        request, "stories.html", stories=found[:PAGE_SIZE], query=query, page=page,
        next_page=urlencode({**kept_query, "page": page + 1}) if len(found) > PAGE_SIZE else None,
        prev_page=urlencode({**kept_query, "page": page - 1}) if page > 1 else None,
        title="Stories",
    )  # fmt: skip


@router.get("/stories/{story_id}")
async def story(request: Request, story_id: int) -> HTMLResponse:
    view = await runner_of(request).cpu(service_of(request).story, story_id)
    return render(
        request, "story.html", view=view, picture=timeline(view.articles, view.links),
        related=neighbours(view.articles, view.links),
        report=Markup(view.collation.body) if view.collation else None,
        title=f"Story {story_id}",
    )  # fmt: skip


@router.get("/articles/{article_id:path}")
async def article(request: Request, article_id: str) -> HTMLResponse:
    service, runner = service_of(request), runner_of(request)
    stored, _ = await runner.io(service.article, article_id)
    view = await runner.io(service.story, stored.story, collate=False)
    return render(
        request, "article.html", stored=stored, view=view,
        related=neighbours(view.articles, view.links)[article_id],
        title=stored.article.title or article_id,
    )  # fmt: skip
