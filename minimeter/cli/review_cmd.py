"""``minimeter review JOB [--set FIELD=VALUE]... (--approve | --reject)``: the review form, headless.

The same code path as the TUI's form (``minimeter.review``): the corrected bill is validated with
the pipeline's model, the pipeline's checks re-run on it, it is stored as a new version, and an
approval teaches the layout's template. An unknown field or a value that does not parse is a
one-line error and nothing changes.
"""

from __future__ import annotations

import click

from minimeter.cli._common import console, shown


@click.command("review")
@click.argument("job_ref", metavar="JOB")
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
              help="Correct a field (a BillNormalized name; dates YYYY-MM-DD, numbers plain, empty to clear).")
@click.option("--approve", is_flag=True, help="Approve the (corrected) bill: the job becomes SUCCEEDED.")
@click.option("--reject", is_flag=True, help="Reject the job (DISCARDED, kept in history); nothing is learned.")
@click.option("--note", default="", help="Why (stored with the review or the rejection).")
@click.option("--reviewer", default=None, help="Who reviews (default: the user name).")
@click.option("--store", "store_url", default=None, envvar="MINIMETER_STORE", help="Job store URL.")
@click.pass_context
def review(ctx: click.Context, job_ref: str, sets: tuple[str, ...], approve: bool, reject: bool, note: str,
           reviewer: str | None, store_url: str | None) -> None:
    """Approve (with corrections) or reject one job, as the review form does."""
    import getpass

    from minimeter.cli.core import _find, _open
    from minimeter.review import ReviewError, corrected_bill, parse_assignments
    from minimeter.review import approve as do_approve
    from minimeter.review import reject as do_reject

    if approve == reject:
        raise ReviewError("say --approve or --reject", hint="minimeter review JOB [--set FIELD=VALUE]... --approve")
    if reject and sets:
        raise ReviewError("--set goes with --approve", hint="a rejected job keeps no corrections")
    values = parse_assignments(list(sets))  # errors before the store is even opened: nothing changes
    settings, store = _open(ctx, store_url)
    try:
        job = _find(store, job_ref)
        who = reviewer or getpass.getuser() or "reviewer"
        if reject:
            do_reject(store, job, reviewer=who, reason=note or "rejected with minimeter review")
            click.echo(f"Job {job.id} rejected (kept in history).")
            return
        current = store.current_bill(job.id)
        if current is None and not values:
            raise ReviewError(f"job {job.id} has no extracted bill to approve", hint="give its fields with --set")
        original = current.result if current else None
        from minimeter.schema import BillNormalized

        bill = corrected_bill(original.bill if original else BillNormalized(), values)
        done, line = do_approve(store, settings, job, bill, reviewer=who, original=original,
                                note=note or "approved with minimeter review")
        out = console()
        changed = ", ".join(sorted(values)) or "no corrections"
        out.print(f"Job {done.id} approved ({shown(changed)}); {shown(line)}.")
    finally:
        store.close()
