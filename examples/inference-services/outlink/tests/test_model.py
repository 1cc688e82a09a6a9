from fastapi.testclient import TestClient

from model_server.model import app

client = TestClient(app)
URL = "/v1/models/outlink-topic-model"


def test_readiness():
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"name": "outlink-topic-model", "ready": True}


def test_listing_and_root():
    assert client.get("/v1/models").json() == {"models": ["outlink-topic-model"]}
    assert client.get("/").json() == {"status": "alive"}


def test_predict_ranks_topics():
    instance = {
        "page_title": "Albert_Einstein",
        "lang": "en",
        "outlinks": ["Quantum_mechanics", "General_relativity", "Germany", "Violin"],
    }
    response = client.post(URL + ":predict", json={"instances": [instance]})
    assert response.status_code == 200
    [prediction] = response.json()["predictions"]
    assert prediction["page_title"] == "Albert_Einstein"
    assert prediction["topics"] == [
        {"topic": "STEM.Physics", "score": 0.5},
        {"topic": "Geography.Europe", "score": 0.25},
    ]


def test_predict_rejects_missing_lang():
    response = client.post(
        URL + ":predict", json={"instances": [{"page_title": "X", "outlinks": []}]}
    )
    assert response.status_code == 400
    assert "lang" in response.json()["error"]


def test_unknown_model_is_404():
    assert client.get("/v1/models/nope").status_code == 404
