"""Downloading the catalogue and the blank template (/catalogue/export.xlsx, /catalogue/template.csv ...)."""

import pytest
import tablib

from tests.commitments.fixtures.catalogue import HEADERS, ROLES_REFUSED, make_item

URLS = [
    "/catalogue/export.xlsx",
    "/catalogue/export.csv",
    "/catalogue/template.xlsx",
    "/catalogue/template.csv",
]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_is_sent_to_login(client, db, url):
    assert client.get(url)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES_REFUSED)
@pytest.mark.parametrize("url", URLS)
def test_other_roles_are_refused(role, url, request, login):
    assert login(request.getfixturevalue(role)).get(url).status_code == 403


@pytest.mark.parametrize("url", ["/catalogue/export.xls", "/catalogue/template.pdf"])
def test_an_unknown_format_is_404(login, administrator, url):
    assert login(administrator).get(url).status_code == 404


def test_the_xlsx_export_is_a_download_with_every_item(login, administrator, department):
    make_item(administrator, department, "SP-0001")
    make_item(administrator, department, "SP-0002", committed_days=0)
    response = login(administrator).get("/catalogue/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".xlsx" in response["Content-Disposition"]
    dataset = tablib.Dataset().load(response.content, format="xlsx")
    assert dataset.headers == HEADERS
    assert [row["事项编码"] for row in dataset.dict] == ["SP-0001", "SP-0002"]
    assert dataset.dict[1]["承诺时限"] == "当场办结"


def test_the_csv_export_is_utf8_with_a_bom(login, administrator, department):
    make_item(administrator, department, "SP-0001")
    response = login(administrator).get("/catalogue/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff事项编码".encode())
    assert "SP-0001" in response.content.decode("utf-8-sig")


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_template_has_the_headers_and_one_example_row(login, administrator, department, file_format):
    response = login(administrator).get(f"/catalogue/template.{file_format}")
    assert response.status_code == 200
    content = response.content if file_format == "xlsx" else response.content.decode("utf-8-sig")
    dataset = tablib.Dataset().load(content, format=file_format)
    assert dataset.headers == HEADERS
    assert dataset.height == 1
