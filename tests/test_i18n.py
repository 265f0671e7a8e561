"""The UI is in Simplified Chinese by default, English on request, remembered."""

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


def test_every_message_in_the_chinese_catalogue_is_translated_and_compiled():
    """An empty msgstr shows English to a Chinese user; a stale .mo hides new ones."""
    import gettext

    locale_dir = settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"
    po = (locale_dir / "django.po").read_text(encoding="utf-8")
    untranslated = []
    entries = po.split("\n\n")
    for entry in entries[1:]:
        if "#, fuzzy" in entry:
            untranslated.append(entry)
        elif 'msgstr ""' in entry and not any(
            line.startswith('"') for line in entry.split('msgstr ""', 1)[1].splitlines()
        ):
            if "msgstr[" not in entry:
                untranslated.append(entry)
    assert not untranslated, "untranslated or fuzzy:\n" + "\n---\n".join(untranslated[:10])
    catalogue = gettext.GNUTranslations(open(locale_dir / "django.mo", "rb"))
    for entry in entries[1:]:
        lines = [line for line in entry.splitlines() if not line.startswith("#")]
        if lines and lines[0].startswith('msgid "') and lines[0] != 'msgid ""' and "msgid_plural" not in entry:
            msgid = lines[0][len('msgid "') : -1].encode().decode("unicode_escape")
            if "msgctxt" in entry:
                continue
            assert catalogue.gettext(msgid) != msgid or msgid.isascii() is False, f".mo is stale for {msgid!r}"
