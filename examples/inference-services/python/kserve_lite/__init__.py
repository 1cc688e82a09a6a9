"""A tiny subset of KServe's v1 data plane, shared by the model servers."""

from kserve_lite.errors import InvalidInput
from kserve_lite.server import Model, create_app
from kserve_lite.validation import get_instances, optional_int, require_str

__all__ = [
    "InvalidInput",
    "Model",
    "create_app",
    "get_instances",
    "optional_int",
    "require_str",
]
