def test_the_admin_shows_an_events_place_in_the_chain(trail, client, login, administrator):
    login(administrator)
    event = trail[2]
    listing = client.get("/admin/audit/auditevent/")
    assert listing.status_code == 200
    page = client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert page.status_code == 200
    assert event.hash in page.content.decode()
    assert event.prev_hash in page.content.decode()


def test_the_admin_still_refuses_to_edit_an_event(trail, client, login, administrator):
    login(administrator)
    event = trail[2]
    response = client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"reason": "x"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.reason == ""
