"""Word styles and list formats from a DOCX's XML: what a paragraph inherits.

A paragraph's look (bold, size, colour, hidden) comes from its runs, its style and the
styles that style is based on, and the document defaults; whether it is a heading from
its style's name or outline level; whether it is a list item (and which kind) from the
numbering part.
"""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = f"{W}val"
_OFF = {"0", "false", "off", "none"}


def on(element) -> bool:
    return element.get(VAL, "true").lower() not in _OFF


def run_style(rpr) -> dict:
    values: dict = {}
    if rpr is None:
        return values
    for child in rpr:
        tag = child.tag
        if tag == f"{W}b":
            values["bold"] = on(child)
        elif tag == f"{W}sz":
            try:
                values["size"] = int(child.get(VAL)) / 2
            except (TypeError, ValueError):
                pass
        elif tag == f"{W}color":
            values["colour"] = child.get(VAL)
        elif tag == f"{W}vanish":
            values["vanish"] = on(child)
        elif tag == f"{W}shd":
            values["shading"] = child.get(f"{W}fill")
        elif tag == f"{W}highlight":
            values["highlight"] = child.get(VAL)
    return values


def list_formats(document) -> dict[tuple[str, str], str]:
    """(numId, level) -> number format ("bullet", "decimal", "none", ...)."""
    try:
        root = document.part.numbering_part.element
    except Exception:  # no numbering part, or a broken one: no lists
        return {}
    levels: dict[str | None, dict[str, str]] = {}
    for abstract in root.iter(f"{W}abstractNum"):
        found = {}
        for level in abstract.iter(f"{W}lvl"):
            number_format = level.find(f"{W}numFmt")
            found[level.get(f"{W}ilvl", "0")] = (
                number_format.get(VAL, "") if number_format is not None else ""
            )
        levels[abstract.get(f"{W}abstractNumId")] = found
    formats = {}
    for number in root.iter(f"{W}num"):
        abstract_id = number.find(f"{W}abstractNumId")
        key = abstract_id.get(VAL) if abstract_id is not None else None
        for level, number_format in levels.get(key, {}).items():
            formats[(number.get(f"{W}numId"), level)] = number_format
    return formats


def list_kind(ppr, formats: dict[tuple[str, str], str]) -> str | None:
    """"bullet", "numbered" or None for a paragraph (or style) properties element:
    Word also numbers paragraphs with an invisible format ("none")."""
    numbering = ppr.find(f"{W}numPr") if ppr is not None else None
    if numbering is None:
        return None
    number_id = numbering.find(f"{W}numId")
    level = numbering.find(f"{W}ilvl")
    key = (number_id.get(VAL) if number_id is not None else None,
           level.get(VAL, "0") if level is not None else "0")
    if key[0] in (None, "0"):
        return None
    number_format = formats.get(key, "bullet")
    if number_format in ("none", ""):
        return None
    return "bullet" if number_format == "bullet" else "numbered"


def paragraph_styles(document, formats: dict[tuple[str, str], str]
                     ) -> tuple[dict[str, dict], dict]:
    """Each style's run properties, heading and list kind, with what it inherits; and
    the document's default run properties."""
    raw: dict[str, dict] = {}
    try:
        root = document.styles.element
    except Exception:  # no styles part, or a broken one: plain paragraphs
        return {}, {}
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    doc_defaults = run_style(defaults)
    for style in root.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId")
        if not style_id:
            continue
        name = style.find(f"{W}name")
        name_text = (name.get(VAL) if name is not None else style_id).lower()
        ppr = style.find(f"{W}pPr")
        based = style.find(f"{W}basedOn")
        values = run_style(style.find(f"{W}rPr"))
        values["_based"] = based.get(VAL) if based is not None else None
        values["heading"] = name_text.startswith(("heading", "title")) or (
            ppr is not None and ppr.find(f"{W}outlineLvl") is not None
        )
        values["listed"] = list_kind(ppr, formats)
        values["_default_paragraph"] = (
            style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") == "1"
        )
        raw[style_id] = values
    resolved: dict[str, dict] = {}

    def resolve(style_id: str, depth: int = 0) -> dict:
        if style_id in resolved:
            return resolved[style_id]
        values = dict(raw.get(style_id, {}))
        parent = values.pop("_based", None)
        if parent and parent in raw and depth < 10:
            merged = dict(resolve(parent, depth + 1))
            for key, value in values.items():
                # Being a heading or a list is inherited; run properties the child
                # sets override its parent's.
                if key in ("heading", "listed"):
                    merged[key] = value or merged.get(key)
                else:
                    merged[key] = value
            values = merged
        resolved[style_id] = values
        return values

    for style_id in raw:
        resolve(style_id)
    return resolved, doc_defaults
