"""URLs of the JSON API."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import APIRootView, DefaultRouter

from . import api, plan_api
from .api_errors import JsonErrors, NotFoundView
from .api_params import QueryParamsChecked


class SchemaView(JsonErrors, QueryParamsChecked, SpectacularAPIView):
    """The OpenAPI schema; `lang` and `version` are drf-spectacular's own parameters. Its
    errors are JSON, as the rest of the API's (they came in YAML)."""

    query_params_own = ("lang", "version")


class RootView(QueryParamsChecked, APIRootView):
    """/api/: the collections' addresses."""


class Router(DefaultRouter):
    APIRootView = RootView


router = Router()
router.register("deliverables", api.DeliverableViewSet, basename="deliverable")
router.register("resolutions", api.ResolutionViewSet, basename="resolution")
router.register("sessions", api.SessionViewSet, basename="session")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("sessions/plan/", plan_api.PlanOverviewView.as_view(), name="plan_overview"),
    path(
        "sessions/<str:code>-<int:number>/plan/",
        plan_api.SessionPlanView.as_view(),
        name="session_plan",
    ),
    path("", include(router.urls)),
    # Last: any other address ending in "/" is a JSON 404 (one without the slash is sent
    # to it by Django's APPEND_SLASH, as /api/deliverables to /api/deliverables/).
    re_path(r"^.*/$", NotFoundView.as_view(), name="not_found"),
]
