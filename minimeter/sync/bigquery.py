"""BigQuery target: CSV load jobs into per-batch staging tables, then MERGE; never streaming.

Streaming inserts de-duplicate only on a best-effort basis and their rows cannot be changed
by DML for a while, so every batch is loaded (one load job per table) into staging tables
named for the batch, then merged into ``bills``, ``meters`` and ``line_items`` with one MERGE
per table, bills first. Each MERGE is idempotent on its own (the highest version wins; equal
versions rewrite identical values), so a run cut between two of them is repaired by the
rerun. Children are merged from the rows of the version ``bills`` now holds, and the
children of those bills that the source no longer has are deleted (a correction that drops a
line item drops it here too). Staging tables are deleted after the merge; their names are
unique per batch so two laptops syncing at once never share one.

BigQuery specifics: NUMERIC keeps 9 decimal places (values with more are rounded half-even;
the exact text stays in ``data``); line breaks inside text fields become spaces so CSV rows
stay one line each (``data`` keeps the original). Credentials come only from the
environment / Application Default Credentials; an ``api_endpoint`` on this machine
(an emulator) is spoken to anonymously.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import uuid
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from minimeter.errors import ConfigError, MinimeterError, OfflineError, SyncError
from minimeter.sync.base import Batch
from minimeter.sync.rows import KEYS, TABLES, table_rows

if TYPE_CHECKING:
    from minimeter.settings import Settings

log = logging.getLogger("minimeter.sync")

_BQ_TYPES = {
    "text": "STRING",
    "numeric": "NUMERIC",
    "date": "DATE",
    "int": "INT64",
    "float": "FLOAT64",
    "json": "STRING",
    "timestamp": "TIMESTAMP",
}
_NUMERIC_STEP = Decimal("1e-9")
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
_PROJECT = re.compile(r"^[a-z0-9.:-]{1,128}$")
_DATASET = re.compile(r"^[A-Za-z0-9_]{1,1024}$")
_API_TIMEOUT = 60.0
_JOB_TIMEOUT = 600.0


def is_loopback(endpoint: str | None) -> bool:
    return bool(endpoint) and (urlparse(endpoint).hostname or "") in _LOOPBACK


def csv_value(v: Any) -> str:
    """One CSV field as BigQuery's CSV loader reads it (empty = NULL)."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        if v.as_tuple().exponent < -9:  # type: ignore[operator]
            v = v.quantize(_NUMERIC_STEP, rounding=ROUND_HALF_EVEN)
        return format(v, "f")
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return repr(v)
    return " ".join(str(v).splitlines())


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([csv_value(r.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8")


class BigQueryTarget:
    name = "bigquery"
    summary = "bills, meters and line items into BigQuery tables (sync.bigquery.project)"

    @staticmethod
    def configured(settings: Settings) -> bool:
        return bool(settings.sync.bigquery.project)

    def __init__(self, settings: Settings) -> None:
        self.cfg = settings.sync.bigquery
        if not self.cfg.project:
            raise ConfigError(
                "BigQuery is not configured",
                hint="set sync.bigquery.project in config.toml or MINIMETER_SYNC__BIGQUERY__PROJECT",
            )
        if not _PROJECT.match(self.cfg.project) or not _DATASET.match(self.cfg.dataset):
            raise ConfigError(
                f"BigQuery project {self.cfg.project!r} or dataset {self.cfg.dataset!r} is not a valid id",
                hint="datasets use letters, digits and underscores",
            )
        self.project: str = self.cfg.project
        self.dataset = self.cfg.dataset
        self.warnings: list[str] = []
        self._client: Any = None

    # --- client and errors ------------------------------------------------------------
    @property
    def client(self) -> Any:
        if self._client is None:
            from google.api_core.client_options import ClientOptions
            from google.auth.exceptions import DefaultCredentialsError
            from google.cloud import bigquery

            kwargs: dict[str, Any] = {"project": self.project, "location": self.cfg.location}
            if self.cfg.api_endpoint:
                kwargs["client_options"] = ClientOptions(api_endpoint=self.cfg.api_endpoint)
                if is_loopback(self.cfg.api_endpoint):
                    from google.auth.credentials import AnonymousCredentials

                    kwargs["credentials"] = AnonymousCredentials()  # type: ignore[no-untyped-call]  # google-auth is untyped
            try:
                self._client = bigquery.Client(**kwargs)
            except DefaultCredentialsError as exc:
                raise ConfigError(
                    "no Google credentials for BigQuery",
                    hint="run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS",
                ) from exc
        return self._client

    @property
    def _retry(self) -> Any:
        from google.cloud import bigquery

        # The library's default retries for ten minutes; a field laptop should hear sooner.
        return bigquery.DEFAULT_RETRY.with_timeout(30.0)

    def _error(self, exc: Exception, doing: str) -> MinimeterError:
        import requests
        from google.api_core import exceptions as gexc
        from google.auth import exceptions as aexc

        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:240]
        if isinstance(exc, MinimeterError):
            return exc
        if isinstance(exc, aexc.GoogleAuthError):
            return ConfigError(
                f"BigQuery credentials were refused: {first}",
                hint="check Application Default Credentials with gcloud auth application-default login",
            )
        if isinstance(exc, (gexc.Forbidden, gexc.Unauthorized)):
            return ConfigError(
                f"BigQuery refused to {doing}: {first}",
                hint="grant the account BigQuery Data Editor and Job User on the project",
            )
        cause = exc.__cause__ if isinstance(exc, gexc.RetryError) else exc
        if isinstance(
            cause,
            (
                requests.ConnectionError,
                requests.Timeout,
                gexc.ServiceUnavailable,
                gexc.RetryError,
                TimeoutError,
                ConnectionError,
            ),
        ) or isinstance(exc, gexc.RetryError):
            where = self.cfg.api_endpoint or "bigquery.googleapis.com"
            return OfflineError(f"BigQuery ({where}) does not answer", hint="check the network")
        return SyncError(
            f"BigQuery failed to {doing}: {first}", hint="run `minimeter sync` again later; if it persists, see the log"
        )

    def _table(self, name: str) -> str:
        return f"{self.project}.{self.dataset}.{name}"

    @staticmethod
    def _schema(table: str, *, staging: bool = False) -> list[Any]:
        from google.cloud.bigquery import SchemaField

        fields = [SchemaField(n, _BQ_TYPES[k]) for n, k in TABLES[table]]
        if not staging:
            fields.append(SchemaField("synced_at", "TIMESTAMP"))
        return fields

    # --- contract ---------------------------------------------------------------------
    def check(self) -> None:
        from google.api_core.exceptions import NotFound

        try:
            self.client.get_dataset(f"{self.project}.{self.dataset}", retry=None, timeout=15)
        except NotFound:
            pass  # prepare() creates it
        except Exception as exc:
            raise self._error(exc, "answer") from exc

    def prepare(self) -> None:
        from google.cloud import bigquery

        try:
            ds = bigquery.Dataset(f"{self.project}.{self.dataset}")
            if self.cfg.location:
                ds.location = self.cfg.location
            self.client.create_dataset(ds, exists_ok=True, retry=self._retry, timeout=_API_TIMEOUT)
            for table in TABLES:
                self.client.create_table(
                    bigquery.Table(self._table(table), schema=self._schema(table)),
                    exists_ok=True,
                    retry=self._retry,
                    timeout=_API_TIMEOUT,
                )
        except Exception as exc:
            raise self._error(exc, "create its dataset and tables") from exc
        self._drop_stale_stages()

    def _drop_stale_stages(self) -> None:
        """Staging tables left by a sync that lost the network before its cleanup, older than a day
        (a younger one may belong to another laptop's sync that is running now)."""
        cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        try:
            stale = [
                t.reference
                for t in self.client.list_tables(f"{self.project}.{self.dataset}", timeout=_API_TIMEOUT)
                if t.table_id.startswith("_stage_") and t.created is not None and t.created < cutoff
            ]
        except Exception:  # housekeeping only; the sync itself does not depend on it
            log.debug("could not list staging tables", exc_info=True)
            return
        self._drop(stale)

    def push(self, batch: Batch) -> int:
        self.warnings = []
        if not batch.items:
            return 0
        rows = table_rows(batch.items)
        run = uuid.uuid4().hex[:16]
        stages = {t: self._table(f"_stage_{t}_{run}") for t in TABLES}
        try:
            for table, stage in stages.items():
                self._stage(table, stage, rows[table])
            written = self._merge_bills(stages["bills"], len(rows["bills"]))
            for child in ("meters", "line_items"):
                self._merge_children(child, stages[child], stages["bills"])
            return written
        except Exception as exc:
            raise self._error(exc, "load a batch") from exc
        finally:
            self._drop(stages.values())

    # --- steps ------------------------------------------------------------------------
    def _stage(self, table: str, stage: str, rows: list[dict[str, Any]]) -> None:
        from google.cloud import bigquery

        schema = self._schema(table, staging=True)
        self.client.create_table(bigquery.Table(stage, schema=schema), retry=self._retry, timeout=_API_TIMEOUT)
        if not rows:
            return  # an empty staging table still lets the MERGE delete dropped children
        cfg = bigquery.LoadJobConfig(
            source_format=bigquery.SourceFormat.CSV,
            schema=schema,
            skip_leading_rows=1,
            write_disposition=bigquery.WriteDisposition.WRITE_TRUNCATE,
        )
        data = to_csv([n for n, _ in TABLES[table]], rows)
        job = self.client.load_table_from_file(
            io.BytesIO(data), stage, job_config=cfg, rewind=True, timeout=_API_TIMEOUT
        )
        job.result(timeout=_JOB_TIMEOUT, retry=self._retry)
        if job.output_rows is not None and int(job.output_rows) != len(rows):
            raise SyncError(
                f"BigQuery loaded {job.output_rows} of {len(rows)} {table} rows",
                hint="run `minimeter sync` again later; if it persists, see the log",
            )

    def _query(self, sql: str) -> Any:
        job = self.client.query(sql, retry=self._retry, timeout=_API_TIMEOUT)
        job.result(timeout=_JOB_TIMEOUT, retry=self._retry)
        return job

    def _merge_bills(self, stage: str, n: int) -> int:
        cols = [c for c, _ in TABLES["bills"]]
        sets = ", ".join(f"{c} = S.{c}" for c in cols if c != "job_sha256")
        job = self._query(
            f"MERGE `{self._table('bills')}` T USING `{stage}` S ON T.job_sha256 = S.job_sha256 "
            f"WHEN MATCHED AND S.version >= T.version "
            f"THEN UPDATE SET {sets}, synced_at = CURRENT_TIMESTAMP() "
            f"WHEN NOT MATCHED THEN INSERT ({', '.join(cols)}, synced_at) "
            f"VALUES ({', '.join('S.' + c for c in cols)}, CURRENT_TIMESTAMP())"
        )
        affected = getattr(job, "num_dml_affected_rows", None)
        return int(affected) if affected is not None else n

    def _merge_children(self, table: str, stage: str, bills_stage: str) -> None:
        cols = [c for c, _ in TABLES[table]]
        keys = KEYS[table]
        bills = self._table("bills")
        on = " AND ".join(f"T.{k} = S.{k}" for k in keys)
        sets = ", ".join(f"{c} = S.{c}" for c in cols if c not in keys)
        # Every name is qualified: an unqualified column in a subquery can bind to the target.
        self._query(
            f"MERGE `{self._table(table)}` T "
            f"USING (SELECT c.* FROM `{stage}` c JOIN `{bills}` b "
            f"ON b.job_sha256 = c.job_sha256 AND b.version = c.version) S ON {on} "
            f"WHEN MATCHED THEN UPDATE SET {sets}, synced_at = CURRENT_TIMESTAMP() "
            f"WHEN NOT MATCHED BY TARGET THEN INSERT ({', '.join(cols)}, synced_at) "
            f"VALUES ({', '.join('S.' + c for c in cols)}, CURRENT_TIMESTAMP()) "
            f"WHEN NOT MATCHED BY SOURCE AND T.job_sha256 IN ("
            f"SELECT sb.job_sha256 FROM `{bills_stage}` sb JOIN `{bills}` b2 "
            f"ON b2.job_sha256 = sb.job_sha256 AND b2.version = sb.version) THEN DELETE"
        )

    def _drop(self, tables: Any) -> None:
        for t in tables:
            try:
                self.client.delete_table(t, not_found_ok=True, retry=None, timeout=15)
            except Exception:  # offline: the staging table is orphaned, harmless, named per batch
                log.debug("could not drop staging table %s", t, exc_info=True)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
