"""Rich rendering of suite results and gate outcomes (the JSON form is ``SuiteResult.to_dict``)."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .gate import GateOutcome
from .suite import SuiteResult


def _pct(value: float) -> str:
    return f"{value:.3f}"


def render_result(result: SuiteResult, console: Console) -> None:
    options = ", ".join(f"{k}={v}" for k, v in result.options.items())
    console.print(
        f"[bold]{result.suite}[/]: {result.items} items from {escape(result.path)}"
        f"{f' ({options})' if options else ''} in {result.seconds:.1f} s"
    )
    summary = Table(show_header=True, header_style="bold")
    summary.add_column("metric")
    summary.add_column("score", justify="right")
    for name, value in result.metrics.items():
        summary.add_row(name, _pct(value))
    console.print(summary)
    if result.classes and "precision" not in next(iter(result.classes.values())):
        groups = Table(title="per phenomenon", header_style="bold")  # e.g. the details suite
        keys = list(next(iter(result.classes.values())))
        for col in ("phenomenon", *keys):
            groups.add_column(col, justify="left" if col == "phenomenon" else "right")
        for label, s in result.classes.items():
            groups.add_row(label, *(str(int(s[k])) if k == "support" else _pct(s[k]) for k in keys))
        console.print(groups)
    elif result.classes:
        classes = Table(title="per class (gold classes)", header_style="bold")
        for col in ("class", "precision", "recall", "F1", "support", "predicted"):
            classes.add_column(col, justify="left" if col == "class" else "right")
        for label, s in result.classes.items():
            classes.add_row(label, _pct(s["precision"]), _pct(s["recall"]), _pct(s["f1"]),
                            str(int(s["support"])), str(int(s["predicted"])))  # fmt: skip
        console.print(classes)
    if result.confusions:
        console.print("[bold]most confused[/] (gold → predicted): " + ", ".join(
            escape(f"{g} → {p} ({c})") for g, p, c in result.confusions
        ))  # fmt: skip
    for note in result.notes:
        console.print(f"[dim]note: {escape(note)}[/]")
    if result.failed:
        console.print(f"[red]{len(result.failed)} documents failed in the pipeline[/], e.g. {escape(result.failed[0])}")
    for i, case in enumerate(result.errors, 1):
        _render_error(i, case, console)


def _render_error(i: int, case: dict[str, Any], console: Console) -> None:
    head = case.get("sentence") or case.get("title") or case.get("text", "")
    console.print()
    console.print(Text(f"{i}. ", style="bold") + Text(head))
    shown = {k: v for k, v in case.items() if k not in ("sentence", "title", "text", "found")}
    console.print("   " + "  ".join(f"{k}: {v}" for k, v in shown.items()), markup=False, highlight=False)
    for event in case.get("found", [])[:6]:
        console.print(f"   found: {json.dumps(event, ensure_ascii=False)}", markup=False, highlight=False)
    if not case.get("found"):
        console.print("   found: no events")


def render_gate(outcome: GateOutcome, floors: dict[str, dict[str, float]], margin: float, console: Console) -> None:
    for name, why in outcome.skipped.items():
        console.print(f"[yellow]skipped {name}[/]: {escape(why)}")
    if outcome.scores:
        table = Table(title=f"eval gate (margin {margin:g})", header_style="bold")
        for col in ("suite", "metric", "score", "floor", ""):
            table.add_column(col, justify="right" if col in ("score", "floor") else "left")
        failing = {(s.suite, s.metric) for s in outcome.shortfalls}
        for name, scores in outcome.scores.items():
            for metric, floor in floors.get(name, {}).items():
                score = scores.get(metric)
                mark = "[red]FAIL[/]" if (name, metric) in failing else "[green]ok[/]"
                table.add_row(name, metric, "-" if score is None else _pct(score), f"{floor:.2f}", mark)
        console.print(table)
        console.print("time: " + ", ".join(f"{k} {v:.0f} s" for k, v in outcome.seconds.items()))
    for change in outcome.changes:
        if change.kind == "refused":
            console.print(f"[yellow]not lowered[/] {change.suite}.{change.metric}: {change.old} → {change.new} "
                          "(lowering needs --allow-lower REASON)")  # fmt: skip
        else:
            console.print(f"{change.kind} {change.suite}.{change.metric}: {change.old} → {change.new}")
    if outcome.written:
        console.print("[bold]floors written[/]")
    for shortfall in outcome.shortfalls:
        console.print(f"[bold red]below floor:[/] {escape(str(shortfall))}")
