"""The layering the README's architecture section describes, checked on the source.

Every import (module level or deferred inside a function) of every module is read with
``ast``; a breach names the file, the line and the rule it breaks. The second half checks
that the README's architecture table names only places that exist and every package.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIPPED_DIRS = {".venv", "var", "node_modules", "__pycache__", ".git"}

# The engine's entry points for a shell or an RQ worker: aliases of orchestration code.
ENGINE_ENTRY_POINTS = {"engine/__main__.py", "engine/runs.py", "engine/jobs.py"}
# Accepted exceptions, each with its reason. Keep this short.
ALLOWED: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Rule:
    name: str
    applies_to: str  # a folder
    forbidden: frozenset[str]  # modules, with everything below them
    exempt: tuple[str, ...] = ()  # folders or files under applies_to the rule leaves alone

    def covers(self, relative: str) -> bool:
        return relative.startswith(self.applies_to) and not relative.startswith(self.exempt)

    def forbids(self, module: str) -> str | None:
        return next((f for f in self.forbidden if module == f or module.startswith(f + ".")), None)


RULES = (
    Rule("pure engine modules import no db, redis, rq, sqlalchemy, streamlit, settings "
         "or orchestration", "engine/",
         frozenset({"db", "redis", "rq", "sqlalchemy", "streamlit", "settings",
                    "engine.orchestration"}),
         exempt=("engine/orchestration/", *ENGINE_ENTRY_POINTS)),
    Rule("ui pages import no sqlalchemy or redis", "ui/", frozenset({"sqlalchemy", "redis"})),
    Rule("db imports no engine and no streamlit", "db/", frozenset({"engine", "streamlit"})),
)


def python_files(root: Path = ROOT) -> list[Path]:
    found = []
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if not any(p in SKIPPED_DIRS or p.startswith(".") for p in parts):
            found.append(path)
    return sorted(found)


def imports(path: Path, root: Path = ROOT) -> list[tuple[int, list[str]]]:
    """Each import statement in the file (deferred ones too): its line and the dotted
    names it may load, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = list(path.relative_to(root).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, [alias.name]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # `from engine import orchestration` loads a submodule: check both names
            found.append((node.lineno, [module, *(f"{module}.{a.name}" for a in node.names)]))
    return found


def breaches(root: Path = ROOT) -> list[str]:
    found = []
    for path in python_files(root):
        relative = path.relative_to(root).as_posix()
        rules = [rule for rule in RULES if rule.covers(relative)]
        if not rules:
            continue
        for line, names in imports(path, root):
            for rule in rules:
                hits = {hit for name in names if (hit := rule.forbids(name))}
                if hits - {h for (f, h) in ALLOWED if f == relative}:
                    found.append(f"{relative}:{line} imports {names[0]}: {rule.name}")
    return sorted(set(found))


def test_no_module_breaks_the_layering():
    assert breaches() == []


def test_no_pages_folder_beside_the_entry_point():
    """Streamlit serves every script in a ``pages/`` folder beside ``app.py`` on its own
    URL, around app.py's sign-in gate and navigation; Tailor's pages live in ``ui/``."""
    assert not (ROOT / "pages").exists()


def test_a_breach_is_caught(tmp_path):
    """The checker itself: a pure engine module importing the database is reported."""
    (tmp_path / "engine" / "score").mkdir(parents=True)
    (tmp_path / "engine" / "score" / "x.py").write_text(
        "def f():\n    from db.store import claims\n    import sqlalchemy as sa\n")
    (tmp_path / "engine" / "orchestration").mkdir()
    (tmp_path / "engine" / "orchestration" / "ok.py").write_text("import db.store\nimport redis\n")
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "p.py").write_text("from redis import Redis\n")
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "d.py").write_text("from ..engine import resume\n")
    (tmp_path / "engine" / "steps.py").write_text("from engine import orchestration\n")
    assert [b.split(":")[:2] for b in breaches(tmp_path)] == [
        ["db/d.py", "1 imports engine"],
        ["engine/score/x.py", "2 imports db.store"],
        ["engine/score/x.py", "3 imports sqlalchemy"],
        ["engine/steps.py", "1 imports engine"],
        ["ui/p.py", "1 imports redis"],
    ]


# --- the README's architecture table ----------------------------------------------------

# Folders whose sub-folders the table does not list one by one.
UNLISTED_BELOW = ("tests/", "db/migrations/")


def architecture_section(readme: Path = ROOT / "README.md") -> str:
    text = readme.read_text(encoding="utf-8")
    match = re.search(r"^## Architecture\n(.*?)(?=^## )", text, re.S | re.M)
    assert match, "README.md has no '## Architecture' section"
    return match[1]


def named_places(section: str) -> set[str]:
    """Paths the table's rows name in backticks: ``engine/parse/``, ``engine/score.py``."""
    rows = [line for line in section.splitlines() if line.startswith("|")]
    names = set()
    for row in rows:
        for name in re.findall(r"`([\w./-]+)`", row):
            if "/" in name or name.endswith(".py"):
                names.add(name)
    return names


def packages(root: Path = ROOT) -> set[str]:
    """Every folder holding Python modules, as ``folder/``."""
    folders = {p.parent.relative_to(root).as_posix() + "/" for p in python_files(root)}
    folders.discard("./")
    return {f for f in folders
            if not any(f.startswith(u) and f != u for u in UNLISTED_BELOW)}


def test_readme_names_only_places_that_exist():
    missing = sorted(n for n in named_places(architecture_section()) if not (ROOT / n).exists())
    assert missing == [], f"the README's architecture table names what does not exist: {missing}"


def test_readme_names_every_package():
    named = named_places(architecture_section())
    unnamed = sorted(packages() - named)
    assert unnamed == [], f"packages missing from the README's architecture table: {unnamed}"

