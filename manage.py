#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["extract"]:
        # The extractor is pure Python: reading one file needs no settings, apps or database,
        # so skip Django's start-up (about 0.4 s, and a SECRET_KEY it does not use).
        from mandates.extraction import cli

        sys.exit(cli.main(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
