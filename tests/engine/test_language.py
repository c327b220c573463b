"""engine.language: one detector for resumes and job descriptions."""

from __future__ import annotations

import subprocess
import sys

from engine.language import language_of
from tests.test_architecture import ROOT

# Dutch in sentences, an English heading and list before them: the function words of
# the two are too close to call, so langdetect decides, on as much as it is given.
MIXED = ("About the company. We build data platforms for retail and media clients. "
         "Apply by sending your resume with a short note about your work. " * 3
         + "Word jij enthousiast van het bouwen van schaalbare data-oplossingen op het "
         "snijvlak van marketing en data engineering? Dan zijn wij op zoek naar jou! Je "
         "werkt met het team aan datamodellen en je bouwt integraties voor klanten. " * 4)


def test_function_words_decide_plain_texts():
    assert language_of("Led the migration of the billing system to the cloud, and "
                       "trained the team that runs it with the tools of the trade.") == "en"
    assert language_of("Dirigí el equipo de datos de la empresa y los informes para "
                       "la dirección, con las herramientas del área y sus procesos.") == "es"
    assert language_of("2019 – 2023 · 42") is None


def test_a_mixed_text_goes_to_langdetect_on_as_many_characters_as_asked():
    assert language_of(MIXED, langdetect_chars=150) == "en"
    assert language_of(MIXED, langdetect_chars=3000) == "nl"
    assert {language_of(MIXED, langdetect_chars=3000) for _ in range(5)} == {"nl"}


def test_a_worker_loads_langdetects_profiles_before_it_forks():
    script = ("import engine.orchestration.worker as w\n"
              "from langdetect import detector_factory\n"
              "assert detector_factory._factory is None\n"
              "w.warm_up()\n"
              "print(len(detector_factory._factory.langlist))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert int(done.stdout.split()[-1]) > 50  # every profile langdetect ships
