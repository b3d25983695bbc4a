"""``read-card --port P [--baud B]``: one read of the ID card through the GA 467 driver.

Prints the card's fields masked (name: first character; ID number: first and last 4; birth:
year only) plus ``id_valid`` (the check character of the ID number). Exit status: 0 read,
3 no reader on the port, 4 no card on the reader, 5 a card that could not be read.
"""
from __future__ import annotations

from kiosk.diag import DiagError

EXIT_NO_READER = 3
EXIT_NO_CARD = 4
EXIT_CARD_ERROR = 5


def add_arguments(parser) -> None:
    parser.add_argument("--port", help="serial port of the reader (default: devices.id_card.port when it "
                                       "uses the ga467-serial driver)")
    parser.add_argument("--baud", type=int, help="line speed (default: the configured one, else 115200)")
    parser.add_argument("--timeout", type=float, default=1.0, help="seconds of silence before giving up")


def _port_and_baud(args, ctx) -> tuple[str, int]:
    port, baud = args.port, args.baud
    if port is None:
        device = ctx.config.devices.get("id_card")
        if device is None or device.driver != "ga467-serial":
            raise DiagError("no --port given and devices.id_card is not a ga467-serial reader", code=2)
        options = device.options()
        port, baud = options.port, baud or options.baud
    return port, baud or 115200


def summary(card) -> dict:
    """The masked fields of an IdentityCard as read-card prints them."""
    from kiosk.privacy import mask_id, mask_name

    return {
        "name": mask_name(card.name),
        "id_number": mask_id(card.id_number),
        "id_valid": card.id_valid,
        "sex": card.sex,
        "nation": card.nation,
        "birth_year": card.birth_date.year if card.birth_date else None,
        "valid_until": "长期" if card.long_term else (card.valid_until.isoformat() if card.valid_until else None),
        "expired": card.expired(),
    }


def run(args, ctx) -> dict:
    from drivers.base import DeviceError, DeviceUnavailable
    from drivers.idcard.ga467_driver import CardReadError, Ga467Reader

    port, baud = _port_and_baud(args, ctx)
    options = Ga467Reader.Options(port=port, baud=baud, timeout_s=args.timeout)
    reader = Ga467Reader("id_card", options, lambda event: None)
    try:
        reader.open()
        sam = reader.sam_id()
        card = reader.read_once()
    except CardReadError as e:
        if e.code == "no_card":
            raise DiagError("no card on the reader (place the ID card; after a read, lift it and "
                            "place it again)", code=EXIT_NO_CARD) from None
        raise DiagError(f"card not read: {e.code}: {e.detail}", code=EXIT_CARD_ERROR) from None
    except DeviceUnavailable as e:
        raise DiagError(f"no reader: {e}", code=EXIT_NO_READER) from None
    except (DeviceError, OSError) as e:
        raise DiagError(f"reader failed on {port}: {e}", code=EXIT_NO_READER) from None
    finally:
        reader.close()
    return {"port": port, "sam_id": sam, **summary(card)}
