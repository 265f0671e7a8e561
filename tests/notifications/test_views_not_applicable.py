"""Marking a material not applicable on the pages: issuing the notice, the return visit, the notice page."""

from notifications.models import MaterialState, Notice, NoticeStatus, NoticeVisit
from org.roles import Role
from tests.notifications.conftest import material

NEW = "/notices/new/"
PROXY = "授权委托书及受托人身份证"


def visit_url(notice):
    return f"/notices/{notice.pk}/visits/"


def issue_data(item, inquiry, **extra):
    return {"inquiry": inquiry.pk, "service_item": item.pk, "kind": "missing", **extra}


def test_the_form_prefills_the_reason_of_a_conditional_material_with_its_condition(
    login, front_desk, proxy_item, proxy_inquiry
):
    response = login(front_desk).get(NEW, {"inquiry": proxy_inquiry.pk})
    page = response.content.decode()
    proxy = material(proxy_item, PROXY)
    assert f'data-not-applicable="{proxy.pk}"' in page
    assert response.context["form"][f"reason-{proxy.pk}"].value() == "委托他人办理时提供"
    assert "委托他人办理时提供" in page
    assert response.context["form"][f"reason-{material(proxy_item, '营业执照').pk}"].value() in ("", None)


def test_issuing_with_a_material_not_applicable_shows_it_on_the_notice(
    login, front_desk, proxy_item, proxy_inquiry
):
    client = login(front_desk)
    proxy = material(proxy_item, PROXY)
    response = client.post(
        NEW,
        issue_data(
            proxy_item,
            proxy_inquiry,
            brought=[material(proxy_item, "营业执照").pk],
            not_applicable=[proxy.pk],
            **{f"reason-{proxy.pk}": "本人办理，无需提供"},
        ),
    )
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert notice.materials.get(name=PROXY).state == MaterialState.NOT_APPLICABLE
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert f'data-material="{proxy.pk}" data-state="not_applicable"' in page
    assert "本人办理，无需提供" in page
    # The history names the change in words: the field's label, the material and the reason.
    history = page.split("history-panel")[1]
    assert "不适用的材料及理由" in history
    assert f"{PROXY}（本人办理，无需提供）" in history


def test_a_material_without_a_condition_and_no_reason_is_a_form_error(
    login, front_desk, proxy_item, proxy_inquiry
):
    licence = material(proxy_item, "营业执照")
    response = login(front_desk).post(
        NEW,
        issue_data(proxy_item, proxy_inquiry, not_applicable=[licence.pk], **{f"reason-{licence.pk}": ""}),
    )
    assert response.status_code == 200
    assert "营业执照" in " ".join(response.context["form"].errors[f"reason-{licence.pk}"])
    assert not Notice.objects.exists()


def test_brought_and_not_applicable_together_is_a_form_error(login, front_desk, proxy_item, proxy_inquiry):
    proxy = material(proxy_item, PROXY)
    response = login(front_desk).post(
        NEW,
        issue_data(
            proxy_item,
            proxy_inquiry,
            brought=[proxy.pk],
            not_applicable=[proxy.pk],
            **{f"reason-{proxy.pk}": "x"},
        ),
    )
    assert response.status_code == 200
    assert PROXY in str(response.context["form"].errors)
    assert not Notice.objects.exists()


def issue_waiting(client, item, inquiry):
    """The licence brought; the application form and the proxy missing."""
    client.post(NEW, issue_data(item, inquiry, brought=[material(item, "营业执照").pk]))
    return Notice.objects.get()


def test_the_return_settles_a_material_as_not_applicable_and_completes_the_notice(
    login, front_desk, handler, proxy_item, proxy_inquiry
):
    notice = issue_waiting(login(front_desk), proxy_item, proxy_inquiry)
    proxy = material(proxy_item, PROXY)
    client = login(handler)
    form_page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert f'id="visit-na-{proxy.pk}"' in form_page
    response = client.post(
        visit_url(notice),
        {
            "brought": [material(proxy_item, "食品经营许可申请书").pk],
            "not_applicable": [proxy.pk],
            f"reason-{proxy.pk}": "本人到场办理",
        },
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.COMPLETE
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert "本人到场办理" in page
    assert f'data-not-applicable="{proxy.pk}"' in page  # on the visit's line
    assert f"不适用的材料及理由</span>: {PROXY}（本人到场办理）" in page.split("history-panel")[1]
    # The first responder at the desk may now receive the application.
    assert 'data-testid="open-case"' in login(front_desk).get(f"/notices/{notice.pk}/").content.decode()


def test_settling_without_a_reason_on_a_material_without_a_condition_is_a_form_error(
    login, front_desk, handler, proxy_item, proxy_inquiry
):
    notice = issue_waiting(login(front_desk), proxy_item, proxy_inquiry)
    form_material = material(proxy_item, "食品经营许可申请书")
    response = login(handler).post(
        visit_url(notice), {"not_applicable": [form_material.pk], f"reason-{form_material.pk}": ""}
    )
    assert response.status_code == 200
    assert response.context["visit_form"].errors[f"reason-{form_material.pk}"]
    assert not NoticeVisit.objects.exists()


def test_a_complete_notice_takes_no_settling(login, front_desk, handler, proxy_item, proxy_inquiry):
    notice = issue_waiting(login(front_desk), proxy_item, proxy_inquiry)
    proxy = material(proxy_item, PROXY)
    client = login(handler)
    client.post(
        visit_url(notice),
        {"brought": [material(proxy_item, "食品经营许可申请书").pk, proxy.pk]},
    )
    response = client.post(visit_url(notice), {"not_applicable": [proxy.pk], f"reason-{proxy.pk}": "本人"})
    assert response.status_code == 302
    assert NoticeVisit.objects.count() == 1
    assert notice.materials.get(name=PROXY).state == MaterialState.BROUGHT


def test_who_may_not_record_cannot_settle(login, front_desk, supervisor, proxy_item, proxy_inquiry):
    notice = issue_waiting(login(front_desk), proxy_item, proxy_inquiry)
    proxy = material(proxy_item, PROXY)
    response = login(supervisor).post(
        visit_url(notice), {"not_applicable": [proxy.pk], f"reason-{proxy.pk}": "本人"}
    )
    assert response.status_code == 403
    assert notice.materials.get(name=PROXY).outstanding


def test_another_section_gets_404(login, front_desk, make_staff, other_department, proxy_item, proxy_inquiry):
    notice = issue_waiting(login(front_desk), proxy_item, proxy_inquiry)
    proxy = material(proxy_item, PROXY)
    outsider = make_staff(Role.HANDLER, department=other_department)
    response = login(outsider).post(
        visit_url(notice), {"not_applicable": [proxy.pk], f"reason-{proxy.pk}": "本人"}
    )
    assert response.status_code == 404


def test_the_notice_page_with_settled_materials_costs_a_bounded_number_of_queries(
    login, front_desk, handler, proxy_item, proxy_inquiry, django_assert_max_num_queries
):
    notice = issue_waiting(login(front_desk), proxy_item, proxy_inquiry)
    proxy = material(proxy_item, PROXY)
    client = login(handler)
    client.post(visit_url(notice), {"not_applicable": [proxy.pk], f"reason-{proxy.pk}": "本人"})
    with django_assert_max_num_queries(23):
        assert client.get(f"/notices/{notice.pk}/").status_code == 200
