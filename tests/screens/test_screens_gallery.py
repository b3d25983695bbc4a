"""The screenshot gallery renders every scene, and no scene grows the window past its panel
(the tightest variants: English in 长辈版, both orientations)."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def test_every_scene_fits_its_panel_in_english_elder_mode(qtbot, tmp_path):
    from PIL import Image

    from screens import gallery

    shots = gallery.render(tmp_path, langs=("en",), elders=(True,))
    gallery.write_index(tmp_path, shots)
    assert len(shots) == 2 * len(gallery.scenes())
    wrong = [(s["file"], s["size"]) for s in shots
             if tuple(s["size"]) != gallery.PANELS[s["variant"].split("-")[0]]]
    assert wrong == []
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert all(s["file"] in index for s in shots)
    with Image.open(tmp_path / shots[0]["file"]) as im:
        assert im.size == (1920, 1080)
