from django.template import Context, Template

from core.masking import mask_id_number, mask_phone


def test_a_mobile_number_keeps_its_first_three_and_last_four_digits():
    assert mask_phone("13800138000") == "138****8000"


def test_a_short_number_is_masked_entirely():
    assert mask_phone("12345") == "*****"


def test_an_id_number_keeps_its_region_and_last_four():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("110105491231002") == "110105*****1002"


def test_nothing_stays_nothing():
    assert mask_phone("") == ""
    assert mask_id_number("") == ""


def test_the_template_filters_mask_the_same_way():
    rendered = Template("{% load masking %}{{ p|mask_phone }} {{ i|mask_id_number }}").render(
        Context({"p": "13800138000", "i": "11010519491231002X"})
    )
    assert rendered == "138****8000 110105********002X"
