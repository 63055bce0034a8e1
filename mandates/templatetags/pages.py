"""Small helpers for the pages: `{% load pages %}`."""

from django import template
from django.conf import settings

register = template.Library()


@register.filter
def absolute(path: str) -> str:
    """A path made absolute with SITE_URL, for URLs people copy into calendar apps."""
    path = str(path)
    return settings.SITE_URL + path if path.startswith("/") else path
