from django.urls import path

from smeforum.public import opportunities, results, views

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
    path(
        "forums/<slug:series>/<int:number>/opportunities/",
        opportunities.opportunity_list,
        name="opportunities",
    ),
    path(
        "forums/<slug:series>/<int:number>/opportunities/<int:pk>/",
        opportunities.opportunity_detail,
        name="opportunity",
    ),
]

# Results dashboards, fact sheets and outcome downloads (smeforum.public.results).
urlpatterns += [
    path("forums/<slug:series>/results/", results.series_results, name="series_results"),
    path(
        "forums/<slug:series>/<int:number>/results/",
        results.edition_results,
        name="edition_results",
    ),
    path("forums/<slug:series>/factsheet/", results.series_factsheet, name="series_factsheet"),
    path(
        "forums/<slug:series>/<int:number>/factsheet/",
        results.edition_factsheet,
        name="edition_factsheet",
    ),
    path(
        "forums/<slug:series>/factsheet.pdf",
        results.series_factsheet_pdf,
        name="series_factsheet_pdf",
    ),
    path(
        "forums/<slug:series>/<int:number>/factsheet.pdf",
        results.edition_factsheet_pdf,
        name="edition_factsheet_pdf",
    ),
    path(
        "forums/<slug:series>/outcomes.<str:fmt>",
        results.series_outcomes_download,
        name="series_outcomes_download",
    ),
    path(
        "forums/<slug:series>/<int:number>/outcomes.<str:fmt>",
        results.edition_outcomes_download,
        name="edition_outcomes_download",
    ),
]
