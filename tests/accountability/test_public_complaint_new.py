"""The public complaint form (/complaints/new/): no login, a sum to answer
(django-simple-captcha), five filings an hour per address, and a number to
track the complaint with; an anonymous one is told it gets no reply."""

import re

import pytest
import time_machine
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.core.cache import cache

from accountability.models import Complaint, ComplaintChannel, ComplaintStatus
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db
URL = "/complaints/new/"


@pytest.fixture(autouse=True)
def _friday_and_fresh_counters(official_calendar):
    cache.clear()
    with time_machine.travel(at(2026, 12, 4), tick=False):
        yield
    cache.clear()


@pytest.fixture
def captcha_passes(settings, monkeypatch):
    """The library's test mode (the answer "PASSED"), for this test only: the
    library copies the setting into its own module when first imported."""
    settings.CAPTCHA_TEST_MODE = True
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)


def form(**changes):
    data = {
        "subject": "窗口无人办理",
        "description": "12月3日上午十点在3号窗口等了一个小时，无人接待。",
        "complainant_name": "刘女士",
        "complainant_phone": "13912345678",
        "about_number": "202612010001",
        "captcha_0": "anykey",
        "captcha_1": "PASSED",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_form_needs_no_login_and_says_anonymous_gets_no_reply(client, handler):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="anonymous-note"' in page and "匿名投诉" in page and "不予答复" in page
    assert 'name="captcha_1"' in page and 'inputmode="numeric"' in page
    assert handler.name in page  # about whom: the staff the public board shows
    assert 'name="viewport"' in page


def test_the_captcha_image_needs_no_login(client):
    page = client.get(URL).content.decode()
    image = re.search(r'src="(/captcha/image/\w+/)"', page).group(1)
    response = client.get(image)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_a_complaint_is_filed_with_the_real_sum_and_gets_a_number(client, handler):
    page = client.get(URL).content.decode()
    key = re.search(r'name="captcha_0" value="(\w+)"', page).group(1)
    answer = CaptchaStore.objects.get(hashkey=key).response
    response = client.post(URL, form(captcha_0=key, captcha_1=answer, about_staff=handler.pk))
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.status, complaint.about_staff) == (
        ComplaintChannel.WEB,
        ComplaintStatus.RECEIVED,
        handler,
    )
    assert complaint.about_department == handler.department
    page = response.content.decode()
    assert f'data-testid="complaint-number">{complaint.number}<' in page
    assert f'data-testid="accept-due">{complaint.accept_due:%Y-%m-%d}<' in page
    assert 'data-testid="how-to-track"' in page and "/complaints/track/" in page


def test_a_wrong_sum_is_a_form_error_and_saves_nothing(client):
    page = client.get(URL).content.decode()
    key = re.search(r'name="captcha_0" value="(\w+)"', page).group(1)
    response = client.post(URL, form(captcha_0=key, captcha_1="999"))
    assert response.status_code == 400
    assert "计算结果不正确" in response.content.decode()
    assert not Complaint.objects.exists()


def test_passed_is_no_answer_outside_the_test_mode(client):
    response = client.post(URL, form())
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_an_anonymous_complaint_keeps_no_name_and_says_it_cannot_be_tracked(client, captcha_passes):
    response = client.post(URL, form(anonymous="on"))
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.anonymous and complaint.complainant_name == "" and complaint.complainant_phone == ""
    page = response.content.decode()
    assert 'data-testid="no-tracking"' in page and 'data-testid="how-to-track"' not in page


def test_without_a_name_or_phone_the_service_errors_land_on_the_fields(client, captcha_passes):
    response = client.post(URL, form(complainant_name="", complainant_phone="12"))
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("invalid-feedback d-block") == 2
    assert "请填写姓名" in page
    assert not Complaint.objects.exists()


def test_the_sixth_complaint_in_an_hour_from_one_address_is_refused_and_saves_nothing(client, captcha_passes):
    for _ in range(5):
        assert client.post(URL, form()).status_code == 200
    response = client.post(URL, form())
    assert response.status_code == 429
    assert 'data-testid="limited"' in response.content.decode()
    assert Complaint.objects.count() == 5
    # Another address is not held back, and an hour later this one may file again.
    assert client.post(URL, form(), REMOTE_ADDR="10.0.0.9").status_code == 200
    with time_machine.travel(at(2026, 12, 4, hour=11), tick=False):
        assert client.post(URL, form()).status_code == 200


def test_a_mistyped_sum_does_not_use_up_the_allowance(client, captcha_passes):
    for _ in range(6):
        client.post(URL, form(captcha_1="wrong"))
    assert client.post(URL, form()).status_code == 200


def test_other_methods_are_refused(client):
    assert client.put(URL).status_code == 405


def test_the_queries_of_a_filing(client, captcha_passes, handler, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        assert client.post(URL, form(about_staff=handler.pk)).status_code == 200
