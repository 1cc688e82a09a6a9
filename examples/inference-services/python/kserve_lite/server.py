from typing import Any, Dict

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kserve_lite.errors import InvalidInput
from kserve_lite.validation import get_instances


class Model:
    """Base class: subclasses set ``name`` and implement ``predict_instance``."""

    name = "model"

    def __init__(self) -> None:
        self.ready = False

    def load(self) -> None:
        self.ready = True

    def predict_instance(self, instance: Dict[str, Any]) -> Any:
        raise NotImplementedError


def readiness(model: Model) -> Dict[str, Any]:
    return {"name": model.name, "ready": model.ready}


def create_app(model: Model) -> FastAPI:
    """Build a FastAPI app exposing the KServe v1 endpoints for one model."""
    model.load()
    app = FastAPI(title=model.name)

    @app.exception_handler(InvalidInput)
    async def invalid_input(_request: Request, exc: InvalidInput) -> JSONResponse:
        return JSONResponse(status_code=400, content={"error": str(exc)})

    @app.get("/")
    async def root() -> Dict[str, str]:
        return {"status": "alive"}

    @app.get("/v1/models")
    async def list_models() -> Dict[str, Any]:
        return {"models": [model.name]}

    @app.get(f"/v1/models/{model.name}")
    async def model_ready() -> JSONResponse:
        return JSONResponse(
            status_code=200 if model.ready else 503, content=readiness(model)
        )

    @app.post(f"/v1/models/{model.name}:predict")
    async def predict(request: Request) -> Dict[str, Any]:
        try:
            body = await request.json()
        except ValueError:
            raise InvalidInput("Request body must be valid JSON.")
        instances = get_instances(body)
        return {"predictions": [model.predict_instance(i) for i in instances]}

    return app
