"""The ``smeforum`` command: demo, serve, worker, manage, import, export, token, report,
schedule, match."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from smeforum import __version__
from smeforum.reporting.options import add_report_arguments
from smeforum.scheduling.command import add_schedule_arguments


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smeforum.settings")
    import django  # noqa: PLC0415 -- settings must be chosen before Django is imported

    django.setup()


def _demo(args: argparse.Namespace) -> int:
    # The demo is a local, single-user install: development settings unless told otherwise.
    os.environ.setdefault("SMEFORUM_DEBUG", "1")
    _setup_django()
    from django.conf import settings  # noqa: PLC0415 -- after django.setup()
    from django.core.management import call_command  # noqa: PLC0415 -- after django.setup()

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")
    if args.no_serve:
        return 0
    url = f"http://{args.host}:{args.port}/"
    print(f"\nsmeforum {__version__} is serving the demo at {url}")
    print(f"Back office: {url}admin/  (Ctrl+C stops server and worker)\n")
    worker = subprocess.Popen([sys.executable, "-m", "smeforum.cli", "worker"])
    try:
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    return 0


def _serve(args: argparse.Namespace) -> int:
    _setup_django()
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "smeforum.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
    ]
    return subprocess.call(cmd)  # noqa: S603


def _worker(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import call_command  # noqa: PLC0415 -- after django.setup()

    call_command("db_worker", "--no-reload", *args.rest)
    return 0


def _manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line  # noqa: PLC0415 -- after setup

    execute_from_command_line(["smeforum manage", *args.rest])
    return 0


def _run_command(name: str, *args, **options) -> int:
    """Run a management command; a ``CommandError`` becomes ``error: ...`` and its exit code."""
    _setup_django()
    from django.core.management import call_command  # noqa: PLC0415 -- after django.setup()
    from django.core.management.base import CommandError  # noqa: PLC0415 -- after setup

    try:
        call_command(name, *args, **options)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.returncode
    return 0


def _import(args: argparse.Namespace) -> int:
    return _run_command(
        f"import_{args.what}", args.file, dry_run=args.dry_run, create_missing=args.create_missing
    )


def _export(args: argparse.Namespace) -> int:
    return _run_command(
        f"export_{args.what}",
        series=args.series,
        editions=args.editions,
        format=args.format,
        output=args.output,
    )


def _token(args: argparse.Namespace) -> int:
    return _run_command("create_api_token", args.email, scope=args.scope, token_name=args.name)


def _report(args: argparse.Namespace) -> int:
    options = {k: v for k, v in vars(args).items() if k not in {"command", "func"}}
    return _run_command("report", **options)


def _match(args: argparse.Namespace) -> int:
    return _run_command(
        "match_recommend",
        series=args.series,
        edition=args.edition,
        organisation=args.organisation,
        top=args.top,
        format=args.format,
    )


def _remind(args: argparse.Namespace) -> int:
    return _run_command("remind_agendas", series=args.series, edition=args.edition, due=args.due)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smeforum",
        description="Run international SME cooperation forums and prove what they produce.",
    )
    parser.add_argument("--version", action="version", version=f"smeforum {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser(
        "demo", help="migrate, load the Cangzhou demo data and serve it with a worker"
    )
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--no-serve", action="store_true", help="load the demo data and stop")
    demo.set_defaults(func=_demo)

    serve = commands.add_parser("serve", help="serve the platform with gunicorn (production)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=2)
    serve.set_defaults(func=_serve)

    worker = commands.add_parser(
        "worker", help="run a background task worker (options of Django's db_worker, e.g. --batch)"
    )
    worker.add_argument("rest", nargs=argparse.REMAINDER)
    worker.set_defaults(func=_worker)

    manage = commands.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_manage)

    importer = commands.add_parser(
        "import",
        help="import outcomes, published figures or cooperation opportunities from CSV/XLSX "
        "(all rows or none)",
    )
    importer.add_argument("what", choices=["outcomes", "statements", "opportunities"])
    importer.add_argument("file", help="a .csv (UTF-8) or .xlsx file")
    importer.add_argument("--dry-run", action="store_true", help="validate, write nothing")
    importer.add_argument(
        "--create-missing",
        action="store_true",
        help="create missing cities, series, editions (organisations for opportunities)",
    )
    importer.set_defaults(func=_import)

    exporter = commands.add_parser(
        "export", help="export a series' outcomes as CSV, XLSX or JSON (the import's columns)"
    )
    exporter.add_argument("what", choices=["outcomes"])
    exporter.add_argument("--series", required=True, help="the series' slug")
    exporter.add_argument("--editions", help="one edition (4) or a range (1-4)")
    exporter.add_argument(
        "--format", choices=["csv", "xlsx", "json"], help="default: the file's extension"
    )
    exporter.add_argument("-o", "--output", required=True, help="the file to write")
    exporter.set_defaults(func=_export)

    token = commands.add_parser("token", help="personal API tokens for scripts")
    token_commands = token.add_subparsers(dest="action", required=True)
    token_create = token_commands.add_parser(
        "create", help="create a token for a user and print it (shown only once)"
    )
    token_create.add_argument("email", help="the user's email")
    token_create.add_argument("--scope", choices=["read", "write"], default="read")
    token_create.add_argument("--name", default="", help="what the token is for")
    token_create.set_defaults(func=_token)

    report = commands.add_parser(
        "report", help="what the records add up to, the published figures, and how they reconcile"
    )
    add_report_arguments(report)
    report.set_defaults(func=_report)

    schedule = commands.add_parser(
        "schedule", help="place B2B meetings into slots and tables (JSON in, JSON out; no database)"
    )
    add_schedule_arguments(schedule)

    match = commands.add_parser(
        "match", help="B2B matchmaking: partner recommendations, agenda reminders"
    )
    match_commands = match.add_subparsers(dest="action", required=True)
    match_recommend = match_commands.add_parser(
        "recommend", help="the partners an organisation should meet at an edition, best first"
    )
    match_recommend.add_argument("--series", required=True, help="the series' slug")
    match_recommend.add_argument("--edition", required=True, type=int, help="its number")
    match_recommend.add_argument(
        "--organisation", required=True, help="the organisation's name (or English name)"
    )
    match_recommend.add_argument("--top", type=int, default=10, help="how many (default 10)")
    match_recommend.add_argument("--format", choices=["json", "text"], default="json")
    match_recommend.set_defaults(func=_match)
    match_remind = match_commands.add_parser(
        "remind",
        help="email participants a reminder of their B2B agendas (for a cron: --due, the day "
        "before)",
    )
    match_remind.add_argument("--series", help="the series' slug (with --edition)")
    match_remind.add_argument("--edition", type=int, help="its number (with --series)")
    match_remind.add_argument(
        "--due",
        action="store_true",
        help="every B2B session with published agendas taking place tomorrow",
    )
    match_remind.set_defaults(func=_remind)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        if args.command not in {"worker", "manage"}:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        args.rest = [*args.rest, *extra]
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
