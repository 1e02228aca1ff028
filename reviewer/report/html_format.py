"""The batch as one self-contained HTML page a person opens: summary, gate verdict, a
sortable table of articles, the top rules, and each article's text with its flags marked.

Article text, file names and messages come from outside, so every one of them is
escaped (and made `printable` where one line is shown); the page's Content-Security-Policy
lets only its own inline style and script run and loads nothing from anywhere, so even
a slip in escaping could neither run a script nor reach the network.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence

from reviewer import __version__
from reviewer.model import Issue, Severity
from reviewer.mqm import Penalty
from reviewer.report import ArticleReport, BatchReport, incomplete_line, verdict
from reviewer.report.html_assets import SCRIPT, STYLE, script_hash
from reviewer.report.html_marks import Flag, marked_text
from reviewer.scoring import METRIC_KEYS
from reviewer.terminal import printable

TOP_RULES = 15


def esc(text: object) -> str:
    """One line of outside text, safe in HTML text and in quoted attribute values."""
    return html.escape(printable(str(text)))


def number(value: float) -> str:
    """A count or score as the JSON report has it (scores are rounded there already),
    without a trailing `.0`."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _cells(values: Iterable[float | str]) -> str:
    """Table cells (strings are HTML already); numbers carry `data-value` for sorting."""
    out = []
    for value in values:
        if isinstance(value, str):
            out.append(f"<td>{value}</td>")
        else:
            out.append(f'<td class="num" data-value="{value!r}">{number(value)}</td>')
    return "".join(out)


def _head(columns: Sequence[str], numeric: Sequence[bool]) -> str:
    cells = "".join(f'<th class="num">{c}</th>' if n else f"<th>{c}</th>" for c, n in zip(columns, numeric))
    return f"<thead><tr>{cells}</tr></thead>"


def _severity_counts(issues: Iterable[Issue]) -> dict[Severity, int]:
    counted = Counter(issue.severity for issue in issues)
    return {severity: counted.get(severity, 0) for severity in Severity}


def _badge(severity: Severity) -> str:
    return f'<span class="badge sev-{severity.label}">{severity.label}</span>'


def _rules(issue: Issue) -> str:
    return " ".join([issue.rule_id, *(f"+{r.rule_id}" for r in issue.also)])


def _suggestion(issue: Issue) -> str:
    if not issue.suggestions:
        return ""
    return f"suggestion: {issue.suggestions[0]!r}" if issue.suggestions[0] else "suggestion: delete"


def _summary(report: BatchReport) -> str:
    issues = [issue for a in report.articles for issue in a.result.issues]
    words = sum(a.result.article.words for a in report.articles)
    cards = [
        ("articles", len(report.articles)),
        ("words", words),
        ("issues", len(issues)),
        *((severity.label, count) for severity, count in _severity_counts(issues).items()),
        ("MQM penalty", report.penalty.total),
        ("MQM per 100 words", report.penalty.per_100_words),
        ("incomplete", len(report.incomplete)),
    ]
    out = ['<section id="summary"><h2>Summary</h2><ul class="cards" id="cards">']
    out += [f'<li data-key="{esc(key)}"><b>{number(value)}</b>{esc(key)}</li>' for key, value in cards]
    out.append("</ul>")
    status = "passed" if report.passed else "failed"
    out.append(f'<p class="verdict {status}" id="verdict">{esc(verdict(report))}</p>')
    if report.fail_on is not None:
        out.append(f'<p class="muted">--fail-on {report.fail_on.label}</p>')
    lists = [
        ("failed-gates", "Failed gates", report.failed_gates),
        ("incomplete", "Not fully checked", [incomplete_line(a) for a in report.incomplete]),
        ("failures", "Inputs that could not be read", [str(f) for f in report.failures]),
    ]
    for key, heading, lines in lists:
        if lines:
            items = "".join(f"<li>{esc(line)}</li>" for line in lines)
            out.append(f'<h3>{heading}</h3><ul id="{key}">{items}</ul>')
    out.append("</section>")
    return "\n".join(out)


def _systems(report: BatchReport) -> str:
    """Per MT system, when the batch compares several (a WMT set with several `<hyp>`)."""
    by_system: dict[str, list[ArticleReport]] = {}
    for a in report.articles:
        if a.result.article.system is not None:
            by_system.setdefault(a.result.article.system, []).append(a)
    if len(by_system) < 2:
        return ""
    columns = ["system", "articles", "words", "issues", *(s.label for s in Severity), "MQM/100 words"]
    rows = []
    for system, articles in by_system.items():
        issues = [issue for a in articles for issue in a.result.issues]
        words = sum(a.result.article.words for a in articles)
        per_100 = Penalty.of(sum(a.penalty.total for a in articles), words).per_100_words
        values: list[float | str] = [esc(system), len(articles), words, len(issues)]
        values += [*_severity_counts(issues).values(), per_100]
        rows.append(f'<tr data-system="{esc(system)}">{_cells(values)}</tr>')
    head = _head(columns, [False, *[True] * (len(columns) - 1)])
    return f'<section id="systems"><h2>Systems compared</h2><table class="wide">{head}<tbody>{"".join(rows)}</tbody></table></section>'


def _article_table(report: BatchReport) -> str:
    several = len({a.result.article.system for a in report.articles}) > 1
    columns = ["article", *(["system"] if several else []), "words", "issues"]
    columns += [*(s.label for s in Severity), "MQM", "MQM/100 words", "status"]
    numeric = [c not in ("article", "system", "status") for c in columns]
    rows = []
    for n, a in enumerate(report.articles):
        article = a.result.article
        link = f'<a href="#article-{n}">{esc(article.label)}</a>'
        values: list[float | str] = [link]
        if several:
            values.append(esc(article.system or ""))
        values += [article.words, len(a.result.issues), *_severity_counts(a.result.issues).values()]
        values += [a.penalty.total, a.penalty.per_100_words]
        values.append("checked" if a.result.complete else '<span class="incomplete">incomplete</span>')
        rows.append(f'<tr data-article="{n}">{_cells(values)}</tr>')
    return (
        '<section id="articles"><h2>Articles</h2><table class="wide" data-sortable id="article-table">'
        f"{_head(columns, numeric)}<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _top_rules(report: BatchReport) -> str:
    issues = [issue for a in report.articles for issue in a.result.issues]
    if not issues:
        return ""
    first: dict[tuple[str, str], Issue] = {}
    for issue in issues:
        first.setdefault((issue.checker, issue.rule_id), issue)
    counted = Counter((issue.checker, issue.rule_id) for issue in issues).most_common(TOP_RULES)
    rows = []
    for (checker, rule_id), count in counted:
        example = first[(checker, rule_id)]
        cells = f"<td>{esc(rule_id)}</td><td>{esc(checker)}</td><td>{_badge(example.severity)}</td>"
        cells += f'<td>{esc(example.category)}</td><td class="num" data-value="{count}">{count}</td>'
        rows.append(f'<tr data-rule="{esc(rule_id)}">{cells}</tr>')
    head = _head(["rule", "checker", "severity", "category", "issues"], [False] * 4 + [True])
    return f'<section id="rules"><h2>Top rules</h2><table>{head}<tbody>{"".join(rows)}</tbody></table></section>'


def _flags(n: int, issues: Sequence[Issue]) -> list[Flag]:
    flags = []
    for i, issue in enumerate(issues):
        title = f"{issue.severity.label} {_rules(issue)}: {issue.message}"
        if issue.suggestions:
            title += f" ({_suggestion(issue)})"
        flags.append(Flag(key=f"a{n}-i{i}", number=i + 1, issue=issue, title=printable(title)))
    return flags


def _article_section(n: int, a: ArticleReport) -> str:
    article = a.result.article
    facts = [
        f"{article.words} words",
        f"MQM {number(a.penalty.total)} ({number(a.penalty.per_100_words)} per 100 words)",
    ]
    facts += [f"{name} {a.metrics[name].score:.1f}" for name in METRIC_KEYS if name in a.metrics]
    facts += [f"lang {article.lang}"] + ([f"system {article.system}"] if article.system else [])
    out = [f'<article class="report" id="article-{n}" data-article="{n}">', f"<h3>{esc(article.label)}</h3>"]
    out.append(f'<p class="muted">{esc(" · ".join(facts))}</p>')
    if not a.result.complete:
        out.append(f'<p class="incomplete">{esc(incomplete_line(a))}</p>')
    out += [f'<p class="muted">warning: {esc(w)}</p>' for w in a.result.warnings]
    flags = _flags(n, a.result.issues)
    out.append(f'<div class="text" lang="{esc(article.lang)}">{marked_text(article.text, flags)}</div>')
    if flags:
        items = []
        for flag in flags:
            issue = flag.issue
            suggestion = f" <span class='muted'>{esc(_suggestion(issue))}</span>" if issue.suggestions else ""
            items.append(
                f'<li value="{flag.number}">{_badge(issue.severity)} <a href="#{flag.key}">{issue.line}:{issue.column}</a> '
                f"<b>{esc(_rules(issue))}</b> {esc(issue.message)} <q>{esc(issue.text)}</q>{suggestion}</li>"
            )
        out.append(f'<ol class="issues">{"".join(items)}</ol>')
    out.append("</article>")
    return "\n".join(out)


def render(report: BatchReport) -> str:
    policy = f"default-src 'none'; style-src {script_hash(STYLE)}; script-src {script_hash(SCRIPT)}"
    title = f"reviewer report: {len(report.articles)} article(s), {verdict(report)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{STYLE}</style></head>",
        f'<body><h1>reviewer report</h1><p class="signature">{esc(report.signature)}</p>',
        _summary(report),
        _systems(report),
        _article_table(report),
        _top_rules(report),
        '<section id="texts"><h2>Articles with their flags</h2>',
        *(_article_section(n, a) for n, a in enumerate(report.articles)),
        f'</section><p class="muted">reviewer {esc(__version__)}</p>',
        f"<script>{SCRIPT}</script></body></html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"
