"""generated documents

Revision ID: 7b9f550d627b
Revises: ac0efc5171a8
Create Date: 2026-11-29 19:52:04.366957

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7b9f550d627b'
down_revision = 'ac0efc5171a8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('generated_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('settlement_agreement', 'consent_award_draft', 'referral', name='generateddocumentkind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('verification_code', sa.String(length=12), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('template_name', sa.String(length=200), nullable=False),
    sa.Column('template_version', sa.String(length=50), nullable=False),
    sa.Column('input_snapshot', sa.JSON(), nullable=False),
    sa.Column('generated_by_id', sa.Integer(), nullable=False),
    sa.Column('generated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.Column('revocation_reason', sa.Text(), nullable=True),
    sa.CheckConstraint('(revoked_at IS NULL) = (revoked_by_id IS NULL) AND (revoked_at IS NULL) = (revocation_reason IS NULL)', name=op.f('ck_generated_documents_generated_revocation')),
    sa.CheckConstraint('(superseded_at IS NULL) = (superseded_by_id IS NULL)', name=op.f('ck_generated_documents_generated_supersession')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_generated_documents_generated_sha256_length')),
    sa.CheckConstraint('size_bytes > 0', name=op.f('ck_generated_documents_generated_size_positive')),
    sa.CheckConstraint('version_number >= 1', name=op.f('ck_generated_documents_generated_version_positive')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_generated_documents_case_id_cases')),
    sa.ForeignKeyConstraint(['generated_by_id'], ['users.id'], name=op.f('fk_generated_documents_generated_by_id_users')),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_generated_documents_revoked_by_id_users')),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['generated_documents.id'], name=op.f('fk_generated_documents_superseded_by_id_generated_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_generated_documents')),
    sa.UniqueConstraint('case_id', 'kind', 'version_number', name='generated_kind_version'),
    sa.UniqueConstraint('verification_code', name=op.f('uq_generated_documents_verification_code'))
    )
    with op.batch_alter_table('generated_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_generated_documents_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_generated_documents_sha256'), ['sha256'], unique=False)



def downgrade():
    with op.batch_alter_table('generated_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_generated_documents_sha256'))
        batch_op.drop_index(batch_op.f('ix_generated_documents_case_id'))

    op.drop_table('generated_documents')
