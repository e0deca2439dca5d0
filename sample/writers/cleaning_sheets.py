"""Cleaning and sanitation logs as spreadsheets and CSV exports.

Three wordings, as different systems and people write them:
- sanitation_xlsx_titled: a hand-kept workbook, title rows above the header (row 4),
  separate Date and Time columns, cleaner and sanitizer in their own columns;
- cleaning_csv_export: a sanitation app's export ("Date/Time Cleaned", "Asset",
  "Chemical 1/2" with strength and unit, "Record Created");
- cleaning_xlsx_export: one sheet per month, header on row 1, a "Performed"
  datetime column, the plant in a "Site" column (a multi-site system's export)
  and all chemicals in one cell ("Peracetic acid 150 ppm; ...").
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sample.writers.sheets import header_row, title, workbook, write_csv, yn


def _conc(a: dict) -> str:
    v = a["concentration"]
    v = int(v) if float(v).is_integer() else v
    return f"{v} {a['concentration_unit']}"


def _split(r: dict) -> tuple[dict | None, dict]:
    agents = r["agents"]
    return (agents[0] if len(agents) > 1 else None), agents[-1]


def _dt(s: str | None) -> datetime | None:
    return datetime.fromisoformat(s) if s else None


def titled(spec, path: Path) -> list[int]:
    wb = workbook()
    ws = wb.active
    ws.title = "Sanitation Log"
    title(ws, 1, f"Sanitation Log - {spec.context['facility']}")
    ws.cell(row=2, column=1, value=f"Period: {spec.context['period']}    Form SSOP-07 rev. 3")
    headers = ["Date", "Time", "Equipment", "Type", "Cleaner", "Cleaner Conc.", "Sanitizer", "Sanitizer Conc.",
               "Final Rinse Cl (ppm)", "Rinse OK", "Prev. Run", "Next Run", "Performed By", "Verified By",
               "Entered", "Comments"]
    header_row(ws, 4, headers, [11, 7, 14, 12, 24, 9, 20, 10, 10, 8, 12, 12, 13, 13, 16, 34])
    for i, (r, activity) in enumerate(zip(spec.records, spec.context["activities"]), start=5):
        cleaner, sanitizer = _split(r)
        when = _dt(r["performed_at"])
        row = [when.date(), when.strftime("%H:%M"), r["equipment"], activity, cleaner["name"] if cleaner else "",
               _conc(cleaner) if cleaner else "", sanitizer["name"], _conc(sanitizer), r["final_rinse_chlorine_ppm"],
               yn(r["rinse_verified"]), (r["preceding_run"] or "").title(), (r["next_run"] or "").title(),
               r["operator"], r["verified_by"] or "", _dt(r["logged_at"]), r["notes"] or ""]
        for col, v in enumerate(row, start=1):
            cell = ws.cell(row=i, column=col, value=v)
            if col == 1:
                cell.number_format = "mm/dd/yyyy"
            elif col == 15:
                cell.number_format = "mm/dd/yyyy hh:mm"
    ws.freeze_panes = "A5"
    wb.save(path)
    return [1] * len(spec.records)


def csv_export(spec, path: Path) -> list[int]:
    headers = ["Date/Time Cleaned", "Facility", "Asset", "Activity", "Chemical 1", "Chem 1 Strength", "Chem 1 Unit",
               "Chemical 2", "Chem 2 Strength", "Chem 2 Unit", "Rinse Chlorine ppm", "Rinse Verified",
               "Previous Run", "Next Run", "Cleaned By", "Verified By", "Record Created", "Comments"]
    rows = []
    for r, activity in zip(spec.records, spec.context["activities"]):
        agents = r["agents"] + [None] * (2 - len(r["agents"]))
        chem = []
        for a in agents:
            chem += [a["name"], a["concentration"], a["concentration_unit"]] if a else ["", "", ""]
        rows.append([_dt(r["performed_at"]).strftime("%m/%d/%Y %H:%M"), r["facility"], r["equipment"], activity,
                     *chem, r["final_rinse_chlorine_ppm"], yn(r["rinse_verified"], "Yes", "No"),
                     r["preceding_run"] or "", r["next_run"] or "", r["operator"], r["verified_by"] or "",
                     _dt(r["logged_at"]).strftime("%Y-%m-%d %H:%M:%S") if r["logged_at"] else "", r["notes"] or ""])
    write_csv(path, headers, rows)
    return [1] * len(spec.records)


def xlsx_export(spec, path: Path) -> list[int]:
    wb = workbook()
    wb.remove(wb.active)
    headers = ["Performed", "Site", "Line", "Task", "Chemicals", "Final rinse free chlorine (ppm)", "Rinse check",
               "Prior run", "Upcoming run", "Operator", "Sign-off", "Logged", "Remarks"]
    sheets: dict[str, object] = {}
    pages, rows = [], {}
    for r, activity in zip(spec.records, spec.context["activities"]):
        when = _dt(r["performed_at"])
        name = when.strftime("%b %Y")
        if name not in sheets:
            ws = wb.create_sheet(name)
            header_row(ws, 1, headers, [17, 20, 14, 13, 44, 12, 10, 12, 12, 12, 12, 17, 34])
            sheets[name], rows[name] = ws, 1
        ws = sheets[name]
        rows[name] += 1
        chems = "; ".join(f"{a['name']} {_conc(a)}" for a in r["agents"])
        values = [when, r["facility"], r["equipment"], activity, chems, r["final_rinse_chlorine_ppm"],
                  {True: "pass", False: "FAIL", None: ""}[r["rinse_verified"]], r["preceding_run"] or "-",
                  r["next_run"] or "-", r["operator"], r["verified_by"] or "", _dt(r["logged_at"]), r["notes"] or ""]
        for col, v in enumerate(values, start=1):
            cell = ws.cell(row=rows[name], column=col, value=v)
            if col in (1, 12):
                cell.number_format = "yyyy-mm-dd hh:mm"
        pages.append(list(sheets).index(name) + 1)
    wb.save(path)
    return pages


def write(spec, path: Path) -> list[int]:
    return {"sanitation_xlsx_titled": titled, "cleaning_csv_export": csv_export,
            "cleaning_xlsx_export": xlsx_export}[spec.layout](spec, path)
