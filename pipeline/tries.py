"""Word lists as one regular expression: a trie, so that a shared start is tried once.

The engine tries each branch of a flat alternation ("word1|word2|...") in turn at every
position; with hundreds of words that is most of a search's time. A trie tries each letter
once, and comes to the words that start with the letters read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_pattern(words: Iterable[str]) -> str:
    """A non-capturing expression that matches what the alternation of `words` (literal
    strings) sorted longest first matches: at each letter the longer words are tried before
    the word that ends there, so the longest word that lets the rest of the pattern match wins
    (two words that both match at one position differ in length)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(trie)


def _branches(node: dict) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in node.items() if char]
    if "" in node:
        branches.append("")  # last: the word that ends here, once the longer ones fail
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
