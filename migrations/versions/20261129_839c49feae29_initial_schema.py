"""initial schema

Revision ID: 839c49feae29
Revises: 
Create Date: 2026-11-29 18:19:03.110535

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '839c49feae29'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_reference_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_case_reference_counters'))
    )
    op.create_table('organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('name_zh', sa.String(length=300), nullable=False),
    sa.Column('short_name_en', sa.String(length=100), nullable=False),
    sa.Column('short_name_zh', sa.String(length=100), nullable=False),
    sa.Column('jurisdiction', sa.Enum('CN', 'SG', 'OTHER', name='jurisdiction', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('registry_number', sa.String(length=32), nullable=False),
    sa.Column('checksum_override_reason', sa.Text(), nullable=True),
    sa.Column('checksum_override_by_id', sa.Integer(), nullable=True),
    sa.Column('checksum_override_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('domicile_en', sa.Text(), nullable=False),
    sa.Column('domicile_zh', sa.Text(), nullable=False),
    sa.Column('legal_representative', sa.String(length=200), nullable=False),
    sa.Column('legal_representative_title', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations')),
    sa.UniqueConstraint('jurisdiction', 'registry_number', name='jurisdiction_number')
    )
    op.create_table('authorised_signatories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_authorised_signatories_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authorised_signatories'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.Enum('party', 'mediator', 'registrar', 'admin', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('locale', sa.Enum('en', 'zh_Hans', name='locale', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_users_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    # organisations and users refer to each other: the FK closing the cycle comes last.
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_foreign_key(
            op.f('fk_organisations_checksum_override_by_id_users'),
            'users', ['checksum_override_by_id'], ['id'],
        )

    op.create_table('account_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.Enum('password_reset', name='tokenpurpose', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_account_tokens_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_account_tokens_token_hash'))
    )
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=True),
    sa.Column('state', sa.Enum('draft', 'filed', 'info_requested', 'awaiting_respondent', 'commenced', 'mediator_proposed', 'mediator_appointed', 'declined', 'rejected', 'withdrawn', name='casestate', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('dispute_summary', sa.Text(), nullable=False),
    sa.Column('amount_in_dispute', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('currency', sa.Enum('SGD', 'CNY', 'USD', 'HKD', 'EUR', name='currency', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('clause_text', sa.Text(), nullable=False),
    sa.Column('clause_names_scia', sa.Boolean(), nullable=False),
    sa.Column('prior_agreement_to_mediate', sa.Boolean(), nullable=False),
    sa.Column('preferred_language', sa.Enum('en', 'zh', 'bilingual', name='caselanguage', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('preferred_venue', sa.Enum('singapore', 'shenzhen', 'online', name='venue', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('mediator_attributes', sa.Text(), nullable=False),
    sa.Column('respondent_contact_name', sa.String(length=200), nullable=False),
    sa.Column('respondent_contact_email', sa.String(length=254), nullable=False),
    sa.Column('respondent_details', sa.JSON(), nullable=False),
    sa.Column('filing_fee', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('fee_paid_on', sa.Date(), nullable=True),
    sa.Column('fee_payment_reference', sa.String(length=100), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_on', sa.Date(), nullable=True),
    sa.Column('filing_date', sa.Date(), nullable=True),
    sa.Column('commencement_date', sa.Date(), nullable=True),
    sa.Column('info_request', sa.Text(), nullable=True),
    sa.Column('info_response', sa.Text(), nullable=True),
    sa.Column('rejection_reasons', sa.Text(), nullable=True),
    sa.Column('withdrawal_reasons', sa.Text(), nullable=True),
    sa.Column('respondent_answer', sa.Enum('agree', 'decline', name='respondentanswer', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('respondent_answered_on', sa.Date(), nullable=True),
    sa.Column('decline_reasons', sa.Text(), nullable=True),
    sa.Column('mediator_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(state = 'draft') = (reference IS NULL)", name=op.f('ck_cases_reference_once_submitted')),
    sa.CheckConstraint('amount_in_dispute IS NULL OR amount_in_dispute >= 0', name=op.f('ck_cases_amount')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_cases_created_by_id_users')),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_cases_mediator_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('reference', name=op.f('uq_cases_reference'))
    )
    op.create_table('mediator_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('languages', sa.String(length=200), nullable=False),
    sa.Column('expertise', sa.Text(), nullable=False),
    sa.Column('nationality', sa.String(length=100), nullable=False),
    sa.Column('bio', sa.Text(), nullable=False),
    sa.Column('on_panel', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mediator_profiles_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediator_profiles')),
    sa.UniqueConstraint('user_id', name=op.f('uq_mediator_profiles_user_id'))
    )
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_entries_actor_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_audit_entries_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_case_id'), ['case_id'], unique=False)

    op.create_table('case_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.Enum('claimant', 'respondent', name='partyside', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('counsel_name', sa.String(length=200), nullable=False),
    sa.Column('counsel_firm', sa.String(length=200), nullable=False),
    sa.Column('counsel_email', sa.String(length=254), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_parties_case_id_cases')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_case_parties_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_parties')),
    sa.UniqueConstraint('case_id', 'side', name='one_per_side')
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('lineage_id', sa.Integer(), nullable=True),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by_id', sa.Integer(), nullable=True),
    sa.Column('withdrawal_reason', sa.Text(), nullable=True),
    sa.CheckConstraint('(withdrawn_at IS NULL) = (withdrawn_by_id IS NULL)', name=op.f('ck_documents_withdrawal_complete')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_documents_case_id_cases')),
    sa.ForeignKeyConstraint(['lineage_id'], ['documents.id'], name=op.f('fk_documents_lineage_id_documents')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_documents_uploaded_by_id_users')),
    sa.ForeignKeyConstraint(['withdrawn_by_id'], ['users.id'], name=op.f('fk_documents_withdrawn_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('lineage_id', 'version_number', name='lineage_version')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_case_id'), ['case_id'], unique=False)

    op.create_table('mediator_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('objection_deadline', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'confirmed', 'replaced', name='proposalstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('disclosure', sa.Enum('none', 'circumstances', name='disclosure', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('disclosure_text', sa.Text(), nullable=False),
    sa.Column('disclosed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('(disclosure IS NULL) = (disclosed_at IS NULL)', name=op.f('ck_mediator_proposals_disclosure_dated')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_mediator_proposals_case_id_cases')),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_mediator_proposals_mediator_id_users')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_mediator_proposals_proposed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediator_proposals'))
    )
    with op.batch_alter_table('mediator_proposals', schema=None) as batch_op:
        batch_op.create_index('ix_mediator_proposals_one_pending', ['case_id'], unique=True, sqlite_where=sa.text("status = 'proposed'"), postgresql_where=sa.text("status = 'proposed'"))

    op.create_table('outbox_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('locale', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'sent', 'failed', name='outboxstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("(status = 'sent') = (sent_at IS NOT NULL)", name=op.f('ck_outbox_messages_sent_dated')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_outbox_messages_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_messages'))
    )
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_messages_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_messages_status'), ['status'], unique=False)

    op.create_table('respondent_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by_id', sa.Integer(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_respondent_invitations_case_id_cases')),
    sa.ForeignKeyConstraint(['used_by_id'], ['users.id'], name=op.f('fk_respondent_invitations_used_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_respondent_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_respondent_invitations_token_hash'))
    )
    op.create_table('proposal_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('case_party_id', sa.Integer(), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answer', sa.Enum('accept', 'object', name='proposalanswer', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_proposal_responses_answered_by_id_users')),
    sa.ForeignKeyConstraint(['case_party_id'], ['case_parties.id'], name=op.f('fk_proposal_responses_case_party_id_case_parties')),
    sa.ForeignKeyConstraint(['proposal_id'], ['mediator_proposals.id'], name=op.f('fk_proposal_responses_proposal_id_mediator_proposals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_responses')),
    sa.UniqueConstraint('proposal_id', 'case_party_id', name='one_per_party')
    )


def downgrade():
    op.drop_table('proposal_responses')
    op.drop_table('respondent_invitations')
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_messages_status'))
        batch_op.drop_index(batch_op.f('ix_outbox_messages_case_id'))

    op.drop_table('outbox_messages')
    with op.batch_alter_table('mediator_proposals', schema=None) as batch_op:
        batch_op.drop_index('ix_mediator_proposals_one_pending', sqlite_where=sa.text("status = 'proposed'"), postgresql_where=sa.text("status = 'proposed'"))

    op.drop_table('mediator_proposals')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_case_id'))

    op.drop_table('documents')
    op.drop_table('case_parties')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_case_id'))

    op.drop_table('audit_entries')
    op.drop_table('mediator_profiles')
    op.drop_table('cases')
    op.drop_table('account_tokens')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f('fk_organisations_checksum_override_by_id_users'), type_='foreignkey'
        )

    op.drop_table('users')
    op.drop_table('authorised_signatories')
    op.drop_table('organisations')
    op.drop_table('case_reference_counters')
