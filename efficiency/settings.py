"""Settings for the efficiency system.

Everything a bureau changes between machines comes from the environment
(see docs/deploy.md). With nothing set, the system runs embedded: a SQLite
file and a Celery broker in a folder, both under ``DATA_DIR``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from efficiency.env import env_bool, env_int, env_list, env_str, load_dotenv_file

BASE_DIR = Path(__file__).resolve().parent.parent
# A local .env (written by dev.py for the embedded default) never overrides
# the real environment.
load_dotenv_file(BASE_DIR / ".env")
DATA_DIR = BASE_DIR / env_str("DATA_DIR", "var")  # relative paths are under the project
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY and env_bool("EFFICIENCY_OFFLINE_COMMAND", False):
    # makemigrations and the like (manage.py's OFFLINE_COMMANDS) sign nothing.
    SECRET_KEY = "offline-command-" + "x" * 50
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see docs/deploy.md).")
    SECRET_KEY = "dev-only-" + "x" * 50

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "core.errorpages.csrf_failure"
# The site's public address (https://xiaoneng.bureau.example), for links in
# email and SMS, which leave the site. Empty: such links are left out.
SITE_URL = env_str("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "captcha",
    "core.apps.BureauSettingsConfig",  # django-constance, titled 系统设置
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    # Shared services, then the org model, then one app per rule.
    "core",
    "audit",
    "workdays",
    "messaging",
    "org",
    "apitokens",
    "commitments",
    "abpositions",
    "deadlines",
    "inquiries",
    "notifications",
    "refusals",
    "accountability",
    "evaluation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.BureauLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "org.middleware.StaffRecordRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "efficiency.urls"
WSGI_APPLICATION = "efficiency.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "org.context_processors.shell",
                "messaging.context_processors.inbox",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'efficiency.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the embedded worker writes, and
    # IMMEDIATE transactions wait for the lock instead of failing mid-way.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory: the test that runs a real worker process must see
    # it. One per process, so that two test runs never share one.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: rate limits (public tracking, API token) count here ------------
# Several web processes must share one count: set CACHE_URL=redis://...
# Embedded, the one web process keeps it in memory.
CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Authentication -------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Password guessing: five failures for one username from one address locks
# that pair out for fifteen minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# API tokens (django-rest-knox): only a hash is stored, each expires.
KNOX_TOKEN_MODEL = "apitokens.ApiToken"
# knox's migrations would make its own token table beside ours, never used.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 90)
if API_TOKEN_TTL_DAYS < 1:
    raise ImproperlyConfigured(f"API_TOKEN_TTL_DAYS must be 1 or more; got {API_TOKEN_TTL_DAYS}")
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_TTL": timedelta(days=API_TOKEN_TTL_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
}

# --- The client's address -------------------------------------------------
# How many reverse proxies in front of the site append to X-Forwarded-For.
# 0: the header is the client's to forge and is ignored. The one rule
# (core.http.client_ip) serves login lockouts, API throttles and rate limits.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 1 if env_bool("BEHIND_PROXY", False) else 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES must be 0 or more; got {TRUSTED_PROXIES}")
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
RATELIMIT_IP_META_KEY = "core.http.client_ip"

# --- The public complaint form's challenge (django-simple-captcha) -----------
# Offline, no outside service: a small sum drawn as an image, easy to read and
# answer on a phone's number pad. Long enough to write a complaint before it
# expires. Tests turn on the library's test mode per test, never here.
CAPTCHA_CHALLENGE_FUNCT = "accountability.forms_complaints.sum_challenge"
CAPTCHA_TIMEOUT = 30  # minutes
CAPTCHA_FONT_SIZE = 30
CAPTCHA_IMAGE_SIZE = (130, 48)
CAPTCHA_LETTER_ROTATION = (-10, 10)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)

# --- Language and time ----------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at every start when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATICFILES_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"

# --- HTTPS ----------------------------------------------------------------
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 10 * 3600)

# --- Mail and SMS ---------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "efficiency@localhost")
# A bureau plugs in its SMS gateway by naming a class with ``send(phone, text)``.
SMS_BACKEND = env_str("SMS_BACKEND", "messaging.sms.LogSMSBackend")

# --- Celery ---------------------------------------------------------------
BROKER_DIR = DATA_DIR / "broker"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_TIMEZONE = TIME_ZONE

# --- API ------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first, so that a request with no credentials gets 401 with a
    # WWW-Authenticate header rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apitokens.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.schema.AutoSchema",
    "DEFAULT_PARSER_CLASSES": [
        "core.api.JSONObjectParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DATE_FORMAT": "%Y-%m-%d",
    "DEFAULT_THROTTLE_RATES": {
        "token": "20/min",
        "public": "30/min",
        "complaint": "5/hour",
        # Rule 8: ratings sent without login, per address (the public rating page's limit too).
        "rating": "20/hour",
    },
    # For any throttle not built on core.http.ClientAddressThrottleMixin.
    "NUM_PROXIES": TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "机关效能建设 API",
    "DESCRIPTION": "The public API of the efficiency system (the guide: docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several apps have a "kind" and an "outcome": each enum gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "CaseKindEnum": "deadlines.models.CaseKind",
        "InquiryKindEnum": "inquiries.models.InquiryKind",
        "InquiryOutcomeEnum": "inquiries.models.Outcome",
        "NoticeKindEnum": "notifications.models.NoticeKind",
        "BreachOutcomeEnum": "commitments.models.BreachOutcome",
        "AbsenceKindEnum": "abpositions.models.AbsenceKind",
        "RefusalKindEnum": "refusals.models.RefusalKind",
        "RecordOutcomeEnum": "accountability.models.Outcome",
        "RecordStatusEnum": "accountability.models.RecordStatus",
        "AppealStatusEnum": "accountability.models.AppealStatus",
        "ComplaintStatusEnum": "accountability.models.ComplaintStatus",
        "ComplaintChannelEnum": "accountability.models.ComplaintChannel",
        "ChannelEnum": "inquiries.models.Channel",
        "RatingLevelEnum": "evaluation.models.Level",
    },
}

# --- The numbers a bureau sets (rules.md), editable in the admin ----------
CONSTANCE_BACKEND = "constance.backends.database.DatabaseBackend"
# The administrator role's group holds constance.change_config; no superuser needed.
CONSTANCE_SUPERUSER_ONLY = False
CONSTANCE_ADDITIONAL_FIELDS = {
    "working_days": ["django.forms.IntegerField", {"min_value": 0, "max_value": 365}],
    "percent": ["django.forms.IntegerField", {"min_value": 0, "max_value": 1000}],
    "count": ["django.forms.IntegerField", {"min_value": 0, "max_value": 100}],
    "days": ["django.forms.IntegerField", {"min_value": 1, "max_value": 365}],
    "rating_level": ["django.forms.IntegerField", {"min_value": 1, "max_value": 5}],
}
CONSTANCE_CONFIG = {
    "BUREAU_NAME": ("", _("The bureau's name, printed on receipts and notices"), str),
    # The remedies a refusal notice names (Administrative Licensing Law art. 38).
    "RECONSIDERATION_BODIES": (
        "XX市人民政府 或 XX省XX厅",
        _("Where an applicant may apply for administrative reconsideration of a refusal (rule 6)"),
        str,
    ),
    "LITIGATION_COURT": (
        "XX区人民法院",
        _("The court where an applicant may bring an administrative lawsuit against a refusal (rule 6)"),
        str,
    ),
    "EFFICIENCY_COMPLAINT_CONTACT": (
        "本局效能监督室（电话 XXXX-XXXXXXXX）",
        _("How to complain about the bureau's efficiency, printed on refusal notices (rule 6)"),
        str,
    ),
    "INQUIRY_NO_OUTCOME_FLAG_WD": (
        1,
        _("Working days after which an inquiry with no outcome is flagged (rule 1)"),
        "working_days",
    ),
    "TRANSFER_ACKNOWLEDGE_WD": (
        1,
        _("Working days within which a handler acknowledges an inquiry transferred to them (rule 1)"),
        "working_days",
    ),
    "HANDOVER_ACKNOWLEDGE_WD": (
        1,
        _("Working days within which an A holder back from an absence acknowledges the handover (rule 4)"),
        "working_days",
    ),
    "COVER_URGENT_WD": (
        1,
        _(
            "A matter of an absent A holder due within these working days is urgent: "
            "B acts on it with the chief's consent (rule 4)"
        ),
        "working_days",
    ),
    "CASE_REMIND_BEFORE_WD": (
        1,
        _("Working days before the due date to remind the handler (rule 2)"),
        "working_days",
    ),
    "ESCALATE_TO_SUPERVISOR_AFTER_WD": (
        2,
        _(
            "Working days after the due date to escalate an overdue case to the supervisor; "
            "the section chief is told at the due date (rule 2)"
        ),
        "working_days",
    ),
    "EXTENSION_DECISION_WD": (
        1,
        _("Working days the section chief has to decide an extension request (rule 2)"),
        "working_days",
    ),
    "EXTENSION_MAX_PERCENT": (
        100,
        _("An extension may add at most this percentage of the committed time limit (rule 2)"),
        "percent",
    ),
    "REFUSAL_CONFIRM_WD": (
        2,
        _("Working days the section chief has to confirm a filed refusal (rule 6)"),
        "working_days",
    ),
    "COMPLAINT_ACCEPT_WD": (
        7,
        _("Working days to accept or decline an efficiency complaint (rule 7)"),
        "working_days",
    ),
    "COMPLAINT_ANSWER_WD": (
        15,
        _("Working days after acceptance to answer an efficiency complaint (rule 7)"),
        "working_days",
    ),
    "COMPLAINT_ANSWER_EXTENDED_WD": (
        30,
        _("Working days to answer an efficiency complaint when extended (rule 7)"),
        "working_days",
    ),
    "RECORD_EXPLAIN_WD": (
        2,
        _("Working days for the person responsible to explain a yellow card (rule 7)"),
        "working_days",
    ),
    "CARD_RED_AFTER_WD": (
        5,
        _("Working days after which a yellow card still undecided turns red (rule 7)"),
        "working_days",
    ),
    "APPEAL_DECIDE_WD": (
        5,
        _("Working days for a supervisor to decide an appeal against a card (rule 7)"),
        "working_days",
    ),
    "RATING_DEFAULT_DAYS": (
        7,
        _("Days after completion before an unrated case gets the default rating (rule 8)"),
        "days",
    ),
    "RATING_DEFAULT_LEVEL": (
        3,
        _("The default rating, 1 to 5 (3 = basically satisfied) (rule 8)"),
        "rating_level",
    ),
    "POOR_RATING_FOLLOW_UP_WD": (
        5,
        _("Working days to follow up a poor rating (rule 8)"),
        "working_days",
    ),
    "UPHELD_COMPLAINTS_REMOVE_FROM_FRONT_DESK": (
        2,
        _("Upheld complaints in a year that remove a staff member from a front-desk post"),
        "count",
    ),
    "WARNINGS_BAR_EXCELLENT": (
        1,
        _("Efficiency warnings in a year that bar an 'excellent' annual rating"),
        "count",
    ),
}
# A tuple keeps the order and lets the titles stay lazy (translated).
CONSTANCE_CONFIG_FIELDSETS = (
    (_("The bureau"), ("BUREAU_NAME",)),
    (
        _("Refusal notices"),
        ("RECONSIDERATION_BODIES", "LITIGATION_COURT", "EFFICIENCY_COMPLAINT_CONTACT"),
    ),
    (
        _("Inquiries and cases"),
        (
            "INQUIRY_NO_OUTCOME_FLAG_WD",
            "TRANSFER_ACKNOWLEDGE_WD",
            "CASE_REMIND_BEFORE_WD",
            "ESCALATE_TO_SUPERVISOR_AFTER_WD",
            "EXTENSION_DECISION_WD",
            "EXTENSION_MAX_PERCENT",
        ),
    ),
    (_("A/B posts"), ("HANDOVER_ACKNOWLEDGE_WD", "COVER_URGENT_WD")),
    (
        _("Refusals and complaints"),
        ("REFUSAL_CONFIRM_WD", "COMPLAINT_ACCEPT_WD", "COMPLAINT_ANSWER_WD", "COMPLAINT_ANSWER_EXTENDED_WD"),
    ),
    (_("Accountability"), ("RECORD_EXPLAIN_WD", "CARD_RED_AFTER_WD", "APPEAL_DECIDE_WD")),
    (
        _("Evaluation"),
        (
            "RATING_DEFAULT_DAYS",
            "RATING_DEFAULT_LEVEL",
            "POOR_RATING_FOLLOW_UP_WD",
            "UPHELD_COMPLAINTS_REMOVE_FROM_FRONT_DESK",
            "WARNINGS_BAR_EXCELLENT",
        ),
    ),
)

# --- Logging --------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"refused_without_traceback": {"()": "core.errorpages.RefusedWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's own handlers for "django" (a console one in DEBUG,
        # mail_admins with no ADMINS set): the root prints each record once.
        "django": {"level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
        # A 403 is an answer, not a fault: one line, no traceback.
        "django.request": {"filters": ["refused_without_traceback"]},
        # axes logs every login at INFO, which drowns everything else.
        "axes": {"level": "WARNING"},
        # A line per task received and per task done: hundreds an hour, read
        # by no one; the jobs' summaries (core.JobRun, /healthz) say what was
        # done. TASK_LOG_LEVEL=INFO brings them back.
        "celery.app.trace": {"level": env_str("TASK_LOG_LEVEL", "WARNING")},
        "celery.worker.strategy": {"level": env_str("TASK_LOG_LEVEL", "WARNING")},
        # Preparing the PDF font narrates each table it rewrites.
        "fontTools": {"level": "WARNING"},
        "constance.migrations": {"level": "WARNING"},
    },
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # A folder broker has no host; kombu warns of that at every connection.
    LOGGING["loggers"]["kombu.connection"] = {"level": "ERROR"}
