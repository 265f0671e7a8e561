"""On paper, a material not applicable to this applicant says so, with the reason, in its status column."""

import subprocess

from core.paper import sheet_pdf
from notifications.paper import paper_of
from notifications.services import notice_issue
from tests.notifications.conftest import material

PROXY = "授权委托书及受托人身份证"


def issued(item, inquiry, front_desk):
    return notice_issue(
        actor=front_desk.user,
        service_item=item,
        inquiry=inquiry,
        brought_material_ids=[material(item, "营业执照").pk],
        not_applicable={material(item, PROXY).pk: "本人办理，无需提供"},
    )


def test_each_row_has_its_status_in_words(proxy_item, proxy_inquiry, front_desk):
    sheet = paper_of(issued(proxy_item, proxy_inquiry, front_desk))
    assert [(row[1], row[-1]) for row in sheet.table.rows] == [
        ("食品经营许可申请书", "缺"),
        ("营业执照", "已交"),
        (PROXY, "不适用：本人办理，无需提供"),
    ]


def test_the_print_page_shows_not_applicable_with_the_reason(login, front_desk, proxy_item, proxy_inquiry):
    notice = issued(proxy_item, proxy_inquiry, front_desk)
    page = login(front_desk).get(f"/notices/{notice.pk}/print/").content.decode()
    assert "不适用：本人办理，无需提供" in page


def test_the_pdf_shows_not_applicable_with_the_reason(
    proxy_item, proxy_inquiry, front_desk, pdf_font, tmp_path
):
    path = tmp_path / "notice.pdf"
    path.write_bytes(sheet_pdf(paper_of(issued(proxy_item, proxy_inquiry, front_desk))))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "不适用：本人办理，无需提供" in "".join(text.split())


def test_a_reprint_shows_the_notice_as_issued_not_what_a_visit_settled(proxy_item, proxy_inquiry, front_desk):
    from notifications.services import notice_record_visit

    notice = notice_issue(
        actor=front_desk.user, service_item=proxy_item, inquiry=proxy_inquiry, brought_material_ids=[]
    )
    notice_record_visit(
        actor=front_desk.user,
        notice=notice,
        brought_ids=[material(proxy_item, "营业执照").pk],
        not_applicable={material(proxy_item, PROXY).pk: "本人办理，无需提供"},
    )
    sheet = paper_of(notice)
    # What the visitor was told to bring, as on the sheet they signed: both were missing then.
    assert {row[1]: row[-1] for row in sheet.table.rows}[PROXY] == "缺"
    assert {row[1]: row[-1] for row in sheet.table.rows}["营业执照"] == "缺"
