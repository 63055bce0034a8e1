"""Thin views: they call selectors and services and render."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from .services.health import health_check, health_is_ok


def home(request):
    return redirect("admin:index")


@never_cache
def health(request):
    """Database, cache and Celery worker status; 503 when something is down."""
    status = health_check()
    return JsonResponse(status, status=200 if health_is_ok(status) else 503)
