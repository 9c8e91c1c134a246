"""Django settings for smeforum. All environment input comes through :mod:`smeforum.config`."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from smeforum.config import Config

CONFIG = Config.from_env()
PACKAGE_DIR = Path(__file__).resolve().parent

DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = CONFIG.allowed_hosts
DATA_DIR = CONFIG.data_dir

INSTALLED_APPS = [
    # Django
    "smeforum.backoffice.apps.BackofficeAdminConfig",  # django.contrib.admin, our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Third party
    "rules.apps.AutodiscoverRulesConfig",
    "axes",  # locks out repeated wrong passwords
    "ninja",  # serves the API docs' Swagger UI from vendored static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    # Data apps (leaves first; see docs/architecture.md)
    "smeforum.audit",
    "smeforum.reference",
    "smeforum.orgs",
    "smeforum.forums",
    "smeforum.participants",
    "smeforum.accounts",
    "smeforum.money",
    "smeforum.scheduling",
    "smeforum.matchmaking",
    "smeforum.outcomes",
    "smeforum.reporting",
    # Surface apps
    "smeforum.public",
    "smeforum.backoffice",
    "smeforum.portal",
    "smeforum.api",
    "smeforum.demo",
    # Accounts (django-allauth): after our apps so the site's templates override theirs.
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "smeforum.backoffice.middleware.StaffIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "smeforum.backoffice.middleware.StaffTwoFactorMiddleware",
]

ROOT_URLCONF = "smeforum.urls"
WSGI_APPLICATION = "smeforum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(CONFIG.database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if CONFIG.redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CONFIG.redis_url,
        }
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): sign in with email and password; a new account confirms its email
# before it can sign in; password reset and signup replies never reveal whether an email is
# known. Throttling of wrong passwords is django-axes' (below), so allauth's own
# "login_failed" limit is off; its other rate limits stay.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[smeforum] "
ACCOUNT_RATE_LIMITS = {"login_failed": None}
ACCOUNT_ADAPTER = "smeforum.accounts.signin.AccountAdapter"
# Two-factor authentication: TOTP (with recovery codes); organiser staff must have it.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "smeforum"
#: Organiser staff must have TOTP turned on before the back office opens.
SMEFORUM_REQUIRE_STAFF_TOTP = True
DEFAULT_FROM_EMAIL = CONFIG.default_from_email
#: Whether anyone may create an account (participants registering themselves); off: only
#: organisers' invitations create accounts.
SMEFORUM_OPEN_SIGNUP = CONFIG.open_signup
#: The address of the site, for links in emails sent by workers (no request to ask).
SMEFORUM_SITE_URL = CONFIG.site_url
#: A multilingual sentence-embedding model installed locally (a sentence-transformers model
#: directory) that partner recommendations use besides character n-grams; empty: none. It is
#: never downloaded.
SMEFORUM_EMBEDDING_MODEL = CONFIG.embedding_model
#: Days an invitation link stays valid.
SMEFORUM_INVITATION_DAYS = 14

EMAIL_BACKEND = CONFIG.email_url or "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = CONFIG.email_host
EMAIL_PORT = CONFIG.email_port
EMAIL_HOST_USER = CONFIG.email_host_user
EMAIL_HOST_PASSWORD = CONFIG.email_host_password
EMAIL_USE_TLS = CONFIG.email_use_tls

# Security headers; `smeforum manage check --deploy` is clean with SMEFORUM_DEBUG off.
SECURE_SSL_REDIRECT = CONFIG.secure_ssl_redirect
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = CONFIG.hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
X_FRAME_OPTIONS = "DENY"

# Login throttling (django-axes): 10 wrong passwords for one account, or from one address, lock it
# for 15 minutes, whether or not the account exists: the replies do not reveal known emails.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "smeforum.accounts.signin.login_identity"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
#: Staff sessions end after this many idle seconds.
SMEFORUM_STAFF_IDLE_SECONDS = 30 * 60
# Content Security Policy: every script and style is a vendored static file. The Django admin
# still writes a few style attributes, hence 'unsafe-inline' for styles (never for scripts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO" if DEBUG else "WARNING"},
}

#: Page size for every public list.
SMEFORUM_PAGE_SIZE = 25

#: Reports: relative tolerance of approximate published figures ("about", "nearly", "over").
SMEFORUM_APPROXIMATE_TOLERANCE: Decimal = Decimal("0.10")
#: Reports: relative tolerance of a published currency conversion against the ECB rate.
SMEFORUM_CONVERSION_TOLERANCE: Decimal = Decimal("0.01")
