from fastapi.testclient import TestClient

from model_server.model import app

client = TestClient(app)
URL = "/v1/models/revertrisk-language-agnostic"


def predict(*instances):
    return client.post(URL + ":predict", json={"instances": list(instances)})


def test_readiness():
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"name": "revertrisk-language-agnostic", "ready": True}


def test_vandalism_scores_higher_than_a_fix():
    response = predict(
        {"lang": "en", "rev_id": 1, "comment": "fix typo", "bytes_changed": 4},
        {
            "lang": "en",
            "rev_id": 2,
            "comment": "",
            "bytes_changed": -3000,
            "anonymous": True,
        },
    )
    assert response.status_code == 200
    fix, vandalism = response.json()["predictions"]
    assert fix["output"]["prediction"] is False
    assert vandalism["output"]["prediction"] is True
    assert vandalism["rev_id"] == 2
    probs = fix["output"]["probabilities"]
    assert abs(probs["true"] + probs["false"] - 1) < 1e-9


def test_rejects_bad_instances():
    assert predict({"rev_id": 3}).status_code == 400
    assert client.post(URL + ":predict", json={"instances": []}).status_code == 400
    assert client.post(URL + ":predict", content=b"not json").status_code == 400
