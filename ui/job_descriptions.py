"""Job descriptions: the library batches are tailored to. Create, rename, edit (a new
version: batches keep the text they ran against), archive and restore."""

from __future__ import annotations

import streamlit as st

from db import store
from db.errors import StoreError
from db.queries import JobDescriptionChoice, job_descriptions
from db.users import Role
from engine.orchestration.batches import job_description_problem
from engine.resume import JobDescription
from ui.common import allowed, current_user, plain, settings

st.title("Job descriptions")
url = settings().database_url


def checked(title: str, text: str) -> bool:
    """Whether the posting can be saved; if not, says why on the page."""
    if not title.strip():
        st.error("Give the job description a name.")
        return False
    if why := job_description_problem(JobDescription(title=title, text=text)):
        st.error(plain(why))
        return False
    return True


def create_form() -> None:
    with st.expander("New job description", icon=":material/add:"):
        with st.form("new_job_description", clear_on_submit=False):
            title = st.text_input("Name", placeholder="e.g. Senior Backend Engineer")
            text = st.text_area("Text", height=220, placeholder="Paste the posting here…")
            if (st.form_submit_button("Save to the library", type="primary")
                    and allowed(Role.RECRUITER, "change job descriptions")
                    and checked(title, text)):
                store.save_job_description(url, title.strip(), text.strip(), current_user())
                st.toast(f"Saved “{plain(title.strip())}”.")
                st.rerun()


def library_entry(job: JobDescriptionChoice) -> None:
    with st.expander(f"{plain(job.title)} · version {job.version}"):
        with st.form(f"edit_{job.id}"):
            title = st.text_input("Name", value=job.title)
            text = st.text_area("Text", value=job.text, height=220)
            rename, save, archive = st.columns(3)
            renamed = rename.form_submit_button("Rename")
            saved = save.form_submit_button("Save as new version", type="primary")
            archived = archive.form_submit_button("Archive")
        if not ((renamed or saved or archived) and allowed(Role.RECRUITER, "change job descriptions")):
            return
        try:
            if renamed and title.strip():
                store.rename_job_description(url, job.id, title, current_user())
            elif saved and checked(title, text):
                store.new_version(url, job.id, title, text.strip(), current_user())
            elif archived:
                store.set_archived(url, job.id, True, current_user())
            else:
                return
        except StoreError as error:
            st.error(plain(error))
            return
        st.rerun()


def archived_list() -> None:
    archived = job_descriptions(url, archived=True)
    if not archived:
        return
    with st.expander(f"Archived ({len(archived)})"):
        for job in archived:
            left, right = st.columns([4, 1])
            left.write(f"{plain(job.title)} · version {job.version}")
            if (right.button("Restore", key=f"restore_{job.id}")
                    and allowed(Role.RECRUITER, "change job descriptions")):
                store.set_archived(url, job.id, False, current_user())
                st.rerun()


create_form()
library = job_descriptions(url)
st.caption(f"{len(library)} in the library. Editing saves a new version; batches keep the "
           "version they ran against.")
for job in library:
    library_entry(job)
archived_list()
