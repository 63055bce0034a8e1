"""Pages of the JSON API's lists and plans (`?page=`): a value that is no page number is a
400 naming `page`, as any bad parameter is; a page past the end a 404 saying how many
pages there are. Both answered 404 "Invalid page.", which reads as if the address had gone.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

#: `?page=last`: the last page (Django REST framework's word, kept).
LAST = "last"
#: Longer numbers are past the end of any list (and cost int() its time).
_MAX_DIGITS = 9


def page_number(value: str | None, *, paginator: Paginator, listing: str = "the list") -> int:
    """The page `?page=` asks for: none (or empty) is the first, `last` the last, else a
    whole number from 1. Anything else raises a 400 keyed by `page`; a page past the end a
    404 that says how many pages `listing` has."""
    text = (value or "").strip()
    if not text:
        return 1
    if text == LAST:
        return paginator.num_pages
    digits = text.lstrip("0") if text.isascii() and text.isdigit() else ""
    if not digits:  # not a whole number, or 0
        raise ValidationError(
            {"page": [f"{value} is not a page number: write a whole number from 1, or last"]}
        )
    pages = paginator.num_pages
    if len(digits) > _MAX_DIGITS or int(digits) > pages:
        counted = "1 page" if pages == 1 else f"{pages} pages"
        raise NotFound(f"No page {digits}: {listing} has {counted} (page=last is the last)")
    return int(digits)


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's pages, with `page_number`'s answers to a page that is no number or past the
    end; the schema says `page` takes a number from 1 or `last`."""

    def get_page_number(self, request, paginator) -> int:
        return page_number(request.query_params.get(self.page_query_param), paginator=paginator)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["description"] = PAGE_DESCRIPTION
                parameter["schema"] = PAGE_SCHEMA
        return parameters


PAGE_DESCRIPTION = (
    "Which page (from 1), or `last`. A value that is no page number answers 400, a page "
    "past the end 404 saying how many pages there are."
)
PAGE_SCHEMA = {"oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "enum": [LAST]}]}
