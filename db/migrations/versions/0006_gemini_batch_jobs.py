"""gemini_batch_jobs: Economy mode's Gemini Batch Mode jobs, one per submission of a
batch's runs (keyed by run id), polled until they finish

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'gemini_batch_jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=False),
        sa.Column('claim', sa.String(length=100), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('display_name', sa.String(length=100), nullable=False),
        sa.Column('gemini_name', sa.String(length=200), nullable=True),
        sa.Column('run_ids', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'),
                  nullable=False),
        sa.Column('poll_job_id', sa.String(length=100), nullable=True),
        sa.Column('error_message', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['batches.id'], ondelete='CASCADE',
                                name=op.f('fk_gemini_batch_jobs_batch_id_batches')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_gemini_batch_jobs')),
    )
    op.create_index(op.f('ix_gemini_batch_jobs_batch_id'), 'gemini_batch_jobs', ['batch_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_gemini_batch_jobs_batch_id'), table_name='gemini_batch_jobs')
    op.drop_table('gemini_batch_jobs')
