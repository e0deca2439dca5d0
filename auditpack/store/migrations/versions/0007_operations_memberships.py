"""operations (the registry of a many-operation server) and operation_members (user -> role per operation)

An existing workspace needs no data change: it is the default operation, and a
user's role there stays `users.role` until a membership row says otherwise. The
operations' own data lives in their own database scope, never in these tables.

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'operations',
        sa.Column('slug', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('certifier', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint('slug'),
    )
    op.create_table(
        'operation_members',
        sa.Column('operation', sa.String(length=40), nullable=False),
        sa.Column('user_name', sa.String(length=128), nullable=False),
        sa.Column('role', sa.String(length=32), nullable=True),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.Column('changed_by', sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint('operation', 'user_name'),
    )
    op.create_index('ix_operation_members_user_name', 'operation_members', ['user_name'])


def downgrade() -> None:
    op.drop_index('ix_operation_members_user_name', table_name='operation_members')
    op.drop_table('operation_members')
    op.drop_table('operations')
