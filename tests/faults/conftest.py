"""The fault suite's figures: one row per case, and the table printed at the end of the run."""
from __future__ import annotations

import pytest

FIGURES: list[dict] = []


@pytest.fixture
def fault_figures():
    return FIGURES


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    write = terminalreporter.write_line
    write("")
    write(f"{'case':34} {'expected':>8} {'exported':>8} {'dupes':>5} {'crash':>5} {'peak MB':>8} {'seconds':>7}"
          "  result")
    for row in FIGURES:
        seconds = f"{row['seconds']:7.1f}" if "seconds" in row else f"{'-':>7}"  # rows that time their runs
        write(f"{row['case']:34} {row['expected']:8d} {row['exported']:8d} {row['duplicates']:5d} "
              f"{row['crashes']:5d} {row['peak_mb']:8.0f} {seconds}  {'passed' if row['passed'] else 'FAILED'}")
    expected = sum(r["expected"] for r in FIGURES)
    exported = sum(r["exported"] for r in FIGURES)
    write(f"fault cases: {len(FIGURES)} run, {sum(r['passed'] for r in FIGURES)} passed; articles expected "
          f"{expected}, exported {exported}, lost {expected - exported}, duplicates "
          f"{sum(r['duplicates'] for r in FIGURES)}, crashes {sum(r['crashes'] for r in FIGURES)}, "
          f"peak memory {max(r['peak_mb'] for r in FIGURES):.0f} MB")
