"""Request checks that belong to no single view."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """Answer 400 to a URL whose path or query holds a NUL character.

    No URL of this site needs one, and PostgreSQL refuses NUL in text, so letting it reach
    a query turns a typo or a probe into a server error (500) on every route that looks a
    value up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                "NUL characters are not allowed in URLs.", content_type="text/plain"
            )
        return self.get_response(request)


class FeedsRebuildOncePerRequestMiddleware:
    """One rebuild of the calendar feeds per request, after its changes are committed.

    An admin import of twenty files or a bulk action on fifty deliverables changes many
    rows; each change asks for the feeds showing it to be rebuilt. Within a request those
    asks are collected and one task renders each affected feed once, when the view is done
    (a single edit still refreshes its feeds before the answer goes out)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from mandates.services.schedule import feeds_rebuild_batched

        with feeds_rebuild_batched():
            return self.get_response(request)
