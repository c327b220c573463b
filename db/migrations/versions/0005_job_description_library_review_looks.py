"""job_descriptions library columns (in_library, family_id, version, archived_at) and
review_looks: which reviewer opened which run

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
    with op.batch_alter_table('job_descriptions') as batch:
        batch.add_column(sa.Column('in_library', sa.Boolean(), server_default=sa.true(),
                                   nullable=False))
        batch.add_column(sa.Column('family_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
        batch.create_index(batch.f('ix_job_descriptions_family_id'), ['family_id'], unique=False)
    op.create_table(
        'review_looks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=False),
        sa.Column('reviewer', sa.String(length=200), nullable=False),
        sa.Column('looked_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_review_looks_run_id_runs'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_review_looks')),
        sa.UniqueConstraint('run_id', 'reviewer', name=op.f('uq_review_looks_run_id_reviewer')),
    )
    op.create_index(op.f('ix_review_looks_run_id'), 'review_looks', ['run_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_review_looks_run_id'), table_name='review_looks')
    op.drop_table('review_looks')
    with op.batch_alter_table('job_descriptions') as batch:
        batch.drop_index(batch.f('ix_job_descriptions_family_id'))
        batch.drop_column('archived_at')
        batch.drop_column('version')
        batch.drop_column('family_id')
        batch.drop_column('in_library')
