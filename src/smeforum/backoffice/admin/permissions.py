"""What each organiser may do in the back office: model admins ask the ``rules`` permissions
of ``accounts.rules`` and show only the rows of the editions (or series) they hold the
permission on.

* :class:`RulesPermissionsMixin`: ``has_view/add/change/delete_permission`` and
  ``has_module_permission`` from ``<app>.<action>_<model>`` (object-level where there is an
  object); ``get_queryset`` scoped by :meth:`scope_queryset`; foreign-key choices of editions,
  sessions, delegations and series limited to where the user may write; a save outside them is
  refused; another edition's row is a 404.
* :class:`PlatformAdminOnlyMixin`: users, roles, tokens, the audit log: superusers only.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from smeforum.accounts import queries
from smeforum.backoffice.admin.mixins import DomainRefused
from smeforum.forums.models import Edition, ForumSeries, Session
from smeforum.participants.models import Delegation


class RulesPermissionsMixin:
    #: Organiser permissions whose editions' rows the list shows (besides platform admins).
    view_flags: tuple[str, ...] = ()
    #: The organiser permission that writes this model: foreign-key choices follow it.
    write_flag: str | None = None
    #: The lookup from the model to its edition, for :meth:`scope_queryset`.
    edition_lookup: str | None = "edition"
    #: Never written from the admin, whoever asks (shipped data).
    read_only: bool = False

    def _perm(self, action: str) -> str:
        return f"{self.opts.app_label}.{action}_{self.opts.model_name}"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self._perm("view"), obj)

    def has_add_permission(self, request, *args):
        return not self.read_only and request.user.has_perm(self._perm("add"))

    def has_change_permission(self, request, obj=None):
        return not self.read_only and request.user.has_perm(self._perm("change"), obj)

    def has_delete_permission(self, request, obj=None):
        return not self.read_only and request.user.has_perm(self._perm("delete"), obj)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    # Rows

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return self.scope_queryset(request, queryset)

    def scope_queryset(self, request, queryset):
        """The rows a (non-superuser) organiser may see: default, those of the editions where
        they hold one of ``view_flags``."""
        if self.edition_lookup is None:
            return queryset
        editions = queries.editions_with_permission(request.user, *self.view_flags)
        return queryset.filter(**{f"{self.edition_lookup}__in": editions})

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # A row outside the user's editions is as absent as a deleted one: 404, not a hint.
        raise Http404(_("No such record in the editions you organise."))

    # Choices and writes

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        user = request.user
        if not user.is_superuser and self.write_flag is not None:
            editions = queries.editions_with_permission(user, self.write_flag)
            model = db_field.related_model
            if model is Edition:
                kwargs["queryset"] = Edition.objects.filter(pk__in=editions).select_related(
                    "series"
                )
            elif model is Session:
                kwargs["queryset"] = Session.objects.filter(edition__in=editions)
            elif model is Delegation:
                kwargs["queryset"] = Delegation.objects.filter(edition__in=editions)
            elif model is ForumSeries:
                kwargs["queryset"] = ForumSeries.objects.filter(
                    pk__in=editions.values("series_id")
                ) | queries.series_with_permission(user, self.write_flag)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        action = "change" if change else "add"
        if not request.user.has_perm(self._perm(action), obj):
            raise DomainRefused(
                ValidationError(
                    _("You may not save this here: it is outside the editions you organise.")
                ),
                model=type(obj),
            )
        super().save_model(request, obj, form, change)


class PlatformAdminOnlyMixin:
    """Only platform admins (active superusers) see and change these."""

    def _is_platform_admin(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._is_platform_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_platform_admin(request)

    def has_add_permission(self, request, *args):
        return self._is_platform_admin(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._is_platform_admin(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._is_platform_admin(request) and super().has_delete_permission(request, obj)


class InlinePermissionsMixin:
    """An inline's rows follow the parent object: viewing with ``view_permission``, writing
    with ``change_permission`` (both asked of the parent)."""

    view_permission: str = ""
    change_permission: str = ""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self.view_permission, obj) or self.has_change_permission(
            request, obj
        )

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(self.change_permission, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(self.change_permission, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(self.change_permission, obj)
