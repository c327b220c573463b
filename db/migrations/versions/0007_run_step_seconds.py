"""runs.step_seconds: how long each step of a run's current attempt took ({"parse": 0.41,
"tailor": 1.2}), as the worker timed it, for the Batches page's time per step

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'step_seconds', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'),
            nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.drop_column('step_seconds')
