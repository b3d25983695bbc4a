"""Plain-words messages for every problem a person can meet, and the way forward from each.

Each entry: (icon, title, message, actions); actions are (intent, label, style) tuples.
"""
from __future__ import annotations

from screens.widgets import tr

#: The second button of every error screen: it ends the visit (the rating says it did not complete).
FINISH = ("next", "结束办理", "secondary")
ONLY_FINISH = ("next", "结束办理", "primary")
PLACE_CARD = ("retry", "重新放置身份证", "primary")
SCAN_AGAIN = ("retry", "重新扫码", "primary")
VERIFY_AGAIN = ("retry", "重新验证身份", "primary")
START_AGAIN = ("retry", "重新办理", "primary")
PICKUP = ("offer_pickup", "领取取件码，稍后打印", "primary")
RETRY_CODE = ("retry_code", "重新输入信用代码", "primary")
RETRY_PICKUP = ("retry_pickup", "重新输入取件码", "primary")
RESTART = ("home", "重新开始", "primary")

#: error key → (icon, title, message, actions); the first action is the one that fixes it
ERRORS = {
    "identity_rejected": ("warning", "身份核验未通过",
                          "没能确认您的身份。请使用本人有效的身份证重新验证；仍不行请到人工窗口办理。",
                          [VERIFY_AGAIN, FINISH]),
    "token_expired": ("warning", "二维码已过期",
                      "请在e福州App中刷新身份码，再对准扫码口重新扫描；也可以改用身份证。", [SCAN_AGAIN, FINISH]),
    "not_authorised": ("warning", "无法为您打印此执照",
                       "此营业执照只能由法定代表人或经授权的人员领取。请由有权领取的人员放置身份证。",
                       [PLACE_CARD, FINISH]),
    "platform_error": ("warning", "服务暂时无法办理",
                       "服务平台暂时没有办成，没有打印任何材料。请重新办理，或到人工窗口办理。",
                       [START_AGAIN, FINISH]),
    "platform_unreachable": ("cloud_off", "暂时无法连接服务平台",
                             "您可以领取一个取件码，网络恢复后凭取件码和本人证件到本机打印。", [PICKUP, FINISH]),
    "checksum": ("warning", "证明没有完整收到",
                 "为保证证明真实有效，本次没有打印。请重新办理，或到人工窗口办理。", [START_AGAIN, FINISH]),
    "paper_out": ("printer", "打印机缺纸",
                  "本次证明没有打印出来。请告诉大厅工作人员补纸，之后凭取件码和本人身份证，在首页点“取件”打印；"
                  "也可到人工窗口办理。", [ONLY_FINISH]),
    "paper_jam": ("printer", "打印机卡纸",
                  "本次证明没有打印出来。请告诉大厅工作人员处理，之后凭取件码和本人身份证，在首页点“取件”打印。",
                  [ONLY_FINISH]),
    "printer_unavailable": ("printer", "打印机暂时不可用",
                            "本次证明没有打印出来。打印机恢复后，请凭取件码和本人身份证，在首页点“取件”打印。",
                            [ONLY_FINISH]),
    "printer_error": ("printer", "打印出现问题",
                      "打印机出了故障。工作人员会核实是否已经打印，不会重复打印。请联系大厅工作人员。",
                      [ONLY_FINISH]),
    "licence_paper_out": ("licence", "执照专用纸已用完",
                          "本次执照没有打印，执照仍保留在本机。请联系大厅工作人员装入执照专用纸后，重新办理即可打印。",
                          [ONLY_FINISH]),
    "licence_paper_jam": ("licence", "执照打印机卡纸",
                          "本次执照没有打印完成，执照仍保留在本机。请联系大厅工作人员处理后重新办理。", [ONLY_FINISH]),
    "licence_printer_error": ("licence", "执照打印出现问题",
                              "执照打印机出了故障，工作人员会核实纸张是否已打印。请联系大厅工作人员。",
                              [ONLY_FINISH]),
    "licence_not_found": ("warning", "没有找到可打印的营业执照",
                          "请核对统一社会信用代码后重新输入；执照须已核准并分配到本机。", [RETRY_CODE, FINISH]),
    "licence_printed": ("licence", "此营业执照已打印",
                        "这份营业执照已在本机打印过，不能重复打印。如需补打，请到人工窗口办理。", [ONLY_FINISH]),
    "not_owner": ("warning", "身份不符",
                  "只能由办理时使用身份证的本人取件。请放置办理时使用的身份证，或到人工窗口办理。",
                  [PLACE_CARD, FINISH]),
    "pickup_not_found": ("warning", "取件码无效",
                         "没有找到这个取件码对应的证明。请核对凭条上的取件码后重新输入。", [RETRY_PICKUP, FINISH]),
    "pickup_not_ready": ("cloud_off", "证明还没有准备好",
                         "网络恢复后本机会自动准备您的证明，请稍后再来取件。", [ONLY_FINISH]),
    "queue_failed": ("warning", "登记未成功", "本机暂时无法保存登记，请到人工窗口办理。", [ONLY_FINISH]),
    "print_unconfirmed": ("printer", "打印未能确认完成",
                          "打印机中途出现问题，本机无法确认证明是否已打印。如有纸张出来请取走；"
                          "工作人员会核实，本机不会自动重新打印。请联系大厅工作人员或到人工窗口。", [ONLY_FINISH]),
    "licence_unconfirmed": ("licence", "执照打印未能确认完成",
                            "执照打印机中途出现问题，本机无法确认执照是否已打印。如有执照出来请取走；"
                            "工作人员会核实纸张编号，不会重复打印。请联系大厅工作人员。", [ONLY_FINISH]),
    "verify_timeout": ("warning", "身份核验超时",
                       "服务平台长时间没有答复，本次业务未完成，您的信息已清除。请稍后重新办理或到人工窗口。",
                       [RESTART, FINISH]),
    "prepare_timeout": ("warning", "证明准备超时",
                        "证明长时间没有准备好，本次业务未完成，没有打印，您的信息已清除。请稍后重新办理或到人工窗口。",
                        [RESTART, FINISH]),
    "print_timeout": ("printer", "打印长时间没有完成",
                      "本机无法确认是否已打印，您的信息已清除。如有纸张出来请取走；工作人员会核实，"
                      "本机不会自动重新打印。请联系大厅工作人员。", [ONLY_FINISH]),
    "expired": ("warning", "证明已过期",
                "这份证明已超过有效期，不能再打印，已从本机清除。请重新办理。", [RESTART, FINISH]),
    "internal": ("warning", "出现了意外问题", "本次业务未完成，您的信息已清除。请重新开始，或到人工窗口办理。",
                 [RESTART, FINISH]),
}

CARD_ERRORS = {
    "unreadable": "未能读取证件。请拿起证件，平放在读卡区，不要移动。",
    "removed_early": "证件拿开得太早了。请重新放置，读卡成功后再拿开。",
    "unknown_card": "无法识别这张卡片，请使用第二代居民身份证。",
    "unsupported_card": "第三代社保卡暂不支持，请使用身份证。",
    "unknown_code": "无法识别这个二维码。请出示e福州App中的身份码。",
    "expired_card": "这张身份证已过有效期，请使用有效证件。",
    "invalid_id": "无法核对这张证件的号码。请拿起证件重新放置；仍不行请到人工窗口办理。",
    "card_only": "此业务需要用身份证核验，请将身份证放在读卡区。",
    "wrong_code_licence_notice": "这不是营业执照核准通知书上的二维码，请扫描通知书上的二维码或输入信用代码。",
    "wrong_code_pickup": "这不是取件凭条上的二维码，请扫描凭条上的二维码或输入取件码。",
}


#: printer errors whose message promises a pickup code; without one (identified by the e福州 code,
#: whose holder cannot show the same ID card later) this message is shown instead
KEPT_FOR_PICKUP = frozenset({"paper_out", "paper_jam", "printer_unavailable"})
NOT_KEPT = "本次证明没有打印出来，您的信息已从本机清除。请稍后重新办理，或到人工窗口办理。"


#: the retry that fits how the resident identified, when the error is about the identity
RETRY_BY_METHOD = {"efz_qr": SCAN_AGAIN, "id_card": PLACE_CARD, "ssse": ("retry", "重新放置社保卡", "primary")}


def error_entry(key: str | None, has_pickup_code: bool = True, method: str | None = None):
    """(icon, title, message, actions) in the current language; actions are (intent, label,
    style), the fix first. ``method`` (how the resident identified) names the retry."""
    icon, title, message, actions = ERRORS.get(key or "internal", ERRORS["internal"])
    if key in KEPT_FOR_PICKUP and not has_pickup_code:
        message = NOT_KEPT
    if key == "identity_rejected" and method in RETRY_BY_METHOD:
        actions = [RETRY_BY_METHOD[method], FINISH]
    return icon, tr(title), tr(message), [(intent, tr(text), style) for intent, text, style in actions]


def card_error_text(code: str | None) -> str:
    return tr(CARD_ERRORS.get(code or "unreadable", CARD_ERRORS["unreadable"]))
