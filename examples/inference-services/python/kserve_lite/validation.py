from typing import Any, Dict, List

from kserve_lite.errors import InvalidInput


def get_instances(body: Any) -> List[Dict[str, Any]]:
    """Return the "instances" of a KServe v1 predict request, checked."""
    if not isinstance(body, dict):
        raise InvalidInput("Expected a JSON object with an 'instances' list.")
    instances = body.get("instances")
    if not isinstance(instances, list) or not instances:
        raise InvalidInput("Expected 'instances' to be a non-empty list.")
    for i, instance in enumerate(instances):
        if not isinstance(instance, dict):
            raise InvalidInput(f"Instance {i} must be a JSON object.")
    return instances


def require_str(instance: Dict[str, Any], key: str) -> str:
    value = instance.get(key)
    if not isinstance(value, str):
        raise InvalidInput(f"The parameter '{key}' is required and must be a string.")
    return value


def optional_int(instance: Dict[str, Any], key: str, default: int = 0) -> int:
    value = instance.get(key, default)
    # bool is an int subclass; reject it explicitly.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"The parameter '{key}' must be an integer.")
    return value
