"""api_tokens (REST API, hashed, revocable) and jobs + job_items (queued work and its progress)

Tokens are kept as sha256 only and revoked, never deleted. A job's items are the
tasks a worker runs (one per uploaded document); their state lives here rather
than in a Celery result backend so progress is visible to every server process
and survives a broker restart.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

JsonType = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        'api_tokens',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('token_sha256', sa.String(length=64), nullable=False),
        sa.Column('user_name', sa.String(length=128), nullable=False),
        sa.Column('label', sa.String(length=128), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.String(length=128), nullable=False),
        sa.Column('last_used_at', sa.DateTime(), nullable=True),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.Column('revoked_by', sa.String(length=128), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_sha256'),
    )
    op.create_index('ix_api_tokens_user_name', 'api_tokens', ['user_name'])
    op.create_table(
        'jobs',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('created_by', sa.String(length=128), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('params', JsonType, nullable=False),
        sa.Column('followup_job', sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_jobs_created_at', 'jobs', ['created_at'])
    op.create_table(
        'job_items',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('job_id', sa.String(length=32), sa.ForeignKey('jobs.id'), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=1024), nullable=True),
        sa.Column('sha256', sa.String(length=64), nullable=True),
        sa.Column('stored_path', sa.String(length=1024), nullable=True),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('worker', sa.String(length=255), nullable=True),
        sa.Column('started_at', sa.DateTime(), nullable=True),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('outcome', JsonType, nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_job_items_job_id', 'job_items', ['job_id'])
    op.create_index('ux_job_items_job_position', 'job_items', ['job_id', 'position'], unique=True)


def downgrade() -> None:
    op.drop_index('ux_job_items_job_position', table_name='job_items')
    op.drop_index('ix_job_items_job_id', table_name='job_items')
    op.drop_table('job_items')
    op.drop_index('ix_jobs_created_at', table_name='jobs')
    op.drop_table('jobs')
    op.drop_index('ix_api_tokens_user_name', table_name='api_tokens')
    op.drop_table('api_tokens')
