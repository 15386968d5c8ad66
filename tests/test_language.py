"""Text in another language: told apart from English, and said so in every explanation."""

from __future__ import annotations

import pandas as pd
import pytest

import diplotrack
from diplotrack.batch import label_frame
from diplotrack.datasets import load_engagements
from diplotrack.language import other_language

FOREIGN = {
    "Spanish": "Los cancilleres de Colombia y Ecuador firmaron en Quito un acuerdo sobre la frontera "
    "común y se reunieron con representantes de la sociedad civil de ambos países.",
    "French": "Les ministres des Affaires étrangères de la France et de l'Allemagne se sont réunis à "
    "Paris pour des négociations sur la sécurité européenne et la situation en Ukraine.",
    "German": "Die Außenminister Deutschlands und Polens trafen sich in Warschau zu Gesprächen über "
    "die Sicherheit in Europa und die Lage an der Grenze zu Belarus.",
    "Portuguese": "Os ministros das Relações Exteriores do Brasil e da Argentina assinaram em Brasília "
    "um acordo de cooperação para a proteção da fronteira e se reuniram com empresários.",
    "Italian": "Il ministro degli Esteri ha incontrato il suo omologo francese a Roma per discutere "
    "della crisi in Libia e della cooperazione nel Mediterraneo.",
    "Indonesian or Malay": "Menteri luar negeri Indonesia dan Malaysia bertemu di Jakarta untuk membahas "
    "perbatasan laut dan kerja sama ekonomi yang akan ditandatangani pada bulan depan oleh kedua negara.",
    "Cyrillic script": "Министры иностранных дел России и Китая провели переговоры в Москве и подписали "
    "совместное заявление.",
    "Arabic script": "اجتمع وزيرا خارجية مصر والأردن في عمان لإجراء محادثات رسمية حول الوضع في غزة.",
    "Han (Chinese or Japanese) script": "中国和日本外交部长在北京举行会谈，讨论双边关系和地区安全问题。",
}

ENGLISH = [
    # full prose, terse rows, and English text full of Spanish and Portuguese names
    "Retired ambassadors, former defence officials and scholars from India and Pakistan met in "
    "Bangkok for two days of talks on nuclear risk; no serving officials attended.",
    "Round six, Vienna. deputy foreign ministers; official delegations; formal negotiating session",
    "Scholars from the Universidad de la República and the Universidade de São Paulo met in "
    "Montevideo for a workshop on the Laguna Merín with officials of the Comisión Mixta.",
    "MOSCOW - Russian and Chinese foreign ministers met on Tuesday; Sergei Lavrov said the talks "
    "with Wang Yi covered the situation in the Korean peninsula.",
    "Talks in Geneva.",
    # headlines, tables and lists whose names or acronyms spell other languages' words
    "UN envoy met Houthi, Saudi officials; UN-brokered truce talks; UN Security Council briefed.",
    "Iranian FM Araghchi met Omani FM Al Busaidi; US envoy Witkoff met Al Busaidi; indirect talks.",
    "Date: 12/05/2019; Venue: Palacio de la Moncloa; Host: Gobierno de España; Participants: ministers",
    "Partners: Friedrich-Ebert-Stiftung, Konrad-Adenauer-Stiftung, Stiftung Wissenschaft und Politik; "
    "workshop on Sahel security",
    "SUMMIT IN HANOI: LEADERS MEET AS TALKS RESUME ON TRADE AND SECURITY",
]


def test_a_language_that_says_a_and_in_like_english_is_still_told():
    # French "a" (has) and Italian "in" are not counted as English
    text = (
        "Le ministre a rencontré son homologue à Alger. Il a salué la qualité des relations "
        "bilatérales et la coopération dans la lutte contre le terrorisme."
    )
    assert other_language(text) == "French"


def test_a_language_not_clearly_ahead_is_not_named():
    # a bilingual record, Spanish then Portuguese: not English, but neither language leads
    text = (
        "Convenio de cooperación entre la Universidad de la República y la Universidade Federal do "
        "Rio Grande do Sul para el intercambio de estudiantes / Convênio de cooperação entre a "
        "Universidade e a Universidad para o intercâmbio de estudantes e docentes"
    )
    assert other_language(text) == "another language"


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_other_languages_and_scripts_are_named(language):
    assert other_language(FOREIGN[language]) == language


@pytest.mark.parametrize("text", ENGLISH)
def test_english_reads_as_english(text):
    assert other_language(text) is None


def test_the_bundled_english_cases_read_as_english():
    data = load_engagements()
    joined = (data.description + " " + data.participants + " " + data.formality + " " + data.purpose).tolist()
    flagged = [t for t in joined if other_language(t)]
    # The dataset holds a scraped record or two in Spanish and Portuguese on purpose; no
    # English text (which says "the" again and again) is taken for another language.
    assert len(flagged) <= 2
    assert all(t.lower().count(" the ") < 2 for t in flagged)


@pytest.mark.parametrize("method", ["rules", "model", "consensus"])
def test_every_explanation_says_the_text_is_not_english(method):
    frame = pd.DataFrame({"description": [FOREIGN["French"], ENGLISH[0], FOREIGN["Cyrillic script"]]})
    out = label_frame(frame, method)
    explanations = out[f"{method}_explanation"].tolist()
    assert "not English" not in explanations[1]
    assert "the text reads as French, not English" in explanations[0]
    assert "the text is written in Cyrillic script, not English" in explanations[2]
    for text in (explanations[0], explanations[2]):
        assert text.endswith("translate the text first.")
        # once per method: the consensus quotes both and adds no third
        assert text.count("translate the text first") == (2 if method == "consensus" else 1)


def test_the_note_changes_no_label():
    rules = diplotrack.get_classifier("rules")
    v = rules.classify(FOREIGN["Spanish"])
    assert v.label == "none" and v.explanation.startswith("Abstained")


def test_the_notes_are_said_once_per_method_when_a_long_text_was_also_cut():
    long_text = " ".join([FOREIGN["German"]] * 1500)  # past the 200,000 characters read
    explanation = diplotrack.classify(long_text, method="consensus").explanation
    assert explanation.count("translate the text first") == 2  # the rules', the model's
    assert explanation.count("characters were read") == 2


@pytest.mark.parametrize(
    "lead",
    [
        "Home | News | Press | Contact | Search | Follow us | Newsletter | ",
        "<div></div>" * 220,
        "Source: https://www.diplomatie.gouv.fr/fr/" + "actualites/" * 40 + "\n",
        "From the Centre for the Study of Peace and Conflict: ",
    ],
    ids=["site-menu", "blank-lines-of-a-page", "long-link", "quoted-english-name"],
)
def test_a_text_in_another_language_is_named_after_an_english_lead(lead):
    # Only the first 400 characters were read, so a site's menu, the blank lines a page's
    # markup leaves, a long link or an English name quoted three times hid the language.
    text = lead + " ".join([FOREIGN["French"]] * 3)
    v = diplotrack.classify(text, method="rules")
    assert "the text reads as French, not English" in v.explanation, v.explanation
    # English text after the same leads stays English.
    assert other_language(lead + " ".join(ENGLISH)) is None


@pytest.mark.parametrize(
    "text",
    [
        "Los cancilleres de Colombia y Ecuador se reunieron en Quito con la Organization of American States.",
        "Die Außenminister von Deutschland und Frankreich trafen sich in Berlin mit dem Council of Europe.",
    ],
)
def test_a_short_text_in_another_language_with_an_english_name_is_still_named(text):
    # One " of " in a text of 100 characters made it "plainly English".
    assert other_language(text) in ("Spanish", "German")
