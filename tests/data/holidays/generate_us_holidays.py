#!/usr/bin/python3
"""Reference dates of the `us` holiday set, 1950-2100, for tests/calendar.

Independent of cadence: the fixed and nth-weekday holidays come from Python's
standard library (datetime, calendar); Easter Sunday comes from `ncal -e YEAR`
(the BSD calendar program, Debian package ncal), a separate implementation of
the Gregorian computus. Regenerate with:

    /usr/bin/python3 tests/data/holidays/generate_us_holidays.py \
        > tests/data/holidays/us_1950_2100.csv
"""
import calendar
import datetime
import subprocess
import sys


def nth_weekday(year, month, weekday, n):
    """n-th (1-based) `weekday` (Monday=0) of the month; n=-1 for the last."""
    days = [d for d in calendar.Calendar().itermonthdates(year, month)
            if d.month == month and d.weekday() == weekday]
    return days[n - 1] if n > 0 else days[-1]


def easter(year):
    out = subprocess.run(["ncal", "-e", str(year)], check=True, capture_output=True,
                         text=True).stdout.strip()  # "MM/DD/YY"
    month, day, _ = out.split("/")
    return datetime.date(year, int(month), int(day))


def main():
    w = sys.stdout.write
    w("date,key\n")
    for y in range(1950, 2101):
        rows = [
            (datetime.date(y, 1, 1), "new_years_day"),
            (nth_weekday(y, 1, calendar.MONDAY, 3), "mlk_day"),
            (easter(y), "easter_sunday"),
            (nth_weekday(y, 5, calendar.SUNDAY, 2), "mothers_day"),
            (nth_weekday(y, 5, calendar.MONDAY, -1), "memorial_day"),
            (nth_weekday(y, 6, calendar.SUNDAY, 3), "fathers_day"),
            (datetime.date(y, 7, 4), "independence_day"),
            (nth_weekday(y, 9, calendar.MONDAY, 1), "labor_day"),
            (nth_weekday(y, 11, calendar.THURSDAY, 4), "thanksgiving"),
            (datetime.date(y, 12, 25), "christmas"),
        ]
        for d, key in sorted(rows):
            w(f"{d.isoformat()},{key}\n")


if __name__ == "__main__":
    main()
