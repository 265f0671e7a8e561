"""Django's messages as the bureau's users read them: no programmer's words."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils import translation
from django.utils.translation import trans_real


def test_no_active_chinese_message_calls_the_users_input_a_variable():
    catalog = trans_real.translation("zh-hans")._catalog
    # The first catalogue that holds a msgid wins: the project's, then the apps', then Django's.
    keys = {key for cat in catalog._catalogs for key in cat}
    wordy = sorted(str(key) for key in keys if "变量" in catalog[key])
    assert wordy == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (forms.CharField(min_length=4), "12", "请至少输入 4 个字符（现在是 2 个）。"),
        (forms.CharField(max_length=3), "12345", "最多只能输入 3 个字符（现在是 5 个）。"),
    ],
)
def test_length_messages_read_naturally(field, value, message):
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as raised:
            field.clean(value)
        assert raised.value.messages == [message]


def test_a_refused_file_extension_reads_naturally():
    validator = FileExtensionValidator(["pdf", "jpg"])
    upload = type("Upload", (), {"name": "setup.exe"})()
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as raised:
            validator(upload)
        assert raised.value.messages == ["不接受扩展名为“exe”的文件。可以上传的扩展名：pdf, jpg。"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (forms.CharField(min_length=4), "12", "Enter at least 4 characters (you entered 2)."),
        (forms.CharField(min_length=1, max_length=1), "12", "Enter at most 1 character (you entered 2)."),
    ],
)
def test_length_messages_read_naturally_in_english_too(field, value, message):
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            field.clean(value)
        assert raised.value.messages == [message]
