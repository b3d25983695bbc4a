"""Fake per-service records of the sandbox residents, deterministic per resident key.

The same resident and the same ``as_of`` date always give the same record, on every machine and
Python version (numbers come from SHA-256, not from ``random``). The known residents of
drivers.sim.people have hand-chosen life stories; any other resident gets a derived one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from drivers.sim.people import COMPANIES, Resident

CENT = Decimal("0.01")


class _Draw:
    """Deterministic draws from a text seed: the n-th draw is SHA-256(seed, n)."""

    def __init__(self, seed: str):
        self._seed = seed.encode()
        self._n = 0

    def below(self, n: int) -> int:
        self._n += 1
        digest = hashlib.sha256(self._seed + b"/" + str(self._n).encode()).digest()
        return int.from_bytes(digest[:8], "big") % n

    def between(self, lo: int, hi: int) -> int:
        return lo + self.below(hi - lo + 1)

    def choice(self, items):
        return items[self.below(len(items))]

    def digits(self, n: int) -> str:
        return "".join(str(self.below(10)) for _ in range(n))


# --- a resident's life story ----------------------------------------------------------------

@dataclass(frozen=True)
class Profile:
    employer: str
    employer_since: dt.date
    insured_since: dt.date              # first month of social insurance
    retired_on: dt.date | None = None   # first month of pension, if retired
    home: str | None = None             # address of the home they own in Fuzhou, if any
    home_registered: dt.date | None = None


_EMPLOYERS = ("福州海峡软件有限公司", "福建榕江建设工程有限公司", "福州市鼓楼区第三中心小学",
              "福州闽江物流有限公司", "福建省福州晨光食品有限公司")

_PROFILES = {
    "zhang": Profile(COMPANIES[0].name, dt.date(2023, 5, 1), dt.date(2008, 7, 1),
                     home="福州市鼓楼区五四路128号3座1502室", home_registered=dt.date(2019, 3, 26)),
    "lin": Profile("福州市鼓楼区第三中心小学", dt.date(1983, 9, 1), dt.date(1992, 1, 1),
                   retired_on=dt.date(2017, 9, 1),
                   home="福州市闽侯县甘蔗街道昙石山西大道36号", home_registered=dt.date(2006, 11, 8)),
    "chen": Profile(COMPANIES[1].name, dt.date(2024, 10, 1), dt.date(2024, 10, 1)),
}


def profile(resident: Resident) -> Profile:
    """The resident's fixed story (employer, insurance start, retirement, home owned)."""
    if resident.key in _PROFILES:
        return _PROFILES[resident.key]
    d = _Draw(f"{resident.key}/profile")
    start_year = resident.birth_date.year + 22
    since = dt.date(start_year, d.between(1, 12), 1)
    owns = d.below(2) == 0
    return Profile(d.choice(_EMPLOYERS), since, since,
                   home=resident.address.removeprefix("福建省") if owns else None,
                   home_registered=dt.date(start_year + 8, d.between(1, 12), d.between(1, 28))
                   if owns else None)


def has_housing(resident: Resident) -> bool:
    """True when the resident owns registered housing in Fuzhou (so 无房证明 reports it)."""
    return profile(resident).home is not None


def _money(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def _month_add(month: dt.date, n: int) -> dt.date:
    k = month.year * 12 + month.month - 1 + n
    return dt.date(k // 12, k % 12 + 1, 1)


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _base_for_year(resident: Resident, year: int) -> Decimal:
    """The contribution base of a year: a personal start value rising about 5% a year."""
    d = _Draw(f"{resident.key}/base")
    start = Decimal(d.between(350, 900) * 10)
    return _money(start * Decimal("1.05") ** max(0, year - 2010))


# --- 社会保险缴费证明 ------------------------------------------------------------------------

RATES = {  # share of the base paid by (employer, employee); Fuzhou urban employees
    "pension": (Decimal("0.16"), Decimal("0.08")),
    "medical": (Decimal("0.08"), Decimal("0.02")),
    "unemployment": (Decimal("0.005"), Decimal("0.005")),
}


@dataclass(frozen=True)
class ContributionMonth:
    month: dt.date          # first day of the month
    base: Decimal
    pension: tuple[Decimal, Decimal]       # (employer, employee)
    medical: tuple[Decimal, Decimal]
    unemployment: tuple[Decimal, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.pension + self.medical + self.unemployment, Decimal(0))


@dataclass(frozen=True)
class SocialInsuranceRecord:
    employer: str
    status: str
    insured_since: dt.date
    paid_months: int                     # 累计缴费月数 (pension)
    months: tuple[ContributionMonth, ...]

    @property
    def total(self) -> Decimal:
        return sum((m.total for m in self.months), Decimal(0))


def social_insurance(resident: Resident, as_of: dt.date, months: int = 12) -> SocialInsuranceRecord:
    """The last ``months`` paid months before ``as_of`` (before retirement, if retired)."""
    p = profile(resident)
    end = p.retired_on or dt.date(as_of.year, as_of.month, 1)   # exclusive
    first = max(p.insured_since, _month_add(end, -months))
    rows = []
    for i in range(_months_between(first, end)):
        m = _month_add(first, i)
        base = _base_for_year(resident, m.year)
        rows.append(ContributionMonth(m, base, *(
            (_money(base * unit), _money(base * person)) for unit, person in RATES.values())))
    status = "已退休（领取养老金）" if p.retired_on else "正常参保"
    return SocialInsuranceRecord(p.employer, status, p.insured_since,
                                 _months_between(p.insured_since, end), tuple(rows))


# --- 医保参保证明 ----------------------------------------------------------------------------

_DISTRICTS = {"350102": "鼓楼区", "350103": "台江区", "350104": "仓山区", "350105": "马尾区",
              "350111": "晋安区", "350112": "长乐区", "350121": "闽侯县", "350181": "福清市"}


@dataclass(frozen=True)
class MedicalInsuranceRecord:
    insurance_type: str
    status: str
    since: dt.date
    place: str                 # 参保地
    employer: str
    medical_number: str        # 医保个人编号
    paid_months: int


def medical_insurance(resident: Resident, as_of: dt.date) -> MedicalInsuranceRecord:
    p = profile(resident)
    d = _Draw(f"{resident.key}/medical")
    end = p.retired_on or dt.date(as_of.year, as_of.month, 1)
    status = "参保缴费（退休人员）" if p.retired_on else "参保缴费"
    place = "福州市" + _DISTRICTS.get(resident.id_number[:6], "本级")
    return MedicalInsuranceRecord("职工基本医疗保险", status, p.insured_since, place, p.employer,
                                  "3501" + d.digits(16), _months_between(p.insured_since, end))


# --- 公积金缴存证明 --------------------------------------------------------------------------

@dataclass(frozen=True)
class HousingFundRecord:
    account_no: str
    employer: str
    employer_account: str
    opened: dt.date
    base: Decimal
    rate: Decimal              # the same share for employer and employee
    monthly_deposit: Decimal   # employer + employee
    balance: Decimal
    paid_until: dt.date        # last month paid
    status: str


def housing_fund(resident: Resident, as_of: dt.date) -> HousingFundRecord:
    p = profile(resident)
    d = _Draw(f"{resident.key}/fund")
    this_month = dt.date(as_of.year, as_of.month, 1)
    end = p.retired_on or this_month
    rate = Decimal(d.choice((5, 8, 10, 12))) / 100
    base = _base_for_year(resident, end.year - (1 if p.retired_on else 0))
    monthly = _money(base * rate) * 2
    paid = _months_between(p.employer_since, end)
    # Balance: the deposits of the last years still in the account plus interest, less a draw.
    kept = min(paid, d.between(18, 60))
    balance = _money(monthly * kept * Decimal("1.015") + Decimal(d.between(0, 99999)) / 100)
    status = "封存" if p.retired_on else "正常缴存"
    return HousingFundRecord("1" + d.digits(11), p.employer, "35" + d.digits(8), p.employer_since,
                             base, rate, monthly, balance, _month_add(end, -1), status)


# --- 不动产登记 / 无房证明 -------------------------------------------------------------------

@dataclass(frozen=True)
class PropertyRecord:
    certificate_no: str        # 不动产权证书号
    unit_no: str               # 不动产单元号 (28 characters)
    address: str
    area_m2: Decimal
    use: str
    nature: str
    ownership: str
    registered: dt.date
    encumbrance: str


@dataclass(frozen=True)
class RealEstateRecord:
    properties: tuple[PropertyRecord, ...]


def real_estate(resident: Resident) -> RealEstateRecord:
    """Registered property in Fuzhou: the resident's home, or nothing."""
    p = profile(resident)
    if p.home is None or p.home_registered is None:
        return RealEstateRecord(())
    d = _Draw(f"{resident.key}/estate")
    year = p.home_registered.year
    region = resident.id_number[:6] if resident.id_number[:4] == "3501" else "350102"
    cert = f"闽（{year}）福州市不动产权第{d.digits(7)}号"
    unit = f"{region}{d.digits(3)}{d.digits(3)}GB{d.digits(5)}F{d.digits(8)}"
    area = Decimal(d.between(6000, 14500)) / 100
    prop = PropertyRecord(cert, unit, p.home, area, "城镇住宅用地/住宅", "出让/市场化商品房",
                          "单独所有", p.home_registered, "无抵押、无查封")
    return RealEstateRecord((prop,))


def record_for(service_id: str, resident: Resident, as_of: dt.date):
    """The record a certificate of ``service_id`` prints; KeyError for an unknown service."""
    makers = {
        "social_insurance_payment": lambda: social_insurance(resident, as_of),
        "medical_insurance": lambda: medical_insurance(resident, as_of),
        "housing_fund_deposit": lambda: housing_fund(resident, as_of),
        "no_housing": lambda: real_estate(resident),
        "real_estate_registration": lambda: real_estate(resident),
    }
    return makers[service_id]()
