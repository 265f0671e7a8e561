"""The printable notice (A4) and the PDF."""

import subprocess

import pytest

from org.roles import Role


@pytest.fixture
def bureau_name():
    from constance import config

    config.BUREAU_NAME = "某某市市场监督管理局"


def test_anonymous_is_sent_to_login(client, notice):
    assert client.get(f"/notices/{notice.pk}/print/")["Location"].startswith("/accounts/login/")
    assert client.get(f"/notices/{notice.pk}/pdf/")["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief", "supervisor"])
def test_who_may_view_the_notice_may_print_it(role, request, login, notice):
    response = login(request.getfixturevalue(role)).get(f"/notices/{notice.pk}/print/")
    assert response.status_code == 200
    assert response.context["sheet"].number == notice.number
    assert "经营场所平面布局图" in response.content.decode()


@pytest.mark.parametrize("role", ["other_chief", "administrator"])
def test_others_get_404(role, request, login, notice):
    client = login(request.getfixturevalue(role))
    assert client.get(f"/notices/{notice.pk}/print/").status_code == 404
    assert client.get(f"/notices/{notice.pk}/pdf/").status_code == 404


def test_the_printed_notice_is_in_chinese_on_a4(login, handler, notice, bureau_name):
    page = login(handler).get(f"/notices/{notice.pk}/print/").content.decode()
    assert "@page { size: A4" in page
    assert "一次性告知单" in page
    assert "某某市市场监督管理局" in page
    assert notice.number in page
    assert "营业执照" in page and "经营场所平面布局图" in page
    assert "138****5678" in page and "13812345678" not in page
    assert "0571-8800-1002" in page


def test_the_printed_notice_is_chinese_whatever_the_screen_language(login, handler, notice):
    client = login(handler)
    client.cookies["django_language"] = "en"
    response = client.get(f"/notices/{notice.pk}/print/")
    assert response["Content-Language"] == "en"
    page = response.content.decode()
    assert "一次性告知单" in page and "尚需补齐以下材料" in page


def test_the_pdf_is_served_inline_with_its_number(login, front_desk, notice, pdf_font, tmp_path):
    response = login(front_desk).get(f"/notices/{notice.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{notice.number}.pdf"'
    path = tmp_path / "notice.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "一次性告知单" in text and notice.number in text


def test_a_handler_of_another_section_gets_no_pdf(login, make_staff, other_department, notice):
    client = login(make_staff(Role.HANDLER, department=other_department))
    assert client.get(f"/notices/{notice.pk}/pdf/").status_code == 404
