"""Calendar links for templates: `{% load calendar_links %}{{ url|webcal }}`."""

from django import template

from mandates.services.feeds import webcal_url

register = template.Library()


@register.filter
def webcal(url: str) -> str:
    """The webcal:// form of a feed URL or path, which calendar apps open as a subscription."""
    return webcal_url(str(url))
