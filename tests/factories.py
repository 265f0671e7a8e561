"""Factories for plain rows. State changes go through the real services."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from org.models import Department, Post, Staff

PASSWORD = "test-pass-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@bureau.example")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for role in extracted:
                self.groups.add(Group.objects.get_or_create(name=role)[0])
        if create:
            self.save()


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"第{n}科")
    code = factory.Sequence(lambda n: f"dept{n}")


class StaffFactory(factory.django.DjangoModelFactory):
    """``StaffFactory(roles=["handler"])`` makes a login user with those roles."""

    class Meta:
        model = Staff
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"工作人员{n}")
    employee_number = factory.Sequence(lambda n: f"E{n:05d}")
    department = factory.SubFactory(DepartmentFactory)
    rank = 3

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for role in extracted:
                self.user.groups.add(Group.objects.get_or_create(name=role)[0])


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    department = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"岗位{n}")
    a_holder = factory.SubFactory(StaffFactory, department=factory.SelfAttribute("..department"))
    b_holder = factory.SubFactory(StaffFactory, department=factory.SelfAttribute("..department"))


def catalogue_keeper():
    """A login that may keep the catalogue, for tests that set items up: the
    catalogue's services refuse a write with no one behind it."""
    user, made = get_user_model().objects.get_or_create(
        username="catalogue-keeper", defaults={"is_superuser": True, "is_staff": True}
    )
    return user
