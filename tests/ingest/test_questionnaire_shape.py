"""A plan known by its shape: questions with written answers stand in for a title no list holds (issue 12,
OSP classification). Hand-made sheets in plain words of our own, never the bench's."""
from __future__ import annotations

from pathlib import Path

from auditpack.declarations import declarations
from auditpack.records.kinds import OrganicSystemPlan, OspSections
from ingest.layout import read_document
from ingest.layout.candidates import KeyValue, Where
from ingest.resolve.api import answered_questionnaire, plausible
from ingest.resolve.labels import label_indexes
from ingest.resolve.questionnaire import questionnaire_evidence, written
from tests.ingest.made_docs import csv_file, loaded, read_as

# a title in words no declaration lists (the questions are the declarations' own), and three of the plan's core fields besides the answers (min_core is 4)
ANSWERED = [
    ["Yearly statement of the mill"],
    ["Business Name: Brookside Stone Mill Inc."],
    ["Certifier: North Hill Certifiers"],
    ["Products: Spelt flour; Rye flour; Oat flakes"],
    [],
    ["1. What handling practices and procedures do you use?"],
    ["Grain is cleaned, milled and bagged in its own runs after the mill has been swept out."],
    ["2. What records do you keep?"],
    ["Bills, weigh slips and run sheets are filed by lot number in the office for five years."],
    ["3. How are organic and non-organic products kept separate?"],
    ["The two kinds of grain sit in separate bins with their own scoops and their own doors."],
    ["4. What pest prevention practices do you use?"],
    ["Doors are kept shut, spills are swept at once and a trapper checks the traps each month."],
    ["5. How do you verify the organic status of your suppliers?"],
    ["Each farm sends its current certificate before the first load and again every spring."],
]


def test_written_answers_to_numbered_questions_name_the_plan(tmp_path: Path) -> None:
    """Five numbered questions each answered in a sentence: the plan leads every other kind, though its
    title is in words no list holds, and the reading is kept with three core fields besides the answers."""
    a = read_as(csv_file(tmp_path / "statement.csv", ANSWERED))
    assert a.candidates[0].kind == "organic_system_plan"
    assert a.kind == "organic_system_plan" and a.claimed
    [record] = a.records
    assert record.operation_name == "Brookside Stone Mill Inc."


def test_the_questionnaire_stands_in_for_the_name_only_by_its_answers(tmp_path: Path) -> None:
    """The same questions with their answers left blank are a blank form: no stand-in for the name."""
    decls = declarations()
    index = label_indexes(decls)["organic_system_plan"]
    full = read_document(loaded(csv_file(tmp_path / "full.csv", ANSWERED)))
    blank_rows = [r if not r or not r[0][:1].isupper() or r[0][0].isdigit() else [] for r in ANSWERED[5:]]
    blank = read_document(loaded(csv_file(tmp_path / "blank.csv", ANSWERED[:5] + blank_rows)))
    assert questionnaire_evidence(decls["organic_system_plan"], index, full, "hash") >= 0.3
    assert questionnaire_evidence(decls["organic_system_plan"], index, blank, "hash") == 0.0
    # a kind that asks no questions gets nothing from them
    assert questionnaire_evidence(decls["invoice"], label_indexes(decls)["invoice"], full, "hash") == 0.0


def _kv(label: str, value: str) -> KeyValue:
    where = Where(1, label, None, None, "lines")
    return KeyValue(label, value, "question", where, where, 0.55)


def test_a_log_row_misread_as_a_numbered_line_is_no_written_answer() -> None:
    """A calendar day read as a question number answers in codes, figures and times: no prose."""
    assert not written(_kv("March   Dough mixer   A. Jones   Y   Chlorine 50 ppm   08:30", "2026   DM-1   0,2"))
    assert not written(_kv("Organic?", "yes"))
    assert written(_kv("How are the bins cleaned?", "The bins are swept, washed with hot water and left to dry."))


def test_half_the_sections_answered_count_as_a_core_field() -> None:
    """A plan with three core fields and half of its sections answered is a record of the kind; the same
    plan with one answer is not."""
    decl = declarations()["organic_system_plan"]
    answers = {c: "We do it every week and write it down." for c in list(decl.fields["sections"].columns)[:4]}
    base = {"operation_name": "Brookside Stone Mill Inc.", "certifier": "North Hill Certifiers",
            "products": ["Spelt flour"]}
    full = OrganicSystemPlan.model_construct(**base, sections=OspSections(**answers))
    one = OrganicSystemPlan.model_construct(**base, sections=OspSections(**dict(list(answers.items())[:1])))
    assert answered_questionnaire(full, decl) == 1 and plausible(full, decl)
    assert answered_questionnaire(one, decl) == 0 and not plausible(one, decl)
