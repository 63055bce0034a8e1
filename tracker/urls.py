"""Top-level URLs: the admin and the mandates app."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Mandate Tracker"
admin.site.site_title = "Mandate Tracker"
admin.site.index_title = "Mandates, deliverables and deadlines"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include(("mandates.api_urls", "api"))),
    path("", include("mandates.urls")),
]
