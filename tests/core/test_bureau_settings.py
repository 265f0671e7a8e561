"""The numbers a bureau sets (rules.md's table), with their defaults."""

from constance import config
from django.conf import settings

from core.bureau_settings import LABELS

RULES_MD_DEFAULTS = {
    "INQUIRY_NO_OUTCOME_FLAG_WD": 1,
    # Not in rules.md's table: the "within the set time" for a transfer.
    "TRANSFER_ACKNOWLEDGE_WD": 1,
    "CASE_REMIND_BEFORE_WD": 1,
    "HANDOVER_ACKNOWLEDGE_WD": 1,
    "COVER_URGENT_WD": 1,
    "ESCALATE_TO_SUPERVISOR_AFTER_WD": 2,
    "EXTENSION_DECISION_WD": 1,
    "EXTENSION_MAX_PERCENT": 100,
    "REFUSAL_CONFIRM_WD": 2,
    "COMPLAINT_ACCEPT_WD": 7,
    "COMPLAINT_ANSWER_WD": 15,
    "COMPLAINT_ANSWER_EXTENDED_WD": 30,
    # rules.md's second table: rule 7's cards and appeals.
    "RECORD_EXPLAIN_WD": 2,
    "CARD_RED_AFTER_WD": 5,
    "APPEAL_DECIDE_WD": 5,
    # rule 8: 7 natural days, then 基本满意.
    "RATING_DEFAULT_DAYS": 7,
    "RATING_DEFAULT_LEVEL": 3,
    "POOR_RATING_FOLLOW_UP_WD": 5,
    "UPHELD_COMPLAINTS_REMOVE_FROM_FRONT_DESK": 2,
    "WARNINGS_BAR_EXCELLENT": 1,
}


def test_every_setting_starts_at_the_default_of_rules_md(db):
    for name, default in RULES_MD_DEFAULTS.items():
        assert getattr(config, name) == default, name


def _form_data(client, **changes):
    page = client.get("/admin/constance/config/")
    form = page.context["form"]
    data = {name: form.initial[name] for name in RULES_MD_DEFAULTS}
    data.update({key: value for key, value in form.initial.items() if key.startswith("version")})
    data["version"] = form.initial["version"]
    data.update(changes)
    return data


def test_an_administrator_changes_a_number_and_it_takes_effect(login, administrator):
    client = login(administrator)
    response = client.post("/admin/constance/config/", _form_data(client, CASE_REMIND_BEFORE_WD=3))
    assert response.status_code == 302
    assert config.CASE_REMIND_BEFORE_WD == 3


def test_a_negative_or_non_numeric_value_is_refused_with_a_form_error(login, administrator):
    client = login(administrator)
    for bad in ("-1", "three"):
        response = client.post("/admin/constance/config/", _form_data(client, COMPLAINT_ANSWER_WD=bad))
        assert response.status_code == 200
        assert response.context["form"].errors["COMPLAINT_ANSWER_WD"]
    assert config.COMPLAINT_ANSWER_WD == 15


def test_roles_other_than_administrator_cannot_see_the_settings(login, chief, supervisor, front_desk):
    for staff in (chief, supervisor, front_desk):
        staff.user.is_staff = True  # even with admin access, the role decides
        staff.user.save(update_fields=["is_staff"])
        response = login(staff).get("/admin/constance/config/")
        assert response.status_code == 403, staff.roles


def test_the_page_is_titled_system_settings_and_names_each_setting_with_its_unit(login, administrator):
    client = login(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get("/admin/constance/config/").content.decode()
    assert "<title>系统设置" in page
    assert "Constance" not in page
    assert "姓名" not in page
    assert "设置项" in page
    assert "咨询无办理结果的标记时限" in page
    assert "<p>1 个工作日</p>" in page  # the default, with its unit
    assert "<p>100 %（占承诺时限）</p>" in page
    assert "INQUIRY_NO_OUTCOME_FLAG_WD\n" not in page  # the key is no longer the label
    index = client.get("/admin/").content.decode()
    assert "系统设置" in index


def test_the_settings_and_system_titles_are_english_for_english_readers(login, administrator):
    client = login(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/admin/constance/config/").content.decode()
    assert "<title>System settings" in page
    assert "Inquiry without an outcome flagged after" in page
    assert "1 working day(s)" in page
    index = client.get("/admin/").content.decode()
    assert ">System<" in index or "System</a>" in index


def test_every_setting_has_a_label():
    assert set(LABELS) == set(settings.CONSTANCE_CONFIG)
