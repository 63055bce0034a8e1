"""factory_boy factories for the mandates models."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from mandates import models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")


def body(code: str = "HRC") -> models.Body:
    """The body with this code (bodies are loaded by a migration)."""
    return models.Body.objects.get(code=code)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Session
        django_get_or_create = ["body", "number"]

    body = factory.LazyFunction(body)
    number = factory.Sequence(lambda n: 100 + n)
    start = date(2030, 6, 17)
    end = date(2030, 7, 9)


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Resolution

    body = factory.LazyFunction(body)
    number = factory.Sequence(str)
    symbol = factory.LazyAttribute(lambda o: f"A/HRC/RES/59/{o.number}")
    title = factory.Sequence(lambda n: f"Example resolution {n}")
    adopted_on = date(2025, 7, 4)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Actor
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Actor {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contact

    name = factory.Sequence(lambda n: f"Officer {n}")
    email = factory.Sequence(lambda n: f"officer{n}@ohchr.example.org")


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Mandate

    resolution = factory.SubFactory(ResolutionFactory)
    paragraph_label = "1"
    verb = "Requests"
    actor = factory.SubFactory(ActorFactory, name="High Commissioner")


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Deliverable

    mandate = factory.SubFactory(MandateFactory)
    kind = models.Deliverable.Kind.REPORT
    title = factory.Sequence(lambda n: f"Report {n} of the High Commissioner")


class ReminderLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReminderLog

    deliverable = factory.SubFactory(DeliverableFactory, due_date=date(2030, 5, 15))
    recipient = factory.SubFactory(ContactFactory)
    reminder = "before:14"
    due_date = factory.LazyAttribute(lambda o: o.deliverable.due_date)


def responsible_deliverable(
    due_date: date, *, contacts: int = 1, **kwargs
) -> tuple[models.Deliverable, list[models.Contact]]:
    """A deliverable whose own actor has `contacts` fresh contacts responsible for it."""
    actor = ActorFactory()
    people = ContactFactory.create_batch(contacts)
    actor.contacts.add(*people)
    deliverable = DeliverableFactory(due_date=due_date, mandate__actor=actor, **kwargs)
    return deliverable, people
