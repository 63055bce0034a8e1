"""URLs of the mandates app: pages, feeds and the API."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import pages, plan_pages, views

app_name = "mandates"

urlpatterns = [
    # Pages (mandates/pages.py)
    path("", pages.upcoming, name="upcoming"),
    path("overdue/", pages.overdue, name="overdue"),
    path("review/", pages.review, name="review"),
    path("no-deadline/", pages.no_deadline, name="no_deadline"),
    path("mine/", pages.assigned_to_me, name="mine"),
    path("timeline/", pages.timeline, name="timeline"),
    path("calendars/", pages.calendars, name="calendars"),
    path("calendars/private/", pages.private_calendar, name="private_calendar"),
    path("due-date-rules/", pages.due_date_rules, name="due_date_rules"),
    path("export.csv", pages.export_csv, name="export_csv"),
    path("sessions/<str:code>-<int:number>/", pages.session_detail, name="session"),
    # The session planner (mandates/plan_pages.py)
    path("sessions/plan/", plan_pages.plan_overview, name="plan_overview"),
    path("sessions/plan.<str:fmt>", plan_pages.plan_overview_export, name="plan_overview_export"),
    path("sessions/<str:code>-<int:number>/plan/", plan_pages.session_plan, name="session_plan"),
    path(
        "sessions/<str:code>-<int:number>/plan.<str:fmt>",
        plan_pages.session_plan_export,
        name="session_plan_export",
    ),
    path("actors/<int:pk>/", pages.actor_detail, name="actor"),
    path("deliverables/<uuid:uid>/", pages.deliverable_detail, name="deliverable"),
    path("resolutions/<path:symbol>/", pages.resolution_detail, name="resolution"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="mandates/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="mandates:upcoming"), name="logout"),
    # Health, feeds and calendar files (mandates/views.py)
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("feeds/deliverables.ics", views.feed_all, name="feed_all"),
    path("feeds/body/<str:code>.ics", views.feed_body, name="feed_body"),
    path("feeds/actor/<int:pk>.ics", views.feed_actor, name="feed_actor"),
    path("feeds/session/<str:code>-<int:number>.ics", views.feed_session, name="feed_session"),
    path("feeds/sessions.ics", views.feed_sessions, name="feed_sessions"),
    path("feeds/private/<str:token>.ics", views.feed_private, name="feed_private"),
    path("deliverables/<uuid:uid>.ics", views.deliverable_ics, name="deliverable_ics"),
    path("reminders/stop/<str:token>/", views.reminder_opt_out, name="reminder_opt_out"),
]
