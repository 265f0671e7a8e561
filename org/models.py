from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A section of the bureau (科室)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=32, unique=True)
    public_phone = models.CharField(_("public phone"), max_length=32, blank=True)
    room = models.CharField(_("room"), max_length=64, blank=True)
    duties = models.TextField(_("duties"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class StaffQuerySet(models.QuerySet):
    def active(self):
        return self.filter(user__is_active=True)

    def with_role(self, role: str):
        return self.filter(user__groups__name=role)


class Staff(models.Model):
    """A staff member (工作人员): one per login user."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff")
    name = models.CharField(_("full name"), max_length=50)
    employee_number = models.CharField(_("employee number"), max_length=32, unique=True)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="staff"
    )
    title = models.CharField(_("title"), max_length=50, blank=True)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=1, help_text=_("职级: a higher number outranks a lower one.")
    )
    duties = models.TextField(_("public duties"), blank=True)
    phone_extension = models.CharField(_("phone extension"), max_length=16, blank=True)
    mobile = models.CharField(
        _("mobile for urgent alerts"),
        max_length=20,
        blank=True,
        # In the database too: code reading an older state of the model (a data migration) omits it.
        db_default="",
        validators=[RegexValidator(r"^\+?\d[\d -]{4,19}$", _("Enter a valid phone number."))],
        help_text=_("Urgent alerts (an uncovered post) also reach this number by SMS; never shown in lists."),
    )
    shown_on_board = models.BooleanField(_("shown on the public board"), default=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        ordering = ["department__order", "-rank", "employee_number"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self):
        return self.name

    @property
    def roles(self) -> list[str]:
        from org.roles import roles_of

        return sorted(roles_of(self.user))

    @property
    def role_labels(self) -> list[str]:
        from org.roles import Role

        return [Role(code).label for code in self.roles]


class Post(models.Model):
    """A post (岗位) with its duties. Rule 4: exactly one A and one B holder."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="posts"
    )
    name = models.CharField(_("name"), max_length=100)
    duties = models.TextField(_("duties"), blank=True)
    a_holder = models.ForeignKey(
        Staff, verbose_name=_("A holder"), on_delete=models.PROTECT, related_name="a_posts"
    )
    b_holder = models.ForeignKey(
        Staff, verbose_name=_("B holder"), on_delete=models.PROTECT, related_name="b_posts"
    )

    class Meta:
        ordering = ["department__order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="post_name_unique_in_department"),
            models.CheckConstraint(condition=~Q(a_holder=models.F("b_holder")), name="post_a_and_b_differ"),
        ]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self):
        return f"{self.department} · {self.name}"

    def clean(self):
        if self.a_holder_id and self.a_holder_id == self.b_holder_id:
            raise ValidationError(_("The A holder and the B holder must be two different people."))
