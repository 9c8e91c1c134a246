"""Staff sessions time out after 30 idle minutes (ASVS 3.3.2)."""

from django.conf import settings

from smeforum.accounts import queries


class StaffIdleTimeoutMiddleware:
    """Staff are platform admins and organisers (whoever enters the back office). Each request
    by one pushes their session's expiry to now + the idle limit, so a
    staff session ends after ``SMEFORUM_STAFF_IDLE_SECONDS`` without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and (user.is_staff or queries.may_enter_back_office(user))
        ):
            request.session.set_expiry(settings.SMEFORUM_STAFF_IDLE_SECONDS)
        return self.get_response(request)
