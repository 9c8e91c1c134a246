"""Shared admin machinery.

* :class:`DomainWriteAdmin` and :class:`DomainInline` send every write through a domain
  function (``save_record`` unless the admin names another), so each change is validated
  and lands in the audit log with the organiser as its actor.
* A ``ValidationError`` raised by a domain function while saving is shown as a form error:
  the whole save is rolled back and the form is shown again with the refusal on it.
* :class:`ReadOnlyAdmin` for shipped data and the audit log; list filters that show country
  names and that read related objects without one query per choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.contrib import admin
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ImproperlyConfigured,
    ValidationError,
)
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from smeforum.audit.domain import assert_unchanged, delete_record, save_record, snapshot_token
from smeforum.reference.countries import country_name

#: A domain writer: ``writer(obj, *, actor) -> obj``, raising ``ValidationError`` on refusal.
Writer = Callable[..., models.Model]
#: Writers for many-to-many fields, keyed by field name: ``writer(obj, *, <name>=values, actor)``.
M2MWriters = dict[str, Callable[..., object]]

_REFUSAL_ATTR = "_backoffice_domain_refusal"
#: The hidden form field that carries the opened version (optimistic locking).
SNAPSHOT_FIELD = "_snapshot"


class DomainRefused(Exception):  # noqa: N818 - it is a refusal, not a programming error
    """A domain function refused a write made from an admin form."""

    def __init__(self, error: ValidationError, *, model: type[models.Model], subject: str = ""):
        super().__init__(str(error))
        self.error = error
        self.model = model
        self.subject = subject

    def messages(self) -> Iterator[tuple[str | None, str]]:
        """``(field name or None, message)`` pairs."""
        if hasattr(self.error, "error_dict"):
            for field, messages in self.error.message_dict.items():
                for message in messages:
                    yield (None if field == NON_FIELD_ERRORS else field), message
        else:
            for message in self.error.messages:
                yield None, message

    def field_label(self, field: str) -> str:
        try:
            return str(capfirst(self.model._meta.get_field(field).verbose_name))
        except FieldDoesNotExist:
            return field

    def describe(self, field: str | None, message: str) -> str:
        """The message for the form's top, naming the object and field it is about."""
        parts = [p for p in (self.subject, self.field_label(field) if field else "") if p]
        if not parts:
            return message
        return str(_("%(where)s: %(message)s") % {"where": " / ".join(parts), "message": message})


class DomainRefusalFormMixin:
    """Adds a recorded :class:`DomainRefused` to the form's errors (mixed into admin forms)."""

    domain_refusal: DomainRefused | None = None

    def clean(self):
        cleaned_data = super().clean()
        refusal = self.domain_refusal
        if refusal is None:
            return cleaned_data
        added = False
        for field, message in refusal.messages():
            if field and not refusal.subject and field in self.fields:
                self.add_error(field, message)
            else:
                self.add_error(None, refusal.describe(field, message))
            added = True
        if not added:
            self.add_error(None, _("The change was refused; nothing was saved."))
        return cleaned_data


def _write(writer: Writer, obj: models.Model, *, actor, subject: str = "") -> models.Model:
    try:
        return writer(obj, actor=actor)
    except ValidationError as exc:
        raise DomainRefused(exc, model=type(obj), subject=subject) from exc


def _subject(obj: models.Model) -> str:
    return f"{capfirst(obj._meta.verbose_name)} “{obj}”"


def save_m2m_through_domain(form, obj: models.Model, writers: M2MWriters, *, actor) -> None:
    """Save the form's many-to-many fields with the domain writers named for them."""
    for field in obj._meta.many_to_many:
        if field.name not in form.fields or field.name not in form.cleaned_data:
            continue
        writer = writers.get(field.name)
        if writer is None:
            raise ImproperlyConfigured(
                f"{type(obj).__name__}.{field.name} is editable in the admin but has no domain "
                "writer; add one to m2m_writers."
            )
        try:
            writer(obj, **{field.name: form.cleaned_data[field.name]}, actor=actor)
        except ValidationError as exc:
            raise DomainRefused(exc, model=type(obj)) from exc


class SelectRelatedChoicesMixin:
    """Shared by model admins and inlines.

    URLs typed without a scheme are taken as ``https://`` (Django 6's default, set now).
    ``fk_select_related = {"edition": ("series",)}`` reads the related objects of a
    foreign-key select with their own relations, so their labels cost no extra query."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fk_select_related: dict[str, tuple[str, ...]] = {}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = self.fk_select_related.get(db_field.name)
        if related and "queryset" not in kwargs:
            kwargs["queryset"] = db_field.related_model._default_manager.select_related(*related)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DomainWriteAdmin(SelectRelatedChoicesMixin, admin.ModelAdmin):
    """A model admin whose every write goes through a domain function.

    ``domain_save`` is the writer for the model (default: the generic ``save_record``);
    ``m2m_writers`` names the writer of each editable many-to-many field. Deletions use
    ``delete_record``. Inlines say their own writer (see :class:`DomainInline`).
    """

    domain_save: Writer = staticmethod(save_record)
    m2m_writers: M2MWriters = {}

    # Writes

    change_form_template = "backoffice/change_form.html"

    def save_model(self, request, obj, form, change):
        token = request.POST.get(SNAPSHOT_FIELD)
        if change and token:
            try:
                assert_unchanged(obj, token=token)
            except ValidationError as exc:
                raise DomainRefused(exc, model=type(obj)) from exc
        _write(self.domain_save, obj, actor=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and obj.pk is not None:
            # The version the editor sees; a save refuses to overwrite a newer one.
            posted = request.POST.get(SNAPSHOT_FIELD) if request.method == "POST" else None
            context["snapshot_token"] = posted or snapshot_token(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def delete_model(self, request, obj):
        delete_record(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                delete_record(obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        save_m2m_through_domain(form, form.instance, self.m2m_writers, actor=request.user)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        writer = getattr(formset, "domain_save", save_record)
        m2m_writers = getattr(formset, "m2m_writers", {})
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_record(obj, actor=request.user)
        for instance in instances:
            _write(writer, instance, actor=request.user, subject=_subject(instance))
        for inline_form in formset.saved_forms:
            save_m2m_through_domain(
                inline_form, inline_form.instance, m2m_writers, actor=request.user
            )

    # Refusals become form errors

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainRefused as refusal:
            if getattr(request, _REFUSAL_ATTR, None) is not None:
                raise
            # The failed attempt was rolled back; show the form again with the refusal on it.
            setattr(request, _REFUSAL_ATTR, refusal)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, _REFUSAL_ATTR, None)
        if refusal is None:
            return form
        return type(form)(
            form.__name__, (DomainRefusalFormMixin, form), {"domain_refusal": refusal}
        )


class DomainInline(SelectRelatedChoicesMixin, admin.options.InlineModelAdmin):
    """An inline whose rows are saved with ``domain_save`` (default ``save_record``)."""

    domain_save: Writer = staticmethod(save_record)
    m2m_writers: M2MWriters = {}
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.domain_save = staticmethod(self.domain_save)
        formset.m2m_writers = self.m2m_writers
        return formset


class DomainTabularInline(DomainInline, admin.TabularInline):
    pass


class DomainStackedInline(DomainInline, admin.StackedInline):
    pass


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable, never written from the admin (shipped data, the audit log)."""

    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CountryListFilter(admin.SimpleListFilter):
    """The countries present in the list, by name."""

    title = _("country")
    parameter_name = "country"
    field_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.model._default_manager.order_by()
            .values_list(self.field_name, flat=True)
            .distinct()
        )
        return sorted(((code, country_name(code)) for code in codes if code), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field_name: self.value()})
        return queryset


def related_filter(*select_related: str) -> type[admin.RelatedFieldListFilter]:
    """A related-object list filter whose choices are read with ``select_related`` (one
    query however many choices there are, when their labels follow relations)."""

    class SelectRelatedFieldListFilter(admin.RelatedFieldListFilter):
        def field_choices(self, field, request, model_admin):
            queryset = field.related_model._default_manager.select_related(*select_related)
            ordering = self.field_admin_ordering(field, request, model_admin)
            if ordering:
                queryset = queryset.order_by(*ordering)
            return [(obj.pk, str(obj)) for obj in queryset]

    return SelectRelatedFieldListFilter


@admin.display(description=_("country"), ordering="country")
def country_column(obj) -> str:
    return country_name(obj.country)
