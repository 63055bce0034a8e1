"""How the JSON API renders for a browser (settings.REST_FRAMEWORK)."""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's HTML pages, allowed the style attributes their layout uses: the rest of the
    site's Content-Security-Policy (no inline script, no style element) still holds."""

    def get_context(self, data, accepted_media_type, renderer_context):
        context = super().get_context(data, accepted_media_type, renderer_context)
        # An inline <style> of code colours, for Markdown descriptions this API has none of.
        context["code_style"] = None
        return context

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src-attr": [UNSAFE_INLINE]}
        return super().render(data, accepted_media_type, renderer_context)
