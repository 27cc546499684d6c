"""``newscollate serve``: the web app and HTTP API over a story store.

``create_app(ServeConfig(store=...))`` builds the FastAPI app: the pages
(``pages``), the API under ``/api`` (``api``), OpenAPI at ``/openapi.json`` and
its Swagger UI at ``/docs`` (served from the app, no CDN), the security headers
and the body limit (``guard``). The model loads once, when the app starts, and
is shared by every request; comparisons run in worker threads (``work``).

    >>> from newscollate.serve import ServeConfig, create_app   # doctest: +SKIP
    >>> app = create_app(ServeConfig(store=Path("newscollate.db"), read_only=True))
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

import newscollate
from newscollate import Article, Embedder
from newscollate.report import REPORT_CSS
from newscollate.serve import api, pages
from newscollate.serve.guard import BodyLimit, SecurityHeaders
from newscollate.serve.service import Rejected, ServeConfig, Service
from newscollate.serve.work import Runner

__all__ = ["ServeConfig", "create_app"]

log = logging.getLogger("newscollate")
STATIC = Path(__file__).parent / "static"
# Swagger UI's files, from the fastapi-offline package: /docs must work offline and
# under the app's CSP, which allows no script from anywhere but the app itself
DOCS_STATIC = Path(fastapi_offline.__file__).parent / "static"


def create_app(config: ServeConfig, *, embedder: Embedder | None = None) -> FastAPI:
    """The app over ``config.store``. ``embedder`` defaults to the process's shared
    model (``newscollate.default_embedder``). Opening the store here, once, makes a
    bad store path an error at start-up rather than on the first request."""
    embedder = embedder or newscollate.default_embedder(
        config.settings.model_path, config.settings.batch_size
    )
    service = Service(config, embedder)
    service.pool.open().close()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if config.warm_up:  # the model and spaCy load now, not in the first request
            await app.state.runner.cpu(_warm_up, service)
        yield

    app = FastAPI(
        title="newscollate",
        version=newscollate.__version__,
        summary="Which news articles tell the same story, and how their versions differ.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.runner = Runner()
    app.add_middleware(BodyLimit, max_bytes=config.max_request_bytes)
    app.add_middleware(SecurityHeaders)  # outermost: the body limit's 413 gets the headers too

    @app.get("/static/report.css", include_in_schema=False)
    async def report_css() -> Response:
        return Response(REPORT_CSS, media_type="text/css")

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> Response:
        return pages.render(request, "docs.html", title="API")

    app.mount("/static/docs", StaticFiles(directory=DOCS_STATIC), name="docs-static")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _errors(app)
    return app


def _warm_up(service: Service) -> None:
    text = "Fire crews fought a blaze at the Port Ardlen grain store on Monday, officials said."
    service.comparison([Article(id="a", text=text), Article(id="b", text=text + " Nobody died.")])


def _errors(app: FastAPI) -> None:
    """Every error as JSON under /api (``{"error", "detail"}``), as a page elsewhere."""

    def respond(request: Request, status: int, detail: str, **extra: Any) -> Response:
        if request.url.path.startswith("/api") or "html" not in request.headers.get("accept", ""):
            body = {"error": HTTPStatus(status).phrase, "detail": detail, **extra}
            return JSONResponse(body, status_code=status)
        return pages.render(request, "error.html", status, status=status, detail=detail,
                            phrase=HTTPStatus(status).phrase, title=HTTPStatus(status).phrase)  # fmt: skip

    @app.exception_handler(Rejected)
    async def rejected(request: Request, exc: Rejected) -> Response:
        problems = [{"source": p.source, "reason": p.reason} for p in exc.problems]
        return respond(
            request, exc.status, exc.message, **({"problems": problems} if problems else {})
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return respond(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            where = next(e for e in errors if e.get("type") == "json_invalid")
            reason = where.get("ctx", {}).get("error", "not JSON")
            return respond(request, 400, f"the body is not valid JSON: {reason}")
        if any(e.get("type") == "missing" and tuple(e.get("loc", ())) == ("body",) for e in errors):
            return respond(request, 400, 'the body is empty: send JSON, {"articles": [...]}')
        listed = [
            {
                "where": ".".join(str(p) for p in e.get("loc", ())[1:]) or "body",
                "problem": str(e["msg"]).removeprefix("Value error, "),
            }
            for e in errors
        ]
        detail = "; ".join(f"{e['where']}: {e['problem']}" for e in listed)
        return respond(request, 422, detail, errors=listed)

    @app.exception_handler(ClientDisconnect)
    async def gone(request: Request, exc: ClientDisconnect) -> Response:
        # the client left, or the body limit answered 413 already: nothing more to say
        return Response(status_code=400)
