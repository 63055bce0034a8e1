"""`manage.py extract PATH [--format json|text]`: print what the extractor reads; no database."""

import sys

from django.core.management.base import BaseCommand

from mandates.extraction import cli


class Command(BaseCommand):
    help = "Print the mandates, deliverables and deadlines extracted from a resolution file."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, path, format, **options):
        status = cli.main([path, "--format", format], stdout=self.stdout, stderr=sys.stderr)
        if status:  # cli.main already printed the one-line reason
            raise SystemExit(status)
