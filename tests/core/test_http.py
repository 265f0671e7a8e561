"""The shared request helpers: where a form may send the user back to, and card links."""

from django.test import RequestFactory

from core.http import safe_next, url_with

factory = RequestFactory()


def test_next_goes_back_only_to_a_page_of_this_site():
    for target, expected in [
        ("/cases/section/?status=open", "/cases/section/?status=open"),
        ("https://evil.example/phish", "/home/"),
        ("//evil.example/phish", "/home/"),
        ("javascript:alert(1)", "/home/"),
        ("", "/home/"),
    ]:
        request = factory.post("/x/", {"next": target})
        assert safe_next(request, "/home/") == expected, target


def test_a_card_link_keeps_the_other_filters_and_drops_the_page():
    request = factory.get("/cases/section/", {"handler": "7", "status": "open", "page": "3"})
    link = url_with(request, status="completed", overdue=None)
    assert link.startswith("/cases/section/?")
    assert "handler=7" in link and "status=completed" in link and "page=" not in link
