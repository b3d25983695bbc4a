"""Fake residents and companies shared by the card simulators and the sandbox platform.

Every ID number and unified social credit code here has a correct check character; none
belongs to a real person or company.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Resident:
    key: str                 # short handle for simulators and tests: "zhang", "lin", "chen"
    name: str
    id_number: str
    sex: str                 # "1" male, "2" female (GA 467 code)
    nation_code: str         # GB 3304, "01" = 汉
    birth_date: dt.date
    address: str
    issuer: str
    valid_from: dt.date
    valid_until: dt.date | None   # None: 长期
    ssse_number: str = ""    # social security card number, when the resident has one


@dataclass(frozen=True)
class Company:
    key: str
    credit_code: str
    name: str
    kind: str
    legal_representative: str     # a Resident key
    authorised: tuple[str, ...]   # Resident keys allowed to collect the licence
    capital: str
    established: dt.date
    address: str
    scope: str
    originals: int = 1
    duplicates: int = 1


RESIDENTS: tuple[Resident, ...] = (
    Resident("zhang", "张伟明", "35010219850312123X", "1", "01", dt.date(1985, 3, 12),
             "福建省福州市鼓楼区五四路128号3座1502室", "福州市公安局鼓楼分局",
             dt.date(2016, 5, 20), dt.date(2036, 5, 20), ssse_number="D35010012"),
    Resident("lin", "林秀英", "350121196208174021", "2", "01", dt.date(1962, 8, 17),
             "福建省福州市闽侯县甘蔗街道昙石山西大道36号", "闽侯县公安局",
             dt.date(2012, 9, 3), None, ssse_number="D35012177"),
    Resident("chen", "陈思琪", "350104200111050068", "2", "02", dt.date(2001, 11, 5),
             "福建省福州市仓山区上渡路8号金山小区4栋701", "福州市公安局仓山分局",
             dt.date(2019, 1, 15), dt.date(2029, 1, 15)),
    # A card the platform does not know: identity is rejected.
    Resident("stranger", "王小明", "350128199001012349", "1", "01", dt.date(1990, 1, 1),
             "福建省福州市长乐区航城街道首占路1号", "福州市公安局长乐分局",
             dt.date(2015, 6, 1), dt.date(2025, 6, 1)),
)

COMPANIES: tuple[Company, ...] = (
    Company("mindu", "91350100MA2Y8K3L2H", "福州闽都智造科技有限公司", "有限责任公司（自然人投资或控股）",
            "zhang", ("zhang", "chen"), "伍佰万元整", dt.date(2023, 4, 18),
            "福建省福州市闽侯县上街镇高新大道3号创新园二期18号楼6层",
            "软件开发；信息系统集成服务；智能控制系统集成；物联网技术服务。", 1, 2),
    Company("rongcheng", "91350102MA32QW7E0K", "福州榕城云链信息服务有限公司", "有限责任公司",
            "lin", ("lin",), "壹佰万元整", dt.date(2024, 9, 2),
            "福建省福州市鼓楼区软件大道89号福州软件园A区12号楼",
            "信息技术咨询服务；数据处理和存储支持服务。", 1, 1),
)

#: A company assigned to the terminal only while the sandbox's ``bad_expiry`` fault is on (its
#: licence is listed behind a job whose expiry is not a time): kept out of COMPANIES, so every
#: other run, and the licences a terminal prefetches by default, are unchanged.
LATE_COMPANY = Company("minjiang", "91350104MA8T6R2N3H", "福州闽江数智服务有限公司", "有限责任公司",
                       "chen", ("zhang", "chen"), "贰佰万元整", dt.date(2025, 3, 3),
                       "福建省福州市仓山区金山大道618号桔园洲工业园5号楼3层",
                       "数据处理服务；软件开发。", 1, 1)


def resident(key_or_id: str) -> Resident | None:
    for r in RESIDENTS:
        if key_or_id in (r.key, r.id_number):
            return r
    return None


def company(key_or_code: str) -> Company | None:
    for c in (*COMPANIES, LATE_COMPANY):
        if key_or_code in (c.key, c.credit_code):
            return c
    return None
