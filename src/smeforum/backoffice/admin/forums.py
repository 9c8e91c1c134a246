"""Series, editions (themes, organisers, country roles, sessions), programme and figures."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from smeforum.accounts import queries
from smeforum.backoffice.admin.mixins import (
    DomainTabularInline,
    DomainWriteAdmin,
    related_filter,
)
from smeforum.backoffice.admin.permissions import InlinePermissionsMixin, RulesPermissionsMixin
from smeforum.forums.domain.editions import apply_default_country_roles, save_edition, save_series
from smeforum.forums.domain.figures import save_reported_figure
from smeforum.forums.domain.programme import save_session
from smeforum.forums.models import (
    Edition,
    EditionCountry,
    EditionOrganiser,
    EditionTheme,
    ForumSeries,
    ReportedFigure,
    Session,
    SessionRole,
    SessionTopic,
)

EditionListFilter = related_filter("series")


@admin.register(ForumSeries)
class ForumSeriesAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    def scope_queryset(self, request, queryset):
        return queryset.filter(pk__in=queries.series_with_permission(request.user))

    domain_save = staticmethod(save_series)

    list_display = (
        "name_en",
        "name_zh",
        "short_name_en",
        "host_city",
        "mechanism",
        "edition_count",
        "figures_link",
    )
    list_filter = ("mechanism",)
    search_fields = ("slug", "name_en", "name_zh", "short_name_en", "short_name_zh")
    list_select_related = ("host_city", "mechanism")
    autocomplete_fields = ("host_city", "mechanism")
    prepopulated_fields = {"slug": ("name_en",)}
    ordering = ("name_en",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                edition_count=Count("editions", distinct=True),
                figure_count=Count("reported_figures", distinct=True),
            )
        )

    @admin.display(description=_("editions"), ordering="edition_count")
    def edition_count(self, obj: ForumSeries) -> int:
        return obj.edition_count

    @admin.display(description=_("reported figures"), ordering="figure_count")
    def figures_link(self, obj: ForumSeries) -> str:
        url = reverse("admin:forums_reportedfigure_changelist")
        return format_html(
            '<a href="{}?{}">{}</a>',
            url,
            urlencode({"series__id__exact": obj.pk}),
            obj.figure_count,
        )


class EditionThemeInline(InlinePermissionsMixin, DomainTabularInline):
    view_permission = "forums.view_edition"
    change_permission = "forums.change_edition"
    model = EditionTheme
    fields = ("text_en", "text_zh", "source", "is_primary")
    autocomplete_fields = ("source",)


class EditionOrganiserInline(InlinePermissionsMixin, DomainTabularInline):
    view_permission = "forums.view_edition"
    change_permission = "forums.change_edition"
    model = EditionOrganiser
    fields = ("organisation", "role", "source")
    autocomplete_fields = ("organisation", "source")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class EditionCountryInline(InlinePermissionsMixin, DomainTabularInline):
    view_permission = "forums.view_edition"
    change_permission = "forums.change_edition"
    model = EditionCountry
    fields = ("country", "role", "source", "note")
    autocomplete_fields = ("source",)


class SessionInline(InlinePermissionsMixin, DomainTabularInline):
    view_permission = "forums.view_edition"
    change_permission = "forums.change_session"
    model = Session
    domain_save = staticmethod(save_session)
    fields = ("kind", "title_en", "day", "starts_at", "ends_at", "room", "is_sample")
    show_change_link = True
    ordering = ("day", "starts_at", "id")


@admin.register(Edition)
class EditionAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    """Every organiser of an edition sees it; its core data and publication need ``publish``;
    a new edition needs a series-wide ``publish`` role; deleting one, a platform admin."""

    edition_lookup = "pk"
    write_flag = "publish"
    domain_save = staticmethod(save_edition)

    list_display = (
        "__str__",
        "series",
        "number",
        "start_date",
        "end_date",
        "host_city",
        "format",
        "is_published",
        "session_count",
        "registration_count",
    )
    list_display_links = ("__str__",)
    list_filter = ("series", "format", "is_published")
    search_fields = ("series__name_en", "series__name_zh", "series__short_name_en", "venue")
    list_select_related = ("series", "host_city")
    autocomplete_fields = ("host_city",)
    date_hierarchy = "start_date"
    ordering = ("series__name_en", "number")
    inlines = (EditionThemeInline, EditionOrganiserInline, EditionCountryInline, SessionInline)
    actions = ("apply_default_country_roles_action",)
    fieldsets = (
        (None, {"fields": ("series", "number", "is_published")}),
        (_("When"), {"fields": ("start_date", "end_date", "dates_note", "time_zone")}),
        (_("Where"), {"fields": ("host_city", "venue", "format")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                session_count=Count("sessions", distinct=True),
                registration_count=Count("registrations", distinct=True),
            )
        )

    @admin.display(description=_("sessions"), ordering="session_count")
    def session_count(self, obj: Edition) -> int:
        return obj.session_count

    @admin.display(description=_("registrations"), ordering="registration_count")
    def registration_count(self, obj: Edition) -> int:
        return obj.registration_count

    @admin.action(
        description=_(
            "Apply default country roles (host + mechanism members on the edition's date)"
        ),
        permissions=("change",),
    )
    def apply_default_country_roles_action(self, request, queryset):
        if not request.user.is_superuser:
            queryset = queryset.filter(
                pk__in=queries.editions_with_permission(request.user, "publish")
            )
        for edition in queryset.select_related("series__mechanism", "host_city"):
            try:
                created = apply_default_country_roles(edition, actor=request.user)
            except ValidationError as exc:
                self.message_user(
                    request,
                    _("%(edition)s: %(error)s")
                    % {"edition": edition, "error": " ".join(exc.messages)},
                    messages.ERROR,
                )
                continue
            self.message_user(
                request,
                ngettext_lazy(
                    "%(edition)s: added %(count)d country role.",
                    "%(edition)s: added %(count)d country roles.",
                    "count",
                )
                % {"edition": edition, "count": len(created)},
                messages.SUCCESS,
            )


class SessionTopicInline(InlinePermissionsMixin, DomainTabularInline):
    view_permission = "forums.view_session"
    change_permission = "forums.change_session"
    model = SessionTopic
    fields = ("order", "title_en", "title_zh")


class SessionRoleInline(InlinePermissionsMixin, DomainTabularInline):
    view_permission = "forums.view_session"
    change_permission = "forums.change_session"
    model = SessionRole
    fields = ("order", "person", "role", "talk_title_en", "talk_title_zh")
    autocomplete_fields = ("person",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


@admin.register(Session)
class SessionAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    view_flags = ("programme", "outcomes", "publish")
    write_flag = "programme"
    domain_save = staticmethod(save_session)
    fk_select_related = {"edition": ("series",)}

    list_display = ("title_en", "edition", "kind", "day", "starts_at", "room", "is_sample")
    list_filter = (("edition", EditionListFilter), "kind", "is_sample")
    search_fields = ("title_en", "title_zh", "room")
    list_select_related = ("edition__series",)
    autocomplete_fields = ("source",)
    date_hierarchy = "day"
    ordering = ("edition__series__name_en", "edition__number", "day", "starts_at", "id")
    inlines = (SessionTopicInline, SessionRoleInline)
    fieldsets = (
        (None, {"fields": ("edition", "kind", "title_en", "title_zh")}),
        (_("When and where"), {"fields": ("day", "starts_at", "ends_at", "room")}),
        (_("Description"), {"fields": ("description_en", "description_zh")}),
        (_("Provenance"), {"fields": ("source", "is_sample")}),
    )


@admin.register(ReportedFigure)
class ReportedFigureAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    """Figures of one edition: ``publish`` on it; ranges and whole-series figures: a
    series-wide ``publish`` role."""

    write_flag = "publish"

    def scope_queryset(self, request, queryset):
        user = request.user
        editions = queries.editions_with_permission(user, "publish")
        return queryset.filter(
            Q(series__in=queries.series_with_permission(user, "publish"))
            | Q(first_edition__in=editions, last_edition=F("first_edition"))
        )

    domain_save = staticmethod(save_reported_figure)
    fk_select_related = {"first_edition": ("series",), "last_edition": ("series",)}

    list_display = ("__str__", "series", "scope", "session", "part_en", "source_column")
    list_filter = ("metric", "outcome_kind", "qualifier", "series")
    search_fields = (
        "part_en",
        "part_zh",
        "note_en",
        "external_id",
        "source__publisher",
        "source__title",
    )
    list_select_related = (
        "series",
        "first_edition__series",
        "last_edition__series",
        "session",
        "source",
        "outcome_kind",
    )
    autocomplete_fields = ("session", "source", "part_of", "conversion_of")
    ordering = ("series__name_en", "first_edition__number", "last_edition__number", "metric")
    fieldsets = (
        (
            _("Scope"),
            {
                "fields": (
                    "series",
                    "first_edition",
                    "last_edition",
                    "session",
                    "part_en",
                    "part_zh",
                ),
                "description": _(
                    "One edition: the same edition as first and last. A range: first and last. "
                    "The whole series: neither."
                ),
            },
        ),
        (
            _("Figure"),
            {
                "fields": (
                    "metric",
                    "outcome_kind",
                    "qualifier",
                    "value",
                    "currency",
                    "converted_from",
                )
            },
        ),
        (
            _("Related figures"),
            {
                "fields": ("part_of", "conversion_of"),
                "description": _(
                    "A sub-total names the published total it is part of; an amount converted "
                    "into another currency names the published amount it converts."
                ),
            },
        ),
        (_("Source"), {"fields": ("source", "external_id", "note_en", "note_zh")}),
    )

    def get_queryset(self, request):
        # The label of a figure names its outcome kind (lists, autocomplete, related figures).
        return super().get_queryset(request).select_related("outcome_kind")

    @admin.display(description=_("editions"))
    def scope(self, obj: ReportedFigure) -> str:
        if obj.first_edition_id is None:
            return str(_("whole series"))
        if obj.is_single_edition:
            return str(_("edition %(number)s") % {"number": obj.first_edition.number})
        return str(
            _("editions %(first)s to %(last)s")
            % {"first": obj.first_edition.number, "last": obj.last_edition.number}
        )

    @admin.display(description=_("source"), ordering="source__publisher")
    def source_column(self, obj: ReportedFigure) -> str:
        if obj.source.url:
            return format_html(
                '<a href="{}" rel="noopener" target="_blank">{}</a>', obj.source.url, obj.source
            )
        return str(obj.source)
