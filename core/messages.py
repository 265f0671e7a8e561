"""Django's own messages that the bureau's catalogue words differently.

Django's Simplified Chinese says "确保该变量至少包含 4 字符" (变量 is a
programmer's word) and "文件扩展“exe”是不被允许": the project's catalogue
(LOCALE_PATHS, searched before Django's) gives them natural wording. The
msgids are repeated here, exactly as Django spells them, so that
``makemessages`` finds them in the source and keeps the overrides.
Nothing imports this module; it is only read by ``makemessages``.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

OVERRIDDEN = [
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    gettext_noop(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."
    ),
    gettext_noop("Null characters are not allowed."),
]
