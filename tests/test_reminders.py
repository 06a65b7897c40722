"""The reminder policy on Vietnam's real calendar: weekends, Tết 2026/2027, 30/4–1/5, Hùng Kings, làm bù.

Every `today` is fixed. The calendar facts the tests lean on are asserted first, so a change in the
`holidays` package shows up as a failing calendar test rather than as a puzzling policy failure.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from models.reminders import (
    CHASED_STATUSES,
    MAX_CATCH_UP_WORKING_DAYS,
    NOTHING,
    SEVERITY,
    Reminder,
    ReminderPolicy,
    catch_up_days,
    first_working_day_of_week,
    is_chased,
    more_pressing,
    reminder_over,
    should_notify,
)
from models.tables import ItemKind, Recurrence, Status
from models.workdays import WorkCalendar

CAL = WorkCalendar()
POLICY = ReminderPolicy()

DUE_SOON = Reminder(lead=ItemKind.DUE_SOON)
OVERDUE = Reminder(lead=ItemKind.OVERDUE)
STILL = Reminder(lead=ItemKind.STILL_OVERDUE)
ESCALATED = Reminder(escalation=ItemKind.ESCALATED)
WEEKLY = Reminder(escalation=ItemKind.ESCALATED_WEEKLY)
STILL_AND_WEEKLY = Reminder(lead=ItemKind.STILL_OVERDUE, escalation=ItemKind.ESCALATED_WEEKLY)


def task(
    due: date | None,
    status: str = Status.IN_PROGRESS,
    recurrence: str = Recurrence.ONCE,
) -> SimpleNamespace:
    return SimpleNamespace(status=str(status), due_date=due, recurrence=str(recurrence))


def notify(t: SimpleNamespace, today: date, policy: ReminderPolicy = POLICY, calendar: WorkCalendar = CAL) -> Reminder:
    return should_notify(t, today, calendar=calendar, policy=policy)


def days(first: date, last: date) -> list[date]:
    """Every calendar day in [first, last]."""
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


def timeline(t: SimpleNamespace, first: date, last: date, policy: ReminderPolicy = POLICY) -> dict[date, Reminder]:
    """The days in [first, last] on which `t` gets something, and what."""
    return {day: r for day in days(first, last) if (r := notify(t, day, policy))}


# ------------------------------------------------------------------------------- the calendar relied on
@pytest.mark.parametrize(
    "day",
    [
        *days(date(2026, 2, 16), date(2026, 2, 20)),  # Tết Bính Ngọ: Mon 16 – Fri 20/02/2026
        *days(date(2027, 2, 4), date(2027, 2, 10)),  # Tết Đinh Mùi: Thu 04 – Wed 10/02/2027 (mùng 1 is Sat 06)
        date(2026, 4, 27),  # Hùng Kings (Sun 26/04/2026) observed on Mon 27/04
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),  # swapped with Sat 22/08/2026
        date(2026, 9, 1),
        date(2026, 9, 2),
        date(2024, 9, 2),
        date(2024, 9, 3),
        date(2027, 5, 3),  # 01/05/2027 is a Saturday: observed on Mon 03/05
    ],
)
def test_days_off_relied_on(day):
    assert CAL.is_working_day(day) is False
    assert CAL.holiday_name(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 2, 13),  # Fri before Tết 2026
        date(2026, 2, 23),  # Mon after Tết 2026
        date(2027, 2, 3),  # Wed before Tết 2027
        date(2027, 2, 11),  # Thu after Tết 2027
        date(2026, 4, 28),
        date(2026, 4, 29),
        date(2026, 5, 4),
        date(2026, 8, 22),  # a Saturday worked (làm bù)
        date(2026, 9, 3),
        date(2024, 9, 4),
    ],
)
def test_working_days_relied_on(day):
    assert CAL.is_working_day(day) is True


def test_tet_2026_and_2027_are_the_only_days_off_in_their_fortnights():
    off_2026 = [d for d in days(date(2026, 2, 9), date(2026, 2, 27)) if not CAL.is_working_day(d)]
    assert [d for d in off_2026 if d.weekday() < 5] == days(date(2026, 2, 16), date(2026, 2, 20))
    off_2027 = [d for d in days(date(2027, 1, 25), date(2027, 2, 19)) if not CAL.is_working_day(d)]
    assert [d for d in off_2027 if d.weekday() < 5] == [
        date(2027, 2, 4),
        date(2027, 2, 5),
        date(2027, 2, 8),
        date(2027, 2, 9),
        date(2027, 2, 10),
    ]


def test_may_to_july_2026_is_an_ordinary_stretch():
    # The cadence tests below run here: only weekends are off between 04/05 and 21/08/2026.
    for day in days(date(2026, 5, 4), date(2026, 8, 21)):
        assert CAL.is_working_day(day) is (day.weekday() < 5), day


# ------------------------------------------------------------------------------------ the policy object
def test_default_policy_is_the_documented_one():
    assert POLICY.due_soon_days == (7, 1)
    assert POLICY.repeat_every == 5
    assert POLICY.escalate_after == 20
    assert POLICY.coordinator_agency == "sotttt"
    assert POLICY.steering_emails == ()


def test_reminder_truthiness():
    assert not NOTHING
    assert Reminder() == NOTHING
    assert Reminder(lead=ItemKind.DUE_SOON)
    assert Reminder(escalation=ItemKind.ESCALATED)
    assert Reminder(lead=ItemKind.STILL_OVERDUE, escalation=ItemKind.ESCALATED_WEEKLY)


def test_severity_is_most_pressing_first():
    assert SEVERITY == (
        ItemKind.ESCALATED,
        ItemKind.ESCALATED_WEEKLY,
        ItemKind.URGED,
        ItemKind.OVERDUE,
        ItemKind.STILL_OVERDUE,
        ItemKind.DUE_SOON,
    )


# ------------------------------------------------------------------------------------ which tasks count
@pytest.mark.parametrize(
    ("status", "due", "recurrence", "expected"),
    [
        (Status.NOT_STARTED, date(2026, 6, 1), Recurrence.ONCE, True),
        (Status.IN_PROGRESS, date(2026, 6, 1), Recurrence.ONCE, True),
        (Status.IN_PROGRESS, date(2026, 6, 1), Recurrence.YEARLY, True),
        (Status.SUBMITTED, date(2026, 6, 1), Recurrence.ONCE, False),
        (Status.DONE, date(2026, 6, 1), Recurrence.ONCE, False),
        (Status.CANCELLED, date(2026, 6, 1), Recurrence.ONCE, False),
        (Status.IN_PROGRESS, date(2026, 6, 1), Recurrence.ONGOING, False),
        (Status.IN_PROGRESS, None, Recurrence.ONCE, False),
        (Status.NOT_STARTED, None, Recurrence.ONGOING, False),
    ],
)
def test_is_chased(status, due, recurrence, expected):
    assert is_chased(task(due, status, recurrence)) is expected


def test_chased_statuses_are_open_work_only():
    assert frozenset({Status.NOT_STARTED, Status.IN_PROGRESS}) == CHASED_STATUSES


# A task due Mon 01/06/2026 gets, when open: due soon Thu 21/05 and Fri 29/05, overdue Tue 02/06,
# still overdue Tue 09/06, escalated Mon 29/06 (20 working days), weekly Mon 06/07.
@pytest.mark.parametrize(
    "today",
    [date(2026, 5, 21), date(2026, 5, 29), date(2026, 6, 2), date(2026, 6, 9), date(2026, 6, 29), date(2026, 7, 6)],
)
@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.DONE, Status.CANCELLED])
def test_closed_or_submitted_tasks_get_nothing(status, today):
    assert notify(task(date(2026, 6, 1)), today)  # the same task, open, is flagged that day
    assert notify(task(date(2026, 6, 1), status), today) == NOTHING


@pytest.mark.parametrize(
    "today",
    [date(2026, 5, 21), date(2026, 5, 29), date(2026, 6, 2), date(2026, 6, 9), date(2026, 6, 29), date(2026, 7, 6)],
)
@pytest.mark.parametrize("status", [Status.NOT_STARTED, Status.IN_PROGRESS])
def test_ongoing_tasks_and_tasks_without_deadline_get_nothing(status, today):
    assert notify(task(date(2026, 6, 1), status), today)
    assert notify(task(date(2026, 6, 1), status, Recurrence.ONGOING), today) == NOTHING
    assert notify(task(None, status), today) == NOTHING


def test_yearly_tasks_are_chased_against_their_current_due_date():
    assert notify(task(date(2026, 6, 1), recurrence=Recurrence.YEARLY), date(2026, 6, 2)) == OVERDUE


@pytest.mark.parametrize("status", [Status.NOT_STARTED, Status.IN_PROGRESS])
def test_not_started_and_in_progress_are_chased_alike(status):
    assert timeline(task(date(2026, 6, 1), status), date(2026, 5, 18), date(2026, 6, 12)) == {
        date(2026, 5, 21): DUE_SOON,
        date(2026, 5, 29): DUE_SOON,
        date(2026, 6, 2): OVERDUE,
        date(2026, 6, 9): STILL,
    }


# --------------------------------------------------------------------------------------------- due soon
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 6, 16), DUE_SOON),  # Tue: 7 working days to Thu 25/06
        (date(2026, 6, 17), NOTHING),  # 6
        (date(2026, 6, 19), NOTHING),  # 4
        (date(2026, 6, 22), NOTHING),  # 3
        (date(2026, 6, 23), NOTHING),  # 2
        (date(2026, 6, 24), DUE_SOON),  # 1
        (date(2026, 6, 25), NOTHING),  # due today: 0
        (date(2026, 6, 15), NOTHING),  # 8
        (date(2026, 6, 12), NOTHING),  # 9
    ],
)
def test_due_soon_seven_and_one_working_days_before(today, expected):
    due = date(2026, 6, 25)
    assert notify(task(due), today) == expected


def test_due_soon_counts_working_days_over_a_weekend():
    due = date(2026, 6, 22)  # Mon
    assert CAL.working_days_until(date(2026, 6, 19), due) == 1
    assert notify(task(due), date(2026, 6, 19)) == DUE_SOON  # Fri, 3 calendar days before
    assert notify(task(due), date(2026, 6, 11)) == DUE_SOON  # Thu, 11 calendar days before
    assert notify(task(due), date(2026, 6, 15)) == NOTHING  # a week before is only 5 working days


def test_due_soon_before_a_deadline_after_30_4_and_1_5_2026():
    due = date(2026, 5, 7)  # Thu
    # (23/04, 07/05]: Fri 24, [Mon 27 Hùng Kings], Tue 28, Wed 29, [30/04, 01/05, weekend], Mon 04, 05, 06, 07.
    assert CAL.working_days_until(date(2026, 4, 23), due) == 7
    assert timeline(task(due), date(2026, 4, 15), due) == {date(2026, 4, 23): DUE_SOON, date(2026, 5, 6): DUE_SOON}
    # Counted in calendar days, Thu 30/04 would have been "7 days before": it is a holiday, and nothing.
    assert notify(task(due), date(2026, 4, 30)) == NOTHING


def test_due_soon_one_working_day_before_skips_hung_kings_observed():
    due = date(2026, 4, 28)  # Tue after Mon 27/04 (observed)
    assert CAL.working_days_until(date(2026, 4, 24), due) == 1  # weekend and Mon 27/04 not counted
    assert notify(task(due), date(2026, 4, 24)) == DUE_SOON  # Fri, 4 calendar days before
    assert notify(task(due), date(2026, 4, 27)) == NOTHING  # a day off


def test_due_soon_one_day_before_a_deadline_right_after_tet_2026_goes_out_before_tet():
    due = date(2026, 2, 23)  # Mon after Tết
    assert CAL.working_days_until(date(2026, 2, 13), due) == 1
    assert notify(task(due), date(2026, 2, 13)) == DUE_SOON
    # During Tết it is still "1 working day before", but nothing goes out on a day off.
    assert CAL.working_days_until(date(2026, 2, 20), due) == 1
    assert timeline(task(due), date(2026, 2, 14), date(2026, 2, 22)) == {}
    # Seven working days before: Thu 05/02 (06, 09–13/02 and 23/02), eighteen calendar days before.
    assert CAL.working_days_until(date(2026, 2, 5), due) == 7
    assert timeline(task(due), date(2026, 1, 26), due) == {date(2026, 2, 5): DUE_SOON, date(2026, 2, 13): DUE_SOON}


def test_due_soon_before_a_deadline_after_tet_2027():
    due = date(2027, 2, 15)  # Mon
    # (28/01, 15/02]: Fri 29/01, Mon 01 – Wed 03/02, [Tết 04–10/02], Thu 11, Fri 12, Mon 15.
    assert CAL.working_days_until(date(2027, 1, 28), due) == 7
    assert timeline(task(due), date(2027, 1, 18), due) == {date(2027, 1, 28): DUE_SOON, date(2027, 2, 12): DUE_SOON}


def test_due_soon_for_a_deadline_on_a_day_off():
    # Due Sat 20/06: "1 working day before" is Thu 18/06 (Fri 19/06 is 0 working days before).
    due = date(2026, 6, 20)
    assert timeline(task(due), date(2026, 6, 8), due) == {date(2026, 6, 10): DUE_SOON, date(2026, 6, 18): DUE_SOON}


# ---------------------------------------------------------------------------------------------- overdue
def test_due_friday_is_overdue_on_monday_not_on_the_weekend():
    due = date(2026, 6, 12)  # Fri
    assert notify(task(due), date(2026, 6, 12)) == NOTHING  # due today
    assert notify(task(due), date(2026, 6, 13)) == NOTHING  # Sat
    assert notify(task(due), date(2026, 6, 14)) == NOTHING  # Sun
    assert notify(task(due), date(2026, 6, 15)) == OVERDUE  # Mon: first working day after
    assert notify(task(due), date(2026, 6, 16)) == NOTHING  # Tue: 2 working days overdue


def test_due_on_a_saturday_is_overdue_on_monday():
    assert notify(task(date(2026, 6, 13)), date(2026, 6, 15)) == OVERDUE


def test_due_just_before_tet_2026_is_overdue_on_the_first_working_day_after():
    due = date(2026, 2, 13)  # Fri before Tết
    assert CAL.working_days_overdue(due, date(2026, 2, 23)) == 1  # 10 calendar days late, 1 working day
    assert timeline(task(due), due, date(2026, 3, 2)) == {
        date(2026, 2, 23): OVERDUE,  # Mon after Tết: nothing during Sat 14 – Sun 22/02
        date(2026, 3, 2): STILL,  # 6 working days: 23–27/02 and 02/03
    }


def test_tet_2026_days_are_not_counted_in_the_repeat_cadence():
    due = date(2026, 2, 12)  # Thu
    assert timeline(task(due), date(2026, 2, 1), date(2026, 3, 6)) == {
        date(2026, 2, 3): DUE_SOON,  # 7 working days before
        date(2026, 2, 11): DUE_SOON,  # 1 working day before
        date(2026, 2, 13): OVERDUE,  # 1 working day overdue
        date(2026, 2, 27): STILL,  # 6: Fri 13 + Mon 23 – Fri 27 (Tết skipped)
        date(2026, 3, 6): STILL,  # 11
    }


def test_due_during_tet_2026_is_overdue_after_tet():
    assert timeline(task(date(2026, 2, 17)), date(2026, 2, 17), date(2026, 2, 24)) == {date(2026, 2, 23): OVERDUE}


def test_due_just_before_tet_2027_is_overdue_on_the_first_working_day_after():
    due = date(2027, 2, 3)  # Wed; Tết 2027 is Thu 04 – Wed 10/02
    assert timeline(task(due), due, date(2027, 2, 19)) == {
        date(2027, 2, 11): OVERDUE,  # Thu after Tết: 1 working day, 8 calendar days
        date(2027, 2, 18): STILL,  # 6: Thu 11, Fri 12, Mon 15 – Thu 18
    }


def test_due_before_30_4_is_overdue_after_1_5_and_the_weekend():
    due = date(2026, 4, 29)  # Wed
    assert timeline(task(due), due, date(2026, 5, 8)) == {date(2026, 5, 4): OVERDUE}


def test_a_swapped_working_saturday_is_a_reminder_day():
    due = date(2026, 8, 21)  # Fri; Sat 22/08/2026 is worked in exchange for Mon 31/08
    assert notify(task(due), date(2026, 8, 22)) == OVERDUE
    assert notify(task(due), date(2026, 8, 24)) == NOTHING


def test_still_overdue_every_five_working_days():
    due = date(2026, 6, 1)  # Mon, in an ordinary stretch
    flagged = timeline(task(due), date(2026, 6, 2), date(2026, 6, 26))
    assert flagged == {
        date(2026, 6, 2): OVERDUE,  # 1
        date(2026, 6, 9): STILL,  # 6
        date(2026, 6, 16): STILL,  # 11
        date(2026, 6, 23): STILL,  # 16
    }


def test_still_overdue_cadence_holds_for_every_working_day():
    due = date(2026, 5, 4)
    for day in days(date(2026, 5, 5), date(2026, 8, 21)):
        if not CAL.is_working_day(day):
            continue
        late = CAL.working_days_overdue(due, day)
        expected = ItemKind.OVERDUE if late == 1 else ItemKind.STILL_OVERDUE if late % 5 == 1 else None
        assert notify(task(due), day).lead == expected, (day, late)


# ------------------------------------------------------------------------------------------- escalation
def test_escalation_at_twenty_working_days_then_weekly_on_mondays():
    due = date(2026, 6, 1)
    assert CAL.working_days_overdue(due, date(2026, 6, 29)) == 20
    assert timeline(task(due), date(2026, 6, 24), date(2026, 7, 17)) == {
        date(2026, 6, 29): ESCALATED,  # Mon, exactly 20: escalated (not "weekly"), no lead reminder
        date(2026, 6, 30): STILL,  # 21: Tue, no weekly digest
        date(2026, 7, 6): WEEKLY,  # 25: Mon
        date(2026, 7, 7): STILL,  # 26
        date(2026, 7, 13): WEEKLY,  # 30
        date(2026, 7, 14): STILL,  # 31
    }


def test_escalated_exactly_once():
    t = task(date(2026, 5, 4))
    kinds = [notify(t, day).escalation for day in days(date(2026, 5, 5), date(2026, 8, 21))]
    assert kinds.count(ItemKind.ESCALATED) == 1
    assert kinds.count(ItemKind.ESCALATED_WEEKLY) > 5


def test_nineteen_working_days_is_not_escalated():
    due = date(2026, 6, 1)
    assert CAL.working_days_overdue(due, date(2026, 6, 26)) == 19
    assert notify(task(due), date(2026, 6, 26)) == NOTHING


def test_escalation_across_tet_2026_counts_working_days():
    due = date(2026, 1, 30)  # Fri
    # Feb 2–6, 9–13, [Tết], 23–27, Mar 2–6: the 20th working day is Fri 06/03, 35 calendar days late.
    assert notify(task(due), date(2026, 2, 27)) == NOTHING  # 28 calendar days, 15 working days
    assert notify(task(due), date(2026, 3, 6)) == ESCALATED
    # 21 on Mon 09/03: still overdue to the lead agency and the weekly digest, both.
    assert notify(task(due), date(2026, 3, 9)) == STILL_AND_WEEKLY


def test_no_weekly_digest_in_the_week_of_tet_2026():
    due = date(2026, 1, 5)  # 20 working days overdue on Mon 02/02
    assert notify(task(due), date(2026, 2, 2)) == ESCALATED
    assert timeline(task(due), date(2026, 2, 9), date(2026, 2, 24)) == {
        date(2026, 2, 9): WEEKLY,  # 25
        date(2026, 2, 10): STILL,  # 26
        # Mon 16 – Sun 22/02: Tết and a weekend, no working day at all.
        date(2026, 2, 23): WEEKLY,  # 30: Mon after Tết
        date(2026, 2, 24): STILL,  # 31
    }


def test_weekly_digest_on_tuesday_when_monday_is_hung_kings_observed():
    due = date(2026, 3, 23)  # Mon; 20 working days overdue on Mon 20/04
    assert notify(task(due), date(2026, 4, 20)) == ESCALATED
    assert timeline(task(due), date(2026, 4, 25), date(2026, 5, 8)) == {
        date(2026, 4, 28): WEEKLY,  # Tue: Mon 27/04 is a day off
        date(2026, 4, 29): STILL,  # 26: Wed, no weekly
        date(2026, 5, 4): WEEKLY,  # Mon of the next week (30/04, 01/05 are Thu, Fri)
        date(2026, 5, 8): STILL,  # 31: Mon 04 – Fri 08/05 are 27–31
    }


def test_weekly_digest_on_thursday_in_the_national_day_week_2026():
    due = date(2026, 8, 3)  # Mon
    # 4–7, 10–14, 17–21, Sat 22 (worked), 24–28: the 20th working day is Fri 28/08.
    assert notify(task(due), date(2026, 8, 28)) == ESCALATED
    assert timeline(task(due), date(2026, 8, 29), date(2026, 9, 6)) == {date(2026, 9, 3): STILL_AND_WEEKLY}


# --------------------------------------------------------------------------------------------- days off
@pytest.mark.parametrize(
    ("due", "today"),
    [
        (date(2026, 6, 15), date(2026, 6, 13)),  # Sat, 1 working day before a Mon deadline
        (date(2026, 6, 13), date(2026, 6, 14)),  # Sun, the day after a Sat deadline
        (date(2026, 2, 23), date(2026, 2, 17)),  # Tết, 1 working day before
        (date(2026, 1, 16), date(2026, 2, 18)),  # Tết, long overdue
        (date(2026, 5, 12), date(2026, 4, 30)),  # 30/04, 7 working days before
        (date(2026, 3, 31), date(2026, 5, 1)),  # 01/05, long overdue
        (date(2026, 4, 28), date(2026, 4, 27)),  # Hùng Kings observed, due the next day
    ],
)
def test_nothing_on_days_off(due, today):
    assert CAL.is_working_day(today) is False
    assert notify(task(due), today) == NOTHING
    # Worked locally, the same day would carry a reminder: only the day off silences it.
    assert notify(task(due), today, calendar=WorkCalendar(extra_working_days=[today]))


# ---------------------------------------------------------------------------------------- extensions
def test_an_extension_moves_the_deadline_that_counts():
    today = date(2026, 6, 15)  # Mon
    original = date(2026, 6, 12)  # Fri: overdue today against it
    assert notify(task(original), today) == OVERDUE
    assert notify(task(date(2026, 6, 16)), today) == DUE_SOON  # extended by a working day
    assert notify(task(date(2026, 6, 24)), today) == DUE_SOON  # 7 working days left
    assert notify(task(date(2026, 6, 26)), today) == NOTHING  # 9 working days left


def test_an_extension_replaces_an_escalation():
    today = date(2026, 6, 29)
    assert notify(task(date(2026, 6, 1)), today) == ESCALATED  # 20 working days against the original date
    assert notify(task(date(2026, 6, 26)), today) == OVERDUE  # extended to Fri 26/06: newly overdue
    assert notify(task(date(2026, 6, 30)), today) == DUE_SOON  # extended to Tue 30/06
    assert notify(task(date(2026, 7, 3)), today) == NOTHING  # extended to Fri 03/07: 4 working days left


# ---------------------------------------------------------------------------------------- custom policy
def test_custom_thresholds_are_honoured():
    policy = ReminderPolicy(due_soon_days=(3,), repeat_every=2, escalate_after=4)
    due = date(2026, 6, 1)  # Mon
    assert timeline(task(due), date(2026, 5, 18), date(2026, 6, 16), policy) == {
        date(2026, 5, 27): DUE_SOON,  # Wed: 3 working days before (not 7, not 1)
        date(2026, 6, 2): OVERDUE,  # 1
        date(2026, 6, 4): STILL,  # 3
        date(2026, 6, 5): ESCALATED,  # Fri: 4
        date(2026, 6, 8): STILL_AND_WEEKLY,  # Mon: 5
        date(2026, 6, 10): STILL,  # 7
        date(2026, 6, 12): STILL,  # 9
        date(2026, 6, 15): WEEKLY,  # Mon: 10
        date(2026, 6, 16): STILL,  # 11
    }


def test_custom_policy_drops_the_default_due_soon_days():
    policy = ReminderPolicy(due_soon_days=(3,))
    due = date(2026, 6, 25)
    assert notify(task(due), date(2026, 6, 16), policy) == NOTHING  # 7 working days before
    assert notify(task(due), date(2026, 6, 24), policy) == NOTHING  # 1
    assert notify(task(due), date(2026, 6, 22), policy) == DUE_SOON  # 3


def test_custom_calendar_is_used():
    local = WorkCalendar(extra_days_off=[date(2026, 6, 15)])  # a provincial day off on Mon
    due = date(2026, 6, 12)
    assert notify(task(due), date(2026, 6, 15), calendar=local) == NOTHING
    assert notify(task(due), date(2026, 6, 16), calendar=local) == OVERDUE
    assert notify(task(due), date(2026, 6, 16)) == NOTHING


# ---------------------------------------------------------------------------------- first day of a week
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 6, 15), True),  # ordinary Mon
        (date(2026, 6, 16), False),  # ordinary Tue
        (date(2026, 6, 19), False),  # Fri
        (date(2026, 6, 20), False),  # Sat
        (date(2026, 6, 21), False),  # Sun
        (date(2026, 4, 27), False),  # Mon, Hùng Kings observed: a day off
        (date(2026, 4, 28), True),  # so Tue is the week's first working day
        (date(2026, 4, 29), False),
        (date(2026, 5, 4), True),
        (date(2026, 8, 31), False),  # Mon 31/08 – Wed 02/09/2026 are off
        (date(2026, 9, 3), True),  # Thu
        (date(2026, 9, 4), False),
        (date(2024, 9, 3), False),  # 02 and 03/09/2024 are both off
        (date(2024, 9, 4), True),  # Wed
        (date(2026, 2, 23), True),  # Mon after Tết 2026
        (date(2027, 2, 11), True),  # Thu after Tết 2027 (Mon 08 – Wed 10/02 off)
        (date(2027, 2, 12), False),
        (date(2027, 5, 4), True),  # Tue: Mon 03/05/2027 observes Labour Day
    ],
)
def test_first_working_day_of_week(day, expected):
    assert first_working_day_of_week(day, CAL) is expected


def test_a_week_without_working_days_has_no_first_one():
    assert not any(first_working_day_of_week(d, CAL) for d in days(date(2026, 2, 16), date(2026, 2, 22)))


def test_first_working_day_of_week_follows_a_custom_calendar():
    assert first_working_day_of_week(date(2026, 2, 21), WorkCalendar(extra_working_days=[date(2026, 2, 21)]))
    assert first_working_day_of_week(date(2026, 6, 16), WorkCalendar(extra_days_off=[date(2026, 6, 15)]))


# ------------------------------------------------------------------------------------------ more pressing
@pytest.mark.parametrize("kind", list(ItemKind))
def test_more_pressing_with_nothing(kind):
    assert more_pressing(kind, None) == kind
    assert more_pressing(None, kind) == kind
    assert more_pressing(kind, kind) == kind


def test_more_pressing_of_nothing_is_nothing():
    assert more_pressing(None, None) is None


@pytest.mark.parametrize(
    ("a", "b", "winner"),
    [
        (ItemKind.DUE_SOON, ItemKind.OVERDUE, ItemKind.OVERDUE),
        (ItemKind.STILL_OVERDUE, ItemKind.OVERDUE, ItemKind.OVERDUE),
        (ItemKind.DUE_SOON, ItemKind.STILL_OVERDUE, ItemKind.STILL_OVERDUE),
        (ItemKind.URGED, ItemKind.OVERDUE, ItemKind.URGED),
        (ItemKind.ESCALATED_WEEKLY, ItemKind.ESCALATED, ItemKind.ESCALATED),
        (ItemKind.ESCALATED_WEEKLY, ItemKind.URGED, ItemKind.ESCALATED_WEEKLY),
        (ItemKind.DUE_SOON, ItemKind.ESCALATED, ItemKind.ESCALATED),
    ],
)
def test_more_pressing_is_symmetric(a, b, winner):
    assert more_pressing(a, b) == winner
    assert more_pressing(b, a) == winner


# ----------------------------------------------------------------------------------------- reminder over
def test_reminder_over_no_days_is_nothing():
    assert reminder_over(task(date(2026, 6, 12)), [], calendar=CAL, policy=POLICY) == NOTHING


def test_reminder_over_catches_a_missed_overdue_day():
    due = date(2026, 6, 12)  # Fri → overdue on Mon 15/06, nothing on Tue 16/06
    over = [date(2026, 6, 15), date(2026, 6, 16)]
    assert notify(task(due), date(2026, 6, 16)) == NOTHING
    assert reminder_over(task(due), over, calendar=CAL, policy=POLICY) == OVERDUE


def test_reminder_over_picks_overdue_over_due_soon():
    due = date(2026, 6, 15)  # Mon: due soon Fri 12/06, overdue Tue 16/06
    over = [date(2026, 6, 12), date(2026, 6, 13), date(2026, 6, 14), date(2026, 6, 15), date(2026, 6, 16)]
    assert reminder_over(task(due), over, calendar=CAL, policy=POLICY) == OVERDUE
    assert reminder_over(task(due), over[:4], calendar=CAL, policy=POLICY) == DUE_SOON


def test_reminder_over_keeps_the_most_pressing_lead_and_escalation_separately():
    due = date(2026, 6, 1)  # escalated Mon 29/06, still overdue Tue 30/06, weekly Mon 06/07
    over = [date(2026, 6, 29), date(2026, 6, 30), date(2026, 7, 6)]
    assert reminder_over(task(due), over, calendar=CAL, policy=POLICY) == Reminder(
        lead=ItemKind.STILL_OVERDUE, escalation=ItemKind.ESCALATED
    )
    assert reminder_over(task(due), over[1:], calendar=CAL, policy=POLICY) == STILL_AND_WEEKLY


def test_reminder_over_ignores_days_off_and_closed_tasks():
    due = date(2026, 2, 12)
    tet = days(date(2026, 2, 14), date(2026, 2, 22))
    assert reminder_over(task(due), tet, calendar=CAL, policy=POLICY) == NOTHING
    done = task(due, Status.DONE)
    assert reminder_over(done, [date(2026, 2, 13), date(2026, 2, 27)], calendar=CAL, policy=POLICY) == NOTHING


# ----------------------------------------------------------------------------------------- catch-up days
def test_catch_up_with_no_earlier_run_is_only_today():
    assert catch_up_days(date(2026, 6, 16), None, calendar=CAL) == [date(2026, 6, 16)]


def test_catch_up_after_yesterdays_run_is_only_today():
    assert catch_up_days(date(2026, 6, 16), date(2026, 6, 15), calendar=CAL) == [date(2026, 6, 16)]


def test_catch_up_over_a_weekend_is_only_monday():
    assert catch_up_days(date(2026, 6, 15), date(2026, 6, 12), calendar=CAL) == [date(2026, 6, 15)]


def test_catch_up_a_missed_monday_on_tuesday():
    assert catch_up_days(date(2026, 6, 16), date(2026, 6, 12), calendar=CAL) == [date(2026, 6, 15), date(2026, 6, 16)]


@pytest.mark.parametrize(
    "today", [date(2026, 6, 13), date(2026, 6, 14), date(2026, 2, 17), date(2026, 4, 30), date(2026, 9, 2)]
)
@pytest.mark.parametrize("last_run", [None, date(2026, 1, 2)])
def test_catch_up_on_a_day_off_is_nothing(today, last_run):
    assert catch_up_days(today, last_run, calendar=CAL) == []


def test_catch_up_after_tet_skips_tet():
    assert catch_up_days(date(2026, 2, 23), date(2026, 2, 13), calendar=CAL) == [date(2026, 2, 23)]
    assert catch_up_days(date(2026, 2, 24), date(2026, 2, 12), calendar=CAL) == [
        date(2026, 2, 13),
        date(2026, 2, 23),
        date(2026, 2, 24),
    ]


def test_catch_up_over_30_4_and_1_5():
    assert catch_up_days(date(2026, 5, 5), date(2026, 4, 28), calendar=CAL) == [
        date(2026, 4, 29),
        date(2026, 5, 4),
        date(2026, 5, 5),
    ]


def test_catch_up_of_exactly_the_cap_keeps_every_day():
    assert MAX_CATCH_UP_WORKING_DAYS == 10
    got = catch_up_days(date(2026, 6, 12), date(2026, 5, 29), calendar=CAL)
    assert got == [*days(date(2026, 6, 1), date(2026, 6, 5)), *days(date(2026, 6, 8), date(2026, 6, 12))]


def test_catch_up_of_a_long_gap_is_capped_to_the_last_working_days():
    today = date(2026, 6, 15)
    got = catch_up_days(today, date(2026, 3, 2), calendar=CAL)
    assert len(got) == MAX_CATCH_UP_WORKING_DAYS
    assert got == sorted(got)
    assert got[-1] == today
    assert got[0] == CAL.add_working_days(today, -(MAX_CATCH_UP_WORKING_DAYS - 1)) == date(2026, 6, 2)
    assert all(CAL.is_working_day(d) for d in got)
    # One more working day in the gap (Fri 29/05) is dropped: the cap is on working days.
    assert catch_up_days(today, date(2026, 5, 28), calendar=CAL) == got


def test_catch_up_cap_counts_working_days_across_tet():
    got = catch_up_days(date(2026, 2, 27), date(2025, 12, 1), calendar=CAL)
    assert got == [*days(date(2026, 2, 9), date(2026, 2, 13)), *days(date(2026, 2, 23), date(2026, 2, 27))]


def test_catch_up_and_reminder_over_together_recover_a_missed_monday():
    due = date(2026, 6, 12)
    scan = catch_up_days(date(2026, 6, 16), date(2026, 6, 12), calendar=CAL)
    assert reminder_over(task(due), scan, calendar=CAL, policy=POLICY) == OVERDUE
    assert reminder_over(task(due), [date(2026, 6, 16)], calendar=CAL, policy=POLICY) == NOTHING


def test_catch_up_recovers_an_escalation_missed_over_several_days():
    due = date(2026, 6, 1)  # escalated on Mon 29/06; the server was down 26/06 – 01/07
    scan = catch_up_days(date(2026, 7, 2), date(2026, 6, 25), calendar=CAL)
    assert scan == [date(2026, 6, 26), date(2026, 6, 29), date(2026, 6, 30), date(2026, 7, 1), date(2026, 7, 2)]
    assert reminder_over(task(due), scan, calendar=CAL, policy=POLICY) == Reminder(
        lead=ItemKind.STILL_OVERDUE, escalation=ItemKind.ESCALATED
    )
