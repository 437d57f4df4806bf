"""The court competent to enforce an award against a debtor in mainland China.

The rule (PRC Civil Procedure Law, enforcement of arbitral awards): the **intermediate people's
court of the place where the debtor is domiciled or where the property to be enforced against
is located** (被执行人住所地或者被执行的财产所在地的中级人民法院).

The software names the court only where the answer is certain from the domicile: a debtor
registered in mainland China whose Chinese domicile names one of the cities in
:data:`SINGLE_COURT_CITIES` as a city (``深圳市``; a street named after a city does not count),
or whose English domicile names it as a word when there is no Chinese domicile, each of which
has exactly one intermediate people's court (``深圳市中级人民法院`` for a Shenzhen domicile).
When several are named, the first one in a Chinese address counts (it runs from the province
down), the last one in an English address (it runs up to the city). The municipalities in
:data:`MULTI_COURT_CITIES` have several intermediate courts, divided by district and subject
matter, so the sheet names the city and leaves the court's number blank. Any other mainland
domicile gets the generic wording with a blank for the court; a debtor domiciled outside
mainland China gets the generic wording and a line for the place of its property in mainland
China. The applicant checks the court before filing; this mapping is deliberately small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RULE_ZH = "被执行人住所地或者被执行的财产所在地的中级人民法院"
RULE_EN = ("the intermediate people's court of the place where the debtor is domiciled or "
           "where the property to be enforced against is located")

SINGLE_COURT_CITIES: tuple[tuple[str, str], ...] = (
    ("深圳", "Shenzhen"), ("广州", "Guangzhou"), ("珠海", "Zhuhai"), ("东莞", "Dongguan"),
    ("佛山", "Foshan"), ("惠州", "Huizhou"), ("杭州", "Hangzhou"),
    ("宁波", "Ningbo"), ("南京", "Nanjing"), ("苏州", "Suzhou"), ("无锡", "Wuxi"),
    ("武汉", "Wuhan"), ("成都", "Chengdu"), ("西安", "Xi'an"), ("厦门", "Xiamen"),
    ("福州", "Fuzhou"), ("青岛", "Qingdao"), ("济南", "Jinan"), ("长沙", "Changsha"),
    ("郑州", "Zhengzhou"), ("合肥", "Hefei"), ("沈阳", "Shenyang"), ("大连", "Dalian"),
)
"""Cities with one intermediate people's court (Chinese name, English name)."""

MULTI_COURT_CITIES: tuple[tuple[str, str], ...] = (
    ("北京", "Beijing"), ("上海", "Shanghai"), ("天津", "Tianjin"), ("重庆", "Chongqing"),
)
"""Municipalities with several intermediate people's courts."""


@dataclass(frozen=True)
class CompetentCourt:
    """The court an enforcement application against one debtor goes to, as far as the
    debtor's domicile tells: ``court_zh`` names it when certain; otherwise ``city_zh`` is the
    municipality whose court number is to be filled in (or ``None``), and ``in_mainland``
    says whether the debtor is domiciled in mainland China at all (if not, the application
    goes where its property is)."""

    in_mainland: bool
    court_zh: str | None = None
    court_en: str | None = None
    city_zh: str | None = None
    city_en: str | None = None

    @property
    def named(self) -> bool:
        """Whether the court is named in full (nothing to fill in)."""
        return self.court_zh is not None


def _city(domicile_zh: str, domicile_en: str,
          cities: tuple[tuple[str, str], ...]) -> tuple[int, str, str] | None:
    """The city of ``cities`` the domicile is in: the one named first in the Chinese domicile
    (as ``<city>市``; a Chinese address runs from the province down), or, when there is no
    Chinese domicile, the one named last in the English one (as a word; an English address
    runs up to the city). Returned as (rank, Chinese name, English name), the lowest rank
    being the most telling."""
    found = []
    for name_zh, name_en in cities:
        if domicile_zh:
            position = domicile_zh.find(f"{name_zh}市")
            if position >= 0:
                found.append((position, name_zh, name_en))
        else:
            matches = list(re.finditer(rf"\b{re.escape(name_en)}\b", domicile_en,
                                       re.IGNORECASE))
            if matches:
                found.append((-matches[-1].start(), name_zh, name_en))
    return min(found, default=None)


def competent_court(*, jurisdiction: str, domicile_zh: str, domicile_en: str) -> CompetentCourt:
    """The competent intermediate people's court for a debtor registered in ``jurisdiction``
    (``"CN"`` for mainland China) with this domicile (see the module's rules)."""
    if jurisdiction != "CN":
        return CompetentCourt(in_mainland=False)
    domicile_zh, domicile_en = (domicile_zh or "").strip(), (domicile_en or "").strip()
    single = _city(domicile_zh, domicile_en, SINGLE_COURT_CITIES)
    multiple = _city(domicile_zh, domicile_en, MULTI_COURT_CITIES)
    if multiple is not None and (single is None or multiple[0] < single[0]):
        return CompetentCourt(in_mainland=True, city_zh=f"{multiple[1]}市",
                              city_en=multiple[2])
    if single is not None:
        return CompetentCourt(in_mainland=True, court_zh=f"{single[1]}市中级人民法院",
                              court_en=f"{single[2]} Intermediate People's Court",
                              city_zh=f"{single[1]}市", city_en=single[2])
    return CompetentCourt(in_mainland=True)
