"""URLs of the mandates app: pages, feeds and the API."""

from django.urls import path

from . import views

app_name = "mandates"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
]
