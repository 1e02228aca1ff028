"""LanguageTool, the real Java server: install it, run it on 127.0.0.1, ask it, remember answers.

Modules, one job each: `home` (where files live), `install` (Maven or a standalone
directory), `server` (start one and wait until it checks), `process` (pid identity,
stopping), `state` (records of running servers), `client` (HTTP), `session` (one command's
server, with restart and retry), `text` (pieces, UTF-16 offsets), `cache`, `matches`,
`mapping` (LanguageTool -> MQM), `settings` (reviewer.yaml). The checker that front ends
use is `reviewer.checkers.languagetool`.
"""

from reviewer.languagetool.session import LanguageToolSession, languagetool_session

__all__ = ["LanguageToolSession", "languagetool_session"]
