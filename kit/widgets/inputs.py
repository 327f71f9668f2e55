"""One input per field kind: the ipywidgets control that shows it, and its answer.

Every input offers the same small surface, so the form never needs to know kinds:

* ``value``: the answer in the journal's format (see :mod:`kit.fields`), or None when
  the question is unanswered; setting it fills the control.
* ``box``: the whole block (prompt, help, control, error line) to put on the page.
* ``show_error(message)``: an inline message under the control, or None to clear it.
* ``on_change(callback)``: called whenever the person changes the answer.

Prompts, options and help come from our own content, and are still escaped; anything a
person typed only ever goes into text controls, which never render HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
import pkgutil
from collections.abc import Callable
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from markupsafe import Markup

from ..fields import KINDS, Field, Invalid
from ..templating import element
from ..text import t

# Typed text reaches the kernel once, when the person leaves the box (Tab, or a click on
# Save), not at every key. While typing, ipywidgets holds back a text box's later updates
# until the kernel has answered the earlier one, but a button's click is never held back:
# a quick Tab and Enter could save the text as it was a few keys earlier, and then mark the
# page "not saved" (seen in the keyboard test, about one run in three).
SYNC_ON_LEAVE = {"continuous_update": False}


def full() -> w.Layout:
    """A fresh full-width layout (a Layout is shared state: never reuse one)."""
    return w.Layout(width="100%")


def _small() -> w.Layout:
    """A button as wide as its words, not the whole row."""
    return w.Layout(width="auto", align_self="flex-start")


def name_for_screen_readers(control: w.DescriptionWidget, name: str) -> None:
    """Give ``control`` a ``<label>`` that screen readers announce but that is not drawn
    (the same words show on the page already). ipywidgets ties a description's label to
    its input with ``for``, and shows it as text, never as HTML."""
    control.description = name
    control.add_class("kit-named")


def _anchors(field: Field) -> str:
    """What a scale's numbers mean ("1 = not at all · 5 = very"), as plain text."""
    return " · ".join(
        t("widgets.input.anchor", n=n, label=label) for n, label in sorted(field.anchors.items())
    )


def _html(text: str, css: str, tag: str = "div") -> w.HTML:
    return w.HTML(element(tag, text, css), layout=full())


class Input:
    """Base class: the prompt, the help and the error line around a control."""

    def __init__(self, field: Field) -> None:
        self.field = field
        self.error = w.Label("", layout=full())
        self.error.add_class("kit-error")
        self.error.layout.display = "none"
        self._callbacks: list[Callable[[], None]] = []
        control = self.build()
        name = t("widgets.input.named-needed", prompt=field.prompt) if field.required else None
        for named in self.named():
            name_for_screen_readers(named, name or field.prompt)
        needed = (
            Markup(" ") + element("span", t("widgets.input.needed"), "kit-required")
            if field.required
            else ""
        )
        prompt = element("div", Markup("{}{}").format(field.prompt, needed), "kit-prompt")
        parts: list[w.Widget] = [w.HTML(prompt, layout=full())]
        if field.help:
            parts.append(_html(field.help, "kit-help"))
        parts += [control, self.error]
        self.box = w.VBox(parts, layout=w.Layout(width="100%", margin="0 0 1.2em 0"))
        self.box.add_class("kit-field")
        self.box.add_class(f"kit-field-{field.id}")

    def build(self) -> w.Widget:
        raise NotImplementedError

    def named(self) -> list[w.DescriptionWidget]:
        """The controls that take the prompt as their accessible name. The prompt shows
        above them as text; screen readers need it tied to the control itself."""
        return []

    @property
    def value(self) -> Any:
        raise NotImplementedError

    @value.setter
    def value(self, answer: Any) -> None:
        raise NotImplementedError

    def show_error(self, message: str | None) -> None:
        self.error.value = message or ""
        self.error.layout.display = None if message else "none"

    def on_change(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)

    def _changed(self, *_: Any) -> None:
        for callback in self._callbacks:
            callback()

    def _watch(self, *controls: w.Widget) -> None:
        for control in controls:
            control.observe(self._changed, names="value")


class _SingleInput(Input):
    """Pick one: toggle buttons or radio buttons, with a way to take the answer back."""

    def control(self) -> w.ValueWidget:
        raise NotImplementedError

    def build(self) -> w.Widget:
        self.picker = self.control()
        self.clear = w.Button(
            description=t("widgets.input.clear"),
            tooltip=t("widgets.input.clear-tip"),
            layout=w.Layout(width="auto"),
        )
        self.clear.add_class("kit-clear")
        self.clear.on_click(lambda _: setattr(self, "value", None))
        self._watch(self.picker)
        return w.HBox([self.picker, self.clear], layout=w.Layout(flex_flow="row wrap"))

    def named(self) -> list[w.DescriptionWidget]:
        return [self.picker]

    @property
    def value(self) -> Any:
        return self.picker.value

    @value.setter
    def value(self, answer: Any) -> None:
        # Compare types too: True == 1, but a yes is not a scale point.
        known = any(v == answer and type(v) is type(answer) for _, v in self.picker.options)
        self.picker.value = answer if known else None


class ScaleInput(_SingleInput):
    def control(self) -> w.ValueWidget:
        f = self.field
        points = range(int(f.min), int(f.max) + 1)  # type: ignore[arg-type]
        picker = w.ToggleButtons(
            options=[(str(n), n) for n in points],
            value=None,
            tooltips=[f.anchors.get(n, str(n)) for n in points],
            style={"button_width": "3em"},
        )
        self.anchors = _html(_anchors(f), "kit-anchors")
        return picker

    def build(self) -> w.Widget:
        row = super().build()
        return w.VBox([row, self.anchors]) if self.field.anchors else row


class ChoiceInput(_SingleInput):
    def control(self) -> w.ValueWidget:
        return w.RadioButtons(
            options=[(o.label, str(o)) for o in self.field.options], value=None, layout=full()
        )


class YesNoInput(_SingleInput):
    def control(self) -> w.ValueWidget:
        return w.RadioButtons(
            options=[(t("widgets.input.yes"), True), (t("widgets.input.no"), False)],
            value=None,
            layout=w.Layout(width="auto"),
        )


class MultiInput(Input):
    def build(self) -> w.Widget:
        self.boxes = {
            str(o): w.Checkbox(value=False, description=o.label, indent=False, layout=full())
            for o in self.field.options
        }
        self._watch(*self.boxes.values())
        return w.VBox(list(self.boxes.values()))

    @property
    def value(self) -> list[str] | None:
        picked = [key for key, box in self.boxes.items() if box.value]
        return picked or None

    @value.setter
    def value(self, answer: Any) -> None:
        chosen = set(answer or ())
        for key, box in self.boxes.items():
            box.value = key in chosen


class TextInput(Input):
    def build(self) -> w.Widget:
        f = self.field
        cls = w.Text if f.kind == "text" else w.Textarea
        self.text = cls(value="", placeholder=f.placeholder or "", layout=full(), **SYNC_ON_LEAVE)
        if f.kind == "longtext":
            self.text.rows = 5
        self._watch(self.text)
        return self.text

    def named(self) -> list[w.DescriptionWidget]:
        return [self.text]

    @property
    def value(self) -> str | None:
        return self.text.value if self.text.value.strip() else None

    @value.setter
    def value(self, answer: Any) -> None:
        self.text.value = "" if answer is None else str(answer)


class NumberInput(Input):
    """A text box, so that a typo gets a clear message instead of being silently clamped."""

    def build(self) -> w.Widget:
        f = self.field
        if f.unit:
            hint = t("widgets.input.number-unit", min=f.min, max=f.max, unit=f.unit)
        else:
            hint = t("widgets.input.number", min=f.min, max=f.max)
        self.text = w.Text(
            value="",
            placeholder=hint,
            layout=w.Layout(width="16em"),
            **SYNC_ON_LEAVE,
        )
        self._watch(self.text)
        return self.text

    def named(self) -> list[w.DescriptionWidget]:
        return [self.text]

    @property
    def value(self) -> int | float | str | None:
        """The number typed; text that is not a valid number is passed on as typed, so
        that saving explains the problem on this field instead of guessing."""
        typed = self.text.value.strip()
        if not typed:
            return None
        try:
            return KINDS["number"].validate(self.field, typed)
        except Invalid:
            return typed

    @value.setter
    def value(self, answer: Any) -> None:
        self.text.value = "" if answer is None else str(answer)


class DateInput(Input):
    def build(self) -> w.Widget:
        self.picker = w.DatePicker(value=None)
        self._watch(self.picker)
        return self.picker

    def named(self) -> list[w.DescriptionWidget]:
        return [self.picker]

    @property
    def value(self) -> str | None:
        return self.picker.value.isoformat() if self.picker.value else None

    @value.setter
    def value(self, answer: Any) -> None:
        try:
            self.picker.value = dt.date.fromisoformat(answer) if answer else None
        except (TypeError, ValueError):
            self.picker.value = None


class RankInput(Input):
    """Tick what matters, then move it up or down; the order shown is the ranking."""

    def build(self) -> w.Widget:
        self.order = [str(o) for o in self.field.options]
        self.labels = {str(o): o.label for o in self.field.options}
        self._setting = False  # True while a saved answer is being filled in
        helps = {str(o): o.help for o in self.field.options}
        # Every row of a long card sort shares its layouts and styles, none of which is ever
        # changed: each one is a model the browser must make, and the values page had 900.
        tick_layout, tick_style = w.Layout(width="auto"), CheckboxStyle()
        self.ticks = {
            key: w.Checkbox(
                value=False,
                description=(
                    t("widgets.input.with-help", label=self.labels[key], help=helps[key])
                    if helps[key]
                    else self.labels[key]
                ),
                indent=False,
                layout=tick_layout,
                style=tick_style,
            )
            for key in self.order
        }
        for tick in self.ticks.values():
            tick.observe(self._ticked, names="value")
        self._watch(*self.ticks.values())
        arrow = w.Layout(width="3em")  # shared by every arrow of this field; never changed
        arrow_style, row_layout = w.ButtonStyle(), w.Layout()
        self.row_of: dict[str, w.HBox] = {}
        for key in self.order:
            label = self.labels[key]
            up = w.Button(description="↑", tooltip=t("widgets.input.move-up", option=label),
                          layout=arrow, style=arrow_style)  # fmt: skip
            down = w.Button(description="↓", tooltip=t("widgets.input.move-down", option=label),
                            layout=arrow, style=arrow_style)  # fmt: skip
            up.on_click(lambda _, k=key: self._move(k, -1))
            down.on_click(lambda _, k=key: self._move(k, +1))
            self.row_of[key] = w.HBox([up, down, self.ticks[key]], layout=row_layout)
            self.row_of[key].add_class("kit-rank-row")
        self.rows = w.VBox()
        self._render()
        return self.rows

    def _ticked(self, _: dict) -> None:
        # Ticked options gather at the top, a new tick joining the end of them.
        if self._setting:
            return
        ticked = [k for k in self.order if self.ticks[k].value]
        self.order = ticked + [k for k in self.order if not self.ticks[k].value]
        self._render()

    def _move(self, key: str, step: int) -> None:
        i = self.order.index(key)
        j = max(0, min(len(self.order) - 1, i + step))
        self.order[i], self.order[j] = self.order[j], self.order[i]
        self._render()
        self._changed()

    def _render(self) -> None:
        self.rows.children = [self.row_of[key] for key in self.order]

    @property
    def value(self) -> list[str] | None:
        picked = [key for key in self.order if self.ticks[key].value]
        return picked or None

    @value.setter
    def value(self, answer: Any) -> None:
        ranked = [key for key in (answer or ()) if key in self.ticks]
        self.order = ranked + [key for key in self.order if key not in ranked]
        self._setting = True
        try:
            for key, tick in self.ticks.items():
                tick.value = key in ranked
        finally:
            self._setting = False
        self._render()


class ChecklistInput(Input):
    def build(self) -> w.Widget:
        states = [("—", None)] + [(s.label, str(s)) for s in self.field.states]
        self.pickers = {
            str(o): w.Dropdown(
                options=states,
                value=None,
                description=o.label,
                style={"description_width": "initial"},
            )
            for o in self.field.options
        }
        self._watch(*self.pickers.values())
        return w.VBox(list(self.pickers.values()))

    @property
    def value(self) -> dict[str, str] | None:
        chosen = {key: p.value for key, p in self.pickers.items() if p.value is not None}
        return chosen or None

    @value.setter
    def value(self, answer: Any) -> None:
        answer = answer or {}
        for key, picker in self.pickers.items():
            state = answer.get(key)
            picker.value = state if state in [v for _, v in picker.options] else None


class ListInput(Input):
    """Repeated entries (people, places, …), each a small form of the list's sub-fields."""

    def build(self) -> w.Widget:
        self.label = (self.field.item_label or t("widgets.input.entry")).lower()
        self.entries: list[dict[str, Input]] = []
        self._cards: dict[int, w.VBox] = {}  # by id() of the entry
        self.items = w.VBox()
        self.add = w.Button(description=t("widgets.input.add", item=self.label), layout=_small())
        self.add.on_click(lambda _: self._add())
        return w.VBox([self.items, self.add])

    def append(self, answer: dict[str, Any]) -> None:
        """Add an entry filled with ``answer`` (as if typed), at the end."""
        self._add(answer)

    def _add(self, answer: dict[str, Any] | None = None, render: bool = True) -> None:
        entry = {sub.id: make_input(sub) for sub in self.field.fields}
        for sub_input in entry.values():
            sub_input.on_change(self._changed)
            if answer and sub_input.field.id in answer:
                sub_input.value = answer[sub_input.field.id]
        remove = w.Button(description=t("widgets.input.remove", item=self.label), layout=_small())
        remove.on_click(lambda _: self._remove(entry))
        card = w.VBox([i.box for i in entry.values()] + [remove])
        card.add_class("kit-list-entry")
        self._cards[id(entry)] = card
        self.entries.append(entry)
        if render:
            self._render()
            self._changed()

    def _remove(self, entry: dict[str, Input]) -> None:
        self.entries.remove(entry)
        self._cards.pop(id(entry))
        self._render()
        self._changed()

    def _render(self) -> None:
        self.items.children = [self._cards[id(entry)] for entry in self.entries]

    @property
    def value(self) -> list[dict[str, Any]] | None:
        rows = []
        for entry in self.entries:
            row = {key: i.value for key, i in entry.items() if i.value is not None}
            if row:
                rows.append(row)
        return rows or None

    @value.setter
    def value(self, answer: Any) -> None:
        self.entries, self._cards = [], {}
        for row in answer or ():
            self._add(row if isinstance(row, dict) else None, render=False)
        self._render()
        if self.entries:
            self._changed()


class RatingsInput(Input):
    """One row of scale buttons for each option picked in another field (see ``bind``)."""

    def build(self) -> w.Widget:
        f = self.field
        self.points = list(range(int(f.min), int(f.max) + 1))  # type: ignore[arg-type]
        self.labels = {str(o): o.label for o in f.options}
        self.pickers: dict[str, w.ToggleButtons] = {}
        self.row_of: dict[str, w.HBox] = {}
        self.picked: list[str] = []
        self.rows = w.VBox()
        self.empty = _html(t("widgets.input.rate-first"), "kit-help")
        anchors = _anchors(f)
        parts = [self.rows, self.empty] + ([_html(anchors, "kit-anchors")] if anchors else [])
        self._render()
        return w.VBox(parts)

    def bind(self, source: Input) -> None:
        """Follow the field whose picks are rated."""
        self.source = source
        source.on_change(self._follow)
        self._follow()

    def _follow(self) -> None:
        self.picked = list(self.source.value or [])
        self._render()

    def _picker(self, key: str) -> w.ToggleButtons:
        if key not in self.pickers:
            picker = w.ToggleButtons(
                options=[(str(n), n) for n in self.points],
                value=None,
                tooltips=[self.field.anchors.get(n, str(n)) for n in self.points],
                style={"button_width": "3em"},
            )
            name_for_screen_readers(
                picker,
                t("widgets.input.rating-name", prompt=self.field.prompt,
                  option=self.labels.get(key, key)),
            )  # fmt: skip
            picker.observe(self._changed, names="value")
            self.pickers[key] = picker
        return self.pickers[key]

    def _row(self, key: str) -> w.HBox:
        if key not in self.row_of:
            name = w.HTML(
                element("span", self.labels.get(key, key), "kit-rating-name"),
                layout=w.Layout(width="14em"),
            )
            row = w.HBox([name, self._picker(key)], layout=w.Layout(flex_flow="row wrap"))
            row.add_class(f"kit-rating-{key}")
            self.row_of[key] = row
        return self.row_of[key]

    def _render(self) -> None:
        self.rows.children = [self._row(key) for key in self.picked]
        self.empty.layout.display = "none" if self.picked else None

    @property
    def value(self) -> dict[str, int] | None:
        rated = {
            k: self.pickers[k].value
            for k in self.picked
            if k in self.pickers and self.pickers[k].value is not None
        }
        return rated or None

    @value.setter
    def value(self, answer: Any) -> None:
        answer = answer if isinstance(answer, dict) else {}
        # Only options that have a picker or a rating: a picker is made when first needed.
        for key in [k for k in self.labels if k in self.pickers or k in answer]:
            rating = answer.get(key)
            self._picker(key).value = rating if rating in self.points else None


def input_class(kind: str) -> type[Input]:
    """The input that shows a kind of field: its record's ``widget`` (kit.fields.KINDS)."""
    return _input_named(KINDS[kind].widget)


@functools.cache
def _input_named(name: str) -> type[Input]:
    """``module:class``, imported once (a page builds hundreds of inputs)."""
    found = pkgutil.resolve_name(name)
    if not (isinstance(found, type) and issubclass(found, Input)):
        raise TypeError(f"{name} is not an Input")  # a broken registry, for programmers
    return found


def make_input(field: Field) -> Input:
    """The input that shows this field."""
    return input_class(field.kind)(field)
