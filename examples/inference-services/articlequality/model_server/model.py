"""Article quality model: rates wikitext on the Stub..FA scale.

Uses length, section headings and references as features, the way the
revscoring articlequality features start; the thresholds are made up.
"""

import re
from typing import Any, Dict

from kserve_lite import Model, create_app, require_str

LABELS = ("Stub", "Start", "C", "B", "GA", "FA")
HEADING = re.compile(r"^==[^=].*==\s*$", re.MULTILINE)
REF = re.compile(r"<ref[ >/]", re.IGNORECASE)


class ArticleQualityModel(Model):
    name = "articlequality"

    def predict_instance(self, instance: Dict[str, Any]) -> Dict[str, Any]:
        text = require_str(instance, "text")
        features = {
            "words": len(text.split()),
            "headings": len(HEADING.findall(text)),
            "refs": len(REF.findall(text)),
        }
        score = (
            min(features["words"] / 2000, 1.0) * 0.5
            + min(features["headings"] / 8, 1.0) * 0.2
            + min(features["refs"] / 20, 1.0) * 0.3
        )
        label = LABELS[min(int(score * len(LABELS)), len(LABELS) - 1)]
        return {"prediction": label, "score": round(score, 3), "features": features}


app = create_app(ArticleQualityModel())
