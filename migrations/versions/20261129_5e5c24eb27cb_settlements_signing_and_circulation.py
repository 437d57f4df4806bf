"""settlements, signing and document circulation

Settlement versions and approvals, the signer of generated documents, the circulation marking
of uploaded documents (mediation only unless marked for the case file) and the new case state
``settlement_signed``.

Revision ID: 5e5c24eb27cb
Revises: 7b9f550d627b
Create Date: 2026-11-29 20:47:50.610497

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e5c24eb27cb'
down_revision = '7b9f550d627b'
branch_labels = None
depends_on = None

PREVIOUS_STATES = (
    'draft', 'filed', 'info_requested', 'awaiting_respondent', 'commenced', 'mediator_proposed',
    'mediator_appointed', 'declined', 'rejected', 'withdrawn', 'in_mediation', 'settled',
    'not_settled',
)
STATES = PREVIOUS_STATES + ('settlement_signed',)


def _state_check(states):
    return "state IN (" + ", ".join(f"'{state}'" for state in states) + ")"


def upgrade():
    op.create_table('settlements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_settlements_case_id_cases')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_settlements_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlements')),
    sa.UniqueConstraint('case_id', name=op.f('uq_settlements_case_id'))
    )
    op.create_table('settlement_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('terms_json', sa.Text(), nullable=False),
    sa.Column('terms_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(terms_sha256) = 64', name=op.f('ck_settlement_versions_settlement_version_sha256_length')),
    sa.CheckConstraint('number >= 1', name=op.f('ck_settlement_versions_settlement_version_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_settlement_versions_created_by_id_users')),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlements.id'], name=op.f('fk_settlement_versions_settlement_id_settlements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_versions')),
    sa.UniqueConstraint('settlement_id', 'number', name='settlement_version_number')
    )
    with op.batch_alter_table('settlement_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_versions_settlement_id'), ['settlement_id'], unique=False)

    op.create_table('settlement_approvals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('case_party_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.Enum('claimant', 'respondent', name='partyside', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('signatory_name', sa.String(length=200), nullable=False),
    sa.Column('signatory_title', sa.String(length=200), nullable=False),
    sa.Column('terms_sha256', sa.String(length=64), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(terms_sha256) = 64', name=op.f('ck_settlement_approvals_settlement_approval_sha256_length')),
    sa.ForeignKeyConstraint(['case_party_id'], ['case_parties.id'], name=op.f('fk_settlement_approvals_case_party_id_case_parties')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_settlement_approvals_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_settlement_approvals_user_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['settlement_versions.id'], name=op.f('fk_settlement_approvals_version_id_settlement_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_approvals')),
    sa.UniqueConstraint('version_id', 'case_party_id', name='settlement_approval_once')
    )
    with op.batch_alter_table('settlement_approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_approvals_version_id'), ['version_id'], unique=False)

    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('circulation', sa.Enum('case_file', 'mediation_only', name='circulation', native_enum=False, create_constraint=True, length=32), server_default='mediation_only', nullable=False))
        batch_op.create_check_constraint(
            op.f('ck_documents_private_stays_in_mediation'),
            "private_submission_id IS NULL OR circulation = 'mediation_only'",
        )

    with op.batch_alter_table('generated_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signed_by', sa.String(length=300), nullable=True))

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_cases_casestate'), type_='check')
        batch_op.create_check_constraint(op.f('ck_cases_casestate'), _state_check(STATES))



def downgrade():
    op.execute("DELETE FROM settlement_approvals")
    op.execute("UPDATE cases SET state = 'settled' WHERE state = 'settlement_signed'")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_cases_casestate'), type_='check')
        batch_op.create_check_constraint(op.f('ck_cases_casestate'), _state_check(PREVIOUS_STATES))

    with op.batch_alter_table('generated_documents', schema=None) as batch_op:
        batch_op.drop_column('signed_by')

    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_documents_private_stays_in_mediation'), type_='check')
        batch_op.drop_constraint(op.f('ck_documents_circulation'), type_='check')
        batch_op.drop_column('circulation')

    with op.batch_alter_table('settlement_approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_approvals_version_id'))

    op.drop_table('settlement_approvals')
    with op.batch_alter_table('settlement_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_versions_settlement_id'))

    op.drop_table('settlement_versions')
    op.drop_table('settlements')
