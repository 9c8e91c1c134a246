"""Outcomes: projects, memoranda, agreements and sister-city links signed at (or between)
editions, with their parties, amounts, links and dated status history."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from smeforum.accounts import queries
from smeforum.audit.domain import save_record
from smeforum.backoffice.admin import outcome_trace
from smeforum.backoffice.admin.mixins import (
    DomainStackedInline,
    DomainTabularInline,
    DomainWriteAdmin,
    related_filter,
)
from smeforum.backoffice.admin.permissions import InlinePermissionsMixin, RulesPermissionsMixin
from smeforum.outcomes.domain.outcomes import (
    add_amount,
    add_link,
    add_party,
    change_outcome_status,
    record_outcome,
    save_outcome,
    set_outcome_fields,
    set_outcome_meetings,
)
from smeforum.outcomes.domain.sister_cities import SISTER_CITY_KIND, advance_sister_city_link
from smeforum.outcomes.models import (
    Outcome,
    OutcomeAmount,
    OutcomeLink,
    OutcomeParty,
    OutcomeStatusChange,
    SisterCityLink,
)
from smeforum.outcomes.queries import meeting_choices, meeting_label

EditionListFilter = related_filter("series")


def _adopt(target: models.Model, saved: models.Model) -> models.Model:
    """Make the admin's unsaved ``target`` the row a domain function just created as ``saved``
    (the admin goes on with ``target``: inlines, many-to-many, the redirect)."""
    target.pk = saved.pk
    target._state.adding = False
    target._state.db = saved._state.db
    return target


# Writers used by the forms: the domain functions, chosen by what the form changed.


def save_outcome_from_form(outcome: Outcome, *, actor=None) -> Outcome:
    """A new outcome is recorded with ``record_outcome`` (its first status entry with it).
    A changed status goes through ``change_outcome_status``, dated today, so the history
    grows; the other fields through ``save_outcome``."""
    if outcome._state.adding:
        recorded = record_outcome(
            outcome.series,
            kind=outcome.kind,
            title=outcome.title,
            title_en=outcome.title_en,
            edition=outcome.edition,
            session=outcome.session,
            signed_on=outcome.signed_on,
            status=outcome.status,
            external_id=outcome.external_id,
            note=outcome.note,
            is_sample=outcome.is_sample,
            actor=actor,
        )
        return _adopt(outcome, recorded)
    stored_status = Outcome.objects.filter(pk=outcome.pk).values_list("status", flat=True).get()
    if stored_status == outcome.status:
        return save_outcome(outcome, actor=actor)
    new_status = outcome.status
    try:
        with transaction.atomic():
            outcome.status = stored_status
            save_outcome(outcome, actor=actor)
            change_outcome_status(outcome, status=new_status, on=timezone.localdate(), actor=actor)
    finally:
        outcome.status = new_status
    return outcome


def save_party(party: OutcomeParty, *, actor=None) -> OutcomeParty:
    if not party._state.adding:
        return save_record(party, actor=actor)
    added = add_party(
        party.outcome,
        country=party.country,
        organisation=party.organisation,
        city=party.city,
        name=party.name,
        role=party.role,
        actor=actor,
    )
    return _adopt(party, added)


def save_amount(amount: OutcomeAmount, *, actor=None) -> OutcomeAmount:
    if not amount._state.adding:
        return save_record(amount, actor=actor)
    added = add_amount(
        amount.outcome,
        amount=amount.amount,
        currency=amount.currency,
        amount_kind=amount.amount_kind,
        actor=actor,
    )
    return _adopt(amount, added)


def save_link(link: OutcomeLink, *, actor=None) -> OutcomeLink:
    if not link._state.adding:
        return save_record(link, actor=actor)
    return _adopt(link, add_link(link.outcome, url=link.url, label=link.label, actor=actor))


def save_sister_city_link(link: SisterCityLink, *, actor=None) -> SisterCityLink:
    """A new stage goes through ``advance_sister_city_link``; anything else is saved (and
    validated: two countries, a Chinese city in China) by the generic writer."""
    if not link._state.adding:
        stored_stage = (
            SisterCityLink.objects.filter(pk=link.pk).values_list("stage", flat=True).get()
        )
        if stored_stage != link.stage:
            return advance_sister_city_link(link, stage=link.stage, on=link.on, actor=actor)
    return save_record(link, actor=actor)


# Inlines


class OutcomePartyInline(InlinePermissionsMixin, DomainTabularInline):
    view_permission = "outcomes.view_outcome"
    change_permission = "outcomes.change_outcome"
    model = OutcomeParty
    domain_save = staticmethod(save_party)
    fields = ("role", "organisation", "city", "name", "country")
    autocomplete_fields = ("organisation", "city")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "city")


class OutcomeAmountInline(InlinePermissionsMixin, DomainTabularInline):
    view_permission = "outcomes.view_outcome"
    change_permission = "outcomes.change_outcome"
    model = OutcomeAmount
    domain_save = staticmethod(save_amount)
    fields = ("amount", "currency", "amount_kind")


class OutcomeLinkInline(InlinePermissionsMixin, DomainTabularInline):
    view_permission = "outcomes.view_outcome"
    change_permission = "outcomes.change_outcome"
    model = OutcomeLink
    domain_save = staticmethod(save_link)
    fields = ("url", "label")


class SisterCityLinkFormSet(BaseInlineFormSet):
    """A sister-city link only belongs to an outcome of the sister-city kind."""

    def clean(self):
        super().clean()
        if self.instance.kind_id is None or self.instance.kind.slug == SISTER_CITY_KIND:
            return
        for form in self.forms:
            kept = form.instance.pk is not None or form.has_changed()
            if kept and not form.cleaned_data.get("DELETE"):
                raise ValidationError(
                    _(
                        "Only an outcome of the kind “sister-city relationship” has a "
                        "sister-city link; change the kind or remove the link."
                    )
                )


class SisterCityLinkInline(InlinePermissionsMixin, DomainStackedInline):
    view_permission = "outcomes.view_outcome"
    change_permission = "outcomes.change_outcome"
    model = SisterCityLink
    formset = SisterCityLinkFormSet
    domain_save = staticmethod(save_sister_city_link)
    fields = (("chinese_city", "foreign_city"), ("level", "stage", "on"))
    autocomplete_fields = ("chinese_city", "foreign_city")
    max_num = 1
    verbose_name_plural = _("sister-city link (for sister-city relationships only)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("chinese_city", "foreign_city")


class OutcomeStatusChangeInline(InlinePermissionsMixin, DomainTabularInline):
    view_permission = "outcomes.view_outcome"
    change_permission = "outcomes.change_outcome"
    """The dated history, written only by ``change_outcome_status``: change the outcome's
    status above (or use the list's actions) to add an entry."""

    model = OutcomeStatusChange
    fields = ("on", "status", "note")
    readonly_fields = ("on", "status", "note")
    can_delete = False
    ordering = ("on", "id")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The outcome


class MeetingChoiceField(forms.ModelMultipleChoiceField):
    """B2B meetings labelled with both parties' organisations and the slot's time."""

    def label_from_instance(self, obj) -> str:
        return meeting_label(obj)


_EDITED_OUTCOME = "_backoffice_edited_outcome"


@admin.register(Outcome)
class OutcomeAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    """Outcomes of an edition: ``outcomes`` on it; between editions: a series-wide role."""

    write_flag = "outcomes"

    def scope_queryset(self, request, queryset):
        user = request.user
        return queryset.filter(
            Q(edition__in=queries.editions_with_permission(user, "outcomes"))
            | Q(edition__isnull=True, series__in=queries.series_with_permission(user, "outcomes"))
        )

    domain_save = staticmethod(save_outcome_from_form)
    m2m_writers = {"fields": set_outcome_fields, "meetings": set_outcome_meetings}
    fk_select_related = {"edition": ("series",)}

    list_display = (
        "title",
        "kind",
        "series",
        "edition_column",
        "signed_on",
        "status",
        "amounts_column",
        "meetings_column",
        "is_sample",
    )
    list_filter = (
        "series",
        ("edition", EditionListFilter),
        "kind",
        "status",
        "fields",
        "is_sample",
    )
    search_fields = (
        "title",
        "title_en",
        "external_id",
        "parties__name",
        "parties__organisation__name",
        "parties__organisation__name_en",
        "parties__city__name",
        "parties__city__name_zh",
    )
    list_select_related = ("kind", "series", "edition__series")
    autocomplete_fields = ("session", "fields")
    filter_horizontal = ("meetings",)
    change_list_template = "backoffice/outcome_change_list.html"
    date_hierarchy = "signed_on"
    ordering = ("series__name_en", "edition__number", "signed_on", "id")
    inlines = (
        OutcomePartyInline,
        OutcomeAmountInline,
        OutcomeLinkInline,
        SisterCityLinkInline,
        OutcomeStatusChangeInline,
    )
    actions = ("mark_under_way", "mark_completed")
    fieldsets = (
        (None, {"fields": ("kind", "title", "title_en", "fields")}),
        (
            _("Where and when"),
            {
                "fields": ("series", "edition", "session", "signed_on"),
                "description": _("Leave the edition empty for an outcome signed between editions."),
            },
        ),
        (
            _("Came from B2B meetings"),
            {
                "fields": ("meetings",),
                "description": _(
                    "The matchmaking meetings of the outcome's edition that led to it (choose the "
                    "edition and save first). Cancelled meetings are not offered."
                ),
            },
        ),
        (
            _("Status"),
            {
                "fields": ("status",),
                "description": _(
                    "A new status is added to the history below, dated today. Earlier entries "
                    "are kept."
                ),
            },
        ),
        (_("Provenance"), {"fields": ("external_id", "note", "is_sample")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("amounts")
            .annotate(meeting_count=Count("meetings", distinct=True))
        )

    def get_urls(self):
        return outcome_trace.urls(self) + super().get_urls()

    def get_form(self, request, obj=None, change=False, **kwargs):
        setattr(request, _EDITED_OUTCOME, obj)  # the meetings' choices follow its edition
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "meetings":
            outcome = getattr(request, _EDITED_OUTCOME, None)
            edition = outcome.edition if outcome is not None else None
            kwargs["queryset"] = meeting_choices(request.user, edition=edition, outcome=outcome)
            kwargs["form_class"] = MeetingChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "trace_url": outcome_trace.trace_url()}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("B2B meetings"), ordering="meeting_count")
    def meetings_column(self, obj: Outcome):
        if not obj.meeting_count:
            return "-"
        url = f"{outcome_trace.trace_url()}?edition={obj.edition_id}"
        return format_html('<a href="{}">{}</a>', url, obj.meeting_count)

    @admin.display(description=_("edition"), ordering="edition__number")
    def edition_column(self, obj: Outcome) -> str:
        if obj.edition_id is None:
            return str(_("between editions"))
        return str(obj.edition)

    @admin.display(description=_("amounts"))
    def amounts_column(self, obj: Outcome) -> str:
        parts = []
        for amount in obj.amounts.all():
            text = f"{amount.amount:,.2f} {amount.currency}"
            if amount.amount_kind != OutcomeAmount.Kind.CONTRACTUAL:
                text = f"{text} ({amount.get_amount_kind_display()})"
            parts.append(text)
        return "; ".join(parts) or "-"

    def _mark(self, request, queryset, status: str) -> None:
        today = timezone.localdate()
        changed = 0
        for outcome in queryset.exclude(status=status):
            try:
                change_outcome_status(outcome, status=status, on=today, actor=request.user)
            except ValidationError as exc:
                self.message_user(
                    request,
                    _("%(outcome)s: %(error)s")
                    % {"outcome": outcome, "error": " ".join(exc.messages)},
                    messages.ERROR,
                )
                continue
            changed += 1
        self.message_user(
            request,
            ngettext_lazy(
                "%(count)d outcome is now “%(status)s”.",
                "%(count)d outcomes are now “%(status)s”.",
                "count",
            )
            % {"count": changed, "status": Outcome.Status(status).label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as under way"), permissions=("change",))
    def mark_under_way(self, request, queryset):
        self._mark(request, queryset, Outcome.Status.UNDER_WAY)

    @admin.action(description=_("Mark as completed"), permissions=("change",))
    def mark_completed(self, request, queryset):
        self._mark(request, queryset, Outcome.Status.COMPLETED)
