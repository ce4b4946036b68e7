"""The ``eventlens`` command: a thin Typer layer over :mod:`eventlens.api`."""

from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from . import api
from .config import Settings
from .errors import EventlensError
from .evaluate.registry import SUITES

app = typer.Typer(
    help="eventlens: coded, sourced event data (ACLED, PLOVER, CAMEO) from conflict and security reporting.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)


class DocFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"


class EventFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


Inputs = Annotated[list[str], typer.Argument(help="Files (.txt, .html, .htm, .jsonl), directories, or - for stdin.")]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Installed spaCy pipeline (package name or path).")
]
ActorsOpt = Annotated[
    list[Path] | None, typer.Option("--actors", help="Your own actor file (YAML), added to the built-in list.")
]
FullParseOpt = Annotated[
    bool, typer.Option("--full-parse", help="Parse every sentence, not only those that can hold an event.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary (for scripts).")]
WorkersOpt = Annotated[int, typer.Option("--workers", "-j", min=1, help="Processes (each loads the model once).")]
DaskOpt = Annotated[
    str | None, typer.Option("--dask", help="Run on a Dask distributed cluster: its scheduler address.")
]
DbOpt = Annotated[
    str | None, typer.Option("--db", help="Database URL or SQLite path (default: sqlite:///eventlens.db).")
]


def _settings(model: str | None = None, actors: list[Path] | None = None, db: str | None = None,
              full_parse: bool = False) -> Settings:
    try:
        return Settings.from_env(model=model, actors_files=actors or None, db=_db_url(db) if db else None,
                                 full_parse=full_parse or None)
    except EventlensError as exc:  # a bad config file stops the command before any work
        _fail(exc)
        raise  # unreachable: _fail exits


def _db_url(value: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path for SQLite."""
    return value if "://" in value else f"sqlite:///{value}"


def _count_inputs(inputs: list[str]) -> int | None:
    """Number of documents in ``inputs``, if cheap to know (for the progress bar)."""
    total = 0
    for item in inputs:
        path = Path(item)
        if item == "-" or not path.exists():
            return None if item == "-" else total + 1
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.suffix.lower() in {".txt", ".html", ".htm", ".jsonl"})
        elif path.suffix.lower() == ".jsonl":
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            total += 1
    return total


class _RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "", style="progress.data.speed")


@contextmanager
def _progress(quiet: bool, total: int | None, label: str):
    if quiet:
        yield lambda: None
        return
    columns = [SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(),
               _RateColumn(), TimeRemainingColumn()]  # fmt: skip
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


def _fail(exc: Exception | str) -> None:
    err.print(f"[bold red]error:[/] {exc}")
    raise typer.Exit(2)


def _print_errors(errors: list[str], quiet: bool) -> None:
    if quiet:
        return
    for message in errors[:20]:
        err.print(f"[red]  ✗[/] {message}")
    if len(errors) > 20:
        err.print(f"  … and {len(errors) - 20} more")


@app.command()
def extract(
    inputs: Inputs,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    fmt: Annotated[DocFormat, typer.Option("--format", "-f", help="jsonl: one line per document.")] = DocFormat.jsonl,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    quiet: QuietOpt = False,
    fail_on_error: Annotated[bool, typer.Option(help="Exit 1 if any document had an error.")] = False,
    workers: WorkersOpt = 1,
    dask: DaskOpt = None,
    full_parse: FullParseOpt = False,
) -> None:
    """Extract events from articles and print one JSON record per document, in input order."""
    settings = _settings(model, actors, full_parse=full_parse)
    summary = api.RunSummary()
    sink = output.open("w", encoding="utf-8") if output else nullcontext(sys.stdout)
    try:
        with sink as out, _progress(quiet, _count_inputs(inputs), "extracting") as tick:
            from .export.records import write_documents

            def counted():
                for doc in api.extract_many(inputs, settings, workers, dask):
                    summary.count(doc)
                    tick()
                    yield doc

            write_documents(counted(), out, fmt.value)
    except EventlensError as exc:
        _fail(exc)
    _report(summary, quiet, f" → {output}" if output else "")
    if fail_on_error and summary.failed:
        raise typer.Exit(1)


def _report(summary: api.RunSummary, quiet: bool, where: str = "") -> None:
    _print_errors(summary.errors, quiet)
    if quiet:
        return
    parts = [f"{summary.documents} documents", f"{summary.events} event mentions"]
    for name in ("added", "updated", "unchanged", "duplicates"):
        if getattr(summary, name):
            parts.append(f"{getattr(summary, name)} {name}")
    if summary.skipped:
        parts.append(f"{summary.skipped} skipped (not English)")
    parts.append(f"{summary.failed} with errors")
    if summary.stored_events is not None:
        parts.append(f"{summary.stored_events} events in the store")
    err.print(f"[bold]done:[/] {', '.join(parts)}{where}")


@app.command()
def ingest(
    inputs: Inputs,
    db: DbOpt = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    quiet: QuietOpt = False,
    fail_on_error: Annotated[bool, typer.Option(help="Exit 1 if any document had an error.")] = False,
    workers: WorkersOpt = 1,
    dask: DaskOpt = None,
    full_parse: FullParseOpt = False,
) -> None:
    """Extract events and store them in the database; unchanged documents are skipped."""
    settings = _settings(model, actors, db, full_parse)
    try:
        with _progress(quiet, _count_inputs(inputs), "ingesting") as tick:
            summary = api.ingest(inputs, settings, on_document=lambda doc, outcome: tick(), workers=workers,
                                 dask=dask)
    except EventlensError as exc:
        _fail(exc)
    _report(summary, quiet, f" → {settings.db}")
    if fail_on_error and summary.failed:
        raise typer.Exit(1)


@app.command()
def watch(
    inputs: Inputs,
    db: DbOpt = None,
    interval: Annotated[float, typer.Option(min=1, help="Seconds between polls.")] = 300,
    passes: Annotated[int | None, typer.Option(min=1, help="Stop after this many polls (default: until ^C).")] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Poll feeds, URLs or folders and ingest only what is new or changed, until stopped; after
    each poll, new events matching a watchlist become alerts, sent to its webhook."""
    from .alerts import check_and_send
    from .store import Store

    settings = _settings(model, actors, db)
    done = 0
    try:
        while passes is None or done < passes:
            if done:
                time.sleep(interval)
            summary = api.ingest(inputs, settings)
            done += 1
            with Store(settings.db) as store:
                delivery = check_and_send(store)
            if not quiet:
                stamp = time.strftime("%H:%M:%S")
                err.print(f"[bold]{stamp} poll {done}:[/] {summary.added} new, {summary.updated} changed, "
                          f"{summary.unchanged} seen, {summary.duplicates} duplicates, {summary.failed} with errors; "
                          f"{delivery.new} new alerts, {delivery.sent} sent")
                _print_errors(summary.errors + delivery.errors, quiet)
    except EventlensError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        err.print(f"stopped after {done} polls")


ReasonOpt = Annotated[str, typer.Option("--reason", help="Why (recorded with the decision).")]
events_app = typer.Typer(
    help="List the deduplicated events (or every report of them with --mentions); show one with its "
    "reports and merge history; merge, split and grade them by hand (kept across re-runs).",
    invoke_without_command=True,
)
app.add_typer(events_app, name="events")
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER type, ACLED sub-event type or CAMEO code.")]
ActorOpt = Annotated[str | None, typer.Option(help="Actor name or id (substring).")]
CountryOpt = Annotated[str | None, typer.Option(help="ISO3 country of an actor or the place.")]
SinceOpt = Annotated[str | None, typer.Option(help="Events on or after this date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option(help="Events on or before this date (YYYY-MM-DD).")]
MentionsOpt = Annotated[bool, typer.Option("--mentions", help="Every event mention (one per report sentence) "
                                           "instead of the deduplicated events.")]


@events_app.callback()
def events(
    ctx: typer.Context,
    db: DbOpt = None,
    type_: TypeOpt = None,
    actor: ActorOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    happened: Annotated[
        bool, typer.Option("--happened/--all", help="Only what happened: asserted or reported events (the default); "
                           "--all adds plans, hypotheticals and denials, marked by their factuality.")
    ] = True,
    mentions: MentionsOpt = False,
    fmt: Annotated[EventFormat, typer.Option("--format", "-f")] = EventFormat.table,
) -> None:
    """List stored events, filtered: one row per happening, however many outlets reported it."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db}
        return
    from .export.records import events_table, write_events_csv, write_events_jsonl
    from .store import Store

    settings = _settings(db=db)
    try:
        store = Store(settings.db)
        query = store.events if mentions else store.happening_rows
        rows = query(
            type=type_, actor=actor, country=country.upper() if country else None,
            since=since, until=until, limit=limit, include_unhappened=not happened,
        )  # fmt: skip
        store.close()
    except EventlensError as exc:
        _fail(exc)
    except ValueError as exc:  # a malformed --since/--until
        _fail(f"{exc}; give dates as YYYY, YYYY-MM or YYYY-MM-DD")
    if fmt is EventFormat.csv:
        write_events_csv(rows, sys.stdout)
    elif fmt is EventFormat.jsonl:
        write_events_jsonl(rows, sys.stdout)
    else:
        console = Console()
        what = "event mentions" if mentions else "events"
        console.print(events_table(rows, title=f"{len(rows)} {what} in {settings.db}", width=console.width))


def _event_store(ctx: typer.Context, db: str | None = None):
    from .store import Store

    try:
        return Store(_settings(db=db or (ctx.obj or {}).get("db")).db)
    except EventlensError as exc:
        _fail(exc)


@events_app.command("show")
def events_show(
    ctx: typer.Context, event_id: Annotated[int, typer.Argument(help="An event id.")], db: DbOpt = None
) -> None:
    """One event: its reconciled fields, every report (sentence, outlet, grades) and why each joined."""
    from .export.records import events_table

    with _event_store(ctx, db) as store:
        event = store.happening(event_id)
    if event is None:
        _fail(f"no event with id {event_id}; list them with `eventlens events`")
    console = Console()
    console.print(events_table([event], title=f"event {event_id}: {event['n_mentions']} mentions in "
                               f"{event['n_documents']} documents from {event['n_sources']} sources",
                               width=console.width))  # fmt: skip
    grade = f"reliability {event['reliability'] or '-'}, credibility {event['credibility'] or '-'}"
    console.print(f"sources: {', '.join(event['sources']) or '-'} ({grade}); reported "
                  f"{event['first_reported'] or '?'} to {event['last_reported'] or '?'}")
    links = {link["mention_key"]: link for link in event["links"]}
    for m in event["mentions"]:
        link = links.get(m["mention_key"], {})
        why = f"{link.get('decided_by', '?')}: {link.get('reason', '')}" + (
            f" ({link['score']:.2f})" if link.get("score") is not None else "")
        console.print(f"[bold]mention {m['id']}[/] {m['document_id']} ({m['document_source'] or '?'}, "
                      f"{m['document_date'] or '?'}) {m['plover']['type']} {m['factuality']} "
                      f"cred={m['credibility'] or '-'}: {escape((m['evidence'] or {}).get('sentence', ''))}")
        console.print(f"   [dim]{escape(why)}[/]")
    for d in event["decisions"]:
        console.print(f"decision {d['id']} {d['op']} {d['at']}: {escape(d['reason'] or '')}")


@events_app.command("merge")
def events_merge(
    ctx: typer.Context,
    event_ids: Annotated[list[int], typer.Argument(help="Two or more event ids; all become the first.")],
    reason: ReasonOpt = "",
    db: DbOpt = None,
) -> None:
    """Merge events that are one happening (recorded; later runs keep them together)."""
    with _event_store(ctx, db) as store:
        try:
            into = store.merge_happenings(event_ids, reason)
        except EventlensError as exc:
            _fail(exc)
    Console().print(f"merged into event {into}")


@events_app.command("split")
def events_split(
    ctx: typer.Context,
    event_id: Annotated[int, typer.Argument(help="The event to split.")],
    mention: Annotated[list[int], typer.Option("--mention", "-m", help="A mention id to move out (repeat).")],
    reason: ReasonOpt = "",
    db: DbOpt = None,
) -> None:
    """Move mentions out of an event into a new one (recorded; later runs keep them apart)."""
    with _event_store(ctx, db) as store:
        try:
            new = store.split_happening(event_id, mention, reason)
        except EventlensError as exc:
            _fail(exc)
    Console().print(f"split off event {new}")


@events_app.command("credibility")
def events_credibility(
    ctx: typer.Context,
    mention_id: Annotated[int, typer.Argument(help="A mention id (see `eventlens events show`).")],
    value: Annotated[int, typer.Argument(help="1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, "
                                         "5 improbable, 6 cannot be judged.")],
    reason: ReasonOpt = "",
    db: DbOpt = None,
) -> None:
    """Grade one claim's credibility (Admiralty 1-6); kept across re-runs and shown with its event."""
    with _event_store(ctx, db) as store:
        try:
            store.set_credibility(mention_id, value, reason)
        except EventlensError as exc:
            _fail(exc)
    Console().print(f"mention {mention_id}: credibility {value}")


sources_app = typer.Typer(help="Outlets and their reliability grades (Admiralty A-F).", invoke_without_command=True)
app.add_typer(sources_app, name="sources")


@sources_app.callback()
def sources(ctx: typer.Context, db: DbOpt = None) -> None:
    """List the outlets in the store with their documents and reliability grade."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    with _event_store(ctx) as store:
        rows = store.sources()
    table = Table(title=f"{len(rows)} sources")
    for column in ("source", "documents", "reliability", "note"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["name"], str(row["documents"]), row["reliability"] or "-", row["note"])
    Console().print(table)


@sources_app.command("grade")
def sources_grade(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The outlet, as `eventlens sources` lists it.")],
    grade: Annotated[str, typer.Argument(help="A completely reliable, B usually, C fairly, D not usually, "
                                         "E unreliable, F cannot be judged; '-' clears it.")],
    note: Annotated[str, typer.Option(help="Why (kept with the grade).")] = "",
    db: DbOpt = None,
) -> None:
    """Give an outlet a reliability grade; its events show the best grade among their sources."""
    with _event_store(ctx, db) as store:
        try:
            store.grade_source(name, None if grade == "-" else grade, note)
        except EventlensError as exc:
            _fail(exc)
    Console().print(f"{name}: reliability {grade}")


class ExportFormat(StrEnum):
    acled = "acled"
    ucdp = "ucdp"
    cameo = "cameo"
    plover = "plover"
    geojson = "geojson"
    stix = "stix"
    parquet = "parquet"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="acled, ucdp (CSV), cameo (Phoenix TSV), "
                                              "plover (JSON), geojson, stix (2.1 bundle), parquet (needs -o).")],
    db: DbOpt = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="PLOVER type, ACLED sub-event type or CAMEO code.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name or id (substring).")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 country of an actor or the place.")] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date (YYYY-MM-DD).")] = None,
    happened: Annotated[
        bool, typer.Option("--happened/--all", help="Only asserted or reported events (the default); --all adds "
                           "plans, hypotheticals and denials.")
    ] = True,
    mentions: MentionsOpt = False,
) -> None:
    """Export stored events in a format the field uses (docs/exports.md): one row per event."""
    from .export.formats import BINARY_WRITERS, WRITERS
    from .store import Store

    binary = fmt.value in BINARY_WRITERS
    if binary and output is None:
        _fail(f"--format {fmt.value} writes a binary file: give --output FILE")

    settings = _settings(db=db)
    try:
        with Store(settings.db) as store:
            query = store.events if mentions else store.happening_rows
            rows = query(type=type_, actor=actor, country=country.upper() if country else None,
                         since=since, until=until, include_unhappened=not happened)  # fmt: skip
    except EventlensError as exc:
        _fail(exc)
    except ValueError as exc:
        _fail(f"{exc}; give dates as YYYY, YYYY-MM or YYYY-MM-DD")
    writer = BINARY_WRITERS[fmt.value] if binary else WRITERS[fmt.value]
    try:
        if output is None:
            count = writer(rows, sys.stdout)
        else:
            with output.open("wb") if binary else output.open("w", encoding="utf-8", newline="") as fh:
                count = writer(rows, fh)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}; check the folder exists and is writable")
    except EventlensError as exc:
        _fail(exc)
    err.print(f"exported {count} of {len(rows)} events as {fmt.value}" + (f" to {output}" if output else ""))

@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 opens the desk to the network.")] =
    "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    tiles: Annotated[str | None, typer.Option(envvar="EVENTLENS_TILES", help="A tile server for the map: "
                                              "https://host/{z}/{x}/{y}.png (default: the bundled country shapes).")]
    = None,
    tiles_attribution: Annotated[str | None, typer.Option(help="The tile server's attribution line.")] = None,
) -> None:
    """The analyst's desk and its HTTP API (docs at /docs); writes need EVENTLENS_TOKEN."""
    import os

    import uvicorn

    from .serve import create_app

    settings = _settings(db=db)
    token = os.environ.get("EVENTLENS_TOKEN") or None
    try:
        application = create_app(settings.db, token=token, tiles=tiles, tiles_attribution=tiles_attribution)
    except EventlensError as exc:
        _fail(exc)
    except ValueError as exc:  # a malformed --tiles
        _fail(str(exc))
    mode = "read and write (token set)" if token else "read-only (set EVENTLENS_TOKEN to allow changes)"
    err.print(f"eventlens desk on http://{host}:{port}/ over {settings.db}: {mode}; API docs at /docs")
    uvicorn.run(application, host=host, port=port, log_level="warning")


# --- eval: score eventlens on labelled data (library: eventlens.evaluate; docs/eval.md) ---------------

eval_app = typer.Typer(
    help="Score eventlens on labelled data sets; `eval gate` is the CI check against pinned floors.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")


@contextmanager
def _eval_progress(quiet: bool, label: str):
    """``(on_start(total), on_progress(n))`` callbacks driving a progress bar on stderr."""
    if quiet:
        yield (lambda total: None), (lambda n: None)
        return
    columns = [SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(),
               _RateColumn(), TimeRemainingColumn()]  # fmt: skip
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(label, total=None)
        yield (lambda total: progress.update(task, total=total)), (lambda n: progress.advance(task, n))


def _eval_suite_command(name: str):
    def command(
        file: Annotated[
            Path | None, typer.Argument(help="Labelled data file (default: the suite's file under ../shared).")
        ] = None,
        errors: Annotated[int, typer.Option("--errors", help="Print this many wrong cases.")] = 0,
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
        limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N items.")] = None,
        sample: Annotated[
            int | None, typer.Option("--sample", help="Score every K-th item (before --limit).", min=1)
        ] = None,
        workers: Annotated[
            int | None, typer.Option("--workers", help="Worker processes (default: 1 for small runs, else one a core).")
        ] = None,
        model: ModelOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        from .evaluate.report import render_result
        from .evaluate.runner import run_suite

        try:
            with _eval_progress(quiet or as_json, f"eval {name}") as (on_start, on_progress):
                result = run_suite(
                    name, file, sample=sample, limit=limit, errors=errors, settings=_settings(model),
                    workers=workers, on_start=on_start, on_progress=on_progress,
                )  # fmt: skip
        except (EventlensError, FileNotFoundError) as exc:
            _fail(exc)
        if as_json:
            import json

            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        else:
            render_result(result, Console())

    command.__doc__ = f"{SUITES[name].description} (suite `{name}`)"
    command.__name__ = f"eval_{name}"
    return command


for _suite in SUITES:
    eval_app.command(_suite)(_eval_suite_command(_suite))


@eval_app.command("gate")
def eval_gate(
    update: Annotated[
        bool, typer.Option("--update", help="Raise floors to the current scores (never lowers).")
    ] = False,
    allow_lower: Annotated[
        str | None,
        typer.Option("--allow-lower", metavar="REASON", help="Also lower floors; the reason is recorded in the file."),
    ] = None,
    baseline: Annotated[Path, typer.Option("--baseline", help="The floors file.")] = Path("eval_baseline.json"),
    quiet: QuietOpt = False,
) -> None:
    """Run every suite pinned in eval_baseline.json; exit 1 naming each metric below its floor minus the margin."""
    from .evaluate.gate import Baseline, run_gate
    from .evaluate.report import render_gate

    if allow_lower is not None and not allow_lower.strip():
        _fail("--allow-lower needs a reason (put it in the commit message too)")
    if not baseline.is_file():
        _fail(f"{baseline} not found; run from the repository root or pass --baseline FILE")
    on_suite = None if quiet else (lambda name: err.print(f"[dim]eval gate: running {name} …[/]"))
    try:
        outcome = run_gate(baseline, update_floors=update, allow_lower=allow_lower, on_suite=on_suite)
    except (EventlensError, ValueError, KeyError) as exc:
        _fail(exc)
    pinned = Baseline.load(baseline)
    render_gate(outcome, {k: v["floors"] for k, v in pinned.suites.items()}, pinned.margin, Console())
    if not outcome.scores:
        Console().print("[yellow]eval gate skipped[/]: no suite's data is present")
    else:
        checked = sum(len(v["floors"]) for k, v in pinned.suites.items() if k in outcome.scores)
        failed = len(outcome.shortfalls)
        print(f"eval gate: {checked - failed} passed, {failed} failed")  # the plain summary CI reads
    if not outcome.ok:
        raise typer.Exit(1)


actors_app = typer.Typer(
    help="The actor knowledge base: look actors up; merge and split them (recorded, reversible).",
    no_args_is_help=True,
)
app.add_typer(actors_app, name="actors")


def _kb(actors: list[Path] | None = None):
    from .resolve.actor_kb import load_kb

    return load_kb(tuple(str(p) for p in (actors or [])))


def _decide(decision: dict) -> None:
    from .resolve.actor_decisions import check, decisions_path, record

    try:
        check(_kb(), decision)
    except EventlensError as exc:
        _fail(exc)
    row = record(decision)
    Console().print(f"recorded in {decisions_path()}: {json.dumps(row, ensure_ascii=False)}")


@actors_app.command("show")
def actors_show(
    name: Annotated[str, typer.Argument(help="An actor id (IRN-IRGC) or any name or alias (Pasdaran).")],
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor files.")] = None,
) -> None:
    """An actor's entry, its aliases, what it was merged into, and the decisions about it."""
    from .resolve.actor_decisions import read_decisions

    kb = _kb(actors)
    ids = [name] if name in kb.entries else (kb.exact(name) or kb.acronym(name) or
                                            ([f] if (f := kb.fuzzy(name)) else []))  # fmt: skip
    if not ids:
        _fail(f"no actor called {name!r}; unknown organisations are kept as they are written")
    for actor_id in ids:
        e = kb.entries[actor_id]
        Console().print(f"[bold]{e.id}[/]  {e.name}  kind={e.kind} country={e.country} sector={e.sector} "
                        f"cameo={e.cameo_code} parent={e.parent}")  # fmt: skip
        Console().print(f"  aliases: {', '.join(e.aliases) or '-'}")
        merged = sorted(k for k in kb.redirects if kb.canonical(k) == actor_id)
        if merged:
            Console().print(f"  merged into it: {', '.join(merged)}")
        if actor_id in kb.redirects:
            Console().print(f"  merged into {kb.canonical(actor_id)}")
        for d in read_decisions():
            if actor_id in (d.get("from"), d.get("into"), d.get("id"), d.get("new_id")):
                Console().print(f"  decision: {json.dumps(d, ensure_ascii=False)}")


@actors_app.command("merge")
def actors_merge(
    source: Annotated[str, typer.Argument(help="The actor id that is folded in.")],
    into: Annotated[str, typer.Argument(help="The actor id it becomes.")],
    reason: ReasonOpt = "",
) -> None:
    """Merge one actor into another: its aliases link to the other from now on (undo with split)."""
    _decide({"op": "merge", "from": source, "into": into, "reason": reason})


@actors_app.command("split")
def actors_split(
    actor_id: Annotated[str, typer.Argument(help="A merged actor id, or one to take an alias from.")],
    alias: Annotated[str | None, typer.Option("--alias", help="Move this alias to a new actor.")] = None,
    new_id: Annotated[str | None, typer.Option("--as", help="The new actor's id (with --alias).")] = None,
    reason: ReasonOpt = "",
) -> None:
    """Undo a merge (``split ID``) or give one alias its own actor (``split ID --alias A --as NEW``)."""
    decision = {"op": "split", "id": actor_id, "reason": reason}
    if alias:
        decision.update(alias=alias, new_id=new_id)
    _decide(decision)


gazetteer_app = typer.Typer(
    help="The offline gazetteer: towns and districts in a SQLite file built from PyPI packages.",
    no_args_is_help=True,
)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build(
    path: Annotated[
        Path | None, typer.Option("--path", help="Where to write it (default: EVENTLENS_GAZETTEER or ~/.cache).")
    ] = None,
) -> None:
    """Build (or rebuild) the gazetteer file; it is also built at first use."""
    from .resolve.gazetteer_db import GazetteerDB, build, default_path

    target = path or default_path()
    with err.status(f"building the gazetteer at {target} …"):
        build(target)
    meta = GazetteerDB(target).meta()
    Console().print(f"gazetteer: {int(meta['places']):,} places, {int(meta['names']):,} names in "
                    f"{meta['seconds']} s -> {target}\n{meta['attribution']}")  # fmt: skip


@gazetteer_app.command("import")
def gazetteer_import(
    dump: Annotated[Path, typer.Argument(help="A GeoNames dump: allCountries.txt/.zip, cities500.txt, XX.txt.")],
    path: Annotated[
        Path | None, typer.Option("--path", help="The gazetteer file (default: EVENTLENS_GAZETTEER or ~/.cache).")
    ] = None,
) -> None:
    """Add a GeoNames dump's towns and districts, and GeoNames' points for its countries and provinces."""
    from .resolve.gazetteer_db import default_path, import_geonames

    if not dump.is_file():
        _fail(f"{dump} not found; download a dump from https://download.geonames.org/export/dump/")
    try:
        with err.status(f"importing {dump} …"):
            counts = import_geonames(dump, path)
    except EventlensError as exc:
        _fail(exc)
    Console().print(f"imported into {path or default_path()}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
