"""Small helpers for the pages: `{% load pages %}`."""

from django import template
from django.conf import settings

register = template.Library()


@register.filter
def absolute(path: str) -> str:
    """A path made absolute with SITE_URL, for URLs people copy into calendar apps."""
    path = str(path)
    return settings.SITE_URL + path if path.startswith("/") else path


@register.simple_tag(takes_context=True)
def due_explanation(context, deliverable):
    """`{% due_explanation item as why %}`: why `item` is due when it is
    (schedule.deliverable_due_explain). The due-date rules are read once per page."""
    from mandates.models import DueDateRule
    from mandates.services.schedule import deliverable_due_explain

    session = deliverable.due_session
    if session is None:
        return deliverable_due_explain(deliverable=deliverable, rules=[])
    root = context.dicts[0]
    if "_due_date_rules" not in root:  # one query per page, every body's rules
        rules: dict[int, list] = {}
        for rule in DueDateRule.objects.all():
            rules.setdefault(rule.body_id, []).append(rule)
        root["_due_date_rules"] = rules
    return deliverable_due_explain(
        deliverable=deliverable, rules=root["_due_date_rules"].get(session.body_id, [])
    )
