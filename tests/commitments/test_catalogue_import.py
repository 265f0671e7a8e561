"""Importing a catalogue file: upload, preview, confirm (/catalogue/import/)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.catalogue_io import export_catalogue
from commitments.models import ServiceItem, ServiceItemVersion
from tests.commitments.fixtures.catalogue import (
    HEADERS,
    ROLES_REFUSED,
    catalogue_row,
    catalogue_rows,
    make_item,
    spreadsheet,
)

URL = "/catalogue/import/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def kept_files(settings):
    def files():
        folder = settings.MEDIA_ROOT / "imports"
        return sorted(p.name for p in folder.iterdir()) if folder.exists() else []

    return files


def upload(client, data: bytes, name: str = "目录.xlsx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def preview_url(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    assert re.fullmatch(r"/catalogue/import/[0-9a-f]{32}/", response["Location"])
    return response["Location"]


def confirm(client, url):
    fingerprint = client.get(url).context["plan"].fingerprint
    return client.post(url, {"action": "confirm", "fingerprint": fingerprint})


# --- Who may ----------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, db):
    preview = URL + "0" * 32 + "/"
    for response in (
        client.get(URL),
        client.post(URL),
        client.get(preview),
        client.post(preview, {"action": "confirm"}),
        client.post(preview, {"action": "cancel"}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES_REFUSED)
def test_other_roles_are_refused(role, request, login, department):
    client = login(request.getfixturevalue(role))
    preview = URL + "0" * 32 + "/"
    assert client.get(URL).status_code == 403
    assert upload(client, spreadsheet([catalogue_row("SP-0001")])).status_code == 403
    assert client.get(preview).status_code == 403
    assert client.post(preview, {"action": "confirm"}).status_code == 403
    assert client.post(preview, {"action": "cancel"}).status_code == 403
    assert not ServiceItem.objects.exists()


def test_another_method_is_refused(login, administrator):
    assert login(administrator).put(URL).status_code == 405


def test_the_upload_page_explains_the_columns(login, administrator):
    page = login(administrator).get(URL).content.decode()
    for header in HEADERS:
        assert header in page
    assert 'href="/catalogue/template.xlsx"' in page


# --- A good file ------------------------------------------------------------


def test_a_200_row_file_is_previewed_then_imported_on_confirmation(
    login, administrator, department, kept_files
):
    client = login(administrator)
    url = preview_url(upload(client, spreadsheet(catalogue_rows(200))))
    assert len(kept_files()) == 1

    preview = client.get(url)
    assert preview.status_code == 200
    assert preview.context["plan"].counts == {"new": 200, "changed": 0, "unchanged": 0}
    assert 'data-testid="import-confirm"' in preview.content.decode()
    assert not ServiceItem.objects.exists()  # a preview writes nothing

    response = confirm(client, url)
    assert response.status_code == 302
    assert response["Location"] == "/catalogue/"
    assert ServiceItem.objects.count() == 200
    assert ServiceItemVersion.objects.filter(materials__isnull=True).count() == 0
    assert set(ServiceItemVersion.objects.values_list("number", flat=True)) == {1}
    assert kept_files() == []
    message = str(list(client.get("/catalogue/").context["messages"])[0])
    assert "200" in message and "目录.xlsx" in message


def test_a_csv_in_gb18030_imports_too(login, administrator, department):
    client = login(administrator)
    url = preview_url(upload(client, spreadsheet(catalogue_rows(3), "csv", encoding="gb18030"), "目录.csv"))
    confirm(client, url)
    assert ServiceItem.objects.get(code="SP-0002").current.name == "食品经营许可（SP-0002）"


def test_a_changed_row_makes_a_new_version_and_keeps_the_old(login, administrator, department):
    item = make_item(administrator, department, "SP-0001", name="食品经营许可（SP-0001）")
    client = login(administrator)
    url = preview_url(upload(client, spreadsheet([catalogue_row("SP-0001", 承诺时限=5)])))
    [row] = client.get(url).context["plan"].rows
    assert (row.status, row.new_version) == ("changed", True)
    assert "承诺时限" in row.changed_columns
    confirm(client, url)
    item.refresh_from_db()
    assert item.current.number == 2
    assert item.current.committed_days == 5
    assert "目录.xlsx" in item.current.change_note
    assert item.versions.get(number=1).committed_days == 10


def test_an_export_imported_again_changes_nothing(login, administrator, department):
    for n in range(5):
        make_item(administrator, department, f"SP-{n:04d}", committed_days=n)
    client = login(administrator)
    url = preview_url(upload(client, export_catalogue("xlsx"), "export.xlsx"))
    preview = client.get(url)
    assert preview.context["plan"].counts == {"new": 0, "changed": 0, "unchanged": 5}
    page = preview.content.decode()
    assert 'data-testid="import-confirm"' not in page
    assert "empty-state" in page
    confirm(client, url)
    assert ServiceItemVersion.objects.count() == 5


def test_items_not_in_the_file_are_said_to_be_left_alone(login, administrator, department):
    make_item(administrator, department, "OLD-1")
    client = login(administrator)
    url = preview_url(upload(client, spreadsheet([catalogue_row("SP-0001")])))
    preview = client.get(url)
    assert preview.context["plan"].left_alone == 1
    assert 'data-testid="import-left-alone"' in preview.content.decode()
    confirm(client, url)
    assert ServiceItem.objects.get(code="OLD-1").current.number == 1


# --- A bad file -------------------------------------------------------------


def test_one_bad_row_in_200_refuses_the_file_with_that_rows_message(
    login, administrator, department, kept_files
):
    make_item(administrator, department, "OLD-1")
    rows = catalogue_rows(200)
    rows[10]["承诺时限"] = "十天"  # row 12 of the spreadsheet
    response = upload(login(administrator), spreadsheet(rows))
    assert response.status_code == 200
    [error] = response.context["check"].errors
    assert (error.row, error.column) == (12, "承诺时限")
    page = response.content.decode()
    assert 'data-testid="import-refused"' in page
    assert re.search(r">12</td>\s*<td[^>]*>承诺时限</td>", page)
    assert 'data-testid="import-confirm"' not in page
    assert ServiceItem.objects.count() == 1  # nothing written
    assert kept_files() == []  # nothing kept either


@pytest.mark.parametrize(
    ("rows", "row", "column", "words"),
    [
        ([catalogue_row("SP-0001"), catalogue_row("SP-0001")], 3, "事项编码", "SP-0001"),
        ([catalogue_row("SP-0001", 法定时限=5, 承诺时限=8)], 2, "承诺时限", "5"),
        ([catalogue_row("SP-0001", 所属科室="宣传科")], 2, "所属科室", "宣传科"),
    ],
)
def test_row_problems_are_listed_with_row_and_column(
    login, administrator, department, rows, row, column, words
):
    response = upload(login(administrator), spreadsheet(rows))
    [error] = response.context["check"].errors
    assert (error.row, error.column) == (row, column)
    assert words in error.message
    assert error.message in response.content.decode()
    assert not ServiceItem.objects.exists()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (spreadsheet([catalogue_row("SP-0001")], headers=[h for h in HEADERS if h != "申请材料"]), "c.xlsx"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "photo.png"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "photo.xlsx"),
        (b"%PDF-1.7 ...", "catalogue.csv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.xls"),
        ("就一句话".encode(), "note.csv"),
    ],
)
def test_a_file_that_is_not_a_catalogue_is_a_form_error(login, administrator, department, data, name):
    response = upload(login(administrator), data, name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert "is-invalid" in response.content.decode()
    assert not ServiceItem.objects.exists()


def test_the_missing_column_is_named(login, administrator, department):
    data = spreadsheet([catalogue_row("SP-0001")], headers=[h for h in HEADERS if h != "申请材料"])
    response = upload(login(administrator), data)
    assert "申请材料" in response.context["form"].errors["file"][0]


def test_a_file_over_5_mb_is_a_form_error(login, administrator):
    response = upload(login(administrator), b"a" * (5 * 1024 * 1024 + 1), "big.csv")
    assert response.context["form"].errors["file"]


def test_no_file_is_a_form_error(login, administrator):
    response = login(administrator).post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


# --- Between preview and confirmation ----------------------------------------


def test_cancel_forgets_the_file_and_writes_nothing(login, administrator, department, kept_files):
    client = login(administrator)
    url = preview_url(upload(client, spreadsheet([catalogue_row("SP-0001")])))
    response = client.post(url, {"action": "cancel"})
    assert response["Location"] == URL
    assert kept_files() == []
    assert not ServiceItem.objects.exists()
    assert client.get(url).status_code == 404


def test_a_catalogue_changed_since_the_preview_is_shown_again_not_applied(login, administrator, department):
    client = login(administrator)
    url = preview_url(upload(client, spreadsheet([catalogue_row("SP-0001"), catalogue_row("SP-0002")])))
    seen = client.get(url).context["plan"].fingerprint
    make_item(administrator, department, "SP-0002")  # another administrator, meanwhile
    response = client.post(url, {"action": "confirm", "fingerprint": seen})
    assert response.status_code == 409
    assert 'data-testid="import-stale"' in response.content.decode()
    assert not ServiceItem.objects.filter(code="SP-0001").exists()
    again = client.post(url, {"action": "confirm", "fingerprint": response.context["plan"].fingerprint})
    assert again["Location"] == "/catalogue/"
    assert ServiceItem.objects.filter(code="SP-0001").exists()


def test_a_row_that_became_invalid_since_the_preview_is_reported(
    login, administrator, department, kept_files
):
    client = login(administrator)
    url = preview_url(upload(client, spreadsheet([catalogue_row("SP-0001")])))
    seen = client.get(url).context["plan"].fingerprint
    department.name = "行政审批服务科"
    department.save(update_fields=["name"])
    response = client.post(url, {"action": "confirm", "fingerprint": seen})
    assert response.status_code == 200
    [error] = response.context["check"].errors
    assert error.column == "所属科室"
    assert not ServiceItem.objects.exists()
    assert kept_files() == []


def test_another_sessions_upload_cannot_be_seen_or_confirmed(client, login, administrator, department):
    url = preview_url(upload(login(administrator), spreadsheet([catalogue_row("SP-0001")])))
    client.logout()
    client.force_login(administrator.user)  # a new session, which was never told the token
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "confirm"}).status_code == 404
    assert not ServiceItem.objects.exists()


def test_an_upload_whose_file_is_gone_asks_for_it_again(login, administrator, department, settings):
    client = login(administrator)
    url = preview_url(upload(client, spreadsheet([catalogue_row("SP-0001")])))
    for kept in (settings.MEDIA_ROOT / "imports").iterdir():
        kept.unlink()
    response = client.get(url)
    assert response["Location"] == URL


def test_an_unknown_token_is_404(login, administrator):
    client = login(administrator)
    assert client.get(URL + "f" * 32 + "/").status_code == 404
    assert client.get(URL + "..%2F..%2Fsettings/").status_code == 404


def test_a_long_file_name_keeps_its_format(login, administrator, department):
    client = login(administrator)
    url = preview_url(upload(client, spreadsheet([catalogue_row("SP-0001")]), "服务事项" * 60 + ".xlsx"))
    assert client.get(url).context["plan"].counts["new"] == 1
    confirm(client, url)
    assert ServiceItem.objects.filter(code="SP-0001").exists()
