import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from org.models import Department, Staff
from org.roles import Role
from org.services import administrator_create

PASSWORD_VARIABLE = "ADMINISTRATOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Make an administrator in one step: the login, its staff record in a section "
        "(made if it does not exist yet) and the administrator role. The password is asked "
        f"twice, or read from {PASSWORD_VARIABLE} with --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username")
        parser.add_argument("--name", help="the person's full name, e.g. 陈静")
        parser.add_argument("--employee-number")
        parser.add_argument("--department", help="the section's code, e.g. office")
        parser.add_argument("--department-name", default="", help="the section's name, when it is to be made")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-input", action="store_true", help=f"take the password from {PASSWORD_VARIABLE}"
        )
        parser.add_argument(
            "--if-none",
            action="store_true",
            help="do nothing when an administrator exists already (a bureau's first start)",
        )

    def handle(self, *args, **options):
        if options["if_none"] and Staff.objects.with_role(Role.ADMINISTRATOR).exists():
            self.stdout.write("an administrator exists already")
            return
        self._ask_what_is_missing(options)
        username = options["username"]
        if get_user_model().objects.filter(username=username).exists():
            raise CommandError(f"the login {username!r} exists already")
        if Staff.objects.filter(employee_number=options["employee_number"]).exists():
            raise CommandError(f"the employee number {options['employee_number']!r} is taken")
        password = self._password(username, options["no_input"])
        try:
            staff = administrator_create(
                username=username,
                password=password,
                name=options["name"],
                employee_number=options["employee_number"],
                department_code=options["department"],
                department_name=options["department_name"],
                email=options["email"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"administrator {username} ({staff.name}, {staff.department}) created")

    def _ask_what_is_missing(self, options):
        """Each detail not given on the command line is asked for, unless --no-input."""
        questions = [
            ("username", "登录名 (login)"),
            ("name", "姓名 (full name)"),
            ("employee_number", "工号 (employee number)"),
            ("department", "所在科室代码 (section code, e.g. office)"),
        ]
        for key, question in questions:
            if options[key]:
                continue
            if options["no_input"]:
                raise CommandError(f"--{key.replace('_', '-')} is needed with --no-input")
            while not options[key]:
                options[key] = input(f"{question}: ").strip()
        if (
            not options["department_name"]
            and not options["no_input"]
            and not Department.objects.filter(code=options["department"]).exists()
        ):
            options["department_name"] = input("科室名称 (the new section's name): ").strip()

    def _password(self, username, no_input):
        if no_input:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"--no-input needs the password in {PASSWORD_VARIABLE}")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("the two passwords differ")
        try:
            validate_password(password, get_user_model()(username=username))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password
