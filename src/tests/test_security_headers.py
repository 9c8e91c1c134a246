"""Security headers on public pages, and HSTS/HTTPS settings in production configuration."""

import pytest

pytestmark = pytest.mark.integration

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize("url", ["/", "/countries/", "/accounts/login/", "/api/v1/series"])
def test_pages_send_security_headers(client, db, url):
    response = client.get(url)

    assert response.status_code == 200
    assert _directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_sends_hsts_over_https(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_production_redirects_http_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/countries/")

    assert (response.status_code, response["Location"]) == (301, "https://testserver/countries/")


def test_state_changing_form_without_csrf_token_is_refused(db):
    from django.test import Client  # noqa: PLC0415 -- a client that enforces CSRF, as browsers do

    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "x", "password": "y"}
    )

    assert response.status_code == 403


def test_api_docs_are_served_without_a_cdn(client, db):
    content = client.get("/api/v1/docs").content.decode()

    assert "/static/ninja/swagger-ui-bundle.js" in content
    assert "cdn" not in content.lower()
