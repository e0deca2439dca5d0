"""AuditPack core: records, store, workspace, settings, pipeline and CLI."""
__version__ = "0.1.0"
