"""user_roles: roles granted to signed-in users by email (viewer, recruiter, reviewer, admin)

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'user_roles',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('granted_by', sa.String(length=200), nullable=False),
        sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_roles')),
        sa.UniqueConstraint('email', 'role', name=op.f('uq_user_roles_email_role')),
    )
    op.create_index(op.f('ix_user_roles_email'), 'user_roles', ['email'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_user_roles_email'), table_name='user_roles')
    op.drop_table('user_roles')
