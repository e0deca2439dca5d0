"""sign-in attempts, review-UI sessions, and an audit log the database itself keeps append-only

The audit log refuses UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) with a
trigger, so plain SQL cannot rewrite history either (7 CFR 205.103: records
are evidence). A later migration that must rebuild `audit_log` on SQLite
(batch mode copies and drops the table) has to create these triggers again.

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

REFUSED = "audit_log is append-only: rows cannot be changed or deleted"
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER audit_log_no_{op_name.lower()} BEFORE {op_name} ON audit_log
        BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"""
    for op_name in ("UPDATE", "DELETE")
]
POSTGRES_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{REFUSED} (% refused)', TG_OP; END $$""",
    """CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
]


def upgrade() -> None:
    op.create_table(
        'sign_in_attempts',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('user_name', sa.String(length=128), nullable=False),
        sa.Column('client', sa.String(length=64), nullable=True),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_sign_in_attempts_user_at', 'sign_in_attempts', ['user_name', 'at'])
    op.create_index('ix_sign_in_attempts_client_at', 'sign_in_attempts', ['client', 'at'])
    op.create_table(
        'ui_sessions',
        sa.Column('token_sha256', sa.String(length=64), nullable=False),
        sa.Column('user_name', sa.String(length=128), nullable=False),
        sa.Column('client', sa.String(length=64), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('last_seen', sa.DateTime(), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.Column('ended_reason', sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint('token_sha256'),
    )
    op.create_index('ix_ui_sessions_user_name', 'ui_sessions', ['user_name'])
    dialect = op.get_bind().dialect.name
    for statement in POSTGRES_TRIGGERS if dialect == 'postgresql' else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update_delete ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    op.drop_index('ix_ui_sessions_user_name', table_name='ui_sessions')
    op.drop_table('ui_sessions')
    op.drop_index('ix_sign_in_attempts_client_at', table_name='sign_in_attempts')
    op.drop_index('ix_sign_in_attempts_user_at', table_name='sign_in_attempts')
    op.drop_table('sign_in_attempts')
