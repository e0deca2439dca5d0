"""The field resolver: declared kinds read from the layout reader's candidates.

`read_kind` turns one document into records of one kind; `score_kinds` says which kinds a
document may be. Both read everything they know about fields, labels and kinds from the
declarations (`auditpack/declarations/`): nothing here lists a label.
"""
from ingest.resolve.api import ReadResult, read_declared, score_kinds

__all__ = ["ReadResult", "read_declared", "score_kinds"]
