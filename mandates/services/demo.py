"""Set up a demo installation a newcomer can log into straight away."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-mandates"


def demo_user_ensure() -> AbstractUser:
    """Create (or reset) the demo superuser."""
    user, _ = get_user_model().objects.get_or_create(
        username=DEMO_USERNAME, defaults={"email": "demo@example.org"}
    )
    user.is_staff = True
    user.is_superuser = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user
