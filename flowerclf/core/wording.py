"""The words of a page the core writes for people (the HTML report), in any language.

The core speaks English and knows no catalogue: whoever asks for a page may
give a *words* function, English phrase in, the same phrase in its own
language out (the app passes Qt's translator). It holds for one rendering,
through a context variable, so the page's helpers need no extra parameter;
by default every phrase stays English. Phrases are templates: ``{name}``
fields are filled in after translation, with names, numbers and paths that
are data and never translated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

#: English phrase in, the phrase in the page's language out
Words = Callable[[str], str]

_WORDS: ContextVar[Words | None] = ContextVar("flowerclf_words", default=None)


def words(text: str, escape: Callable[[str], str] | None = None, **fields: Any) -> str:
    """``text`` in the words of the page being written, its ``{fields}`` filled in.

    With ``escape`` (HTML's), the phrase is escaped before the fields, which are
    markup already, go in.
    """
    translate = _WORDS.get()
    said = translate(text) if translate is not None else text
    if escape is not None:
        said, text = escape(said), escape(text)
    if not fields:
        return said
    try:
        return said.format(**fields)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: say it in English
        return text.format(**fields)


def phrase(text: str) -> str:
    """Marks an English phrase said later with :func:`words` (a table's label); returns it."""
    return text


@contextmanager
def speaking(translate: Words | None) -> Iterator[None]:
    """Within the block, :func:`words` says phrases with ``translate`` (None: English)."""
    token = _WORDS.set(translate)
    try:
        yield
    finally:
        _WORDS.reset(token)
