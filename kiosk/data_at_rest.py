"""Opening the terminal's store with its local data key, and moving older stores onto that key.

Before the local key existed, the document key and the identity-sealing key were derived from
the platform secret, and jobs kept a bare SHA-256 of the ID number. :func:`open_store` moves
such a store once (while the secret that wrote it is still the current one): documents are
re-encrypted, sealed identities re-sealed, and SHA-256 digests replaced by keyed ones, then
``meta.data_key`` records it. A store opened after a re-enrolment without that move keeps
documents it cannot open; they are reported, never deleted here.
"""
from __future__ import annotations

import logging
import os

from kiosk import local_key
from kiosk.local_key import LocalKey

log = logging.getLogger(__name__)

DATA_KEY_META = "data_key"
DATA_KEY_VERSION = "local-v1"


def open_store(cfg, *, secret: bytes | None = None):
    """(store, local key) for ``cfg``: storage directory 0700, key created at first start."""
    from offline_cache import Store
    from offline_cache.store_privacy import secure_directory

    secure_directory(cfg.storage.dir)
    narrow_private_files(cfg)
    key, created = local_key.load_or_create(cfg.storage.dir)
    store = Store.open(cfg.storage.dir, doc_key=key.documents, max_cache_bytes=cfg.storage.max_cache_mb * 2**20)
    try:
        if store.get_meta(DATA_KEY_META) != DATA_KEY_VERSION:
            migrate_legacy(store, key, secret)
    except BaseException:
        store.close()
        raise
    return store, key


def open_tool_store(cfg, *, documents: bool = True, create: bool = False, busy_timeout_s: float | None = None):
    """The store for a tool beside the running kiosk (``kiosk.diag queue``, ``export``,
    ``refill``), opened apart from the kiosk's, or None when this terminal has none yet (an
    empty one with ``create``). Never creates the local key: without a readable one (or with
    ``documents=False``) cached documents stay closed. The caller closes it. Raises StoreError."""
    from pathlib import Path

    from offline_cache import Store
    from offline_cache.store import DB_NAME

    directory = Path(cfg.storage.dir)
    if not create and not (directory / DB_NAME).exists():
        return None
    doc_key = None
    if documents:
        try:
            key = local_key.load(directory)
        except local_key.LocalKeyError:
            key = None
        doc_key = key.documents if key is not None else None
    kw = {} if busy_timeout_s is None else {"busy_timeout_s": busy_timeout_s}
    return Store.open(directory, doc_key=doc_key, max_cache_bytes=cfg.storage.max_cache_mb * 2**20, **kw)


def migrate_legacy(store, key: LocalKey, secret: bytes | None) -> dict:
    """Move a store written under the platform secret onto the local key (idempotent)."""
    from kiosk import sealed

    moved = {"documents": 0, "identities": 0, "digests": 0}
    if secret:
        moved["documents"] = store.rekey_documents(secret)
    old_seal = sealed.legacy_sealing_key(secret) if secret else None

    def rewrite(data: dict):
        out, changed = dict(data), False
        if "id_sha256" in out:
            out["id_hmac"] = key.id_digest_of_sha256(str(out.pop("id_sha256")))
            changed = True
            moved["digests"] += 1
        if "authorised_id_sha256" in out:
            out["authorised_id_hmac"] = [key.id_digest_of_sha256(str(h)) for h in out.pop("authorised_id_sha256")]
            changed = True
            moved["digests"] += 1
        blob = out.get("identity_sealed")
        if blob and old_seal is not None:
            try:
                sealed.unseal(key.sealing, blob)
            except Exception:
                try:
                    out["identity_sealed"] = sealed.seal(key.sealing, sealed.unseal(old_seal, blob))
                    changed = True
                    moved["identities"] += 1
                except Exception:
                    log.warning("a sealed identity could not be moved to the local key")
        return out if changed else None

    store.rewrite_job_data(rewrite)
    store.set_meta(DATA_KEY_META, DATA_KEY_VERSION)
    store.checkpoint()  # the old digests do not stay behind in the WAL
    if any(moved.values()):
        log.info("store moved to the local data key: %(documents)d document(s), %(identities)d sealed "
                 "identit(ies), %(digests)d ID digest(s)", moved)
    return moved


def narrow_private_files(cfg) -> None:
    """The terminal config (it holds the PIN hash) and the secret file to 0600 when they are
    wider and ours to change (logged at info: a CLI's stderr stays one line)."""
    terminal = getattr(cfg, "terminal", None)
    for path in (getattr(cfg, "source", None), getattr(terminal, "secret_file", None)):
        if path is None:
            continue
        try:
            st = os.stat(path)
            if st.st_mode & 0o077 and st.st_uid == os.geteuid():
                os.chmod(path, st.st_mode & 0o700)
                log.info("%s was readable by others: narrowed to 0600", path)
        except OSError:
            pass


def narrow_umask() -> None:
    """Files the kiosk creates are private to its user (0600, directories 0700), whatever the
    caller's umask; the systemd unit sets UMask=0077 as well."""
    os.umask(0o077)
