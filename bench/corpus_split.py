"""A fixed split of the dev corpus into a TUNE part and a REPORT part.

Rules of the parser are tuned by looking at TUNE only; accuracy is reported on REPORT,
which stands for resumes the parser has not been fitted to. A resume's part is decided by
a hash of its key (the person's folder for labelled/, the file's stem for files/ so a
person's PDF and DOCX go together, ``ner/<stem>`` for ner_text/): about half each, the
same on every machine and for every future file.
"""

from __future__ import annotations

import hashlib
from enum import Enum
from pathlib import Path


class Part(str, Enum):
    TUNE = "tune"
    REPORT = "report"


def part_of(key: str) -> Part:
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return Part.TUNE if digest[0] % 2 == 0 else Part.REPORT


def key_of(path: Path, corpus: Path) -> str:
    """The split key of a corpus file: the first folder under labelled/, the stem under
    files/, ``ner/<stem>`` under ner_text/ (anything else: its path's first part)."""
    relative = path.resolve().relative_to(corpus.resolve())
    top, *rest = relative.parts
    if top == "labelled" and rest:
        return rest[0]
    if top == "files":
        return path.stem
    if top == "ner_text":
        return f"ner/{path.stem}"
    return top


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="print each labelled person's part")
    parser.add_argument("--corpus", type=Path, required=True)
    args = parser.parse_args()
    for folder in sorted((args.corpus / "labelled").iterdir()):
        if folder.is_dir():
            print(f"{part_of(folder.name).value}\t{folder.name}")
