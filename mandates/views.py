"""Thin views: they call selectors and services and render."""

import time

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from . import selectors
from .models import Actor, Body, Contact, ReviewStatus, Session
from .services import feeds, outgoing
from .services.health import health_check, health_is_ok, health_summary


@never_cache
def health(request):
    """Database, cache and Celery worker status; 503 when something is down. Staff read
    the error messages; everyone else "ok", "error" or "skipped" per component."""
    status = health_check()
    code = 200 if health_is_ok(status) else 503
    if not (request.user.is_authenticated and request.user.is_staff):
        status = health_summary(status)
    return JsonResponse(status, status=code)


# --- Calendar feeds -----------------------------------------------------------------------


def _wants_alarms(request) -> bool:
    return request.GET.get("alarms", "").lower() in {"1", "true", "yes", "on"}


def _serve_feed(request, feed: feeds.CalendarFeed, *, private: bool = False) -> HttpResponse:
    """ETag (a hash of the body) and Last-Modified (when the body last changed); 304
    without rendering when the feed is unchanged since its last rendering and they match;
    otherwise the cached body, rendered from the database on a miss or a cache outage."""
    version = feeds.feed_version(feed=feed)
    document = None
    etag, changed = version.etag, version.last_modified
    if etag is None or changed is None:  # nothing rendered for this version yet: render first
        document = feeds.feed_document(feed=feed, version=version)
        etag, changed = document.etag, document.last_modified
    last_modified = int(changed.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        document = document or feeds.feed_document(feed=feed, version=version)
        response = HttpResponse(document.body, content_type=feeds.CONTENT_TYPE)
    response["ETag"] = etag
    # Changes within one second move the recorded time past the clock (so If-Modified-Since
    # sees each of them); the header never says later than now (RFC 9110, 8.8.2.1).
    response["Last-Modified"] = http_date(min(last_modified, int(time.time())))
    if private:
        _private(response)
    else:
        patch_cache_control(response, public=True, max_age=3600)
    return response


@require_safe
def feed_all(request):
    """All public deliverables."""
    return _serve_feed(request, feeds.AllDeliverablesFeed(alarms=_wants_alarms(request)))


@require_safe
def feed_body(request, code: str):
    """Public deliverables due to one body (HRC, GA...)."""
    body = get_object_or_404(Body, code__iexact=code)
    return _serve_feed(request, feeds.BodyFeed(body=body, alarms=_wants_alarms(request)))


@require_safe
def feed_actor(request, pk: int):
    """Public deliverables requested of one actor."""
    actor = get_object_or_404(Actor, pk=pk)
    return _serve_feed(request, feeds.ActorFeed(actor=actor, alarms=_wants_alarms(request)))


@require_safe
def feed_session(request, code: str, number: int):
    """Public deliverables due for one session."""
    session = get_object_or_404(
        Session.objects.select_related("body"), body__code__iexact=code, number=number
    )
    return _serve_feed(
        request, feeds.SessionDeliverablesFeed(session=session, alarms=_wants_alarms(request))
    )


@require_safe
def feed_sessions(request):
    """The session calendar."""
    return _serve_feed(request, feeds.SessionCalendarFeed())


def _private(response: HttpResponse) -> HttpResponse:
    """Headers of every private feed's answer: not for shared caches, other sites or search
    engines."""
    patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def feed_private(request, token: str):
    """A user's assigned deliverables, public or not. A revoked (or rotated) token answers
    410 Gone, to GET, HEAD and a conditional GET alike, so a subscribed calendar drops the
    events it holds (a 404 reads as a passing fault, and they stay); a secret nobody issued,
    or one of a user made inactive, 404."""
    feed_token = feeds.feed_token_for(token=token)
    if feed_token is None:
        if feeds.feed_token_revoked(token=token):
            return _private(
                HttpResponse(
                    "This private calendar link was revoked or replaced by a new one. "
                    f"Get your current link from {settings.SITE_URL}"
                    f"{reverse('mandates:calendars')}\n",
                    status=410,
                    content_type="text/plain; charset=utf-8",
                )
            )
        raise Http404("No such feed")
    feed = feeds.PrivateFeed(user=feed_token.user, alarms=_wants_alarms(request))
    return _serve_feed(request, feed, private=True)


def deliverable_reader_of(request, uid) -> Contact | None:
    """The contact an e-mail's signed link (``?for=``) opens this deliverable to, if any."""
    token = request.GET.get(outgoing.READER_PARAMETER)
    return outgoing.deliverable_reader(token=token, uid=uid) if token else None


def reader_not_responsible(request, uid, reader: Contact | None) -> HttpResponse | None:
    """The 404 for an e-mail's link whose reader may no longer see the deliverable (taken
    off it, `selectors.deliverable_get_for`): the site's 404 page, saying why the link
    stopped working; None when there is no such link or no such deliverable (the plain
    404 says it was removed)."""
    if reader is None or not selectors.deliverable_exists(uid=uid):
        return None
    response = render(request, "404.html", {"reader_not_responsible": True}, status=404)
    private_to_reader(response)
    return response


def private_to_reader(response: HttpResponse) -> None:
    """A response opened by a reader's link holds someone's key: not for caches or other
    sites."""
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "no-referrer"


@require_safe
def deliverable_ics(request, uid):
    """One deliverable as a downloadable .ics, for whoever may see its page (the reader of
    an e-mail's signed link too); 410 Gone once it or its mandate is rejected (calendars
    drop it)."""
    reader = deliverable_reader_of(request, uid)
    deliverable = selectors.deliverable_get_for(uid=uid, user=request.user, reader=reader)
    if deliverable is None and not selectors.deliverable_rejected(uid=uid):
        refused = reader_not_responsible(request, uid, reader)
        if refused is not None:
            return refused
        raise Http404("No such deliverable")
    if deliverable is None or ReviewStatus.REJECTED in (
        deliverable.review_status,
        deliverable.mandate.review_status,
    ):  # to everyone who has the address: a subscribed calendar drops the event
        return HttpResponse("This deliverable was rejected.", status=410, content_type="text/plain")
    if deliverable.due_date is None:
        raise Http404("This deliverable has no due date yet")
    response = HttpResponse(feeds.deliverable_ics(deliverable), content_type=feeds.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="deliverable-{deliverable.uid}.ics"'
    if reader is not None:
        private_to_reader(response)
    return response


# --- Reminder opt-out ------------------------------------------------------------------------


@csrf_exempt  # the signed token is the authority; mail clients POST here (RFC 8058 one-click)
@never_cache
@require_http_methods(["GET", "POST"])
def reminder_opt_out(request, token: str):
    """GET asks (link scanners follow links); POST stops the reminders the token names.
    A link whose reminders are stopped already says since when, and asks nothing."""
    opt_out = outgoing.contact_opt_out_read(token=token)
    done = False
    earlier = None
    if opt_out is not None and request.method == "POST":
        earlier = outgoing.contact_opt_out(opt_out=opt_out)
        done = earlier is None
    elif opt_out is not None:
        earlier = outgoing.contact_opt_out_earlier(opt_out=opt_out)
    status = 200 if opt_out is not None else 404
    context = {"opt_out": opt_out, "done": done, "earlier": earlier}
    return render(request, "mandates/opt_out.html", context, status=status)


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon."""
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("mandates/favicon.svg"))
