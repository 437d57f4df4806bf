"""hearings deadlines and confidential material

Revision ID: ac0efc5171a8
Revises: 839c49feae29
Create Date: 2026-11-29 19:18:51.411166

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ac0efc5171a8'
down_revision = '839c49feae29'
branch_labels = None
depends_on = None


EARLIER_STATES = (
    'draft', 'filed', 'info_requested', 'awaiting_respondent', 'commenced', 'mediator_proposed',
    'mediator_appointed', 'declined', 'rejected', 'withdrawn',
)
STATES = EARLIER_STATES + ('in_mediation', 'settled', 'not_settled')


def _state_check(states):
    return "state IN (" + ", ".join(f"'{state}'" for state in states) + ")"


def upgrade():
    op.create_table('calendar_closures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jurisdiction', sa.Enum('CN', 'SG', 'OTHER', name='jurisdiction', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("jurisdiction IN ('SG', 'CN')", name=op.f('ck_calendar_closures_calendar_jurisdiction')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_calendar_closures_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_closures')),
    sa.UniqueConstraint('jurisdiction', 'day', name='one_per_day')
    )
    op.create_table('calendar_feed_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feed_tokens_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feed_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feed_tokens_token_hash'))
    )
    with op.batch_alter_table('calendar_feed_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_feed_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('hearings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('pre_mediation_conference', 'joint_session', 'private_session', name='hearingkind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('private_side', sa.Enum('claimant', 'respondent', name='partyside', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('venue_kind', sa.Enum('singapore', 'shenzhen', 'other_address', 'online', name='venuekind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('venue_zone', sa.String(length=64), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('meeting_link', sa.String(length=500), nullable=True),
    sa.Column('language', sa.Enum('en', 'zh', 'bilingual', name='caselanguage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('interpretation', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('scheduled', 'held', 'adjourned', 'cancelled', name='hearingstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('outcome_recorded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('uid', sa.String(length=120), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('scheduled_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(kind = 'private_session') = (private_side IS NOT NULL)", name=op.f('ck_hearings_private_side')),
    sa.CheckConstraint("(status IN ('adjourned', 'cancelled')) = (status_reason IS NOT NULL)", name=op.f('ck_hearings_status_reason')),
    sa.CheckConstraint("(venue_kind = 'online') = (meeting_link IS NOT NULL)", name=op.f('ck_hearings_online_link')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_hearings_ends_after_start')),
    sa.CheckConstraint('sequence >= 0', name=op.f('ck_hearings_sequence')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_hearings_case_id_cases')),
    sa.ForeignKeyConstraint(['scheduled_by_id'], ['users.id'], name=op.f('fk_hearings_scheduled_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hearings')),
    sa.UniqueConstraint('uid', name=op.f('uq_hearings_uid'))
    )
    with op.batch_alter_table('hearings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hearings_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hearings_starts_at'), ['starts_at'], unique=False)

    op.create_table('mediation_window_extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('previous_end', sa.Date(), nullable=False),
    sa.Column('new_end', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('extended_by_id', sa.Integer(), nullable=False),
    sa.Column('extended_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("reason <> ''", name=op.f('ck_mediation_window_extensions_reason_given')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_mediation_window_extensions_case_id_cases')),
    sa.ForeignKeyConstraint(['extended_by_id'], ['users.id'], name=op.f('fk_mediation_window_extensions_extended_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_window_extensions'))
    )
    with op.batch_alter_table('mediation_window_extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_window_extensions_case_id'), ['case_id'], unique=False)

    op.create_table('private_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.Enum('claimant', 'respondent', name='partyside', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_private_submissions_author_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_private_submissions_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_private_submissions'))
    )
    with op.batch_alter_table('private_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_private_submissions_case_id'), ['case_id'], unique=False)

    op.create_table('reminders_sent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('deadline_key', sa.String(length=120), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('due_soon', 'due_today', 'window_expired', name='reminderkind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_reminders_sent_case_id_cases')),
    sa.ForeignKeyConstraint(['recipient_id'], ['users.id'], name=op.f('fk_reminders_sent_recipient_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders_sent')),
    sa.UniqueConstraint('case_id', 'deadline_key', 'recipient_id', 'kind', name='once_per_recipient')
    )
    op.create_table('hearing_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hearing_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('mediator', 'claimant_representative', 'respondent_representative', name='participantrole', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('attendance', sa.Enum('attended', 'absent', name='attendance', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.ForeignKeyConstraint(['hearing_id'], ['hearings.id'], name=op.f('fk_hearing_participants_hearing_id_hearings')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_hearing_participants_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hearing_participants')),
    sa.UniqueConstraint('hearing_id', 'user_id', name='once_per_hearing')
    )
    with op.batch_alter_table('hearing_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hearing_participants_hearing_id'), ['hearing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hearing_participants_user_id'), ['user_id'], unique=False)

    op.create_table('hearing_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hearing_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('scheduled', 'rescheduled', 'adjourned', 'cancelled', 'held', name='revisionkind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('old_starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('old_ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('old_venue_kind', sa.Enum('singapore', 'shenzhen', 'other_address', 'online', name='old_venuekind', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('old_venue_zone', sa.String(length=64), nullable=True),
    sa.Column('old_location', sa.Text(), nullable=False),
    sa.Column('new_starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('new_ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('new_venue_kind', sa.Enum('singapore', 'shenzhen', 'other_address', 'online', name='venuekind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('new_venue_zone', sa.String(length=64), nullable=False),
    sa.Column('new_location', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_hearing_revisions_actor_id_users')),
    sa.ForeignKeyConstraint(['hearing_id'], ['hearings.id'], name=op.f('fk_hearing_revisions_hearing_id_hearings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hearing_revisions'))
    )
    with op.batch_alter_table('hearing_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hearing_revisions_hearing_id'), ['hearing_id'], unique=False)

    op.create_table('mediator_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('hearing_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_mediator_notes_author_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_mediator_notes_case_id_cases')),
    sa.ForeignKeyConstraint(['hearing_id'], ['hearings.id'], name=op.f('fk_mediator_notes_hearing_id_hearings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediator_notes'))
    )
    with op.batch_alter_table('mediator_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediator_notes_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediator_notes_hearing_id'), ['hearing_id'], unique=False)

    op.create_table('outbox_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=200), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_messages.id'], name=op.f('fk_outbox_attachments_message_id_outbox_messages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_attachments'))
    )
    with op.batch_alter_table('outbox_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_attachments_message_id'), ['message_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mediation_result', sa.Enum('settled_in_full', 'settled_in_part', 'impasse', 'window_expired', name='mediationresult', native_enum=False, create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('mediation_ended_on', sa.Date(), nullable=True))
        # the states a case may be in now include the mediation and its end
        batch_op.drop_constraint(op.f('ck_cases_casestate'), type_='check')
        batch_op.create_check_constraint(op.f('ck_cases_casestate'), _state_check(STATES))
        batch_op.create_check_constraint(
            op.f('ck_cases_result_dated'),
            '(mediation_result IS NULL) = (mediation_ended_on IS NULL)',
        )

    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('private_submission_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_documents_private_submission_id'), ['private_submission_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_documents_private_submission_id_private_submissions'), 'private_submissions', ['private_submission_id'], ['id'])



def downgrade():
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_documents_private_submission_id_private_submissions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_documents_private_submission_id'))
        batch_op.drop_column('private_submission_id')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_cases_result_dated'), type_='check')
        batch_op.drop_constraint(op.f('ck_cases_mediationresult'), type_='check')
        batch_op.drop_constraint(op.f('ck_cases_casestate'), type_='check')
        batch_op.create_check_constraint(op.f('ck_cases_casestate'), _state_check(EARLIER_STATES))
        batch_op.drop_column('mediation_ended_on')
        batch_op.drop_column('mediation_result')

    with op.batch_alter_table('outbox_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_attachments_message_id'))

    op.drop_table('outbox_attachments')
    with op.batch_alter_table('mediator_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediator_notes_hearing_id'))
        batch_op.drop_index(batch_op.f('ix_mediator_notes_case_id'))

    op.drop_table('mediator_notes')
    with op.batch_alter_table('hearing_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hearing_revisions_hearing_id'))

    op.drop_table('hearing_revisions')
    with op.batch_alter_table('hearing_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hearing_participants_user_id'))
        batch_op.drop_index(batch_op.f('ix_hearing_participants_hearing_id'))

    op.drop_table('hearing_participants')
    op.drop_table('reminders_sent')
    with op.batch_alter_table('private_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_private_submissions_case_id'))

    op.drop_table('private_submissions')
    with op.batch_alter_table('mediation_window_extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_window_extensions_case_id'))

    op.drop_table('mediation_window_extensions')
    with op.batch_alter_table('hearings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hearings_starts_at'))
        batch_op.drop_index(batch_op.f('ix_hearings_case_id'))

    op.drop_table('hearings')
    with op.batch_alter_table('calendar_feed_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_feed_tokens_user_id'))

    op.drop_table('calendar_feed_tokens')
    op.drop_table('calendar_closures')
