"""The demo catalogue: realistic, complete, and the same after a second run."""

import pytest
from django.core.management import call_command
from django.db.models import F

from audit.models import AuditEvent
from commitments import demo
from commitments.models import BoardText, Material, ServiceItem, ServiceItemVersion
from org import demo as org_demo


@pytest.fixture
def seeded(db):
    org_demo.seed()
    return demo.seed()


def _state():
    return (
        list(
            ServiceItem.objects.order_by("code").values_list(
                "code", "department__code", "published", "current"
            )
        ),
        list(ServiceItemVersion.objects.order_by("pk").values_list("pk", "name", "committed_days")),
        list(Material.objects.order_by("pk").values_list("pk", "name")),
        list(BoardText.objects.order_by("kind").values_list("kind", "title", "body")),
        AuditEvent.objects.count(),
    )


def test_makes_a_believable_catalogue(seeded):
    items = ServiceItem.objects.published()
    assert items.count() >= 20
    versions = ServiceItemVersion.objects.filter(item__in=items)
    assert versions.filter(committed_days=0).count() >= 4
    assert versions.filter(committed_days__lt=F("statutory_days"), committed_days__gt=0).count() >= 8
    by_section = {
        code: items.filter(department__code=code).count()
        for code in ["approval", "market", "legal", "finance", "office"]
    }
    assert all(by_section.values()), by_section
    assert by_section["approval"] == max(by_section.values())
    for item in items.with_current():
        version = item.current
        assert 2 <= len(version.materials.all()) <= 6, item.code
        assert "第" in version.basis and "条" in version.basis, item.code
        assert version.conditions and version.procedure and version.place and version.hours, item.code
        assert "0571-8800-1006" in version.complaint_channel


def test_writes_the_four_commitment_texts_with_the_efficiency_complaint_phone(seeded):
    texts = {text.kind: text for text in BoardText.objects.all()}
    assert set(texts) == set(BoardText.Kind.values)
    assert [text.title for text in BoardText.objects.all()] == [
        "服务标准",
        "服务承诺",
        "违诺处理",
        "投诉方式",
    ]
    assert "0571-8800-1006" in texts[BoardText.Kind.COMPLAINTS].body
    assert "效能监督室" in texts[BoardText.Kind.COMPLAINTS].body


def test_running_twice_changes_nothing(seeded):
    first = _state()
    summary = demo.seed()
    assert _state() == first
    assert "0 new" in summary
    assert "\n" not in summary


def test_an_existing_item_or_text_is_left_as_the_bureau_changed_it(seeded):
    BoardText.objects.filter(kind=BoardText.Kind.PROMISES).update(body="本局自己的承诺")
    ServiceItem.objects.filter(code="XK-001").update(published=False)
    demo.seed()
    assert BoardText.objects.get(kind=BoardText.Kind.PROMISES).body == "本局自己的承诺"
    assert not ServiceItem.objects.get(code="XK-001").published


def test_seed_demo_runs_it_after_the_org_demo(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert output.index("org:") < output.index("commitments:")
    assert ServiceItem.objects.count() >= 20
