"""The Django admin: where OHCHR staff review and manage mandates day to day.

One module per area; importing them registers their ModelAdmins with the admin site.
"""

from . import (  # noqa: F401  (imported for their registrations)
    actors,
    calendar,
    deliverables,
    feeds,
    planner,
    reminders,
    resolutions,
    review,
    users,
)
