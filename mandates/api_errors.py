"""How the JSON API answers what it cannot serve: in JSON everywhere under /api/, and as
its OpenAPI schema says.

An unknown /api/ address gave Django's HTML 404, `?format=xml` a 404 "Not found.", and
the schema's own errors came as YAML. Every error is now a JSON object: `{"detail": ...}`,
or for a bad parameter `{"<parameter>": ["why", ...]}`; the schema declares both shapes
for every operation (`schema_error_responses`, a drf-spectacular postprocessing hook).
A `format` the address does not give is a 400 (`negotiation.FormatChecked`).
"""

from __future__ import annotations

from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from .api_params import QueryParamsChecked


class JsonErrors:
    """A view whose errors are JSON whatever it renders otherwise (the schema's YAML)."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)  # a mixin of APIView
        request = self.request
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
        return response


class NotFoundView(QueryParamsChecked, APIView):
    """Any /api/ address no view answers: a JSON 404 pointing to the addresses, for
    everyone (whether signed in or not, there is nothing here)."""

    permission_classes = [AllowAny]
    schema = None  # not an operation of the API

    def query_params_accepted(self) -> set[str]:
        """Any: the address itself is what is wrong."""
        return set(self.request.query_params)

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        raise NotFound(f"No API address {request.path}: /api/ lists the collections")


#: Every operation's error answers: status -> (component, description).
ERROR_RESPONSES = {
    "400": (
        "ParameterErrors",
        "A parameter the address does not take, one value it cannot read, or one that "
        "takes one value given twice: each parameter named, with the reasons.",
    ),
    "401": ("ErrorDetail", "No credentials, or a bad or inactive user's token."),
    "404": ("ErrorDetail", "No such item, or a page past the end (it says how many there are)."),
    "406": ("ErrorDetail", "An Accept header naming no media type the address gives."),
    "429": ("ErrorDetail", "Too many requests: `Retry-After` says in how many seconds to retry."),
}
ERROR_SCHEMAS = {
    "ErrorDetail": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ParameterErrors": {
        "type": "object",
        "description": 'Reasons by parameter: {"body": ["XYZ is not a body: use one of ..."]}.',
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
}
FORMAT_PARAMETER = {
    "in": "query",
    "name": "format",
    "schema": {"type": "string", "enum": ["json", "api"]},
    "description": "json (the default), or api for the browsable pages (HTML); any other "
    "answers 400.",
}


def schema_error_responses(result, generator, request, public):
    """Declares on every operation the error answers and their JSON (`ERROR_RESPONSES`),
    and the `format` parameter every address takes (the schema's own declares its own)."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.update(ERROR_SCHEMAS)
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, (component, description) in ERROR_RESPONSES.items():
                answer: dict = {
                    "description": description,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": f"#/components/schemas/{component}"}
                        }
                    },
                }
                if status == "429":
                    answer["headers"] = {"Retry-After": {"schema": {"type": "integer"}}}
                responses.setdefault(status, answer)
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("name") == "format" and p.get("in") == "query" for p in parameters):
                parameters.append(dict(FORMAT_PARAMETER))
    return result
