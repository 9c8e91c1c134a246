from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from smeforum.api.urls import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("my/", include("smeforum.portal.urls")),
    path("", include("smeforum.public.urls")),
    prefix_default_language=False,
)
