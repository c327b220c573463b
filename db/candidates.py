"""The existing candidate table, read where it is.

Tailor does not own this table: a mapping in configuration (``settings.CandidateTable``)
names it and its columns. ``open_candidate_source`` reflects it and refuses a mapping
that names a table or column that does not exist. Search, filters, sorting and paging
all run in SQL with bound parameters, so a page stays fast on 100,000 rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from db.connection import get_engine, reading
from db.errors import CandidateMappingError, ResumeUnavailable, StoreError
from db.resume_files import read_confined
from settings import CandidateTable

# The ceiling for callers without a limit of their own (previews): no resume is this big.
MAX_FILE_BYTES = 64 * 1024 * 1024
FORMAT_BY_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".txt": "text", ".md": "text"}


@dataclass(frozen=True)
class CandidateQuery:
    text: str = ""
    # filter label -> a value or several: a row matches when its column contains any
    # of them, ignoring case ("software engineer" finds "Senior Software Engineer").
    filters: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    sort: str = "name"  # "name", "email", "id" or a filter label
    descending: bool = False
    page: int = 1
    page_size: int = 50


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str | None
    email: str | None
    extra: dict[str, Any]  # filter label -> value


@dataclass(frozen=True)
class CandidatePage:
    rows: list[Candidate]
    total: int
    page: int
    page_size: int

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class ResumeFile:
    data: bytes
    filename: str | None
    declared_format: str | None


@dataclass(frozen=True)
class CandidateSource:
    engine: sa.Engine
    table: sa.Table
    mapping: CandidateTable

    def column(self, name: str) -> sa.Column:
        return self.table.c[name]

    @property
    def id_column(self) -> sa.Column:
        return self.column(self.mapping.id)

    def search(self, query: CandidateQuery) -> CandidatePage:
        where = self._where(query)
        page = max(1, query.page)
        rows_sql = (
            sa.select(*self._row_columns())
            .where(*where)
            .order_by(*self._order(query))
            .limit(query.page_size)
            .offset((page - 1) * query.page_size)
        )
        count_sql = sa.select(sa.func.count()).select_from(self.table).where(*where)
        with self.engine.connect() as conn:
            total = conn.execute(count_sql).scalar_one()
            rows = [self._candidate(r) for r in conn.execute(rows_sql)]
        return CandidatePage(rows=rows, total=total, page=page, page_size=query.page_size)

    def matching_ids(self, query: CandidateQuery, limit: int | None = None) -> list[str]:
        """Every id the query matches (all pages), for "select all" and bulk runs."""
        sql = sa.select(self.id_column).where(*self._where(query)).order_by(self.id_column)
        if limit is not None:
            sql = sql.limit(limit)
        with self.engine.connect() as conn:
            return [str(v) for v in conn.execute(sql).scalars()]

    def get_many(self, ids: list[str]) -> list[Candidate]:
        if not ids:
            return []
        sql = sa.select(*self._row_columns()).where(self._id_in(ids))
        with reading(self.engine) as conn:
            return [self._candidate(r) for r in conn.execute(sql)]

    def filter_options(self, label: str, limit: int = 500) -> list[str]:
        col = self.column(self.mapping.filters[label])
        sql = sa.select(col).where(col.is_not(None)).distinct().order_by(col).limit(limit)
        with self.engine.connect() as conn:
            return [str(v) for v in conn.execute(sql).scalars()]

    def resume_file(self, candidate_id: str, max_bytes: int = MAX_FILE_BYTES) -> ResumeFile:
        """The candidate's resume as bytes, from a blob, a text column or a file path
        (confined to the mapping's resume root; its size checked before reading)."""
        cols = [self.column(self.mapping.resume)]
        if self.mapping.format:
            cols.append(self.column(self.mapping.format))
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*cols).where(self._id_in([candidate_id]))).first()
        if row is None:
            raise ResumeUnavailable("candidate_not_found", f"Candidate {candidate_id} no longer exists.")
        declared = row[1] if len(row) > 1 else None
        if self.mapping.resume_kind == "path":
            return _file_at(row[0], declared, self.mapping.resume_root, max_bytes)
        data = row[0].encode("utf-8") if isinstance(row[0], str) else row[0]
        if not data:
            raise ResumeUnavailable("resume_empty", "This candidate has no resume stored.")
        return ResumeFile(data=bytes(data), filename=None, declared_format=declared)

    def write_back(self, conn: sa.Connection, candidate_id: str, text: str) -> None:
        """Store the approved resume text in the mapping's write-back column, if any."""
        if self.mapping.writeback:
            update = sa.update(self.table).where(self._id_in([candidate_id]))
            conn.execute(update.values({self.mapping.writeback: text}))

    def _row_columns(self) -> list[sa.ColumnElement]:
        cols = [
            self.id_column.label("id"),
            self.column(self.mapping.name).label("name"),
            self.column(self.mapping.email).label("email"),
        ]
        cols += [self.column(c).label(f"f_{i}") for i, c in enumerate(self.mapping.filters.values())]
        return cols

    def _candidate(self, row: sa.Row) -> Candidate:
        labels = list(self.mapping.filters)
        extra = {label: row[3 + i] for i, label in enumerate(labels)}
        return Candidate(id=str(row.id), name=row.name, email=row.email, extra=extra)

    def _id_in(self, ids: list[str]) -> sa.ColumnElement[bool]:
        # Ids travel as strings (URLs, Redis, the runs table); compare in the column's type.
        # An id that does not convert (a word for an integer column) matches nothing.
        python_type = _python_type(self.id_column)
        return self.id_column.in_([v for v in (_converted(python_type, i) for i in ids)
                                   if v is not None])

    def _where(self, query: CandidateQuery) -> list[sa.ColumnElement[bool]]:
        _refuse_nul(query)
        clauses = []
        searchable = [self.mapping.name, self.mapping.email, *self.mapping.filters.values()]
        for term in query.text.split():
            clauses.append(sa.or_(*(self._contains(c, term) for c in searchable)))
        for label, wanted in query.filters.items():
            values = [v for v in ((wanted,) if isinstance(wanted, str) else wanted or ()) if v]
            if values:
                column = self.mapping.filters[label]
                clauses.append(sa.or_(*(self._contains(column, v) for v in values)))
        return clauses

    def _contains(self, column: str, term: str) -> sa.ColumnElement[bool]:
        # SQLite's LIKE already ignores ASCII case; its icontains would add lower() on
        # every row. PostgreSQL's icontains is ILIKE, which trigram indexes serve.
        text = _as_text(self.column(column))
        if self.engine.dialect.name != "sqlite":
            return text.icontains(term, autoescape=True)
        if term.isascii():
            return text.contains(term, autoescape=True)
        # Beyond ASCII SQLite's LIKE is case-sensitive ("émile" misses "Émile"): compare
        # casefolded text (db.connection registers casefold on every SQLite connection).
        return sa.func.casefold(text).contains(term.casefold(), autoescape=True)

    def _order(self, query: CandidateQuery) -> list[sa.ColumnElement]:
        names = {"name": self.mapping.name, "email": self.mapping.email, "id": self.mapping.id}
        names.update(self.mapping.filters)
        col = self.column(names.get(query.sort, self.mapping.name))
        first = col.desc() if query.descending else col.asc()
        return [first, self.id_column.asc()]


def open_candidate_source(url: str, mapping: CandidateTable, engine: sa.Engine | None = None) -> CandidateSource:
    """Reflect the mapped table, or raise CandidateMappingError naming what is missing."""
    engine = engine or get_engine(url)
    inspector = sa.inspect(engine)
    tables = inspector.get_table_names(schema=mapping.schema_name)
    if mapping.table not in tables:
        raise CandidateMappingError(
            f"Candidate table {mapping.table!r} does not exist in the candidate database "
            f"({_hide_password(url)}). Tables there: {', '.join(sorted(tables)) or 'none'}."
        )
    table = sa.Table(mapping.table, sa.MetaData(), schema=mapping.schema_name, autoload_with=engine)
    for role, name in _mapped_columns(mapping):
        if name not in table.c:
            raise CandidateMappingError(
                f"Candidate table {mapping.table!r} has no column {name!r} (mapped as {role}). "
                f"Its columns: {', '.join(table.c.keys())}."
            )
    return CandidateSource(engine=engine, table=table, mapping=mapping)


def _mapped_columns(mapping: CandidateTable) -> list[tuple[str, str]]:
    roles = [("id", mapping.id), ("name", mapping.name), ("email", mapping.email),
             ("resume", mapping.resume)]
    if mapping.format:
        roles.append(("format", mapping.format))
    if mapping.writeback:
        roles.append(("writeback", mapping.writeback))
    roles += [(f"filter {label!r}", col) for label, col in mapping.filters.items()]
    return roles


def _file_at(path_value: str | None, declared: str | None, root: str | None,
             max_bytes: int) -> ResumeFile:
    if not path_value:
        raise ResumeUnavailable("resume_empty", "This candidate has no resume file path stored.")
    data = read_confined(path_value, root, max_bytes)
    path = Path(path_value)
    fmt = declared or FORMAT_BY_SUFFIX.get(path.suffix.lower())
    return ResumeFile(data=data, filename=path.name, declared_format=fmt)


def _refuse_nul(query: CandidateQuery) -> None:
    """PostgreSQL rejects a NUL in text with an error quoting the SQL and its parameters:
    refuse it first, in words."""
    values = [query.text, *(v for wanted in query.filters.values()
                            for v in ((wanted,) if isinstance(wanted, str) else wanted or ()))]
    if any("\x00" in (v or "") for v in values):
        raise StoreError("The search text contains a NUL character (\\0); remove it and "
                         "search again.")


def _as_text(col: sa.Column) -> sa.ColumnElement:
    return col if isinstance(col.type, sa.String) else sa.cast(col, sa.String)


def _python_type(col: sa.Column) -> type:
    try:
        return col.type.python_type
    except NotImplementedError:
        return str


def _converted(python_type: type, value: str) -> Any:
    try:
        return python_type(value)
    except (TypeError, ValueError):
        return None


def _hide_password(url: str) -> str:
    return sa.make_url(url).render_as_string(hide_password=True)
