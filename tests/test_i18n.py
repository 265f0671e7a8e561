"""The UI is in Simplified Chinese by default, English on request, remembered."""

import ast
import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import makemessages


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


# The same ignores as the documented `makemessages` command line.
MAKEMESSAGES_IGNORES = [".venv", "var", "static", "tests", "node_modules"]


def _files_under(folder):
    return {
        path: (path.stat().st_mtime_ns, path.read_bytes()) for path in folder.rglob("*") if path.is_file()
    }


def test_the_chinese_catalogue_holds_every_string_of_the_source(settings, tmp_path, monkeypatch):
    """A string marked in the code but missing from django.po shows English to a Chinese user.

    makemessages runs on a copy of locale/, so the repository's catalogue is never rewritten.
    """
    missing_tools = [tool for tool in ("xgettext", "msgmerge", "msguniq") if shutil.which(tool) is None]
    if missing_tools:
        reason = f"GNU gettext is not installed ({', '.join(missing_tools)} not found)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: CI must install gettext to check the catalogue")
        pytest.skip(f"{reason}: install gettext to check the catalogue against the source")

    repository_locale = settings.BASE_DIR / "locale"
    repository_files = _files_under(repository_locale)
    copy = tmp_path / "locale"
    shutil.copytree(repository_locale, copy)
    regenerated = copy / "zh_Hans" / "LC_MESSAGES" / "django.po"
    os.utime(regenerated, ns=(0, 0))
    settings.LOCALE_PATHS = [copy]
    monkeypatch.chdir(settings.BASE_DIR)

    # Run from BASE_DIR, makemessages also adopts ./locale and, since that folder's parent
    # holds every source file, would write their strings there: send them to the copy.
    find_files = makemessages.Command.find_files

    def find_files_for_the_copy(command, root):
        files = find_files(command, root)
        command.locale_paths = [str(copy)]
        for translatable in files:
            translatable.locale_dir = str(copy)
        return files

    monkeypatch.setattr(makemessages.Command, "find_files", find_files_for_the_copy)

    call_command(
        "makemessages",
        locale=["zh_Hans"],
        ignore_patterns=MAKEMESSAGES_IGNORES,
        no_obsolete=True,
        verbosity=0,
    )

    assert regenerated.stat().st_mtime_ns != 0, "makemessages did not regenerate the copy"
    assert _files_under(repository_locale) == repository_files, (
        "makemessages touched the repository's locale/"
    )
    assert not list(copy.rglob("*.pot")), "makemessages left a .pot file behind"
    entries = list(_po_entries(regenerated.read_text(encoding="utf-8")))
    assert len(entries) > 50
    offenders = [
        f"{msgid} (fuzzy)" if fuzzy else msgid
        for msgid, _ctx, strings, fuzzy in entries
        if fuzzy or not all(strings)
    ]
    assert not offenders, (
        f"{len(offenders)} strings of the source are untranslated or fuzzy in the Chinese catalogue: run "
        f"makemessages, translate them, then compilemessages. The first: {offenders[:10]}"
    )


def test_a_browser_that_prefers_english_still_gets_chinese_until_the_user_switches(client, db):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans"' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="en"' in page


def test_the_api_answers_in_the_language_its_caller_asks_for(api, handler):
    response = api(handler).get(
        "/api/v1/calendar/add-working-days/", {"start": "2026-12-31", "days": 1}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "2027" in response.json()["detail"]
    assert "has not been entered" in response.json()["detail"]
