"""Materials not applicable to this applicant in the notices API: on creation, on a visit, and as read."""

from notifications.models import MaterialState, Notice, NoticeVisit
from tests.notifications.conftest import material

LIST = "/api/v1/notices/"
PROXY = "授权委托书及受托人身份证"


def create(client, item, inquiry, **extra):
    return client.post(LIST, {"inquiry": inquiry.pk, "service_item": item.pk, **extra}, format="json")


def test_a_notice_is_created_with_a_material_not_applicable_and_shows_its_state(
    api, front_desk, proxy_item, proxy_inquiry
):
    proxy = material(proxy_item, PROXY).pk
    response = create(
        api(front_desk),
        proxy_item,
        proxy_inquiry,
        missing_materials=[material(proxy_item, "食品经营许可申请书").pk],
        not_applicable=[{"material": proxy, "reason": "本人办理，无需提供"}],
    )
    assert response.status_code == 201, response.content
    body = response.json()
    by_id = {row["id"]: row for row in body["materials"]}
    assert by_id[proxy]["state"] == MaterialState.NOT_APPLICABLE
    assert by_id[proxy]["not_applicable_reason"] == "本人办理，无需提供"
    assert by_id[proxy]["condition"] == "委托他人办理时提供"
    assert by_id[material(proxy_item, "营业执照").pk]["state"] == MaterialState.BROUGHT
    assert [row["id"] for row in body["missing_materials"]] == [material(proxy_item, "食品经营许可申请书").pk]
    assert body["brought_at_issue"] == [material(proxy_item, "营业执照").pk]


def test_a_material_without_a_condition_and_no_reason_is_400(api, front_desk, proxy_item, proxy_inquiry):
    response = create(
        api(front_desk),
        proxy_item,
        proxy_inquiry,
        missing_materials=[material(proxy_item, "食品经营许可申请书").pk],
        not_applicable=[{"material": material(proxy_item, "营业执照").pk}],
    )
    assert response.status_code == 400
    assert "营业执照" in response.json()["not_applicable"][0]
    assert not Notice.objects.exists()


def waiting_notice(api, front_desk, proxy_item, proxy_inquiry):
    names = ("食品经营许可申请书", PROXY)
    body = create(
        api(front_desk),
        proxy_item,
        proxy_inquiry,
        missing_materials=[material(proxy_item, n).pk for n in names],
    ).json()
    return Notice.objects.get(pk=body["id"])


def test_a_visit_settles_a_material_as_not_applicable(api, front_desk, handler, proxy_item, proxy_inquiry):
    notice = waiting_notice(api, front_desk, proxy_item, proxy_inquiry)
    proxy = material(proxy_item, PROXY).pk
    response = api(handler).post(
        f"{LIST}{notice.pk}/visits/",
        {
            "brought": [material(proxy_item, "食品经营许可申请书").pk],
            "not_applicable": [{"material": proxy, "reason": "本人到场办理"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["not_applicable"] == [proxy]
    assert response.json()["complete"] is True
    body = api(handler).get(f"{LIST}{notice.pk}/").json()
    assert body["status"] == "complete"
    row = next(row for row in body["missing_materials"] if row["id"] == proxy)
    assert (row["state"], row["not_applicable_reason"]) == ("not_applicable", "本人到场办理")


def test_settling_on_a_complete_notice_is_409(api, front_desk, handler, proxy_item, proxy_inquiry):
    notice = waiting_notice(api, front_desk, proxy_item, proxy_inquiry)
    proxy = material(proxy_item, PROXY).pk
    client = api(handler)
    first = client.post(
        f"{LIST}{notice.pk}/visits/",
        {"brought": [material(proxy_item, "食品经营许可申请书").pk, proxy]},
        format="json",
    )
    assert first.status_code == 201
    response = client.post(
        f"{LIST}{notice.pk}/visits/",
        {"not_applicable": [{"material": proxy, "reason": "本人"}]},
        format="json",
    )
    assert response.status_code == 409
    assert NoticeVisit.objects.count() == 1


def test_who_may_not_record_cannot_settle_by_api(api, front_desk, supervisor, proxy_item, proxy_inquiry):
    notice = waiting_notice(api, front_desk, proxy_item, proxy_inquiry)
    response = api(supervisor).post(
        f"{LIST}{notice.pk}/visits/",
        {"not_applicable": [{"material": material(proxy_item, PROXY).pk, "reason": "本人"}]},
        format="json",
    )
    assert response.status_code == 403
    assert not NoticeVisit.objects.exists()
