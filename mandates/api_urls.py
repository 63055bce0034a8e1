"""URLs of the JSON API."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import APIRootView, DefaultRouter

from . import api, plan_api
from .api_params import QueryParamsChecked


class SchemaView(QueryParamsChecked, SpectacularAPIView):
    """The OpenAPI schema; `lang` and `version` are drf-spectacular's own parameters."""

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
]
