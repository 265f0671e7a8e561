"""The UI is in Simplified Chinese by default, English on request, remembered."""

import ast

from django.conf import settings


def test_pages_are_in_simplified_chinese_by_default(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="zh-hans"' in page
    assert "机关效能建设管理系统" in page
    assert "登录" in page


def test_switching_to_english_is_remembered_by_cookie(client, login, front_desk):
    client = login(front_desk)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["max-age"] == settings.LANGUAGE_COOKIE_AGE
    page = client.get("/").content.decode()
    assert '<html lang="en"' in page
    assert "Log out" in page
    assert "退出" not in page


def test_an_unknown_language_is_ignored_not_an_error(client, db):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert "机关效能建设管理系统" in client.get("/accounts/login/").content.decode()


def _unescape(po_string: str) -> str:
    return ast.literal_eval(f'"{po_string}"')


def _po_entries(text: str):
    """(msgid, [msgstr...], fuzzy) for each entry of a .po file."""
    for block in text.split("\n\n"):
        fuzzy = "#, fuzzy" in block
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith('"'):
                fields[key] += line[1:-1]
            else:
                key, _sep, rest = line.partition(" ")
                fields[key] = rest[1:-1]
        if fields.get("msgid"):
            strings = [value for name, value in fields.items() if name.startswith("msgstr")]
            yield fields["msgid"], fields.get("msgctxt"), strings, fuzzy


def test_every_message_in_the_chinese_catalogue_is_translated_and_compiled():
    """An empty msgstr shows English to a Chinese user; a stale .mo hides new ones."""
    import gettext

    locale_dir = settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"
    entries = list(_po_entries((locale_dir / "django.po").read_text(encoding="utf-8")))
    assert len(entries) > 50
    missing = [msgid for msgid, _ctx, strings, fuzzy in entries if fuzzy or not all(strings)]
    assert not missing, f"untranslated or fuzzy: {missing[:10]}"
    with open(locale_dir / "django.mo", "rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    for msgid, context, strings, _fuzzy in entries:
        source = _unescape(msgid)
        compiled = catalogue.pgettext(context, source) if context else catalogue.gettext(source)
        if len(strings) == 1:
            assert compiled == _unescape(strings[0]), f".mo is stale for {msgid!r}"
