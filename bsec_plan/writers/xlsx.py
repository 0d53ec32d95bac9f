"""A spreadsheet of one table (`--format xlsx`): dates as dates, the header frozen, widths that
fit, an "as of" line above and the totals on a sheet of their own. openpyxl is needed only for
this format: `pip install 'bsec-plan[xlsx]'`."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from bsec_plan.problems import UsageError
from bsec_plan.safetext import visible

if TYPE_CHECKING:
    from bsec_plan.views.common import Sheet

MAX_WIDTH = 60  # characters; longer text wraps in its cell


def workbook(sheet: Sheet) -> bytes:
    """The .xlsx file's bytes."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise UsageError(
            "--format xlsx needs openpyxl: pip install 'bsec-plan[xlsx]' (or pip install openpyxl)"
        ) from None
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet.title
    ws.append([_cell(sheet.note)])
    ws["A1"].data_type = "s"
    ws.append(sheet.columns)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in sheet.columns]
    for values in sheet.rows:
        ws.append([_cell(v) for v in values])
        for i, value in enumerate(values):
            widths[i] = max(widths[i], 10 if isinstance(value, dt.date) else len(str(value or "")))
    for cells in ws.iter_rows(min_row=3):
        for cell in cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it starts with = (never a formula)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = min(width + 2, MAX_WIDTH)
    ws.freeze_panes = "A3"  # the "as of" line and the header stay in view
    totals = book.create_sheet("Totals")
    totals.append(["Rating", "Occurrences"])
    for rating, count in sheet.totals:
        totals.append([rating, count])
    totals.column_dimensions["A"].width = 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: str | dt.date | None) -> str | dt.date | None:
    """Text with its control characters escaped; dates as they are."""
    if value is None or isinstance(value, dt.date):
        return value
    return visible(value)
