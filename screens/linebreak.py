"""Chinese line breaks between words, never inside one, and no last line of one or two characters.

Qt breaks Chinese text between any two characters (UAX #14), so 身份证 can end up as 身份 / 证.
:func:`keep_words` puts U+2060 WORD JOINER between the characters of each word it knows, which
Qt's line breaker never breaks at, and glues the end of a paragraph together so its last line
holds at least :data:`MIN_LAST_LINE` characters. Words are found by longest match against
:data:`WORDS`, the vocabulary of this terminal's screens (a general segmenter such as jieba takes
seconds to load its dictionary: too slow for a kiosk's start). Text without Chinese is returned
unchanged. Plain Python, no Qt: labels call it through screens.widgets.
"""
from __future__ import annotations

import re

WJ = "\u2060"
#: the last line of a paragraph holds at least this many characters (punctuation counted)
MIN_LAST_LINE = 4

#: words of the screens, longest match first; a character outside every word may break anywhere
WORDS = sorted(set("""
身份证 社保卡 社会保障卡 居民身份证 身份码 二维码 e福州 取件码 取件 凭条 读卡区 读卡器 扫码口 读卡 放置 平放
打印 打印机 打印出来 证明 营业执照 执照 正本 副本 专用纸 统一社会信用代码 信用代码 法定代表人 授权人员 授权
工作人员 大厅 人工窗口 窗口 首页 返回 自助 服务 业务 办理 重新 验证 核验 核对 身份 本人 本机 网络 恢复 平台
服务平台 连接 中断 暂时 暂停 稍后 之后 以后 缺纸 卡纸 补纸 装纸 故障 不可用 可用 照常 登记 准备 自动 清除
信息 证件 有效 有效期 过期 号码 姓名 评价 满意 不满意 非常 基本 原因 选择 请选择 提交 跳过 完成 成功 失败
确认 同意 不同意 继续 结束 开始 取走 取回 拿开 拿起 放在 不要 移动 提示音 请稍候 正在 已经 没有 不能 需要
可以 如果 或者 也可 仍不行 感谢 您的 您还在吗 时间 秒后 份数 最多 页数 预览 放大 查看 缴费 参保 社会保险
医保 医疗保险 公积金 住房公积金 不动产 登记证明 无房证明 缴存 记录 查询 出具 主管部门 用途 仅为 使用 保存
照片 离开 立即 长辈版 低位操作 帮助 联系 收到 完整 真实 为保证 分配 核准 通知书 编号 序号 输入 扫描
告诉 届时 对准 刷新 改用 此前 领取 补打 重复 核实 是否 自上次 过期文档 校准页 请核对 内容
""".split()), key=len, reverse=True)

_BY_FIRST: dict[str, list[str]] = {}
for _w in WORDS:
    _BY_FIRST.setdefault(_w[0], []).append(_w)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: punctuation that ends a clause or a sentence: Qt never starts a line with it anyway
_CLOSING = set("，。、；：！？）》」』”’…")


def tokens(text: str) -> list[str]:
    """The text cut into words of WORDS (longest match), other characters one by one; spaces,
    Latin words and numbers stay whole."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if not _CJK.match(text[i]):
            m = re.match(r"[A-Za-z0-9_.@:/+\-]+", text[i:])
            step = m.end() if m else 1
            out.append(text[i:i + step])
            i += step
            continue
        for word in _BY_FIRST.get(text[i], ()):
            if text.startswith(word, i):
                out.append(word)
                i += len(word)
                break
        else:
            out.append(text[i])
            i += 1
    return out


def _glue(word: str) -> str:
    return WJ.join(word) if len(word) > 1 and _CJK.search(word) else word


def keep_words(text: str) -> str:
    """``text`` with word joiners inside words and across its last MIN_LAST_LINE characters
    (of each paragraph). Idempotent; removing every U+2060 gives ``text`` back."""
    if not text or not _CJK.search(text) or WJ in text:
        return text
    return "\n".join(_paragraph(p) for p in text.split("\n"))


def _paragraph(text: str) -> str:
    parts = tokens(text)
    # the tail: whole tokens from the end until they hold MIN_LAST_LINE characters, glued as one
    tail, count = [], 0
    while parts and (count < MIN_LAST_LINE or parts[-1] in _CLOSING):
        token = parts.pop()
        if " " in token or (not _CJK.search(token) and token not in _CLOSING and count):
            parts.append(token)  # a space or a Latin word ends the tail: breaking there is fine
            break
        tail.insert(0, token)
        count += len(token)
    glued = [_glue(p) for p in parts]
    if tail:
        glued.append(WJ.join("".join(tail)))
    return "".join(glued)


def plain(text: str) -> str:
    """``text`` without the joiners :func:`keep_words` added."""
    return text.replace(WJ, "")
