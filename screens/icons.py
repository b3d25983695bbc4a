"""Line icons drawn from small inline SVGs, so every size stays sharp and nothing is fetched."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

_S = 'fill="none" stroke="{c}" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"'

ICONS = {
    # 社保: a shield with a person
    "social_insurance": f'<path {_S} d="M32 6 L54 14 V30 C54 44 44 54 32 58 C20 54 10 44 10 30 V14 Z"/>'
                        f'<circle {_S} cx="32" cy="25" r="6"/><path {_S} d="M21 44 C23 36 41 36 43 44"/>',
    # 医保: a medical cross in a rounded square
    "medical": f'<rect {_S} x="8" y="8" width="48" height="48" rx="10"/>'
               f'<path {_S} d="M27 18 H37 V27 H46 V37 H37 V46 H27 V37 H18 V27 H27 Z"/>',
    # 公积金: a house with a coin
    "housing_fund": f'<path {_S} d="M8 30 L32 10 L56 30"/><path {_S} d="M14 26 V54 H50 V26"/>'
                    f'<circle {_S} cx="32" cy="40" r="8"/><path {_S} d="M32 35 V45 M29 38 H35"/>',
    # 不动产: buildings
    "real_estate": f'<rect {_S} x="10" y="20" width="20" height="36"/><rect {_S} x="30" y="8" width="24" height="48"/>'
                   f'<path {_S} d="M16 28 H24 M16 36 H24 M16 44 H24 M37 18 H47 M37 28 H47 M37 38 H47 M39 56 V48 H45 V56"/>',
    # 营业执照: a certificate with a seal
    "licence": f'<rect {_S} x="8" y="10" width="48" height="40" rx="4"/><path {_S} d="M16 22 H36 M16 30 H36 M16 38 H28"/>'
               f'<circle {_S} cx="45" cy="38" r="6"/><path {_S} d="M42 44 L40 56 L45 52 L50 56 L48 44"/>',
    # 取件: a parcel with a code
    "pickup": f'<path {_S} d="M8 20 L32 8 L56 20 V46 L32 58 L8 46 Z"/><path {_S} d="M8 20 L32 32 L56 20 M32 32 V58"/>'
              f'<path {_S} d="M20 14 L44 26"/>',
    "id_card": f'<rect {_S} x="6" y="14" width="52" height="36" rx="5"/><circle {_S} cx="22" cy="29" r="6"/>'
               f'<path {_S} d="M13 43 C15 36 29 36 31 43 M37 24 H51 M37 32 H51 M37 40 H46"/>',
    "qr": f'<rect {_S} x="8" y="8" width="18" height="18"/><rect {_S} x="38" y="8" width="18" height="18"/>'
          f'<rect {_S} x="8" y="38" width="18" height="18"/><path {_S} d="M38 38 H44 V44 H38 Z M50 38 H56 M38 50 H44 M50 50 H56 V56 M44 56 H50"/>',
    "printer": f'<path {_S} d="M18 24 V8 H46 V24"/><rect {_S} x="8" y="24" width="48" height="22" rx="4"/>'
               f'<rect {_S} x="18" y="38" width="28" height="18"/><path {_S} d="M24 46 H40 M24 51 H36"/>',
    "check": f'<circle {_S} cx="32" cy="32" r="25"/><path {_S} d="M20 33 L28 41 L45 24"/>',
    "warning": f'<path {_S} d="M32 8 L58 54 H6 Z"/><path {_S} d="M32 24 V38"/><circle cx="32" cy="46" r="2.4" fill="{{c}}"/>',
    "cloud_off": f'<path {_S} d="M20 46 H46 C52 46 56 42 56 36 C56 30 51 26 45 27 C43 19 36 14 29 15 C21 16 16 22 16 29 C11 30 8 34 8 38 C8 43 13 46 18 46"/>'
                 f'<path {_S} d="M10 10 L54 54"/>',
    "clock": f'<circle {_S} cx="32" cy="32" r="25"/><path {_S} d="M32 18 V32 L42 38"/>',
    "shield": f'<path {_S} d="M32 6 L54 14 V30 C54 44 44 54 32 58 C20 54 10 44 10 30 V14 Z"/><path {_S} d="M22 32 L29 39 L43 25"/>',
    "receipt": f'<path {_S} d="M14 6 H50 V58 L44 54 L38 58 L32 54 L26 58 L20 54 L14 58 Z"/><path {_S} d="M22 18 H42 M22 26 H42 M22 34 H36"/>',
    # the voice controls of the footer: a speaker, with waves, or crossed out (muted)
    "speaker": f'<path {_S} d="M10 24 H20 L34 12 V52 L20 40 H10 Z"/><path {_S} d="M42 24 C46 28 46 36 42 40 M48 18 C56 26 56 38 48 46"/>',
    "speaker_off": f'<path {_S} d="M10 24 H20 L34 12 V52 L20 40 H10 Z"/><path {_S} d="M42 24 L56 40 M56 24 L42 40"/>',
    # catalogue categories beyond today's five
    "police": f'<path {_S} d="M32 6 L54 14 V30 C54 44 44 54 32 58 C20 54 10 44 10 30 V14 Z"/>'
              f'<path {_S} d="M32 20 L35 28 H43 L37 33 L39 41 L32 36 L25 41 L27 33 L21 28 H29 Z"/>',
    "citizen_card": f'<rect {_S} x="6" y="14" width="52" height="36" rx="5"/><path {_S} d="M6 24 H58"/>'
                    f'<rect {_S} x="12" y="32" width="12" height="10" rx="2"/><path {_S} d="M32 36 H50 M32 42 H44"/>',
    "transport": f'<rect {_S} x="12" y="8" width="40" height="40" rx="6"/><path {_S} d="M12 30 H52 M20 48 V56 M44 48 V56"/>'
                 f'<circle cx="21" cy="39" r="2.6" fill="{{c}}"/><circle cx="43" cy="39" r="2.6" fill="{{c}}"/><path {_S} d="M22 16 H42"/>',
    "vehicle": f'<path {_S} d="M8 40 V32 L14 20 H50 L56 32 V40 Z"/><path {_S} d="M14 32 H50"/>'
               f'<circle {_S} cx="18" cy="44" r="5"/><circle {_S} cx="46" cy="44" r="5"/>',
    "exit_entry": f'<rect {_S} x="14" y="6" width="36" height="52" rx="4"/><circle {_S} cx="32" cy="26" r="9"/>'
                  f'<path {_S} d="M23 26 H41 M32 17 C28 22 28 30 32 35 C36 30 36 22 32 17 M22 46 H42"/>',
    "tax": f'<path {_S} d="M14 6 H50 V58 L44 54 L38 58 L32 54 L26 58 L20 54 L14 58 Z"/>'
           f'<path {_S} d="M24 18 L32 28 L40 18 M32 28 V44 M25 32 H39 M25 38 H39"/>',
    "enterprise": f'<rect {_S} x="8" y="22" width="48" height="32" rx="4"/><path {_S} d="M24 22 V14 H40 V22 M8 34 H56 M29 34 V40 H35 V34"/>',
    "civil_affairs": f'<circle {_S} cx="22" cy="18" r="6"/><circle {_S} cx="42" cy="18" r="6"/>'
                     f'<path {_S} d="M10 40 C10 30 34 30 34 40 M30 40 C30 30 54 30 54 40"/><path {_S} d="M32 56 C22 48 22 44 27 44 C30 44 32 47 32 47 C32 47 34 44 37 44 C42 44 42 48 32 56 Z"/>',
    "education": f'<path {_S} d="M4 24 L32 12 L60 24 L32 36 Z"/><path {_S} d="M16 30 V44 C24 52 40 52 48 44 V30 M56 26 V42"/>',
    "utilities": f'<path {_S} d="M36 6 L16 36 H30 L26 58 L48 26 H34 Z"/>',
    "other": f'<rect {_S} x="8" y="8" width="20" height="20" rx="4"/><rect {_S} x="36" y="8" width="20" height="20" rx="4"/>'
             f'<rect {_S} x="8" y="36" width="20" height="20" rx="4"/><rect {_S} x="36" y="36" width="20" height="20" rx="4"/>',
    "search": f'<circle {_S} cx="27" cy="27" r="16"/><path {_S} d="M39 39 L56 56"/>',
    "guide": f'<rect {_S} x="16" y="4" width="32" height="56" rx="6"/><path {_S} d="M28 52 H36"/>'
             f'<rect {_S} x="23" y="14" width="8" height="8"/><rect {_S} x="33" y="14" width="8" height="8"/><rect {_S} x="23" y="26" width="8" height="8"/><path {_S} d="M35 28 H41 V34"/>',
    "star": f'<path {_S} d="M32 8 L39 24 L56 25 L43 36 L47 53 L32 44 L17 53 L21 36 L8 25 L25 24 Z"/>',
}
#: Drawn for an icon key this terminal does not know (a new category from the platform).
NEUTRAL = "other"

#: five faces that differ in eyes and brows as well as the mouth, so no two look alike
_FILLED = 'fill="{c}" stroke="{c}" stroke-width="3.2" stroke-linejoin="round"'
_EYES = '<circle cx="23" cy="26" r="3" fill="{c}"/><circle cx="41" cy="26" r="3" fill="{c}"/>'
FACES = {
    # laughing: eyes closed in arcs, an open smile
    "very_satisfied": f'<path {_S} d="M18 27 C20 22 26 22 28 27 M36 27 C38 22 44 22 46 27"/>'
                      f'<path {_FILLED} d="M18 36 H46 C46 46 39 51 32 51 C25 51 18 46 18 36 Z"/>',
    "satisfied": _EYES + f'<path {_S} d="M22 40 C26 46 38 46 42 40"/>',
    "basic": _EYES + f'<path {_S} d="M22 43 H42"/>',
    # unhappy: brows raised in the middle, a frown
    "dissatisfied": _EYES + f'<path {_S} d="M17 20 L27 17 M37 17 L47 20"/><path {_S} d="M22 46 C26 40 38 40 42 46"/>',
    # angry: brows slanting down to the middle, eyes narrowed, a deep open frown
    "very_dissatisfied": f'<path {_S} d="M16 16 L28 22 M48 16 L36 22"/><path {_S} d="M19 28 H27 M37 28 H45"/>'
                         f'<path {_FILLED} d="M20 52 C22 40 42 40 44 52 Z"/>',
}
for _level, _face in FACES.items():
    ICONS[f"face_{_level}"] = f'<circle {_S} cx="32" cy="32" r="26"/>' + _face


@lru_cache(maxsize=256)
def pixmap(name: str, size: int, colour: str = "#1d5fbf") -> QPixmap:
    body = ICONS.get(name, ICONS[NEUTRAL]).replace("{c}", colour)
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">{body}</svg>'
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    painter = QPainter(pm)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pm


def icon(name: str, size: int = 96, colour: str = "#1d5fbf") -> QIcon:
    return QIcon(pixmap(name, size, colour))
