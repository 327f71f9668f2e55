"""The HTML the kit builds (the report, the therapist's inbox, page panels), from Jinja2
templates in ``kit/templates/`` with autoescaping on: every value a template is given is
escaped unless it is already :class:`markupsafe.Markup` (a message from
:func:`kit.text.markup`, or another template's output), so escaping cannot be forgotten.

A one-tag fragment is written with ``Markup("<p>{}</p>").format(value)``, which escapes
the same way; anything larger is a template.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .text import markup, markup_n

if TYPE_CHECKING:
    import jinja2


@functools.cache
def environment() -> jinja2.Environment:
    """The templates' environment: escaping on, an unknown name an error (never empty).
    Jinja2 is imported here, the first time a template is drawn: a page that writes only
    single elements never loads it (some 50 ms)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kit", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(words=markup, words_n=markup_n)
    return env


def render(name: str, **values: Any) -> Markup:
    """The template ``name`` (in kit/templates) with ``values``, as safe HTML."""
    return Markup(environment().get_template(name).render(**values))  # noqa: S704 (escaped)


ELEMENTS = frozenset({"p", "div", "span", "h2", "h3", "h4", "pre", "blockquote", "ul", "li",
                      "code", "strong", "em", "style"})  # fmt: skip


def element(tag: str, content: object = "", css: str | None = None, **attributes: str) -> Markup:
    """One element around ``content``: the content escaped unless it is Markup already (a
    message from :func:`kit.text.markup`, a template's output), the class and every
    attribute escaped (``aria_live="polite"`` is written ``aria-live``)."""
    if tag not in ELEMENTS:
        raise ValueError(f"{tag!r} is not an element the kit writes")
    if css:
        attributes = {"class": css, **attributes}
    written = Markup("").join(
        Markup(' {}="{}"').format(name.replace("_", "-"), value)
        for name, value in attributes.items()
    )
    return Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), written, content)  # noqa: S704 (a known tag)
