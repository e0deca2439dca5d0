"""documents view columns, document text with full-text search, corrections

Revision ID: 0003
Revises: 0002

The documents view reads columns (issuer, date, missing fields, low-confidence count, revision,
superseded_by), backfilled here from the stored records. Document text is searchable through an FTS5
table on SQLite (kept in step by an insert trigger) or a generated tsvector with a GIN index on
PostgreSQL. Texts of documents ingested before this migration are not known (re-ingest to search them).
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issuer', sa.String(length=512), nullable=True))
        batch_op.add_column(sa.Column('document_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('missing_fields', JSON, nullable=True))
        batch_op.add_column(sa.Column('low_confidence', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('superseded_by', sa.String(length=64), nullable=True))
        for name in ('ingested_at', 'previous_version', 'issuer', 'document_date', 'superseded_by'):
            batch_op.create_index(batch_op.f(f'ix_documents_{name}'), [name], unique=False)

    op.create_table('document_texts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('truncated', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['documents.sha256'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256')
    )
    op.create_table('corrections',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_sha256', sa.String(length=64), nullable=False),
    sa.Column('record_id', sa.String(length=255), nullable=True),
    sa.Column('op', sa.String(length=16), nullable=False),
    sa.Column('field', sa.String(length=255), nullable=True),
    sa.Column('value', JSON, nullable=True),
    sa.Column('source', JSON, nullable=True),
    sa.Column('actor', sa.String(length=128), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_sha256'], ['documents.sha256'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_corrections_document_sha256'), ['document_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_corrections_record_id'), ['record_id'], unique=False)

    if op.get_bind().dialect.name == 'postgresql':
        op.execute("ALTER TABLE document_texts ADD COLUMN tsv tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED")
        op.execute("CREATE INDEX ix_document_texts_tsv ON document_texts USING GIN (tsv)")
    else:
        op.execute("CREATE VIRTUAL TABLE document_fts USING fts5(text, content='document_texts', "
                   "content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
        op.execute("CREATE TRIGGER document_texts_fts AFTER INSERT ON document_texts BEGIN "
                   "INSERT INTO document_fts(rowid, text) VALUES (new.id, new.text); END")
    _backfill()


def _backfill() -> None:
    """What can be known of existing documents: the newer version of each, and the summary of its records."""
    from auditpack.store.summary import summarize  # the same function ingest uses, so old and new rows agree

    conn = op.get_bind()
    docs = sa.table('documents', sa.column('sha256'), sa.column('previous_version'), sa.column('superseded_by'),
                    sa.column('issuer'), sa.column('document_date', sa.Date()), sa.column('missing_fields', JSON),
                    sa.column('low_confidence'))
    recs = sa.table('records', sa.column('document_sha256'), sa.column('data', JSON), sa.column('superseded_by'))
    for sha, prev in conn.execute(sa.select(docs.c.sha256, docs.c.previous_version)
                                  .where(docs.c.previous_version.is_not(None))).all():
        conn.execute(docs.update().where(docs.c.sha256 == prev, docs.c.superseded_by.is_(None))
                     .values(superseded_by=sha))
    by_doc: dict[str, list[dict]] = {}
    for sha, data in conn.execute(sa.select(recs.c.document_sha256, recs.c.data)
                                  .where(recs.c.superseded_by.is_(None))):
        by_doc.setdefault(sha, []).append(data)
    for sha, data in by_doc.items():
        s = summarize(data)
        conn.execute(docs.update().where(docs.c.sha256 == sha).values(
            issuer=s.issuer, document_date=s.document_date, missing_fields=s.missing_fields,
            low_confidence=s.low_confidence))


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS document_texts_fts")
        op.execute("DROP TABLE IF EXISTS document_fts")
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_corrections_record_id'))
        batch_op.drop_index(batch_op.f('ix_corrections_document_sha256'))
    op.drop_table('corrections')
    op.drop_table('document_texts')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        for name in ('superseded_by', 'document_date', 'issuer', 'previous_version', 'ingested_at'):
            batch_op.drop_index(batch_op.f(f'ix_documents_{name}'))
        for name in ('superseded_by', 'revision', 'low_confidence', 'missing_fields', 'document_date', 'issuer'):
            batch_op.drop_column(name)
