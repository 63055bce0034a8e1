"""The query parameters the JSON API accepts: one it does not know answers 400, and so
does one that takes one value given twice.

A misspelt filter (`?stauts=open`) was dropped and the whole list came back, which a
script takes for the filtered answer; a repeated one (`?page=2&page=3`) kept its last
value unsaid. Every API view takes `QueryParamsChecked` (the router's root and the schema
view included; tests/api/test_api_query_params.py walks the URLconf to hold every view to
it). `/export.csv` holds its parameters to the same rule (`query_params_problems`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import QueryDict
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.settings import api_settings


class QueryParamsChecked:
    """Refuses a request whose query names a parameter the view does not read: its
    filters (list and detail alike, as DRF applies them to both), the page on a list
    that pages, `format`, and what the view reads itself (`query_params_own`). A parameter
    other than a filter given twice is refused too (the filters judge their own repeats:
    `filters.OneValueEachForm`)."""

    #: Parameters a view reads itself, beside its filters, page and `format`.
    query_params_own: Iterable[str] = ()

    def query_params_filters(self) -> set[str]:
        filterset = getattr(self, "filterset_class", None)
        return set(filterset.base_filters) if filterset is not None else set()

    def query_params_accepted(self) -> set[str]:
        accepted = set(self.query_params_own) | self.query_params_filters()
        if api_settings.URL_FORMAT_OVERRIDE:
            accepted.add(api_settings.URL_FORMAT_OVERRIDE)
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
        accepted = self.query_params_accepted()
        problems = query_params_problems(
            request.query_params,
            path=request.path,
            accepted=accepted,
            once=accepted - self.query_params_filters(),
        )
        if problems:
            raise ValidationError(problems)


def query_params_problems(
    query: QueryDict, *, path: str, accepted: set[str], once: set[str]
) -> dict[str, list[str]]:
    """What is wrong with the query, keyed by the parameter as a filter's own error is
    (`{"body": ["XYZ is not a body: ..."]}`): each unknown parameter, with the accepted
    ones, and each of `once` given more than one value (empty ones aside)."""
    names = ", ".join(sorted(accepted)) or "none"
    problems = {
        name: [f"{name} is not a parameter of {path}: use one of {names}"]
        for name in sorted(set(query) - accepted)
    }
    for name in sorted(once & set(query)):
        values = [value for value in query.getlist(name) if value.strip()]
        if len(values) > 1:
            problems[name] = [f"give {name} once: it takes one value (given {', '.join(values)})"]
    return problems
