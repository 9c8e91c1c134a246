"""The ``smeforum`` command: demo, serve, worker, manage."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from smeforum import __version__


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
