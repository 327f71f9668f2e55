"""Looking back, as escaped HTML: the person's own words from the start (the first
well-being check, their first reasons, the future they pictured) beside where they are now
(the latest check, the mood's path, wins, milestones). Plain words, never a score. The
look-back page (kit.widgets.extras.look_back) and the report both show it."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from . import clock
from .analysis.checkins import checkin_days
from .analysis.lookback import LookBack, look_back
from .analysis.reasons import reasons_from
from .content import definition, field_id
from .journal import Journal, Record
from .text import day_text, markup, markup_n


def _p(text: Any) -> Markup:
    return Markup("<p>{}</p>").format(text)


def _overall(record: Record) -> Markup | None:
    """The answer to "how does the relationship leave you feeling", with its scale."""
    field = definition("wellbeing").by_role("overall")
    answer = record.answers.get(field.id)
    if answer is None:
        return None
    low, high = int(field.min), int(field.max)  # type: ignore[arg-type]
    words = {"low_words": field.anchors.get(low, ""), "high_words": field.anchors.get(high, "")}
    return markup("lookback.overall", value=answer, low=low, high=high, **words)


def _day(record: Record, journal: Journal) -> str:
    return day_text(clock.local(record.saved_at, journal).date())


def then_html(journal: Journal) -> Markup:
    """The person's own words from the start: their first answers, as they first gave them."""
    parts = []
    first = next(iter(journal.history("wellbeing")), None)
    if first is not None and _overall(first):
        parts.append(_p(markup("lookback.wellbeing-then", day=_day(first, journal),
                               overall=_overall(first))))  # fmt: skip
        note = field_id("wellbeing", "note")
        if first.answers.get(note):
            parts.append(_p(markup("lookback.you-wrote", words=first.answers[note])))
    reasons = next(iter(journal.history("reasons")), None)
    mine = reasons_from(reasons.answers) if reasons else []
    if mine:
        items = Markup("").join(Markup("<li>{}</li>").format(r) for r in mine)
        parts.append(_p(markup("lookback.reasons")) + Markup("<ul>{}</ul>").format(items))
    future = next(iter(journal.history("future")), None)
    where = field_id("future", "where")
    if future is not None and future.answers.get(where):
        parts.append(_p(markup("lookback.future", words=future.answers[where])))
    return Markup("").join(parts)


def now_html(journal: Journal, found: LookBack) -> Markup:
    """Where the person is now, in plain words; the mood's path told as it went."""
    parts = []
    latest = journal.latest_record("wellbeing")
    history = journal.history("wellbeing")
    if latest is not None and len(history) > 1 and _overall(latest):
        parts.append(_p(markup("lookback.wellbeing-now", day=_day(latest, journal),
                               overall=_overall(latest))))  # fmt: skip
    mood = found.mood
    if mood is not None:
        parts.append(
            _p(
                markup("lookback.mood", first=mood.first, last=mood.last)
                + Markup(" ")
                + markup(f"lookback.mood.{mood.direction}")
            )
        )
        if mood.hardest_day is not None and mood.hardest is not None:
            parts.append(_p(markup("lookback.hardest", day=day_text(mood.hardest_day),
                                   value=mood.hardest)))  # fmt: skip
    if found.longest_no_contact:
        parts.append(_p(markup_n("lookback.no-contact", found.longest_no_contact)))
    if found.wins:
        parts.append(_p(markup_n("lookback.wins", found.wins)))
    if found.milestones:
        items = Markup("").join(
            Markup("<li>{}: {}</li>").format(day_text(day), what) for day, what in found.milestones
        )
        parts.append(_p(markup("lookback.milestones")) + Markup("<ul>{}</ul>").format(items))
    return Markup("").join(parts)


def look_back_for(journal: Journal) -> LookBack:
    return look_back(
        checkin_days(journal), clock.today(journal), journal.latest("wins"),
        journal.latest("milestones"),
    )  # fmt: skip


HEADINGS = {"h2": Markup("<h2>{}</h2>"), "h3": Markup("<h3>{}</h3>")}


def look_back_html(journal: Journal, heading: str = "h3") -> Markup:
    """The whole look-back, then and now (the page and the report both show it)."""
    found = look_back_for(journal)
    if found.first_day is None:
        return _p(markup("lookback.not-yet"))
    head = HEADINGS[heading]
    started = _p(markup_n("lookback.started", found.days, day=day_text(found.first_day)))
    then, now = then_html(journal), now_html(journal, found)
    blocks = [started]
    if then:
        blocks.append(head.format(markup("lookback.then")) + then)
    if now:
        blocks.append(head.format(markup("lookback.now")) + now)
    if found.mood is None:
        blocks.append(_p(markup("lookback.not-yet")))
    return Markup('<div class="kit-look-back">{}</div>').format(Markup("").join(blocks))
