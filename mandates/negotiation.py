"""How the JSON API picks its format (settings.REST_FRAMEWORK); a module of its own, as
Django REST framework imports it while its views are being defined."""

from __future__ import annotations

from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation

from .api_params import query_params_problems


class FormatChecked(DefaultContentNegotiation):
    """`?format=` (or a `.xml` suffix) naming no format of the address answers 400 keyed
    by `format` with the formats to use, as a bad filter does (DRF answered 404); given
    twice, it is refused before it picks the error's format (the last one, HTML for `api`)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        name = self.settings.URL_FORMAT_OVERRIDE
        if name:
            query = request.query_params
            problems = query_params_problems(
                query, path=request.path, accepted=set(query), once={name}
            )
            if problems:
                raise ValidationError(problems)
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            asked = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
            formats = ", ".join(dict.fromkeys(renderer.format for renderer in renderers))
            raise ValidationError(
                {"format": [f"{asked} is not a format of {request.path}: use one of {formats}"]}
            ) from None
