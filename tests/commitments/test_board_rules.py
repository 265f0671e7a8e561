"""The commitment texts on the board (/board/rules/): as the bureau writes them."""

from commitments.models import BoardText

URL = "/board/rules/"


def page_of(client):
    client.cookies["django_language"] = "en"  # the user chose English
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _write_all():
    BoardText.objects.create(
        kind=BoardText.Kind.COMPLAINTS, title="投诉方式", body="效能投诉电话：8800-1006", order=4
    )
    BoardText.objects.create(
        kind=BoardText.Kind.STANDARDS, title="服务标准", body="佩证上岗\n文明用语", order=1
    )
    BoardText.objects.create(kind=BoardText.Kind.BREACH, title="违诺处理", body="批评教育", order=3)
    BoardText.objects.create(kind=BoardText.Kind.PROMISES, title="服务承诺", body="当场受理", order=2)


def test_anonymous_visitor_reads_every_section_in_the_bureau_order(client, db):
    _write_all()
    page = page_of(client)
    positions = [page.index(f'id="{kind}"') for kind in ["standards", "promises", "breach", "complaints"]]
    assert positions == sorted(positions)
    assert "效能投诉电话：8800-1006" in page
    assert "佩证上岗<br>文明用语" in page


def test_logged_in_staff_read_it_too(login, handler):
    _write_all()
    assert "违诺处理" in page_of(login(handler))


def test_nothing_written_yet_is_an_explained_empty_page(client, db):
    page = page_of(client)
    assert "The bureau has not published its commitments yet" in page
    assert 'id="complaints"' in page
    assert 'href="/board/staff/"' in page


def test_the_complaint_link_still_lands_somewhere_when_that_section_is_missing(client, db):
    BoardText.objects.create(kind=BoardText.Kind.PROMISES, title="服务承诺", body="当场受理")
    page = page_of(client)
    assert page.count('id="complaints"') == 1
    assert "How to complain" in page


def test_the_text_is_escaped_not_run(client, db):
    BoardText.objects.create(kind=BoardText.Kind.PROMISES, title="承诺", body="<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in page_of(client)
