#!/usr/bin/env python
import os
import sys

# Commands that only read the code (they neither serve, sign nor read a
# session) run without SECRET_KEY: settings then use a throwaway key.
OFFLINE_COMMANDS = {"makemigrations", "showmigrations", "sqlmigrate", "compilemessages", "makemessages"}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "efficiency.settings")
    if len(sys.argv) > 1 and sys.argv[1] in OFFLINE_COMMANDS:
        os.environ.setdefault("EFFICIENCY_OFFLINE_COMMAND", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
