"""SIMC's clock: the registry dates its acts in Singapore."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

SIMC_ZONE = ZoneInfo("Asia/Singapore")


def simc_date(instant: datetime) -> date:
    """The date, in Singapore, of the aware instant ``instant``."""
    return instant.astimezone(SIMC_ZONE).date()


def simc_today() -> date:
    """Today's date in Singapore, where SIMC dates its acknowledgements."""
    return datetime.now(SIMC_ZONE).date()
