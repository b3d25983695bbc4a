"""``make screenshots``: every screen state, in 中文 and English, landscape and portrait, normal and
长辈版, rendered offscreen to var/screens/ with an index.html and index.md listing them.

The session and visit are set up directly with realistic content (the sandbox catalogue, a fake
resident, a real certificate PDF rendered for the preview), so the gallery needs no devices.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import sys
from pathlib import Path

OUT = Path("var/screens")
PANELS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
TERMINAL_NAME = "福州高新区 创新园 自助服务点"
TERMINAL_NAME_EN = "Fuzhou Hi-tech Zone Innovation Park Self-service Point"


def _visit(**fields):
    from drivers.identity import IdentityCard
    from kiosk.session import VisitRecord

    v = VisitRecord(service_id="social_insurance_payment",
                    identity=IdentityCard(name="张伟明", id_number="35010219850312123X"),
                    identity_method="id_card", subject="sub_demo", display_name="张*明", job_id="J-DEMO", pages=1)
    for k, val in fields.items():
        setattr(v, k, val)
    return v


LICENCE = {"company": "福州闽都智造科技有限公司", "credit_code": "91350100MA2Y8K3L2H", "originals": 1, "duplicates": 2}


def _lic(**fields):
    base = dict(service_id="business_licence", flow="licence", licence=dict(LICENCE), originals=1, duplicates=2,
                job_id="L-DEMO")
    return _visit(**{**base, **fields})


#: (name, state, visit, extra setup on the window)
def scenes():
    return [
        ("home", "home", None, None),
        ("home-printer-down", "home", None, "paper_out"),
        ("home-offline", "home", None, "offline"),
        ("home-category", "home", None, "category"),
        ("home-category-page2", "home", None, "category_page2"),
        ("home-search", "home", None, "search_typed"),
        ("home-search-none", "home", None, "search_none"),
        ("home-popular", "home", None, "popular"),
        ("guide", "guide", _visit(service_id="passport_apply", flow="guide", identity=None, subject=None,
                                  display_name="", job_id=None), None),
        ("attract", "attract", None, None),
        ("identify", "identify", _visit(identity=None), None),
        ("identify-removed-early", "identify", _visit(identity=None, card_error="removed_early"), None),
        ("identify-licence", "identify", _lic(identity=None), None),
        ("verifying", "verifying", _visit(), None),
        ("consent", "consent", _visit(), None),
        ("preparing", "preparing", _visit(), None),
        ("preview", "preview", _visit(copies=2), None),
        ("preview-enlarged", "preview", _visit(copies=2), "zoom"),
        ("printing", "printing", _visit(copies=2, print_state="processing"), None),
        ("receipt", "receipt", _visit(copies=2, outcome="printed", receipt_ok=True), None),
        ("rating", "rating", _visit(outcome="printed"), None),
        ("rating-bad", "rating", _visit(outcome="printed"), "bad_rating"),
        ("done", "done", _visit(rating="satisfied"), None),
        ("take-card", "take_card", None, "take_card"),
        ("idle-countdown", "preview", _visit(), "countdown"),
        ("licence-code", "licence_code", _lic(job_id=None, licence={}), "typed_bad_check"),
        ("licence-options", "licence_options", _lic(), None),
        ("licence-options-stock-out", "licence_options", _lic(), "stock_out"),
        ("licence-printing", "printing", _lic(print_state="pending"), None),
        ("licence-serials", "licence_serials", _lic(outcome="printed", serials=["3501000101"]), None),
        ("licence-receipt", "receipt", _lic(outcome="printed", receipt_ok=True), None),
        ("licence-receipt-partial", "receipt", _lic(outcome="printed", receipt_ok=True, originals=1, duplicates=0,
                                                    licence_missing={"duplicates": 2}), None),
        ("pickup-code", "pickup_code", _visit(flow="pickup", identity=None, service_id=None), "typed_pickup"),
        ("offline-offer", "offline_offer", _visit(error="platform_unreachable"), None),
        ("queued", "queued", _visit(pickup_code="40273816", outcome="queued", receipt_ok=True), None),
    ] + [(f"error-{key}", "error", _visit(error=key, outcome="failed", **extra), None) for key, extra in (
        ("identity_rejected", {}), ("token_expired", {}), ("platform_unreachable", {}), ("checksum", {}),
        ("paper_out", {"pickup_code": "40273816", "receipt_ok": True}), ("paper_jam", {}),
        ("printer_error", {}), ("not_authorised", {"flow": "licence"}), ("licence_paper_out", {"flow": "licence"}),
        ("licence_not_found", {}), ("pickup_not_found", {}), ("pickup_not_ready", {}), ("internal", {}),
        ("print_unconfirmed", {}), ("licence_unconfirmed", {"flow": "licence"}), ("verify_timeout", {}),
        ("prepare_timeout", {}), ("print_timeout", {}), ("expired", {}),
    )]


def _setup(window, extra, lang):
    home = window.screens["home"]
    if extra == "paper_out":
        from kiosk.availability import service_problems  # noqa: F401 - the same reasons as the running kiosk

        window.set_availability({sid: ("paper_out" if sid != "business_licence" else None)
                                 for sid in list(window.session.services) + ["pickup"]})
        window.set_device_problem("paper_out")
    elif extra == "offline":
        window.set_online(False)
    elif extra == "take_card":
        window.session.take_card = {"card": "id_card", "took": "document"}
    elif extra == "category":
        home.category = "real_estate"
    elif extra == "category_page2":
        home.browse.open_category("social_insurance")
        home.browse.page = 1
    elif extra in ("search_typed", "search_none"):
        home.browse.open_search()
        for ch in ("SB" if extra == "search_typed" else "VV"):
            home.browse.type(ch)
    elif extra == "popular":
        home.set_popular(["social_insurance_payment", "no_housing", "medical_insurance", "traffic_fine_payment"])
    elif extra == "bad_rating":
        rating = window.screens["rating"]
        rating.level = "dissatisfied"
        rating.reasons = {"long_wait", "print_failed"}
    elif extra == "stock_out":
        window.set_licence_stock("out")
    elif extra == "typed_bad_check":
        window.screens["licence_code"].text = "91350100MA2Y8K3L2A"
    elif extra == "typed_pickup":
        window.screens["pickup_code"].text = "4027"


def render(out: Path, *, langs=("zh", "en"), orientations=("landscape", "portrait"), elders=(False, True),
           only: str | None = None, reach=(False,), on_scene=None, save: bool = True, speech: bool = False,
           panel=None) -> list[dict]:
    """Render every scene of every variant. ``reach=(False, True)`` adds the low-reach variants
    (portrait only); ``on_scene(window, variant, name)`` is called with each scene laid out;
    ``speech`` writes each scene's spoken prompt as a WAV beside its PNG (same name)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from drivers.sim.people import resident
    from kiosk.preview import PreviewCache
    from kiosk.catalogue import build
    from kiosk.catalogue_search import SearchIndex
    from kiosk.sandbox.catalogue import FULL as CATALOGUE
    from kiosk.sandbox.documents import render_certificate
    from kiosk.session import Session, SessionState, VisitRecord
    from screens.i18n import I18n
    from screens.shell import ShellWindow
    from screens.theme import Theme

    app = QApplication.instance() or QApplication([])
    i18n = I18n(app)
    catalogue = build(CATALOGUE)
    services = catalogue.services
    index = SearchIndex(services)
    previews = PreviewCache()
    pdf = render_certificate("social_insurance_payment", resident("zhang"), verify_code="DEMO2025ABCD",
                             issued=dt.date(2025, 3, 14))
    shots: list[dict] = []
    voice, sink = _speech_voice() if speech else (None, None)
    combos = [(o, e, lang, low) for o in orientations for e in elders for lang in langs for low in reach
              if not low or o == "portrait"]
    for orientation, elder, lang, low in combos:
        variant = f"{orientation}-{lang}" + ("-elder" if elder else "") + ("-lowreach" if low else "")
        folder = out / variant
        if save:
            folder.mkdir(parents=True, exist_ok=True)
        session = Session(services=services)
        session.catalogue, session.search_index = catalogue, index
        window = ShellWindow(session, terminal_name=TERMINAL_NAME, terminal_name_en=TERMINAL_NAME_EN,
                             previews=previews, i18n=i18n,
                             theme=Theme(elder=elder, portrait=orientation == "portrait"),
                             voice=voice, panel=panel, low_reach=low)
        window.timer.stop()
        window.header.tick(dt.datetime(2025, 3, 14, 9, 30))
        window.set_online(True)
        window.resize(*PANELS[orientation])
        window.set_language(lang)
        window.show()
        for i, (name, state, visit, extra) in enumerate(scenes()):
            if only and only not in name:
                continue
            for screen in window.screens.values():
                screen.wipe()
            window.screens["home"].set_popular([])
            window.overlay.hide()
            window.set_availability({sid: None for sid in list(services) + ["pickup"]})
            window.set_device_problem(None)
            window.set_online(True)
            window.set_licence_stock("ok")
            previews.clear()
            session.visit = visit if visit is not None else VisitRecord()
            if visit is not None:
                previews.render(visit.job_id or "-", pdf)
            session.state = SessionState(state)
            session._done_since = session._clock() - 1.2  # the done screen's countdown, just begun
            _setup(window, extra, lang)
            window.show_state(session.state)
            if extra == "zoom":
                window.screens["preview"]._zoom()
            if extra == "countdown":
                session.countdown = True
                session.idle.deadline = session._clock() + 8.4
                window._update_overlay()
            for _ in range(3):
                app.processEvents()
            path = folder / f"{i:02d}-{name}.png"
            if on_scene is not None:
                on_scene(window, variant, name)
            shot = {"variant": variant, "name": name, "file": str(path.relative_to(out))}
            if save:
                image = window.grab()
                image.save(str(path))
                shot["size"] = [image.width(), image.height()]
            if voice is not None:
                shot["speech"] = _save_speech(window, voice, sink, path.with_suffix(".wav"))
            shots.append(shot)
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.DeferredDelete)
    if voice is not None:
        voice.stop()
    i18n.use("zh")
    return shots


def _speech_voice():
    from kiosk.voice import PromptPacks, Voice
    from kiosk.voice.audio import RecordingSink

    sink = RecordingSink()
    voice = Voice(packs=PromptPacks(Path("var/voice/pack")), sink=sink)
    voice.start()
    return voice, sink


def _save_speech(window, voice, sink, path: Path) -> str | None:
    """Say the scene again and write what was played, end to end, as one WAV."""
    import wave

    voice.wait_idle(30)
    sink.clear()
    window.speak_screen()
    voice.wait_idle(30)
    played = [wav for _prompt, wav in sink.played]
    if not played:
        return None
    import io

    with wave.open(str(path), "wb") as out:
        params = None
        for data in played:
            with wave.open(io.BytesIO(data)) as r:
                if params is None:
                    params = r.getparams()
                    out.setparams(params)
                if r.getparams()[:3] == params[:3]:
                    out.writeframes(r.readframes(r.getnframes()))
    return path.name


def write_index(out: Path, shots: list[dict]) -> None:
    variants = sorted({s["variant"] for s in shots})
    md = ["# Kiosk screens", "", "Rendered by `make screenshots` (`python -m screens.gallery`).", ""]
    body = ["<!doctype html><meta charset='utf-8'><title>Kiosk screens</title>",
            "<style>body{font-family:sans-serif}img{width:360px;border:1px solid #ccc}"
            "figure{display:inline-block;margin:8px}</style><h1>Kiosk screens</h1>"]
    for variant in variants:
        md += [f"## {variant}", ""]
        body.append(f"<h2>{html.escape(variant)}</h2>")
        for s in (s for s in shots if s["variant"] == variant):
            md.append(f"- [{s['name']}]({s['file']}) ({s['size'][0]}×{s['size'][1]})")
            body.append(f"<figure><a href='{html.escape(s['file'])}'><img src='{html.escape(s['file'])}'></a>"
                        f"<figcaption>{html.escape(s['name'])}</figcaption></figure>")
        md.append("")
    (out / "index.md").write_text("\n".join(md), encoding="utf-8")
    (out / "index.html").write_text("\n".join(body), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m screens.gallery", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--only", help="render only the scenes whose name contains this text")
    parser.add_argument("--no-speech", action="store_true", help="no WAV of each scene's spoken prompt")
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the same pixels with or without a display
    shots = render(args.out, only=args.only, speech=not args.no_speech)
    write_index(args.out, shots)
    print(f"{len(shots)} screens under {args.out}/ (index.html, index.md)"
          + ("" if args.no_speech else ", each with the WAV of what it says"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
