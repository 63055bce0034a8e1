"""URLs of the JSON API."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import api, plan_api

router = DefaultRouter()
router.register("deliverables", api.DeliverableViewSet, basename="deliverable")
router.register("resolutions", api.ResolutionViewSet, basename="resolution")
router.register("sessions", api.SessionViewSet, basename="session")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("sessions/plan/", plan_api.PlanOverviewView.as_view(), name="plan_overview"),
    path(
        "sessions/<str:code>-<int:number>/plan/",
        plan_api.SessionPlanView.as_view(),
        name="session_plan",
    ),
    path("", include(router.urls)),
]
