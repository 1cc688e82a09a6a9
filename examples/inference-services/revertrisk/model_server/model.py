"""Revert risk model: how likely an edit is to be reverted.

A stand-in for the language-agnostic revert risk model: a few fixed
features (edit summary wording, bytes removed, anonymous editor) combined
by a logistic function. No weights are loaded.
"""

import math
from typing import Any, Dict

from kserve_lite import Model, create_app, optional_int, require_str

SUSPICIOUS_WORDS = ("lol", "!!!", "asdf", "blanked", "stupid")


class RevertRiskModel(Model):
    name = "revertrisk-language-agnostic"

    def predict_instance(self, instance: Dict[str, Any]) -> Dict[str, Any]:
        lang = require_str(instance, "lang")
        rev_id = optional_int(instance, "rev_id")
        comment = instance.get("comment", "")
        if not isinstance(comment, str):
            comment = ""
        bytes_changed = optional_int(instance, "bytes_changed")
        anonymous = instance.get("anonymous") is True

        z = -2.0
        z += 1.5 if not comment.strip() else 0.0
        z += 2.0 if any(w in comment.lower() for w in SUSPICIOUS_WORDS) else 0.0
        z += min(-bytes_changed, 5000) / 1000 if bytes_changed < 0 else 0.0
        z += 1.0 if anonymous else 0.0
        p_true = round(1 / (1 + math.exp(-z)), 4)
        return {
            "lang": lang,
            "rev_id": rev_id,
            "output": {
                "prediction": p_true >= 0.5,
                "probabilities": {"true": p_true, "false": round(1 - p_true, 4)},
            },
        }


app = create_app(RevertRiskModel())
