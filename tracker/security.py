"""Who is asking: the client address, as far as this installation can trust it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from. Behind our own HTTPS proxy (BEHIND_HTTPS_PROXY)
    that is the last X-Forwarded-For entry, the one the proxy added; earlier entries are
    whatever the client chose to send. Otherwise the peer address itself."""
    if settings.BEHIND_HTTPS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")
