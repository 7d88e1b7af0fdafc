"""Routes requests through the real litellm.Router loaded from a FlightDeck
LiteLLM target file and prints how many each deployment served, as JSON.

usage: litellm-router-split.py CONFIG.yaml MODEL_NAME COUNT

Every request is a router.completion with mock_response (no network); the
deployment that served it is read from the response's model_id (the
deployment's model_info.id, ARTEFACT@VERSION in FlightDeck's files).
"""
import json
import os
import random
import sys

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import yaml
from importlib.metadata import version

from litellm import Router


def main() -> None:
    path, model_name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    random.seed(15)
    with open(path, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    settings = config.get("router_settings", {})
    router = Router(model_list=config["model_list"], routing_strategy=settings.get("routing_strategy", "simple-shuffle"))
    counts = {}
    for _ in range(count):
        response = router.completion(
            model=model_name, messages=[{"role": "user", "content": "hi"}], mock_response="ok")
        model_id = response._hidden_params.get("model_id")
        counts[model_id] = counts.get(model_id, 0) + 1
    print(json.dumps({"litellm": version("litellm"), "counts": counts}, sort_keys=True))


if __name__ == "__main__":
    main()
