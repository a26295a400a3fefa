"""The yearly report of a plan as calendar events, for the plan or for one agency.

The words are the pages' own: ``wording`` builds the sentences for both.

A plan whose issuing body has ended (``ended`` in agencies.yml) gets a series that ends
(``RRULE:…;UNTIL=``) at the last due date before that day, rather than one that repeats
for ever with a note: a calendar application shows every future occurrence as a deadline,
in month views and reminders that never show a description, so an occurrence after the
end would tell the reader of a duty owed to a body that no longer exists. Every event
also says where the plan stands (``wording.status_lines``), and that the date in the
calendar is the editors' reading of the plan's words.
"""

from __future__ import annotations

import datetime as dt

from plansite.duties import ReportingRole, plan_duties
from plansite.load import PlanData
from plansite.opendata.writers import Event
from plansite.wording import Wording


def report_event(words: Wording, data: PlanData, lang: str, agency_id: str | None) -> Event | None:
    """The yearly report as an event: for the plan as a whole, or as ``agency_id`` sees it."""
    report = data.plan.implementation.reporting
    plan_name = words.plan_name(data.id, lang)
    if agency_id is None:
        lines = [words.reporting_text(data.id, lang)]
        summary = words.t(lang, "ics_summary_sends", plan=plan_name)
    else:
        duties = plan_duties(words.site, data, agency_id).reporting
        if not duties:
            return None
        lines = [words.reporting_duty(data.id, duty, agency_id, lang) for duty in duties]
        key = "ics_summary_sends" if duties[0].role is ReportingRole.sends else "ics_summary_receives"
        summary = words.t(lang, key, plan=plan_name)
    lines.append(words.t(lang, "ics_source", plan=plan_name, section=data.plan.implementation.number, item=report.item))
    start = dt.date(report.first_year, report.due_month, report.due_day)
    lines.append(words.reporting_due(data.id, lang))
    until = last_due(words, data)
    if until is not None:
        if until < start:
            return None
        end = words.plan_end(data.id)
        assert end is not None
        lines.append(words.t(lang, "ics_until", until=words.date(until, lang), end=words.date(end, lang)))
    lines += [line.plain() for line in words.status_lines([data.id], lang, agency_id=agency_id)]
    return Event(
        uid=f"reporting.{agency_id or 'plan'}@{data.id}.plansite",
        summary=summary,
        description="\n".join(lines),
        start=start,
        stamp=data.plan.date,
        until=until,
    )


def last_due(words: Wording, data: PlanData) -> dt.date | None:
    """The last day the yearly report fell due before the plan's issuing body ended; None
    while it operates."""
    end = words.plan_end(data.id)
    if end is None:
        return None
    report = data.plan.implementation.reporting
    due = dt.date(end.year, report.due_month, report.due_day)
    return due if due < end else due.replace(year=end.year - 1)
