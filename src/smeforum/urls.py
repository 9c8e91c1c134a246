from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from smeforum.api.urls import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    # The back office signs in through the accounts pages (throttled, with two-factor).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("my/", include("smeforum.portal.urls")),
    path("", include("smeforum.public.urls")),
    prefix_default_language=False,
)
