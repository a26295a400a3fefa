"""The yearly report of a plan as calendar events, for the plan or for one agency.

The words are the pages' own: ``wording`` builds the sentences for both.
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
        lines = [words.reporting_duty(data.id, duty, lang) for duty in duties]
        key = "ics_summary_sends" if duties[0].role is ReportingRole.sends else "ics_summary_receives"
        summary = words.t(lang, key, plan=plan_name)
    lines.append(words.t(lang, "ics_source", plan=plan_name, section=data.plan.implementation.number, item=report.item))
    return Event(
        uid=f"reporting.{agency_id or 'plan'}@{data.id}.plansite",
        summary=summary,
        description="\n".join(lines),
        start=dt.date(report.first_year, report.due_month, report.due_day),
        stamp=data.plan.date,
    )
