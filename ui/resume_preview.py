"""A candidate's original resume, shown before any run: PDF pages as images (as the
candidate sent it), other formats as the text Tailor reads from them."""

from __future__ import annotations

import pymupdf
import streamlit as st

from db.candidates import CandidateSource
from db.errors import StoreError
from engine.errors import TailorError
from engine.extract.documents import ExtractLimits, extract_document
from ui.common import plain, settings

MAX_PAGES = 4
DPI = 110  # sharp enough to read when a page is opened full screen (the image's toolbar)


@st.cache_data(max_entries=16, show_spinner=False)
def pdf_pages(data: bytes) -> list[bytes]:
    """The first pages of a PDF as PNG images (kept for the next redraws: the Review page
    redraws on every tick of an edit)."""
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return [page.get_pixmap(dpi=DPI).tobytes("png") for page in document.pages(0, min(MAX_PAGES, len(document)))]


def show_original_resume(source: CandidateSource, candidate_id: str) -> None:
    try:
        file = source.resume_file(candidate_id)
    except StoreError as error:
        st.warning(f"No resume to show: {plain(error)}")
        return
    name = file.filename or f"resume-{candidate_id}.{file.declared_format or 'txt'}"
    st.download_button("Download the original", file.data, file_name=name,
                       key=f"original_{candidate_id}")
    if file.declared_format == "pdf" or file.data[:5] == b"%PDF-":
        try:
            for image in pdf_pages(file.data):
                st.image(image)
            return
        except (RuntimeError, ValueError) as error:  # a damaged PDF: say so, show its text
            st.caption(f"The PDF cannot be drawn ({plain(error)}); its text follows.")
    try:
        limits = ExtractLimits.from_settings(settings())
        text = extract_document(file.data, filename=file.filename,
                                declared_format=file.declared_format, limits=limits).text
    except TailorError as error:
        st.warning(f"This resume cannot be read: {plain(error)}")
        return
    st.text(text)
