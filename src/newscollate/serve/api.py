"""The HTTP API: compare articles, add them to the store, read stories and articles.

Every endpoint returns JSON; every error is a 4xx with ``{"error", "detail"}``
(and ``problems`` naming the inputs that could not be used). CPU and SQLite work
runs in worker threads (``Runner``), never on the event loop.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from newscollate import StoredArticle, StoryLink
from newscollate.serve.service import Rejected, Service
from newscollate.serve.work import Runner, runner_of, service_of


class ArticleIn(BaseModel):
    """One article: its ``text``, or its page's ``html``, or (when the server fetches)
    its ``url``; metadata is optional and overrides what the page says."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=2000, examples=["courier-1"])
    text: str | None = Field(None, examples=["Fire destroys grain warehouse..."])
    html: str | None = None
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=500, examples=["The Courier"])
    published: str | None = Field(None, max_length=64, examples=["2025-03-03T10:00:00Z"])
    author: str | None = Field(None, max_length=500)
    language: str | None = Field(None, max_length=32)

    @model_validator(mode="after")
    def _has_body(self) -> ArticleIn:
        if not (self.text or "").strip() and not (self.html or "").strip() and not self.url:
            raise ValueError("an article needs 'text', 'html' or 'url'")
        return self


class CompareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(..., min_length=2, description="two or more versions")


class AddIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(..., min_length=1)

    @model_validator(mode="after")
    def _named(self) -> AddIn:
        for number, article in enumerate(self.articles, 1):
            if not article.id and not article.url:
                raise ValueError(
                    f"article {number} has no 'id' or 'url': stored articles are known by one"
                )
        return self


def stored_dict(stored: StoredArticle, *, text: bool = False) -> dict[str, Any]:
    fields = dataclasses.asdict(stored.article)
    if not text:
        del fields["text"]
    return {
        **fields,
        "story": stored.story,
        "duplicate_of": stored.duplicate_of,
        "relation": stored.relation,
        "score": stored.score,
    }


def link_dict(link: StoryLink) -> dict[str, Any]:
    return dataclasses.asdict(link)


def _records(articles: list[ArticleIn]) -> list[dict[str, Any]]:
    return [a.model_dump(exclude_none=True) for a in articles]


RunnerDep = Annotated[Runner, Depends(runner_of)]
ServiceDep = Annotated[Service, Depends(service_of)]
router = APIRouter(prefix="/api", tags=["api"])


@router.post(
    "/compare",
    summary="Collate two or more versions of a story",
    response_description="the newscollate/comparison@2 JSON document, as `compare --format json`",
)
async def compare(body: CompareIn, service: ServiceDep, runner: RunnerDep) -> Response:
    records = _records(body.articles)
    articles = await runner.io(service.articles, records)
    document = await runner.cpu(service.compare_json, articles)
    return Response(document, media_type="application/json")


@router.post("/articles", status_code=201, summary="Add articles to the store")
async def add_articles(body: AddIn, service: ServiceDep, runner: RunnerDep) -> JSONResponse:
    if service.config.read_only:
        raise Rejected(403, "this server is read-only: articles cannot be added")
    articles = await runner.io(service.articles, _records(body.articles))
    added = await runner.cpu(service.add, articles)
    summary = added.summary
    if not added.stories:
        raise Rejected(422, "no article could be added", summary.problems)
    return JSONResponse(
        {
            "added": summary.added,
            "already_stored": summary.already_stored,
            "links": summary.links,
            "articles": [{"id": i, "story": s} for i, s in added.stories.items()],
            "problems": [dataclasses.asdict(p) for p in summary.problems],
        },
        status_code=201 if summary.added else 200,
    )


@router.get("/stories", summary="Story clusters, newest first")
async def stories(
    service: ServiceDep,
    runner: RunnerDep,
    q: Annotated[str | None, Query(max_length=500, description="words an article holds")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(max_length=32, description="ISO date")] = None,
    until: Annotated[str | None, Query(max_length=32, description="ISO date, inclusive")] = None,
    min_size: Annotated[int, Query(ge=1)] = 1,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[dict[str, Any]]:
    found = await runner.io(
        lambda: service.stories(
            words=q, outlet=outlet, since=since, until=until,
            min_size=min_size, limit=limit, offset=offset,
        )
    )  # fmt: skip
    return [dataclasses.asdict(s) for s in found]


@router.get("/stories/{story_id}", summary="One story: its articles, links and collation")
async def story(
    story_id: int,
    service: ServiceDep,
    runner: RunnerDep,
    collate: Annotated[bool, Query(description="include the comparison JSON")] = True,
) -> dict[str, Any]:
    view = await runner.cpu(service.story, story_id, collate=collate)
    return {
        "story": dataclasses.asdict(view.info),
        "articles": [stored_dict(a) for a in view.articles],
        "links": [link_dict(link) for link in view.links],
        "left_out": view.left_out,
        "comparison": json.loads(view.collation.json) if view.collation else None,
    }


@router.get("/articles/{article_id:path}", summary="One stored article, with its links")
async def article(article_id: str, service: ServiceDep, runner: RunnerDep) -> dict[str, Any]:
    stored, links = await runner.io(service.article, article_id)
    return {**stored_dict(stored, text=True), "links": [link_dict(link) for link in links]}
