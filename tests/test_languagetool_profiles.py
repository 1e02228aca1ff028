"""LanguageTool profiles: what a project's reviewer.yaml asks of LanguageTool, and what is sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.checkers.languagetool import LanguageToolChecker
from reviewer.errors import ConfigError
from reviewer.languagetool.settings import MT_REVIEW, LanguageToolSettings, load_settings
from reviewer.model import Article, Segment


class StubSession:
    """Just enough of a session for `params()`: the languages the server knows."""

    url = "http://127.0.0.1:1"

    def languages(self) -> frozenset[str]:
        return frozenset({"en-US", "en-GB", "de-DE", "de"})


def params(settings: LanguageToolSettings, source_lang: str | None = None) -> dict[str, str]:
    text = "Fans cheered the team."
    article = Article("a.txt", "a", text, (Segment(0, 0, len(text), text),), source_lang=source_lang)
    return LanguageToolChecker(StubSession(), settings).params(article)  # type: ignore[arg-type]


def settings_from(tmp_path: Path, config: str) -> LanguageToolSettings:
    (tmp_path / "reviewer.yaml").write_text(config, encoding="utf-8")
    return load_settings(tmp_path)


def test_without_a_config_the_mt_review_profile_is_sent(tmp_path: Path) -> None:
    sent = params(load_settings(tmp_path))
    assert sent["level"] == "picky"
    assert "TOO_LONG_SENTENCE" in sent["disabledRules"].split(",")
    assert sent["enabledRules"] == ",".join(sorted(MT_REVIEW.enabled_rules))


def test_the_default_profile_is_plain_languagetool(tmp_path: Path) -> None:
    assert params(settings_from(tmp_path, "languagetool:\n  profile: default\n")) == {"language": "en-US"}


def test_a_project_profile_extends_another_and_the_block_adds_to_it(tmp_path: Path) -> None:
    settings = settings_from(
        tmp_path,
        "languagetool:\n"
        "  profile: desk\n"
        "  disabled_rules: [JONG_UN]\n"
        "  enabled_rules: [DASH_RULE]\n"  # undoes mt-review's disabling
        "  profiles:\n"
        "    desk:\n"
        "      extends: mt-review\n"
        "      level: default\n"
        "      enabled_categories: [CREATIVE_WRITING]\n"
        "      disabled_rules: [SERIAL_COMMA_ON]\n",
    )
    sent = params(settings)
    assert settings.profile == "desk" and "level" not in sent
    disabled = sent["disabledRules"].split(",")
    assert {"TOO_LONG_SENTENCE", "SERIAL_COMMA_ON", "JONG_UN"} <= set(disabled) and "DASH_RULE" not in disabled
    assert "DASH_RULE" in sent["enabledRules"].split(",")
    assert sent["enabledCategories"] == "CREATIVE_WRITING"


def test_the_level_option_overrides_the_profile(tmp_path: Path) -> None:
    assert "level" not in params(load_settings(tmp_path).with_level("default"))
    assert (
        params(settings_from(tmp_path, "languagetool:\n  profile: default\n").with_level("picky"))["level"] == "picky"
    )


def test_a_level_in_the_block_overrides_the_profile(tmp_path: Path) -> None:
    assert "level" not in params(settings_from(tmp_path, "languagetool:\n  level: default\n"))


def test_the_profile_changes_the_fingerprint_and_a_name_alone_does_too(tmp_path: Path) -> None:
    mt_review = load_settings(tmp_path)
    plain = settings_from(tmp_path, "languagetool:\n  profile: default\n")
    same_as_plain = settings_from(tmp_path, "languagetool:\n  profile: p\n  profiles:\n    p: {}\n")
    prints = {mt_review.fingerprint(), plain.fingerprint(), same_as_plain.fingerprint()}
    assert len(prints) == 3
    assert mt_review.with_level("default").fingerprint() != mt_review.fingerprint()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("languagetool:\n  profile: newsdesk\n", "reviewer.yaml:2: unknown LanguageTool profile 'newsdesk'"),
        ("languagetool:\n  level: fussy\n", "reviewer.yaml:2: unknown level 'fussy' (expected one of: default, picky)"),
        (
            "languagetool:\n  profile: a\n  profiles:\n    a: {extends: b}\n    b: {extends: a}\n",
            "reviewer.yaml:5: profile 'a' extends itself (a -> b -> a)",
        ),
        (
            "languagetool:\n  profile: a\n  profiles:\n    a:\n      disabled_rule: [X]\n",
            "reviewer.yaml:5: unknown profile setting 'disabled_rule'",
        ),
        ("languagetool:\n  profiles: [a]\n", "reviewer.yaml:2: profiles must map profile names to their settings"),
        (
            "languagetool:\n  profile: a\n  profiles:\n    a:\n      enabled_rules: X\n",
            "reviewer.yaml:5: enabled_rules must be a list of strings",
        ),
    ],
)
def test_a_broken_profile_names_file_and_line(tmp_path: Path, config: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_from(tmp_path, config)
    assert str(raised.value).startswith(f"{tmp_path / 'reviewer.yaml'}:{message.split(':', 1)[1]}")


def test_an_unknown_level_from_code_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown LanguageTool level 'loud'"):
        LanguageToolSettings().with_level("loud")
