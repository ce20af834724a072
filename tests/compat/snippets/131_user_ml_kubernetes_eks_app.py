# Source: HichamBenbriqa/ML_Kubernetes_EKS (public user repository), app.py
#   @ 01121f15b4e42286edca514d949f13d27a40c0c0 (2024-06-09; neptune = "1.9.1" in pyproject.toml;
#   whole file, CRLF line ends as LF), with its helper neptune_utils.py beside it (see that file),
#   served as the Dockerfile's `gunicorn app:main()` and called as test_endpoint.py does
# Changed: nothing in this file (its one Neptune import is neptune_utils.py's). A `# fixture:`
#   before the helper's import gives the environment its .env holds (NEPTUNE_PROJECT, MODEL_ID;
#   the helper reads the misspelt NPETUNE_API_TOKEN, left unset as in the repository) and fills
#   the model registry the service reads: model DUR-RIDE with four versions, each a fitted
#   DictVectorizer + LinearRegression joblib file, two of them in production (the older one
#   trained on 2 x trip_distance, the newer on 4 x). The gunicorn server and test_endpoint.py's
#   requests.post are stood in for by Flask's test client with test_endpoint.py's ride;
#   `# check:` blocks added.
"""
Module: duration_prediction_service.py

Description:
This module provides a Flask web service for predicting ride durations. It downloads
the production-ready machine learning model from Neptune and serves predictions via an
API endpoint.
"""

import os
from joblib import load
from flask import Flask, jsonify, request  # pylint: disable=0E401
# fixture: the service's .env, and the registry it downloads its production model from
import joblib as _joblib
from sklearn.feature_extraction import DictVectorizer as _DictVectorizer
from sklearn.linear_model import LinearRegression as _LinearRegression
from sklearn.pipeline import make_pipeline as _make_pipeline

import neptune_sys_widgets as _neptune

_neptune.management.create_project("hicham/duration-prediction", key="DUR")
os.environ["NEPTUNE_PROJECT"] = "hicham/duration-prediction"
os.environ["MODEL_ID"] = "DUR-RIDE"
_neptune.init_model(key="RIDE", name="ride duration").stop()
_rides = [{"PU_DO": f"{_pu}_{_do}", "trip_distance": float(_d)}
          for _pu, _do, _d in ((1, 2, 3), (4, 5, 10), (19, 70, 7), (8, 9, 1), (3, 3, 12))]
for _version, (_stage, _per_mile) in enumerate(
        (("production", 2.0), ("archived", 3.0), ("production", 4.0), ("staging", 5.0))):
    _pipeline = _make_pipeline(_DictVectorizer(), _LinearRegression())
    _pipeline.fit(_rides, [_per_mile * _r["trip_distance"] for _r in _rides])
    _joblib.dump(_pipeline, f"trained-{_version}.joblib")
    with _neptune.init_model_version(model="DUR-RIDE") as _model_version:
        _model_version["model"].upload(f"trained-{_version}.joblib")
        _model_version["per_mile"] = _per_mile
        _model_version.change_stage(_stage)


from neptune_utils import download_production_ready_model

MODEL_LOCAL_PATH = "model.joblib"


def prepare_features(ride):
    """_summary_

    :param ride: _description_
    :type ride: _type_
    :return: _description_
    :rtype: _type_
    """
    features = {}
    features["PU_DO"] = "%s_%s" % (ride["PULocationID"], ride["DOLocationID"])
    features["trip_distance"] = ride["trip_distance"]
    return features


def predict(features):
    """_summary_

    :param features: _description_
    :type features: _type_
    :return: _description_
    :rtype: _type_
    """
    if os.path.exists(MODEL_LOCAL_PATH):
        model = load(MODEL_LOCAL_PATH)
    else:
        download_production_ready_model()
        model = load(MODEL_LOCAL_PATH)
    preds = model.predict(features)
    return float(preds[0])


def main():
    """
    Initialize and configure the Flask application.

    python

    Returns:
        Flask: Configured Flask application.
    """
    app = Flask("duration-prediction")

    @app.route("/predict", methods=["POST"])
    def predict_endpoint():
        """_summary_

        :return: _description_
        :rtype: _type_
        """
        ride = request.get_json()

        features = prepare_features(ride)
        pred = predict(features)

        result = {"ride": ride, "duration": pred}

        return jsonify(result)

    return app


# fixture: `gunicorn app:main()` and test_endpoint.py's POST of its ride, through Flask's test
#   client instead of the network
ride = {"PULocationID": 19, "DOLocationID": 70, "trip_distance": 500}  # fixture
predicted_response = main().test_client().post("/predict", json=ride).get_json()  # fixture

# check: the model came from the registry's production versions; the versions table lists
#   the newest first, so the loop's last download, the file served, is the older production
#   version's (version 1, trained on 2 x trip_distance)
assert os.path.exists(MODEL_LOCAL_PATH)
assert predicted_response["ride"] == ride, predicted_response
_features = prepare_features(ride)
_expected = {_v: float(_joblib.load(f"trained-{_v}.joblib").predict(_features)[0])
             for _v in range(4)}
assert predicted_response["duration"] == _expected[0], (predicted_response, _expected)
assert abs(_expected[0] - _expected[2]) > 100, _expected
with _neptune.init_model(with_id="DUR-RIDE", mode="read-only") as _model:
    _versions = _model.fetch_model_versions_table().to_pandas()
assert _versions["sys/id"].tolist() == ["DUR-RIDE-4", "DUR-RIDE-3", "DUR-RIDE-2", "DUR-RIDE-1"]
assert _versions["sys/stage"].tolist() == ["staging", "production", "archived", "production"]

# check: a second request is served from the downloaded file, not downloaded again
_mtime = os.path.getmtime(MODEL_LOCAL_PATH)
_second = main().test_client().post(
    "/predict", json={"PULocationID": 1, "DOLocationID": 2, "trip_distance": 10}).get_json()
assert os.path.getmtime(MODEL_LOCAL_PATH) == _mtime
assert _second["duration"] == float(_joblib.load("trained-0.joblib").predict(
    prepare_features(_second["ride"]))[0]), _second
