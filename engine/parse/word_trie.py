"""Regular expressions for long lists of words (month names, skills), written as tries.

Python's ``re`` tries an alternation of hundreds of words branch by branch at every
position of a text; a trie ("j(?:an(?:uary|v(?:ier)?)?|...)") only follows the branches
the text's next character allows, and matches the same words, the longest first.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable


def trie_pattern(words: Iterable[str], end: Callable[[int], str] = lambda length: "") -> str:
    """A pattern matching any of ``words``, the longest that fits first. A space in a
    word matches any run of white space; ``end(length)`` is a pattern that must follow a
    word of that length ("" for none)."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = len(word)

    def render(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + render(child)
            for char, child in sorted(node.items())
            if char
        ]
        if "" in node:
            branches.append(end(node[""]))  # ending here is the last choice
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return render(root)
