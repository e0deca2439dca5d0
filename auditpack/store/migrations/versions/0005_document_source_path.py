"""documents.source_path: where a file was ingested from, evidence for the new-version decision

A file replaces an earlier one only on evidence (same source path, same kind, same key
fields, read successfully); the path it came from is part of that evidence. Existing rows
keep NULL: for them only the file name is known.

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("source_path", sa.String(length=4096), nullable=True))
    op.create_index("ix_documents_filename", "documents", ["filename"])


def downgrade() -> None:
    op.drop_index("ix_documents_filename", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("source_path")
