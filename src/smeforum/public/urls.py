from django.urls import path

from smeforum.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("forums/<slug:series>/", views.series_detail, name="series"),
    path("forums/<slug:series>/<int:number>/", views.edition_detail, name="edition"),
    path(
        "forums/<slug:series>/<int:number>/sessions/<int:pk>/",
        views.session_detail,
        name="session",
    ),
]
