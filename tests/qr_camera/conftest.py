"""Generated camera frames shared by the camera scanner tests (written once per session)."""
from __future__ import annotations

import pytest

from drivers.sim import camera_sim


@pytest.fixture(scope="session")
def frame_set(tmp_path_factory):
    """Every variant at both sizes, 2 of each, plus negatives: (folder, samples)."""
    folder = tmp_path_factory.mktemp("qr_frames")
    return folder, camera_sim.generate(folder, count=2, seed=11)


@pytest.fixture(scope="session")
def hard_set(tmp_path_factory):
    """The hard variants only, 5 of each at both sizes: (folder, samples)."""
    folder = tmp_path_factory.mktemp("qr_hard")
    return folder, camera_sim.generate(folder, count=5, seed=23, variants=camera_sim.HARD_VARIANTS,
                                       negatives=0)


def read_gray(path):
    import cv2

    frame = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    assert frame is not None, path
    return frame


@pytest.fixture(scope="session")
def charset_set(tmp_path_factory):
    """The text-encoding set (issue 15) at 640x480: every distortion x payload kind x encoding."""
    folder = tmp_path_factory.mktemp("qr_charsets")
    return folder, camera_sim.generate_charsets(folder, count=1, seed=15, sizes=((640, 480),),
                                                negatives=4)
