"""Outlink topic model: guesses article topics from the titles it links to.

The real service runs a fastText model over outlinks; this one counts
keyword hits per topic, which is deterministic and needs no weights.
"""

import re
from typing import Any, Dict, List

from kserve_lite import InvalidInput, Model, create_app, require_str

TOPIC_KEYWORDS = {
    "STEM.Physics": ("physics", "quantum", "energy", "particle", "relativity"),
    "STEM.Biology": ("biology", "cell", "species", "genetics", "evolution"),
    "Culture.Music": ("music", "album", "song", "band", "opera"),
    "Geography.Europe": ("europe", "france", "germany", "italy", "spain"),
}


class OutlinkTopicModel(Model):
    name = "outlink-topic-model"

    def predict_instance(self, instance: Dict[str, Any]) -> Dict[str, Any]:
        page_title = require_str(instance, "page_title")
        lang = require_str(instance, "lang")
        outlinks = instance.get("outlinks", [])
        if not isinstance(outlinks, list) or not all(
            isinstance(o, str) for o in outlinks
        ):
            raise InvalidInput("The parameter 'outlinks' must be a list of strings.")
        threshold = instance.get("threshold", 0.1)
        if not isinstance(threshold, (int, float)):
            raise InvalidInput("The parameter 'threshold' must be a number.")
        return {
            "page_title": page_title,
            "lang": lang,
            "topics": self.score(outlinks, float(threshold)),
        }

    @staticmethod
    def score(outlinks: List[str], threshold: float) -> List[Dict[str, Any]]:
        # One set of lowercase words per linked title: "General_relativity"
        # -> {"general", "relativity"}.
        links = [set(re.split(r"[\W_]+", link.lower())) for link in outlinks]
        topics = []
        for topic, keywords in TOPIC_KEYWORDS.items():
            hits = sum(1 for words in links if words.intersection(keywords))
            score = round(hits / len(links), 3) if links else 0.0
            if score >= threshold and hits:
                topics.append({"topic": topic, "score": score})
        return sorted(topics, key=lambda t: (-t["score"], t["topic"]))


app = create_app(OutlinkTopicModel())
