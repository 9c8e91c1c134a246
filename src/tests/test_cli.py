"""The installed ``smeforum`` program, run as a user would, and its typed configuration."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import smeforum
from smeforum.config import Config

pytestmark = pytest.mark.e2e

SMEFORUM = Path(sys.executable).with_name("smeforum")
LOGIN = re.compile(r"^  organiser: organiser@demo\.smeforum\.org / (\S+)$", re.M)


def user_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The caller's environment without the test run's Django and smeforum settings, so the
    program picks its own settings and a SQLite database in ``data_dir``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SMEFORUM_") and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["SMEFORUM_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 -- our own program with fixed arguments
        args, env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def test_version_prints_package_version(tmp_path):
    result = run([str(SMEFORUM), "--version"], user_env(tmp_path), tmp_path)

    assert (result.returncode, result.stdout) == (0, "smeforum 0.1.0\n")


def test_demo_without_serving_loads_once_then_changes_nothing(tmp_path):
    env = user_env(tmp_path, SMEFORUM_DEBUG="1")

    first = run([str(SMEFORUM), "demo", "--no-serve"], env, tmp_path)
    second = run([str(SMEFORUM), "demo", "--no-serve"], env, tmp_path)

    assert first.returncode == 0, first.stderr
    assert "Demo data loaded:" in first.stdout
    assert "Logins:\n  organiser: organiser@demo.smeforum.org / " in first.stdout
    assert second.returncode == 0, second.stderr
    assert "Demo data already loaded: nothing changed." in second.stdout
    assert "Demo data loaded:" not in second.stdout
    assert LOGIN.search(second.stdout).group(1) == LOGIN.search(first.stdout).group(1)
    assert (tmp_path / "smeforum.sqlite3").is_file()
    assert (tmp_path / "demo-credentials.json").is_file()


def test_manage_check_passes_in_development(tmp_path):
    result = run(
        [str(SMEFORUM), "manage", "check"], user_env(tmp_path, SMEFORUM_DEBUG="1"), tmp_path
    )

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )


def test_production_web_server_refuses_development_key(tmp_path):
    code = "import smeforum.wsgi"

    result = run([sys.executable, "-c", code], user_env(tmp_path, SMEFORUM_DEBUG="0"), tmp_path)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SMEFORUM_SECRET_KEY" in result.stderr


def test_deploy_check_passes_with_production_configuration(tmp_path):
    key = secrets.token_urlsafe(45)
    env = user_env(
        tmp_path,
        SMEFORUM_DEBUG="0",
        SMEFORUM_SECRET_KEY=key,
        SMEFORUM_ALLOWED_HOSTS="forum.example.org",
    )

    result = run(
        [str(SMEFORUM), "manage", "check", "--deploy", "--fail-level", "WARNING"], env, tmp_path
    )

    assert len(key) == 60
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


# --- smeforum.config.Config ------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize("name", ["SMEFORUM_DEBUG", "SMEFORUM_SECURE_SSL_REDIRECT"])
def test_config_bad_boolean_names_the_variable(tmp_path, name):
    environ = {"SMEFORUM_DEBUG": "1", "SMEFORUM_DATA_DIR": str(tmp_path), name: "maybe"}

    with pytest.raises(ImproperlyConfigured) as raised:
        Config.from_env(environ)

    assert str(raised.value) == (
        f"{name}='maybe' is not a boolean; use 1/0, true/false, yes/no or on/off."
    )


@pytest.mark.unit
def test_config_allowed_hosts_parsed_from_comma_separated_list(tmp_path):
    config = Config.from_env(
        {
            "SMEFORUM_DEBUG": "1",
            "SMEFORUM_DATA_DIR": str(tmp_path),
            "SMEFORUM_ALLOWED_HOSTS": " forum.example.org, ,www.example.org ,",
        }
    )

    assert config.allowed_hosts == ["forum.example.org", "www.example.org"]


@pytest.mark.unit
def test_config_allowed_hosts_default_to_local_only_in_development(tmp_path):
    development = Config.from_env({"SMEFORUM_DEBUG": "1", "SMEFORUM_DATA_DIR": str(tmp_path)})
    production = Config.from_env(
        {"SMEFORUM_DEBUG": "0", "SMEFORUM_DATA_DIR": str(tmp_path), "SMEFORUM_SECRET_KEY": "k" * 50}
    )

    assert development.allowed_hosts == ["127.0.0.1", "localhost", "[::1]"]
    assert production.allowed_hosts == []


@pytest.mark.unit
def test_config_database_url_defaults_to_sqlite_in_data_dir(tmp_path):
    config = Config.from_env({"SMEFORUM_DEBUG": "1", "SMEFORUM_DATA_DIR": str(tmp_path)})

    assert config.data_dir == tmp_path.resolve()
    assert config.database_url == f"sqlite:///{tmp_path.resolve() / 'smeforum.sqlite3'}"


@pytest.mark.unit
def test_config_database_url_taken_from_environment_when_set(tmp_path):
    config = Config.from_env(
        {
            "SMEFORUM_DEBUG": "1",
            "SMEFORUM_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://forum@db.example.org:5432/forum",
        }
    )

    assert config.database_url == "postgres://forum@db.example.org:5432/forum"


@pytest.mark.unit
def test_config_production_refuses_short_secret_key(tmp_path):
    environ = {
        "SMEFORUM_DEBUG": "0",
        "SMEFORUM_DATA_DIR": str(tmp_path),
        "SMEFORUM_SECRET_KEY": "k" * 49,
    }

    with pytest.raises(
        ImproperlyConfigured, match="SMEFORUM_SECRET_KEY must be at least 50 characters"
    ):
        Config.from_env(environ).check_can_serve()


@pytest.mark.unit
def test_config_mail_and_signup_settings_come_from_the_environment(tmp_path):
    config = Config.from_env(
        {
            "SMEFORUM_DATA_DIR": str(tmp_path),
            "SMEFORUM_SITE_URL": "https://forum.example.org/",
            "SMEFORUM_OPEN_SIGNUP": "off",
            "SMEFORUM_EMAIL_HOST": "smtp.example.org",
            "SMEFORUM_EMAIL_PORT": "587",
            "SMEFORUM_EMAIL_USE_TLS": "yes",
            "SMEFORUM_FROM_EMAIL": "Forum <forum@example.org>",
        }
    )

    assert (
        config.site_url,
        config.open_signup,
        config.email_host,
        config.email_port,
        config.email_use_tls,
        config.default_from_email,
    ) == (
        "https://forum.example.org",
        False,
        "smtp.example.org",
        587,
        True,
        "Forum <forum@example.org>",
    )


@pytest.mark.unit
def test_config_bad_mail_port_names_the_variable(tmp_path):
    with pytest.raises(ImproperlyConfigured) as raised:
        Config.from_env({"SMEFORUM_DATA_DIR": str(tmp_path), "SMEFORUM_EMAIL_PORT": "smtp"})

    assert str(raised.value) == "SMEFORUM_EMAIL_PORT='smtp' is not a whole number."


def test_import_opportunities_lists_problems_and_exits_2(tmp_path):
    # The code under test, also where the installed package points elsewhere (a worktree).
    env = user_env(tmp_path, SMEFORUM_DEBUG="1", PYTHONPATH=str(Path(smeforum.__file__).parents[1]))
    migrated = run([str(SMEFORUM), "manage", "migrate", "-v", "0"], env, tmp_path)
    path = tmp_path / "opportunities.csv"
    path.write_text(
        "external_id,series,edition,organisation,country,kind,title,description,sectors,"
        "target_countries,language\n"
        "EEN-1,nowhere,,Huta Pipes,PL,business_offer,Steel pipes,,C,CN,en\n",
        encoding="utf-8",
    )

    result = run([str(SMEFORUM), "import", "opportunities", str(path)], env, tmp_path)

    assert migrated.returncode == 0, migrated.stderr
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "row 2, column series: no series with the slug “nowhere”",
        "row 2, column organisation: no organisation named “Huta Pipes” in PL (add it, or "
        "import with --create-missing)",
        f"error: nothing was imported: 2 problem(s) in {path}",
    ]


def _cable_forum(tmp_path) -> dict[str, str]:
    """A migrated SQLite database in ``tmp_path`` with the cable edition of the matchmaking
    tests (series ``cable-forum``, edition 1), made through the domain."""
    src = str(Path(smeforum.__file__).parents[1])
    env = user_env(tmp_path, SMEFORUM_DEBUG="1", PYTHONPATH=src)
    migrated = run([str(SMEFORUM), "manage", "migrate", "-v", "0"], env, tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    code = "from tests.matchmaking.factories import make_cable_edition; make_cable_edition()"
    made = run([str(SMEFORUM), "manage", "shell", "-c", code], env, tmp_path)
    assert made.returncode == 0, made.stderr
    return env


MATCH = ["match", "recommend", "--series", "cable-forum", "--edition", "1"]


def test_match_recommend_prints_json_and_refuses_unknown_input(tmp_path):
    env = _cable_forum(tmp_path)

    result = run(
        [str(SMEFORUM), *MATCH, "--organisation", "budapest grid kft.", "--top", "1"],
        env,
        tmp_path,
    )
    text = run(
        [str(SMEFORUM), *MATCH, "--organisation", "Budapest Grid Kft.", "--format", "text"],
        env,
        tmp_path,
    )
    no_series = run(
        [
            str(SMEFORUM),
            "match",
            "recommend",
            "--series",
            "nowhere",
            "--edition",
            "1",
            "--organisation",
            "Warsaw Bakery",
        ],
        env,
        tmp_path,
    )
    no_edition = run(
        [
            str(SMEFORUM),
            "match",
            "recommend",
            "--series",
            "cable-forum",
            "--edition",
            "9",
            "--organisation",
            "Warsaw Bakery",
        ],
        env,
        tmp_path,
    )
    no_organisation = run([str(SMEFORUM), *MATCH, "--organisation", "Nobody"], env, tmp_path)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "organisation": "Ningbo Cable Co.",
            "country": "CN",
            "score": 0.88,
            "reasons": [
                "Ningbo Cable Co.’s business offer “Power cables” (distribution; C27 Manufacture "
                "of electrical equipment; for Hungary) matches your business request “Power "
                "cables wanted”",
                "your descriptions are alike (54%; shared: cables, power)",
                "a China–CEE partnership (Hungary and China)",
                "you work in the same sector (C27 Manufacture of electrical equipment)",
                "China is a country you look for",
                "Ningbo Cable Co. looks for partners in Hungary",
                "you share a language (English)",
            ],
        }
    ]
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["#", "organisation", "country", "score", "reasons"]
    assert lines[1].startswith(" 1  Ningbo Cable Co.  CN       0.88   Ningbo Cable Co.’s")
    assert (no_series.returncode, no_series.stderr) == (
        2,
        "error: --series: no series with the slug “nowhere”\n",
    )
    assert (no_edition.returncode, no_edition.stderr) == (
        2,
        "error: --edition: cable-forum has no edition 9\n",
    )
    assert (no_organisation.returncode, no_organisation.stderr) == (
        2,
        "error: --organisation: no organisation named “Nobody”\n",
    )


def test_match_recommend_refuses_an_organisation_not_confirmed(tmp_path):
    env = _cable_forum(tmp_path)
    code = (
        "from tests.factories import OrganisationFactory; "
        "OrganisationFactory(name='Stranger Ltd', country='DE')"
    )
    made = run([str(SMEFORUM), "manage", "shell", "-c", code], env, tmp_path)

    result = run([str(SMEFORUM), *MATCH, "--organisation", "Stranger Ltd"], env, tmp_path)

    assert made.returncode == 0, made.stderr
    assert result.returncode == 2
    assert result.stderr.startswith(
        "error: --organisation: Stranger Ltd has no matchmaking profile confirmed for "
    )


def test_match_remind_needs_due_or_an_edition(tmp_path):
    result = run([str(SMEFORUM), "match", "remind"], user_env(tmp_path), tmp_path)

    assert (result.returncode, result.stderr) == (
        2,
        "error: give either --due or --series with --edition\n",
    )
