"""Sends one request through the real litellm.Router loaded from a FlightDeck
LiteLLM target file that carries a shadow (silent experiment), and prints
who answered the caller and which deployments the router called, as JSON.

usage: litellm-router-shadow.py CONFIG.yaml MODEL_NAME

Each deployment of the file is given mock_response "answer from ID" (its
model_info.id) in memory, so no network is used and an answer names the
deployment that produced it. A CustomLogger records every successful call
with the deployment's model_info.id; the silent experiment runs on a
background thread, so the script waits (at most 20 s) for two calls.
"""
import json
import os
import sys
import time

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import yaml
from importlib.metadata import version

import litellm
from litellm import Router
from litellm.integrations.custom_logger import CustomLogger


class Recorder(CustomLogger):
    def __init__(self):
        super().__init__()
        self.calls = []

    def _record(self, kwargs, response_obj):
        info = (kwargs.get("litellm_params") or {}).get("model_info") or {}
        content = response_obj.choices[0].message.content if response_obj is not None else None
        self.calls.append({"id": info.get("id"), "content": content})

    def log_success_event(self, kwargs, response_obj, start_time, end_time):
        self._record(kwargs, response_obj)

    async def async_log_success_event(self, kwargs, response_obj, start_time, end_time):
        self._record(kwargs, response_obj)


def main() -> None:
    path, model_name = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    for deployment in config["model_list"]:
        deployment["litellm_params"]["mock_response"] = "answer from " + deployment["model_info"]["id"]
    recorder = Recorder()
    litellm.callbacks = [recorder]
    settings = config.get("router_settings", {})
    router = Router(model_list=config["model_list"], routing_strategy=settings.get("routing_strategy", "simple-shuffle"))
    response = router.completion(model=model_name, messages=[{"role": "user", "content": "hi"}])
    deadline = time.monotonic() + 20
    while len({c["id"] for c in recorder.calls}) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    print(json.dumps({
        "litellm": version("litellm"),
        "answer": response.choices[0].message.content,
        "served_by": response._hidden_params.get("model_id"),
        "calls": sorted(recorder.calls, key=lambda c: c["id"] or ""),
    }, sort_keys=True))


if __name__ == "__main__":
    main()
