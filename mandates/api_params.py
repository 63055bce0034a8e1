"""The query parameters the JSON API accepts: one it does not know answers 400.

A misspelt filter (`?stauts=open`) was dropped and the whole list came back, which a
script takes for the filtered answer. Every API view takes `QueryParamsChecked` (the
router's root and the schema view included; tests/api/test_api_query_params.py walks the
URLconf to hold every view to it).
"""

from __future__ import annotations

from collections.abc import Iterable

from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.settings import api_settings


class QueryParamsChecked:
    """Refuses a request whose query names a parameter the view does not read: its
    filters (list and detail alike, as DRF applies them to both), the page on a list
    that pages, `format`, and what the view reads itself (`query_params_own`)."""

    #: Parameters a view reads itself, beside its filters, page and `format`.
    query_params_own: Iterable[str] = ()

    def query_params_accepted(self) -> set[str]:
        accepted = set(self.query_params_own)
        if api_settings.URL_FORMAT_OVERRIDE:
            accepted.add(api_settings.URL_FORMAT_OVERRIDE)
        filterset = getattr(self, "filterset_class", None)
        if filterset is not None:
            accepted.update(filterset.base_filters)
        paginator = (
            getattr(self, "paginator", None) if getattr(self, "action", None) == "list" else None
        )
        if paginator is not None:
            for name in ("page_query_param", "page_size_query_param"):
                if getattr(paginator, name, None):
                    accepted.add(getattr(paginator, name))
        return accepted

    def initial(self, request: Request, *args, **kwargs) -> None:
        """After authentication, permissions and throttles (a stranger still gets 401)."""
        super().initial(request, *args, **kwargs)  # type: ignore[misc]  # a mixin of APIView
        query_params_check(request, accepted=self.query_params_accepted())


def query_params_check(request: Request, *, accepted: set[str]) -> None:
    """400 naming each unknown parameter, with the accepted ones, keyed by the parameter
    as a filter's own error is (`{"body": ["XYZ is not a body: ..."]}`)."""
    unknown = sorted(set(request.query_params) - accepted)
    if not unknown:
        return
    names = ", ".join(sorted(accepted)) or "none"
    raise ValidationError(
        {
            name: [f"{name} is not a parameter of {request.path}: use one of {names}"]
            for name in unknown
        }
    )
