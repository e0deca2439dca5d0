"""One router per resource: documents (upload, list, one), jobs, records, findings and decisions, checks,
packages, OID import; and the operations a user may open."""
