"""URLs of the mandates app: pages, feeds and the API."""

from django.urls import path

from . import views

app_name = "mandates"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("feeds/deliverables.ics", views.feed_all, name="feed_all"),
    path("feeds/body/<str:code>.ics", views.feed_body, name="feed_body"),
    path("feeds/actor/<int:pk>.ics", views.feed_actor, name="feed_actor"),
    path("feeds/session/<str:code>-<int:number>.ics", views.feed_session, name="feed_session"),
    path("feeds/sessions.ics", views.feed_sessions, name="feed_sessions"),
    path("feeds/private/<str:token>.ics", views.feed_private, name="feed_private"),
    path("deliverables/<uuid:uid>.ics", views.deliverable_ics, name="deliverable_ics"),
]
