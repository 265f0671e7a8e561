from pathlib import Path

import pytest

from org.roles import Role
from tests.factories import PASSWORD, DepartmentFactory, PostFactory, StaffFactory


@pytest.fixture
def department(db):
    return DepartmentFactory(name="行政审批科", code="approval")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="市场监管科", code="market")


@pytest.fixture
def make_staff(db, department):
    """make_staff(Role.HANDLER, department=..., rank=...) -> Staff with a login."""

    def make(*roles, **kwargs):
        kwargs.setdefault("department", department)
        return StaffFactory(roles=list(roles), **kwargs)

    return make


@pytest.fixture
def front_desk(make_staff):
    return make_staff(Role.FRONT_DESK, name="前台小王", rank=2)


@pytest.fixture
def handler(make_staff):
    return make_staff(Role.HANDLER, name="经办人老张", rank=3)


@pytest.fixture
def chief(make_staff):
    return make_staff(Role.SECTION_CHIEF, Role.HANDLER, name="科长李红", rank=6)


@pytest.fixture
def other_chief(make_staff, other_department):
    return make_staff(Role.SECTION_CHIEF, department=other_department, name="科长赵强", rank=6)


@pytest.fixture
def supervisor(make_staff):
    return make_staff(Role.SUPERVISOR, name="监督员周敏", rank=5)


@pytest.fixture
def administrator(make_staff):
    staff = make_staff(Role.ADMINISTRATOR, name="管理员陈", rank=4)
    staff.user.is_staff = True
    staff.user.save(update_fields=["is_staff"])
    return staff


@pytest.fixture
def login(client):
    """login(staff) logs the test client in as that staff member."""

    def do(staff):
        client.force_login(staff.user)
        return client

    return do


@pytest.fixture
def api(db):
    """api(staff) -> a DRF APIClient authenticated with a token of that staff's."""
    from rest_framework.test import APIClient

    from apitokens.models import ApiToken

    def make(staff=None):
        client = APIClient()
        if staff is not None:
            _token, secret = ApiToken.objects.create(user=staff.user, name="tests")
            client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        return client

    return make


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness is for attackers, not for the test suite.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def official_calendar(db):
    """The calendar the data migration seeds; a transactional test's flush
    removes it, so tests that commit (transaction=True) ask for it."""
    from workdays.models import CalendarYear
    from workdays.services import calendar_seed_from_package

    if not CalendarYear.objects.filter(year=2026).exists():
        calendar_seed_from_package(years=[2025, 2026])


BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


@pytest.fixture(scope="session")
def pdf_font():
    """The font every paper's PDF embeds, made once for the whole run (about
    15 s the first time; kept under DATA_DIR/fonts for the next run)."""
    from core.paper.fonts import font_path

    return font_path()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests last. Playwright keeps an asyncio loop running in the
    main thread from its first test to the end of the session, and
    django-constance then hands out async proxies instead of values, so any
    test after a browser test would read the bureau settings wrongly."""
    items.sort(key=lambda item: item.path.is_relative_to(BROWSER_TESTS))


# Rule 4: one post of the section, its A and B holders.
@pytest.fixture
def a_holder(make_staff):
    return make_staff(Role.HANDLER, name="A岗张三", rank=3)


@pytest.fixture
def b_holder(make_staff):
    return make_staff(Role.HANDLER, name="B岗李四", rank=3)


@pytest.fixture
def post(department, a_holder, b_holder):
    return PostFactory(department=department, name="许可审查岗", a_holder=a_holder, b_holder=b_holder)
