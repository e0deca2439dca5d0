"""A small Part 205 copy written by the tests (no ../shared needed): enough sections to ask about.

Paragraph texts follow the eCFR Markdown copy's conventions (``*italic*`` terms, ``\\*`` for a literal
asterisk, (a)/(1) labels). 205.103 is marked outdated and 205.272 is left out, as in the shared copy.
"""
from __future__ import annotations

import json
from pathlib import Path

SECTIONS = [
    ("205.2", "Terms defined.", "post-SOE", [
        "*Commingling.* Physical contact between unpackaged organically produced and nonorganically produced "
        "agricultural products during production, processing, transportation, storage or handling:",
        "*Split operation.* An operation that produces or handles both organic and nonorganic agricultural "
        "products.",
    ]),
    ("205.103", "Recordkeeping by certified operations.", "pre-SOE pending SOE amendment", [
        "(a) A certified operation must maintain records concerning the production and handling of "
        "agricultural products sold as organic.",
        "(b) Such records must:",
        "(1) Be adapted to the particular business that the certified operation is conducting;",
        "(2) Fully disclose all activities and transactions in sufficient detail as to be readily understood "
        "and audited;",
        "(3) Be maintained for not less than 5 years beyond their creation; and",
        "(4) Be sufficient to demonstrate compliance with the Act and the regulations in this part.",
        "(c) The certified operation must make such records available for inspection and copying.",
    ]),
    ("205.201", "Organic production and handling system plan.", "post-SOE", [
        "(a) A handler must develop an organic handling system plan. The organic handling system plan must "
        "include:",
        "(1) A description of practices and procedures to be performed and maintained;",
        "(2) A list of each substance to be used as a handling input;",
        "(3) A description of the monitoring practices to verify suppliers and prevent organic fraud;",
        "(4) A description of the recordkeeping system;",
        "(5) A description of the management practices and physical barriers established to prevent "
        "commingling of organic and nonorganic products on a split operation; and",
        "(6) Additional information deemed necessary by the certifying agent.",
        "(b) A producer may substitute a plan prepared for another regulatory program.",
    ]),
    ("205.271", "Facility pest management practice standard.", "post-SOE", [
        "(a) The handler must use management practices to prevent pests, including removal of pest habitat.",
        "(b) Pests may be controlled through traps, lights or sound.",
    ]),
    ("205.303", "Packaged products labeled “100 percent organic” or “organic.”", "unchanged since 2017", [
        "(a) Packages may display the term organic: *Provided,* That, the handler maintains records.",
        "(b) On the information panel, preceded by the statement, “Certified organic by \\* \\* \\*,” identify "
        "the name of the certifying agent.",
    ]),
    ("205.605", "Nonagricultural substances allowed as ingredients.", "post-SOE (2025)", [
        "(a) Nonsynthetics allowed: citric acid, enzymes and microorganisms.",
        "(b) Synthetics allowed: chlorine materials for sanitizing food contact surfaces; the final rinse must "
        "not exceed the limit for drinking water.",
    ]),
]


def write_copy(folder: Path) -> Path:
    path = folder / "part205-small.jsonl"
    path.write_text("\n".join(json.dumps({"section": s, "heading": h, "currency": c, "text": "\n\n".join(ps)})
                              for s, h, c, ps in SECTIONS), encoding="utf-8")
    return path
