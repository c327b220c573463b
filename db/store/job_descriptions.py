"""The job description library: rename, edit (a new version of the same family, so
batches keep the text they ran against) and archive. Each change is audited."""

from __future__ import annotations

import sqlalchemy as sa

from db.connection import get_engine
from db.errors import NotFound, StoreError
from db.models import AuditEvent, SavedJobDescription, utcnow

JD = SavedJobDescription


def _family(conn: sa.Connection, job_description_id: int) -> int:
    found = conn.execute(sa.select(sa.func.coalesce(JD.family_id, JD.id))
                         .where(JD.id == job_description_id)).scalar()
    if found is None:
        raise NotFound(f"Job description {job_description_id} does not exist.")
    return found


def _in_family(family: int) -> sa.ColumnElement[bool]:
    return sa.or_(JD.id == family, JD.family_id == family)


def _audit(conn: sa.Connection, actor: str, action: str, family: int, detail: dict) -> None:
    conn.execute(sa.insert(AuditEvent), {"actor": actor, "action": action,
                                         "detail": {"job_description_id": family, **detail},
                                         "at": utcnow()})


def _title(title: str) -> str:
    if not title.strip():
        raise StoreError("A job description needs a name.")
    return title.strip()[:300]


def rename_job_description(url: str, job_description_id: int, title: str, actor: str) -> None:
    """Rename every version of the job description's family."""
    with get_engine(url).begin() as conn:
        family = _family(conn, job_description_id)
        conn.execute(sa.update(JD).where(_in_family(family)).values(title=_title(title)))
        _audit(conn, actor, "job_description.renamed", family, {"title": title.strip()})


def new_version(url: str, job_description_id: int, title: str, text: str, actor: str) -> int:
    """Save edited text as the family's next version; returns its id."""
    with get_engine(url).begin() as conn:
        family = _family(conn, job_description_id)
        latest = conn.execute(sa.select(sa.func.max(JD.version)).where(_in_family(family))).scalar()
        new_id = conn.execute(sa.insert(JD).returning(JD.id), {
            "title": _title(title), "text": text, "created_by": actor, "created_at": utcnow(),
            "in_library": True, "family_id": family, "version": latest + 1,
        }).scalar_one()
        _audit(conn, actor, "job_description.edited", family, {"version": latest + 1})
        return new_id


def set_archived(url: str, job_description_id: int, archived: bool, actor: str) -> None:
    """Archive (hide from the library and the Candidates page) or restore a family."""
    with get_engine(url).begin() as conn:
        family = _family(conn, job_description_id)
        conn.execute(sa.update(JD).where(_in_family(family))
                     .values(archived_at=utcnow() if archived else None))
        _audit(conn, actor, "job_description.archived" if archived else "job_description.restored",
               family, {})
