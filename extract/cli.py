"""Command line: `notice-extract run|eval|review` (also `python -m extract`).

Exit status: 0 the batch finished (per-file failures are in errors.jsonl); 1 with
--strict when any file failed, or when `eval --min` is not reached; 2 bad usage or an
unwritable OUT.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from extract import __version__
from extract.batch import Summary, run_batch
from extract.config import EXPORT_FORMATS, Options


def parse_formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"choose from {', '.join(EXPORT_FORMATS)}; got {value!r}")
    return formats


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="notice-extract")
def cli() -> None:
    """Structured rectification tasks from Chinese inspection notices."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="output folder (created)")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="processes (default: all cores)")
@click.option("--formats", default="json,jsonl,csv", show_default=True, help="exports: json,jsonl,csv,xlsx")
@click.option("--strict", is_flag=True, help="exit 1 when any file failed")
@click.option("--no-ocr", is_flag=True, help="fail image-only PDFs with needs_ocr instead of running OCR")
@click.option("--timeout", "timeout_s", type=float, default=120.0, show_default=True, help="seconds per file")
@click.option("--quiet", "-q", is_flag=True, help="no progress bar and no summary table")
def run(inputs: tuple[Path, ...], out_dir: Path, workers: int | None, formats: str, strict: bool,
        no_ocr: bool, timeout_s: float, quiet: bool) -> None:
    """Extract every notice under INPUTS into OUT."""
    options = Options(formats=parse_formats(formats), ocr=not no_ocr, timeout_s=timeout_s)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if not os.access(out_dir, os.W_OK):
            raise PermissionError(f"cannot write to {out_dir}")
    except OSError as exc:
        raise click.UsageError(f"OUT is not writable: {exc}") from exc
    summary = run_batch(list(inputs), out_dir, options, workers=workers, progress=None if not quiet else False)
    if not quiet:
        click.echo(summary_table(summary), err=True)
    click.echo(summary.line())
    if strict and summary.errors:
        sys.exit(1)


def summary_table(summary: Summary) -> str:
    lines = ["by format:   " + ", ".join(f"{k} {v}" for k, v in sorted(summary.formats.items()))]
    if summary.warnings:
        lines.append("warnings:    " + ", ".join(f"{k} {v}" for k, v in sorted(summary.warnings.items())))
    if summary.error_codes:
        lines.append("errors:      " + ", ".join(f"{k} {v}" for k, v in sorted(summary.error_codes.items())))
    if summary.slowest:
        slowest = (f"{path} {seconds * 1000:.0f} ms" for seconds, path in summary.slowest)
        lines.append("slowest:     " + ", ".join(slowest))
    return "\n".join(lines)


@cli.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def ledger(out_dir: Path) -> None:
    """Rebuild OUT/tasks.xlsx from OUT/documents/*.json without running the batch again."""
    from extract.ledger import write_ledger

    click.echo(write_ledger(out_dir))


@cli.command("eval")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("corpus/gold"), show_default=True, help="gold answers (one JSON per notice)")
@click.option("--map", "map_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="MAP.tsv for renamed or partial variants (default: GOLD/MAP.tsv when present)")
@click.option("--strict-map", is_flag=True, help="a mapped output absent from OUT counts as a missing document")
@click.option("--min", "minimum", type=float, default=None, help="exit 1 when the printed score is below this")
@click.option("--verbose", "-v", is_flag=True, help="list each document's fields below 1 with P/R/F1")
def eval_command(out_dir: Path, gold_dir: Path, map_path: Path | None, strict_map: bool,
                 minimum: float | None, verbose: bool) -> None:
    """Score OUT against gold answers: per-field accuracy, precision, recall, F1, per document and
    overall; written to OUT/eval.json. The score is the shared scorer's."""
    from extract.evaluate import GoldError, evaluate, report, shown_score
    from extract.export import write_atomic

    try:
        evaluation = evaluate(out_dir, gold_dir, map_path, strict_map=strict_map)
    except GoldError as exc:
        raise UsageFailure(str(exc)) from exc
    write_atomic(out_dir / "eval.json",
                 (json.dumps(evaluation.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    click.echo(report(evaluation, verbose=verbose))
    if minimum is not None and shown_score(evaluation.score) < minimum:
        sys.exit(1)


class UsageFailure(click.ClickException):
    """A user error that exits 2 (exit 1 is kept for a --min that is not reached)."""

    exit_code = 2


@cli.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def review(out_dir: Path) -> None:
    """Write OUT/review/: one page per document with every extracted span highlighted."""
    from extract.review import write_review

    index = write_review(out_dir)
    click.echo(f"review pages: {index}")


def main() -> None:
    cli(prog_name="notice-extract")
