"""`reviewer review`: the terminal UI, for translators post-editing MT."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import partial

from reviewer.checkers import Checker
from reviewer.cli.arguments import database_option, rules_option, run_config
from reviewer.config import RunConfig
from reviewer.errors import ExitCode
from reviewer.languagetool.errors import LanguageToolError
from reviewer.languagetool.settings import LEVELS
from reviewer.registry import open_languagetool
from reviewer.store import ReviewStore

EXAMPLES = """\
examples:
  reviewer review                              # everything under corpora/
  reviewer review corpora/harbour-strike.txt --reviewer anna
  reviewer review batch.xml --system mt-a --no-languagetool --db team/reviews.db

keys: j/k next/previous segment, n/p next/previous flag, e edit, ctrl+s save,
c confirm and go to the next unconfirmed, esc leave the editor, a apply suggestion,
d dismiss flag, u undo, / search, m annotate, ? help (every key),
q (or ctrl+q, ctrl+c) quit, asking first about unsaved edits.
On the article list: s sort, f filter, o open another file.
Opening an article claims it (others see who works on what; their copy is read-only)
until you go back to the list or quit.
Each save is recorded in the review database (--db, else $REVIEWER_DB, else
.reviewer/reviews.db); `reviewer export` writes the record out.
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "review",
        help="review and post-edit articles in the terminal UI",
        description="Review machine-translated articles: see flags, post-edit, record edits and scores.",
        epilog=EXAMPLES,
    )
    parser.add_argument(
        "paths", nargs="*", default=["corpora"], metavar="PATH", help="article files or directories (default: corpora/)"
    )
    parser.add_argument(
        "--reviewer", metavar="NAME", help="who is reviewing (default: $REVIEWER_NAME, else your user name)"
    )
    database_option(parser)
    rules_option(parser)
    parser.add_argument(
        "--lang",
        help="target language of articles whose file declares none, i.e. plain text (default: lang in reviewer.yaml, else en-US)",
    )
    parser.add_argument(
        "--system", help="which MT system's output to review in a WMT XML test set (default: each, apart)"
    )
    parser.add_argument("--no-languagetool", action="store_true", help="check with the rule packs only")
    parser.add_argument("--languagetool-url", metavar="URL", help="use the LanguageTool server at URL")
    parser.add_argument(
        "--languagetool-level",
        choices=LEVELS,
        help="LanguageTool's level (default: the profile's, picky for mt-review)",
    )
    parser.set_defaults(run=run)


@contextmanager
def languagetool_for_review(config: RunConfig) -> Iterator[Checker]:
    """LanguageTool for the app's lifetime (the app enters this in a worker, so the screen
    is up while the server starts); a server that cannot run is an error the app shows.
    The server is started here, not at the first check: every article is about to be
    checked, and the app's status shows the start."""
    with ExitStack() as stack:
        urls = config.languagetool.urls
        checker = open_languagetool(config, stack, urls[0] if urls else None)
        checker.session.start()
        if checker.reason is not None:
            raise LanguageToolError(checker.reason)
        yield checker


def run(args: argparse.Namespace) -> int:
    from reviewer.tui import Settings, make_app  # Textual is imported only when the UI runs

    config = run_config(
        args,
        languagetool_urls=[args.languagetool_url] if args.languagetool_url else (),
        db=args.db,
        reviewer=args.reviewer,
    )
    settings = Settings(
        paths=tuple(args.paths),
        config=config,
        languagetool=None if config.languagetool.off else partial(languagetool_for_review, config),
    )
    with ReviewStore.open(config.db_path) as store:
        make_app(settings, store).run()
    return ExitCode.OK
