"""Model files and scikit-learn versions: the range a model loads under, and the refusal outside it."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import sklearn
from sklearn.metrics import confusion_matrix

from diplotrack import TextClassifier
from diplotrack.cli import main
from diplotrack.datasets import load_engagements
from diplotrack.engagement import FIELDS
from diplotrack.model_store import (
    MODEL_FORMAT,
    SKLEARN_SUPPORTED,
    ModelError,
    card_path,
    compatible_sklearn,
    load_card,
    load_model,
    save_model,
)

RETRAIN = re.escape("diplotrack train --out PATH")


@pytest.fixture(scope="module")
def model() -> TextClassifier:
    train = load_engagements("train").groupby("track", observed=True).head(15)
    return TextClassifier(random_state=0).fit(train[list(FIELDS)], train["track"].astype(str))


@pytest.fixture
def saved(tmp_path, model) -> Path:
    path = tmp_path / "mine.joblib"
    save_model(model, path, {"note": "fifteen training cases per label"})
    return path


def _edit_card(path: Path, **changes) -> None:
    card = json.loads(card_path(path).read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            card.pop(key, None)
        else:
            card[key] = value
    card_path(path).write_text(json.dumps(card), encoding="utf-8")


def test_pyproject_declares_the_supported_range():
    tomllib = pytest.importorskip("tomllib")
    pyproject = Path(__file__).parents[1] / "pyproject.toml"
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    assert f"scikit-learn{SKLEARN_SUPPORTED}" in dependencies


def test_running_scikit_learn_is_in_the_supported_range():
    # CI installs the lowest and the newest allowed version; both must be in the range.
    assert compatible_sklearn(sklearn.__version__) == SKLEARN_SUPPORTED


def test_shipped_model_predicts_under_this_scikit_learn_what_its_card_recorded():
    # The card's test-split confusion matrix was computed when the model was trained (under
    # the card's scikit-learn); CI runs this under the lowest and the newest allowed version,
    # so every version in the range must give the very same verdicts on all 2,335 test cases.
    card = load_card()
    test = load_engagements("test")
    recorded = card["test_metrics"]
    labels = load_model().predict(test)
    assert confusion_matrix(test["track"].astype(str), labels, labels=recorded["labels"]).tolist() == (
        recorded["confusion"]
    ), f"trained under scikit-learn {card['sklearn_version']}, predicting under {sklearn.__version__}"


def test_card_records_the_range_the_model_loads_under(saved):
    card = load_card(saved)
    assert card["sklearn_version"] == sklearn.__version__
    assert card["sklearn_compatible"] == SKLEARN_SUPPORTED


def test_shipped_model_records_the_supported_range():
    assert load_card()["sklearn_compatible"] == SKLEARN_SUPPORTED


def test_model_from_a_scikit_learn_outside_the_range_is_refused_with_how_to_retrain(saved):
    # What 1.6 is to a model saved by 1.7 or later: unpickling "works", predicting crashes.
    _edit_card(saved, sklearn_version="1.6.1", sklearn_compatible="==1.6.1")
    with pytest.raises(ModelError, match=rf"trained with scikit-learn 1\.6\.1 .*==1\.6\.1.*{RETRAIN}"):
        load_model(saved)


@pytest.mark.parametrize(
    "trained, loads",
    [("1.6.1", False), ("1.5.2", False), ("1.7.0", True), ("1.8.0", True), ("1.9.0", True)],
    ids=["1.6.1", "1.5.2", "1.7.0", "1.8.0", "1.9.0"],
)
def test_card_without_a_range_falls_back_to_the_supported_range(saved, trained, loads):
    _edit_card(saved, sklearn_version=trained, sklearn_compatible=None)
    if loads:
        assert load_model(saved).card_["sklearn_version"] == trained
    else:
        with pytest.raises(ModelError, match=RETRAIN):
            load_model(saved)


def test_card_without_any_scikit_learn_version_is_refused(saved):
    _edit_card(saved, sklearn_version=None, sklearn_compatible=None)
    with pytest.raises(ModelError, match=f"does not say which scikit-learn.*{RETRAIN}"):
        load_model(saved)


@pytest.mark.parametrize("running", ["1.6.1", "1.10.0"])
def test_shipped_model_is_refused_under_a_scikit_learn_outside_its_range(monkeypatch, running):
    monkeypatch.setattr(sklearn, "__version__", running)
    with pytest.raises(ModelError, match=rf"this is {re.escape(running)}\. .*{RETRAIN}"):
        load_model()


def test_model_trained_outside_the_range_loads_under_its_own_version(saved, monkeypatch):
    # A user who trains under an unsupported scikit-learn can still use that model there.
    monkeypatch.setattr(sklearn, "__version__", "1.10.0")
    assert compatible_sklearn("1.10.0") == "==1.10.0"
    _edit_card(saved, sklearn_version="1.10.0", sklearn_compatible="==1.10.0")
    assert load_model(saved).predict(["Foreign ministers signed the treaty."]).shape == (1,)


def test_a_model_saved_by_a_newer_diplotrack_format_is_refused_with_what_to_do(saved):
    assert load_card(saved)["model_format"] == MODEL_FORMAT
    _edit_card(saved, model_format=MODEL_FORMAT + 1)
    with pytest.raises(ModelError, match=rf"model format {MODEL_FORMAT + 1}.*reads formats up to {MODEL_FORMAT}.*Upgrade"):
        load_model(saved)
    _edit_card(saved, model_format=None)  # cards written before the field: format 1, read as before
    assert load_model(saved).predict(["Foreign ministers signed the treaty."]).shape == (1,)


def test_a_model_from_another_diplotrack_layout_is_a_model_error(saved):
    # A pickle naming a class this diplotrack does not have, as a model saved before a refactor would.
    stale = b"\x80\x04cdiplotrack.text_model\nTfidfWordModel\n)\x81."
    saved.write_bytes(stale)
    _edit_card(saved, model_sha256=hashlib.sha256(stale).hexdigest())
    with pytest.raises(ModelError, match=f"Cannot load .*TfidfWordModel.*{RETRAIN}"):
        load_model(saved)


def test_cli_reports_a_refused_model_in_one_line(saved, capsys):
    _edit_card(saved, sklearn_version="1.6.1", sklearn_compatible="==1.6.1")
    assert main(["evaluate", "--method", "model", "--model", str(saved)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("diplotrack evaluate: error: Refusing to load")
    assert "diplotrack train --out PATH" in err and "Traceback" not in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("card", "problem"),
    [
        (b'{"model_sha256": "9f2c", "params": {"C": 30.0,', "it is not valid JSON"),  # cut off mid-write
        ('{"note": "Modèle réentraîné"}'.encode("cp1252"), "it is not valid JSON"),  # saved by an editor
        (b'[{"model_sha256": "9f2c"}]', "expected a JSON object of fields, got an array"),
    ],
    ids=["truncated", "not-utf8", "array"],
)
def test_an_invalid_card_is_a_model_error_naming_the_card(saved, capsys, card, problem):
    card_path(saved).write_bytes(card)
    named = re.escape(f"Invalid model card {str(card_path(saved))!r}: ") + problem
    with pytest.raises(ModelError, match=named + f".*restore the card.*{RETRAIN}"):
        load_model(saved)
    with pytest.raises(ModelError, match=named):
        load_card(saved)
    text = "The foreign ministers of India and Pakistan met in Islamabad and signed an agreement."
    assert main(["classify", text, "--method", "model", "--model", str(saved)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("diplotrack classify: error: Invalid model card") and str(card_path(saved)) in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_a_card_without_a_checksum_is_said_so(saved):
    # A card holding no model_sha256 was reported as "does not match the card's None...".
    _edit_card(saved, model_sha256=None)
    with pytest.raises(ModelError, match=r"its card 'mine.card.json' records no model_sha256.*restore the card"):
        load_model(saved)


def test_train_into_a_folder_is_refused_before_training(tmp_path, capsys):
    # "train --out" naming an existing folder trained for minutes, then failed naming a temporary file.
    (tmp_path / "models").mkdir()
    assert main(["train", "--out", str(tmp_path / "models")]) == 2
    err = capsys.readouterr().err
    assert "is a directory" in err and str(tmp_path / "models") in err and ".part" not in err
    assert "standard output" not in err  # a model cannot be written there; '-' is no advice
    assert list((tmp_path / "models").iterdir()) == []


def test_train_to_standard_output_is_refused_before_training(tmp_path, capsys, monkeypatch):
    # "train --out -" saved the model as a file named "-" in the working folder.
    monkeypatch.chdir(tmp_path)
    assert main(["train", "--out", "-"]) == 2
    err = capsys.readouterr().err
    assert "'-'" in err and "Give the path of a file" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def _shipped_model_under_old_rules(tmp_path):
    """A copy of the shipped model whose card says it was trained with rule set 2025.01.0."""
    import shutil

    from diplotrack.model_store import card_path
    from diplotrack.resources import model_path

    src = model_path("diplotrack-text.joblib")
    dst = tmp_path / "old-rules.joblib"
    shutil.copy(src, dst)
    card = json.loads(card_path(src).read_text(encoding="utf-8"))
    card["rules_version"] = "2025.01.0"
    card_path(dst).write_text(json.dumps(card), encoding="utf-8")
    return dst


def test_a_model_trained_with_another_rule_set_warns(tmp_path):
    with pytest.warns(UserWarning, match=r"trained with rule set 2025\.01\.0; this is rule set"):
        load_model(_shipped_model_under_old_rules(tmp_path))


def test_cli_prints_a_model_warning_as_one_line_of_its_own(tmp_path, capsys):
    """The command line gives a warning in its own voice: no Python file, line number or
    warning class, and the labelling goes on."""
    dst = _shipped_model_under_old_rules(tmp_path)
    text = "The foreign ministers of India and Pakistan met in Islamabad and signed an agreement."
    assert main(["classify", "--method", "model", "--model", str(dst), text]) == 0
    out, err = capsys.readouterr()
    assert "Track 1" in out
    warning = [line for line in err.splitlines() if "rule set 2025.01.0" in line]
    assert len(warning) == 1, err
    assert warning[0].startswith("diplotrack classify: warning: Model old-rules.joblib was trained")
    assert "UserWarning" not in err and ".py:" not in err


@pytest.mark.parametrize("spec", ["~=1.7", ["1.7", "1.9"], 1.9], ids=["tilde", "list", "number"])
def test_a_card_s_range_that_is_no_range_is_a_model_error(saved, spec):
    # A range edited by hand gave a bare ValueError ("~=1.7") or AttributeError (a list).
    _edit_card(saved, sklearn_compatible=spec)
    with pytest.raises(ModelError, match=rf"sklearn_compatible .* is no scikit-learn range .*{RETRAIN}"):
        load_model(saved)


def test_a_format_written_as_a_whole_float_is_that_format(saved):
    # Some JSON writers put 2 as 2.0: it was refused as "newer than 2".
    _edit_card(saved, model_format=float(MODEL_FORMAT))
    assert load_model(saved).predict(["Foreign ministers signed the treaty."]).shape == (1,)


def test_a_damaged_compressed_model_whose_card_matches_is_a_model_error(saved):
    # Bytes flipped inside the compressed pickle, and the card's checksum made to match: zlib's
    # "Error -3 while decompressing data" went out as a traceback.
    data = bytearray(saved.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    saved.write_bytes(bytes(data))
    _edit_card(saved, model_sha256=hashlib.sha256(bytes(data)).hexdigest())
    with pytest.raises(ModelError, match=f"Cannot load .*{RETRAIN}"):
        load_model(saved)


def test_a_card_given_to_save_model_cannot_override_what_it_records(tmp_path, model, saved):
    # A card copied from another model kept that model's versions and range: the new file was
    # then refused, or described as made by another scikit-learn.
    template = {**load_card(saved), "sklearn_version": "1.6.1", "sklearn_compatible": "==1.6.1",
                "rules_version": "2020.1.1", "model_format": 99, "note": "recoded sheet"}
    card = save_model(model, tmp_path / "again.joblib", template)
    assert card["note"] == "recoded sheet"
    assert card["sklearn_version"] == sklearn.__version__ and card["model_format"] == MODEL_FORMAT
    assert card["rules_version"] == load_card(saved)["rules_version"]
    assert load_model(tmp_path / "again.joblib").predict(["Scholars met in Oslo."]).shape == (1,)


def test_save_model_refuses_what_load_model_cannot_read_back(tmp_path, model):
    from sklearn.pipeline import make_pipeline

    with pytest.raises(TypeError, match="expected a fitted diplotrack TextClassifier, got Pipeline"):
        save_model(make_pipeline(model), tmp_path / "pipe.joblib", {})
    assert not (tmp_path / "pipe.joblib").exists() and not card_path(tmp_path / "pipe.joblib").exists()


def test_a_model_given_by_its_path_is_wrapped_once_per_file_version(saved):
    # Each classify(..., model=PATH) wrapped the cached model anew under the definition,
    # compiling its rules: about 50 ms a call against 2.5 ms for the shipped model.
    from diplotrack.api import get_classifier

    first = get_classifier("model", model=saved)
    assert get_classifier("model", model=saved) is first
    assert get_classifier("model", model=str(saved)) is first
    assert get_classifier("model", model=saved, definition="facilitated-1.5") is not first
    _edit_card(saved, note="retrained")  # the card alone: the same model file
    assert get_classifier("model", model=saved) is first


def test_two_models_and_a_rule_file_stay_loaded_across_calls(saved, tmp_path, monkeypatch):
    # Each model path took two places in a cache of four, evicted oldest first: with two
    # model files and a rule file every consensus call loaded a model file again.
    import shutil

    import diplotrack.model_store as store
    from diplotrack import classify

    other = tmp_path / "other.joblib"
    shutil.copy(saved, other)
    shutil.copy(card_path(saved), card_path(other))
    rules = tmp_path / "mine.toml"
    rules.write_text('[lexicon.nonstate_roles]\nphrases = ["peace journalists"]\n', encoding="utf-8")
    loads = []
    real_load = store.load_model
    monkeypatch.setattr(store, "load_model", lambda *a, **k: loads.append(a) or real_load(*a, **k))
    text = "Foreign ministers signed a treaty in Lima."
    for _ in range(3):
        for path in (saved, other):
            classify(text, "consensus", model=path, rules=str(rules))
    assert len(loads) <= 2, loads


def test_a_card_s_scikit_learn_version_that_is_no_version_is_a_model_error(saved):
    # Without a range the version recorded is read; "unknown version" gave a bare ValueError.
    _edit_card(saved, sklearn_compatible=None, sklearn_version="unknown version")
    with pytest.raises(ModelError, match=rf"sklearn_version 'unknown version' is no scikit-learn version .*{RETRAIN}"):
        load_model(saved)
