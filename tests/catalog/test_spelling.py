"""One spelling per language: the installation's CINECAT_LANGUAGE decides "Color" or "Colour"."""

import os
import subprocess
import sys

from django.utils import translation

from cinecat.catalog.labels import label
from cinecat.catalog.models import Work


def test_american_english_says_color_and_british_english_colour():
    with translation.override("en-us"):
        assert label(Work, "colour") == "Color"
    with translation.override("en-gb"):
        assert label(Work, "colour") == "Colour"


def test_a_language_cinecat_does_not_speak_is_refused_naming_the_setting(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CINECAT_")}
    result = subprocess.run(
        [sys.executable, "-c", "import cinecat.settings"],
        env={**clean, "CINECAT_DATA_DIR": str(tmp_path), "CINECAT_LANGUAGE": "fr"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "CINECAT_LANGUAGE is 'fr'; it must be one of en-us, en-gb." in result.stderr
