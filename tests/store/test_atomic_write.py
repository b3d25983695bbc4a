"""offline_cache.atomic: the one atomic file write (old file or new file, never a mix)."""
from __future__ import annotations

import zipfile

import pytest

from offline_cache.atomic import atomic_path, write_atomic


def test_write_replaces_keeps_a_backup_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "status.json"
    write_atomic(target, '{"a": "福州"}')
    assert target.read_text(encoding="utf-8") == '{"a": "福州"}'
    assert target.stat().st_mode & 0o777 == 0o600          # new files are private
    target.chmod(0o644)
    write_atomic(target, b"new", backup=tmp_path / "status.json.bak")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "status.json.bak").read_text(encoding="utf-8") == '{"a": "福州"}'
    write_atomic(target, b"secret", mode=0o600)
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["status.json", "status.json.bak"]


def test_a_writer_that_fails_leaves_the_old_file_whole(tmp_path):
    """Given a file, when the writer of its replacement raises half-way, then the old file is
    untouched and the temporary file is gone."""
    target = tmp_path / "export.zip"
    target.write_bytes(b"old export")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            with zipfile.ZipFile(tmp, "w") as z:
                z.writestr("a.txt", "half")
                raise RuntimeError("disk pulled")
    assert target.read_bytes() == b"old export"
    assert [p.name for p in tmp_path.iterdir()] == ["export.zip"]


def test_a_missing_directory_is_an_oserror_and_nothing_is_left(tmp_path):
    with pytest.raises(OSError):
        write_atomic(tmp_path / "nowhere" / "f", b"x")
    assert list(tmp_path.iterdir()) == []
