"""scia proceedings

The SCIA phase: proceedings (escalation or consent award), tribunal members, the parties' consents
to the mediator acting as arbitrator, SCIA hearing dates and performance records; the case states
of the SCIA phase, ``party_withdrew`` as a mediation result, ``cases.closed_at`` (set exactly when
closed) and the enforcement data sheet as a generated document kind.

Revision ID: ff3e0b6ce919
Revises: 5e5c24eb27cb
Create Date: 2026-11-29 21:29:21.355758

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ff3e0b6ce919'
down_revision = '5e5c24eb27cb'
branch_labels = None
depends_on = None

PREVIOUS_STATES = (
    'draft', 'filed', 'info_requested', 'awaiting_respondent', 'commenced', 'mediator_proposed',
    'mediator_appointed', 'declined', 'rejected', 'withdrawn', 'in_mediation', 'settled',
    'not_settled', 'settlement_signed',
)
STATES = PREVIOUS_STATES + (
    'referred_to_scia', 'in_arbitration', 'award_requested', 'award_issued', 'closed',
)
PREVIOUS_RESULTS = ('settled_in_full', 'settled_in_part', 'impasse', 'window_expired')
RESULTS = PREVIOUS_RESULTS + ('party_withdrew',)
PREVIOUS_KINDS = ('settlement_agreement', 'consent_award_draft', 'referral')
KINDS = PREVIOUS_KINDS + ('enforcement_data_sheet',)


def _in(column, values):
    return f"{column} IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def _replace_checks(states, results, kinds):
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_cases_casestate'), type_='check')
        batch_op.create_check_constraint(op.f('ck_cases_casestate'), _in('state', states))
        batch_op.drop_constraint(op.f('ck_cases_mediationresult'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_cases_mediationresult'), _in('mediation_result', results))
    with op.batch_alter_table('generated_documents', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_generated_documents_generateddocumentkind'),
                                 type_='check')
        batch_op.create_check_constraint(
            op.f('ck_generated_documents_generateddocumentkind'), _in('kind', kinds))


def upgrade():
    op.create_table('performance_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('obligation_number', sa.Integer(), nullable=False),
    sa.Column('instalment_number', sa.Integer(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('performed_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount IS NULL OR amount > 0', name=op.f('ck_performance_records_performance_amount_positive')),
    sa.CheckConstraint('instalment_number IS NULL OR instalment_number >= 1', name=op.f('ck_performance_records_performance_instalment_positive')),
    sa.CheckConstraint('obligation_number >= 1', name=op.f('ck_performance_records_performance_obligation_positive')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_performance_records_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_performance_records_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_performance_records'))
    )
    with op.batch_alter_table('performance_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_performance_records_case_id'), ['case_id'], unique=False)

    op.create_table('scia_proceedings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('route', sa.Enum('escalation', 'consent_award', name='sciaroute', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('trigger', sa.Enum('impasse', 'window_expired', 'party_withdrew', 'respondent_declined', name='escalationtrigger', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('arbitration_agreement_text', sa.Text(), nullable=False),
    sa.Column('arbitration_agreement_document_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=False),
    sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claim_amount', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('claim_currency', sa.String(length=3), nullable=True),
    sa.Column('rmb_rate', sa.Numeric(precision=18, scale=6), nullable=True),
    sa.Column('amount_rmb', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('scia_reference', sa.String(length=60), nullable=True),
    sa.Column('scia_filed_on', sa.Date(), nullable=True),
    sa.Column('consent_award_requested_on', sa.Date(), nullable=True),
    sa.Column('award_date', sa.Date(), nullable=True),
    sa.Column('award_received_on', sa.Date(), nullable=True),
    sa.Column('award_document_id', sa.Integer(), nullable=True),
    sa.Column('closed_reason', sa.Text(), nullable=True),
    sa.CheckConstraint("(route = 'escalation') = (trigger IS NOT NULL)", name=op.f('ck_scia_proceedings_scia_trigger_for_escalation')),
    sa.CheckConstraint("escalated_at IS NULL OR route = 'escalation'", name=op.f('ck_scia_proceedings_scia_escalated_by_escalation')),
    sa.CheckConstraint('(award_date IS NULL) = (award_document_id IS NULL)', name=op.f('ck_scia_proceedings_scia_award_with_document')),
    sa.CheckConstraint('rmb_rate IS NULL OR rmb_rate > 0', name=op.f('ck_scia_proceedings_scia_rate_positive')),
    sa.ForeignKeyConstraint(['arbitration_agreement_document_id'], ['documents.id'], name=op.f('fk_scia_proceedings_arbitration_agreement_document_id_documents')),
    sa.ForeignKeyConstraint(['award_document_id'], ['documents.id'], name=op.f('fk_scia_proceedings_award_document_id_documents')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_scia_proceedings_case_id_cases')),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_scia_proceedings_started_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scia_proceedings')),
    sa.UniqueConstraint('case_id', name=op.f('uq_scia_proceedings_case_id'))
    )
    op.create_table('arbitration_hearings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proceeding_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['proceeding_id'], ['scia_proceedings.id'], name=op.f('fk_arbitration_hearings_proceeding_id_scia_proceedings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_arbitration_hearings'))
    )
    with op.batch_alter_table('arbitration_hearings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_arbitration_hearings_proceeding_id'), ['proceeding_id'], unique=False)

    op.create_table('mediator_consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proceeding_id', sa.Integer(), nullable=False),
    sa.Column('case_party_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_party_id'], ['case_parties.id'], name=op.f('fk_mediator_consents_case_party_id_case_parties')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_mediator_consents_document_id_documents')),
    sa.ForeignKeyConstraint(['proceeding_id'], ['scia_proceedings.id'], name=op.f('fk_mediator_consents_proceeding_id_scia_proceedings')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_mediator_consents_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediator_consents')),
    sa.UniqueConstraint('proceeding_id', 'case_party_id', name='mediator_consent_once')
    )
    with op.batch_alter_table('mediator_consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediator_consents_proceeding_id'), ['proceeding_id'], unique=False)

    op.create_table('tribunal_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proceeding_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('sole', 'presiding', 'co_arbitrator', name='tribunalrole', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('is_mediator', sa.Boolean(), nullable=False),
    sa.Column('appointed_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['proceeding_id'], ['scia_proceedings.id'], name=op.f('fk_tribunal_members_proceeding_id_scia_proceedings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tribunal_members'))
    )
    with op.batch_alter_table('tribunal_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tribunal_members_proceeding_id'), ['proceeding_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    _replace_checks(STATES, RESULTS, KINDS)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_check_constraint(
            op.f('ck_cases_closed_when_closed'), "(state = 'closed') = (closed_at IS NOT NULL)")



def downgrade():
    # Cases of the SCIA phase go back to where they came from; its documents' kind is dropped.
    op.execute("DELETE FROM generated_documents WHERE kind = 'enforcement_data_sheet'")
    op.execute("UPDATE cases SET state = 'settlement_signed', closed_at = NULL "
               "WHERE state IN ('award_requested', 'award_issued') "
               "OR (state = 'closed' AND mediation_result IN ('settled_in_full', 'settled_in_part'))")
    op.execute("UPDATE cases SET state = 'not_settled', closed_at = NULL "
               "WHERE state IN ('referred_to_scia', 'in_arbitration', 'closed')")
    op.execute("UPDATE cases SET mediation_result = 'impasse' "
               "WHERE mediation_result = 'party_withdrew'")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_cases_closed_when_closed'), type_='check')
        batch_op.drop_column('closed_at')
    _replace_checks(PREVIOUS_STATES, PREVIOUS_RESULTS, PREVIOUS_KINDS)

    with op.batch_alter_table('tribunal_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tribunal_members_proceeding_id'))

    op.drop_table('tribunal_members')
    with op.batch_alter_table('mediator_consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediator_consents_proceeding_id'))

    op.drop_table('mediator_consents')
    with op.batch_alter_table('arbitration_hearings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_arbitration_hearings_proceeding_id'))

    op.drop_table('arbitration_hearings')
    op.drop_table('scia_proceedings')
    with op.batch_alter_table('performance_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_performance_records_case_id'))

    op.drop_table('performance_records')
