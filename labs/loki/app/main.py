"""A small shop API that makes realistic logs for the Loki lab.

Every request is logged as one JSON line on stdout: time, level, logger, message, request_id,
method, route, path, status and latency_ms (plus exception on errors). Endpoints succeed, run
slow, fail at random and raise, so the logs have levels and latencies worth querying.
Runs on FastAPI 0.92+ and the versions pinned in requirements.txt.
"""

import asyncio
import json
import logging
import os
import random
import sys
import time
import traceback
import uuid
from datetime import datetime, timezone

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.routing import Match

LEVELS = {"debug", "info", "warning", "error", "critical"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line; fields passed as `extra={"fields": {...}}` are merged in."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, tz=timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = "".join(traceback.format_exception(*record.exc_info)).strip()
        return json.dumps(line)


def configure_logging() -> logging.Logger:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    level = os.environ.get("LOG_LEVEL", "info").upper()
    # Uvicorn's own lines become JSON too, so every line the collector reads parses.
    for name in ("app", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(level)
        logger.propagate = False
    return logging.getLogger("app")


log = configure_logging()
app = FastAPI(title="Loki lab shop")

ITEMS = {i: {"id": i, "name": f"item-{i}", "price": round(5 + i * 1.5, 2)} for i in range(1, 101)}


def route_of(request: Request) -> str:
    """The route template (/items/{item_id}), so routes group well in LogQL."""
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match == Match.FULL:
            return getattr(route, "path", request.url.path)
    return "unmatched"


@app.middleware("http")
async def log_requests(request: Request, call_next):
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    started = time.perf_counter()
    fields = {"request_id": request_id, "method": request.method, "route": route_of(request), "path": request.url.path}
    try:
        response = await call_next(request)
    except Exception:
        latency = round((time.perf_counter() - started) * 1000, 2)
        log.error("unhandled exception", exc_info=True, extra={"fields": {**fields, "status": 500, "latency_ms": latency}})
        return JSONResponse({"detail": "internal server error", "request_id": request_id}, status_code=500)
    latency = round((time.perf_counter() - started) * 1000, 2)
    status = response.status_code
    level = logging.ERROR if status >= 500 else logging.WARNING if status >= 400 else logging.INFO
    if fields["route"] == "/health":
        level = logging.DEBUG  # the healthcheck polls every few seconds: keep it out of the logs
    log.log(level, f"{request.method} {request.url.path} {status}", extra={"fields": {**fields, "status": status, "latency_ms": latency}})
    response.headers["X-Request-ID"] = request_id
    return response


@app.get("/")
async def index():
    return {"service": "loki-lab-app", "endpoints": ["/items", "/items/{item_id}", "/checkout", "/slow", "/flaky", "/error", "/health"]}


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.get("/items")
async def list_items(limit: int = 10):
    return list(ITEMS.values())[: max(1, min(limit, 100))]


@app.get("/items/{item_id}")
async def get_item(item_id: int):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail=f"item {item_id} not found")
    return ITEMS[item_id]


@app.post("/checkout")
async def checkout(request: Request):
    """Validates a cart; about one in ten carts is refused as the payment provider would."""
    await asyncio.sleep(random.uniform(0.02, 0.15))
    if random.random() < 0.1:
        raise HTTPException(status_code=402, detail="payment declined")
    return {"order_id": uuid.uuid4().hex[:12], "status": "accepted"}


@app.get("/slow")
async def slow():
    delay = random.uniform(0.5, 2.0)
    await asyncio.sleep(delay)
    return {"slept_ms": round(delay * 1000)}


@app.get("/flaky")
async def flaky():
    """Fails about a third of the time, like a dependency that times out."""
    if random.random() < 0.3:
        raise HTTPException(status_code=503, detail="upstream inventory service unavailable")
    return {"status": "ok"}


@app.get("/error")
async def error():
    raise RuntimeError("inventory cache corrupted")
