"""Staff sessions: idle timeout (30 minutes, ASVS 3.3.2) and required two-factor sign-in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext as _

from smeforum.accounts import queries


class StaffIdleTimeoutMiddleware:
    """Staff are platform admins and organisers (whoever enters the back office). Each request
    by one pushes their session's expiry to now + the idle limit, so a
    staff session ends after ``SMEFORUM_STAFF_IDLE_SECONDS`` without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and queries.is_organiser_staff(user):
            request.session.set_expiry(settings.SMEFORUM_STAFF_IDLE_SECONDS)
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """Organiser staff (platform admins and anyone with an organiser role) must turn on TOTP
    two-factor authentication before the back office opens: until they have, every admin page
    sends them to the page that sets it up. Off only where ``SMEFORUM_REQUIRE_STAFF_TOTP`` is
    false (the test settings, whose own tests switch it on)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.app_name != "admin" or match.url_name == "logout":
            return None
        if not settings.SMEFORUM_REQUIRE_STAFF_TOTP:
            return None
        user = request.user
        if not user.is_authenticated or not queries.is_organiser_staff(user):
            return None
        if queries.has_totp(user):
            return None
        messages.warning(
            request,
            _(
                "Organiser staff must turn on two-factor authentication before using the "
                "back office."
            ),
        )
        return redirect_to_login(request.get_full_path(), reverse("mfa_activate_totp"))
