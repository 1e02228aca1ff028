"""LanguageTool's categories and issue types as MQM categories and severities.

LanguageTool gives every match a rule category (`rule.category.id`) and an ITS issue type
(`rule.issueType`). The category is the better guide: English confused-word rules, for
instance, carry the issue type "misspelling". So the lookup is: a few rules by id, then
the category, then (for MISC and categories not listed) the issue type, then Other.

Severity follows the MQM guidelines of the WMT studies: major when the reader may be
misled (a date that contradicts its weekday, a false friend), minor for fluency slips that
do not change the meaning, which is what almost everything LanguageTool finds is.
Categories cover English and German (the languages installed).
"""

from __future__ import annotations

from reviewer.model import Severity

MINOR, MAJOR = Severity.MINOR, Severity.MAJOR

BY_RULE: dict[str, tuple[str, Severity]] = {
    "EN_A_VS_AN": ("Fluency/Grammar", MINOR),  # MISC with issue type "misspelling"
    "EN_WORD_COHERENCY": ("Fluency/Inconsistency", MINOR),  # the same word spelt two ways
    "EN_CONSISTENT_APOS": ("Fluency/Inconsistency", MINOR),
    "CURRENCY": ("Locale convention/Currency format", MINOR),
    "CD_00_O_CLOCK": ("Locale convention/Time format", MINOR),
}

BY_CATEGORY: dict[str, tuple[str, Severity]] = {
    "TYPOS": ("Fluency/Spelling", MINOR),
    "MULTITOKEN_SPELLING": ("Fluency/Spelling", MINOR),
    "CASING": ("Fluency/Spelling", MINOR),
    "COMPOUNDING": ("Fluency/Spelling", MINOR),
    "PROPER_NOUNS": ("Fluency/Spelling", MINOR),
    "BRITISH_ENGLISH": ("Fluency/Spelling", MINOR),
    "EMPFOHLENE_RECHTSCHREIBUNG": ("Fluency/Spelling", MINOR),
    "GRAMMAR": ("Fluency/Grammar", MINOR),
    "CONFUSED_WORDS": ("Fluency/Grammar", MINOR),
    "COLLOCATIONS": ("Fluency/Grammar", MINOR),
    "REPETITIONS": ("Fluency/Grammar", MINOR),
    "PUNCTUATION": ("Fluency/Punctuation", MINOR),
    "TYPOGRAPHY": ("Fluency/Punctuation", MINOR),
    "HILFESTELLUNG_KOMMASETZUNG": ("Fluency/Punctuation", MINOR),
    "SEMANTICS": ("Fluency/Inconsistency", MAJOR),
    "COLLOQUIALISMS": ("Fluency/Register", MINOR),
    "GENDER_NEUTRALITY": ("Fluency/Register", MINOR),
    "FALSE_FRIENDS": ("Accuracy/Mistranslation", MAJOR),
    "STYLE": ("Style/Awkward", MINOR),
    "REDUNDANCY": ("Style/Awkward", MINOR),
    "REPETITIONS_STYLE": ("Style/Awkward", MINOR),
    "NONSTANDARD_PHRASES": ("Style/Awkward", MINOR),
    "PLAIN_ENGLISH": ("Style/Awkward", MINOR),
    "AMERICAN_ENGLISH_STYLE": ("Style/Awkward", MINOR),
    "WIKIPEDIA": ("Style/Awkward", MINOR),
    "IDIOMS": ("Style/Awkward", MINOR),
    "CORRESPONDENCE": ("Style/Awkward", MINOR),
    "CREATIVE_WRITING": ("Style/Awkward", MINOR),
    "TEXT_ANALYSIS": ("Style/Awkward", MINOR),
    "TON_ACADEMIC": ("Style/Awkward", MINOR),
}

BY_ISSUE_TYPE: dict[str, tuple[str, Severity]] = {
    "misspelling": ("Fluency/Spelling", MINOR),
    "typographical": ("Fluency/Punctuation", MINOR),
    "whitespace": ("Fluency/Punctuation", MINOR),
    "grammar": ("Fluency/Grammar", MINOR),
    "duplication": ("Fluency/Grammar", MINOR),
    "inconsistency": ("Fluency/Inconsistency", MINOR),
    "inconsistententities": ("Fluency/Inconsistency", MINOR),
    "register": ("Fluency/Register", MINOR),
    "style": ("Style/Awkward", MINOR),
    "locale-violation": ("Fluency/Spelling", MINOR),
    "characters": ("Fluency/Character encoding", MINOR),
    "numbers": ("Locale convention/Number format", MINOR),
    "terminology": ("Terminology/Inappropriate for context", MINOR),
    "mistranslation": ("Accuracy/Mistranslation", MAJOR),
    "untranslated": ("Accuracy/Untranslated text", MAJOR),
    "omission": ("Accuracy/Omission", MAJOR),
    "addition": ("Accuracy/Addition", MINOR),
}

FALLBACK: tuple[str, Severity] = ("Other", MINOR)


def classify(rule_id: str, category: str, issue_type: str) -> tuple[str, Severity]:
    """The MQM category and severity of a LanguageTool match."""
    return BY_RULE.get(rule_id) or BY_CATEGORY.get(category) or BY_ISSUE_TYPE.get(issue_type) or FALLBACK


def is_spelling(category: str, issue_type: str) -> bool:
    """Matches an accepted word may silence: the speller's, not a grammar rule's."""
    return category in ("TYPOS", "MULTITOKEN_SPELLING") or issue_type == "misspelling"
