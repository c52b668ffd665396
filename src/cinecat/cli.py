"""The ``cinecat`` command: Django's management commands under one name.

``cinecat serve``, ``cinecat import`` and ``cinecat load_demo`` are cinecat's own commands;
everything else (``migrate``, ``createsuperuser``, ``shell`` …) is Django's, passed through.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cinecat.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:] if argv is None else argv
    execute_from_command_line(["cinecat", *args])


if __name__ == "__main__":
    main()
