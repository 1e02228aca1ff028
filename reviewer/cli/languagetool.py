"""`reviewer languagetool install | start | stop | status`: the LanguageTool server.

`start` leaves a server running in the background (on 127.0.0.1) that every later
`check` and `review` uses; without one, each command starts its own and stops it after.
Each of these, like every command that uses LanguageTool, first stops the servers that
commands killed before they could stop them left behind (orphans), and says so.
"""

from __future__ import annotations

import argparse
import os
import time

from reviewer.config import languagetool_home
from reviewer.errors import ExitCode
from reviewer.languagetool import state
from reviewer.languagetool.errors import LanguageToolError
from reviewer.languagetool.home import VERSION, Home
from reviewer.languagetool.install import LTP_DIR_VARIABLE, find_installation, install
from reviewer.languagetool.process import terminate
from reviewer.languagetool.server import start_server
from reviewer.languagetool.session import NOT_INSTALLED

EXAMPLES = f"""\
examples:
  reviewer languagetool install      # once: Java 17+ and Maven fetch LanguageTool {VERSION}
  reviewer languagetool start        # a background server that later commands reuse
  reviewer languagetool status
  reviewer languagetool stop

Files live in $REVIEWER_LT_HOME (default: $XDG_CACHE_HOME/reviewer/languagetool).
A standalone LanguageTool directory in ${LTP_DIR_VARIABLE} is used instead of the install when set.
exit codes: 0 done, 2 LanguageTool could not be installed or started
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "languagetool",
        help="install, start, stop or inspect the LanguageTool server",
        description="Manage the LanguageTool server that `check` and `review` use.",
        epilog=EXAMPLES,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, run, help_text in (
        ("install", run_install, "fetch LanguageTool from Maven Central (once; safe to repeat)"),
        ("start", run_start, "start a background server on 127.0.0.1 for later commands"),
        ("stop", run_stop, "stop the background server and every server no running command uses"),
        ("status", run_status, "show the install and every server of ours (stopping orphans)"),
    ):
        action = actions.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".", epilog=EXAMPLES
        )
        action.set_defaults(run=run)


def _home() -> Home:
    """LanguageTool's home, as the environment says (`reviewer.config.languagetool_home`)."""
    return Home.at(languagetool_home(os.environ))


def run_install(args: argparse.Namespace) -> int:
    home = _home()
    began = time.monotonic()
    installation, fresh = install(home)
    if fresh:
        size = sum(p.stat().st_size for p in installation.location.glob("*.jar")) / 1e6
        print(
            f"LanguageTool {VERSION} installed in {installation.location} ({size:.0f} MB) in {time.monotonic() - began:.1f} s"
        )
    else:
        print(f"LanguageTool {VERSION} is installed in {installation.location}")
    if os.environ.get(LTP_DIR_VARIABLE):
        print(f"note: {LTP_DIR_VARIABLE} is set, so reviewer uses the LanguageTool there instead")
    return ExitCode.OK


def run_start(args: argparse.Namespace) -> int:
    home = _home()
    _reap(home)
    with state.lifecycle_lock(home):
        running = state.running_background(home)
        if running is not None:
            print(f"LanguageTool {running.version} is already running at {running.url} (pid {running.pid})")
            return ExitCode.OK
        installation = find_installation(home)
        if installation is None:
            raise LanguageToolError(NOT_INSTALLED)
        began = time.monotonic()
        server = start_server(installation, home.run, log_name="server.log")
        state.write(home.state_file, state.Record.of(server))
    print(
        f"LanguageTool {server.version} started at {server.url} (pid {server.pid}) in {time.monotonic() - began:.1f} s"
    )
    return ExitCode.OK


def run_stop(args: argparse.Namespace) -> int:
    home = _home()
    _reap(home)
    with state.lifecycle_lock(home):
        running = state.running_background(home)
        if running is None:
            print("no background LanguageTool server is running")
        else:
            terminate(running.pid)
            state.remove(home.state_file)
            print(f"LanguageTool stopped (pid {running.pid})")
    for found in state.servers(home):
        if found.in_use:
            print(f"left running, in use: {found.describe()}")
        elif not found.background and state.stop(found, home):
            print(f"stopped: {found.describe()}")
    return ExitCode.OK


def run_status(args: argparse.Namespace) -> int:
    home = _home()
    installation = find_installation(home)
    if installation is None:
        print(f"installed: no ({NOT_INSTALLED})")
    else:
        print(
            f"installed: LanguageTool {installation.version or '(version unknown)'} in {installation.location} ({installation.source})"
        )
    _reap(home)
    running = state.running_background(home)
    if running is None:
        print("server: not running (each command starts its own; `reviewer languagetool start` keeps one up)")
    else:
        print(
            f"server: LanguageTool {running.version} at {running.url}, pid {running.pid}, up {_duration(time.time() - running.started)}"
        )
    for found in state.servers(home):
        if not found.background:
            print(f"command's server: {found.describe()}")
    return ExitCode.OK


def _reap(home: Home) -> None:
    for orphan in state.reap_orphans(home):
        print(f"stopped an orphan: {orphan.describe()}")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"
