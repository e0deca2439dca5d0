"""The `auditpack` command line: one module per group of commands."""
