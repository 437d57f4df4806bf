"""Smoke tests of the foundation: the app builds, the factories make valid records."""

from stdnum.cn import uscc
from stdnum.sg import uen

from casework.cases.models import CaseState
from tests.factories import make_case, valid_uen, valid_uscc


def test_factories_build_valid_registry_numbers():
    assert uscc.is_valid(valid_uscc(42))
    assert uen.is_valid(valid_uen(42))


def test_case_in_every_state_can_be_built():
    for state in CaseState:
        case = make_case(state)
        assert case.state == state
        assert (case.reference is None) == (state == CaseState.DRAFT)
