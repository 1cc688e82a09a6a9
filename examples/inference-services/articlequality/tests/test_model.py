from fastapi.testclient import TestClient

from model_server.model import app

client = TestClient(app)
URL = "/v1/models/articlequality"


def test_readiness():
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"name": "articlequality", "ready": True}


def test_stub_and_long_article():
    stub = "'''Foo''' is a village."
    sections = "".join(
        f"== Section {i} ==\n" + "word " * 250 + "<ref>source</ref>\n" * 3
        for i in range(8)
    )
    response = client.post(
        URL + ":predict", json={"instances": [{"text": stub}, {"text": sections}]}
    )
    assert response.status_code == 200
    short, long_ = response.json()["predictions"]
    assert short["prediction"] == "Stub"
    assert long_["prediction"] == "FA"
    assert long_["features"] == {"words": 2056, "headings": 8, "refs": 24}


def test_requires_text():
    response = client.post(URL + ":predict", json={"instances": [{"rev_id": 1}]})
    assert response.status_code == 400
