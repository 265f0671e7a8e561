"""A 404 speaks the user's language and names no model."""


def test_a_missing_notice_is_not_found_in_chinese(api, bureau):
    response = api(bureau["supervisor"]).get("/api/v1/notices/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


def test_and_in_english_for_a_caller_that_asks_for_it(api, bureau):
    response = api(bureau["supervisor"]).get("/api/v1/cases/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_every_object_path_answers_a_translated_404(api, bureau):
    client = api(bureau["supervisor"])
    for resource in (
        "cases",
        "extensions",
        "notices",
        "inquiries",
        "transfers",
        "breaches",
        "staff",
        "handovers",
        "complaints",
        "accountability-records",
        "follow-ups",
    ):
        response = client.get(f"/api/v1/{resource}/999999/")
        assert response.status_code == 404, resource
        assert "matches the given query" not in response.json()["detail"]
