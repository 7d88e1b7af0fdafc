"""Writes LiteLLM's StandardLoggingPayload of real `litellm` calls as JSON lines.

The calls use `mock_response`, so no provider is called: LiteLLM builds the
response, counts the tokens, prices the call and runs its logging callbacks as
for a real one. A custom logger callback writes each payload (success and
failure) to the output file, one JSON object per line, as a team's callback
would. Used by LiteLLMRealProducerTests (pinned litellm==1.82.6, see .ci/run).

usage: python litellm-producer.py OUT.jsonl
"""

import json
import os
import sys
import time

# The bundled price map, never a download (the tests run offline).
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import litellm  # noqa: E402
from litellm.integrations.custom_logger import CustomLogger  # noqa: E402


class JSONLinesWriter(CustomLogger):
    def __init__(self, path):
        super().__init__()
        self.path = path
        self.count = 0

    def _write(self, kwargs):
        payload = kwargs.get("standard_logging_object")
        if payload is None:
            return
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(payload, default=str) + "\n")
        self.count += 1

    def log_success_event(self, kwargs, response_obj, start_time, end_time):
        self._write(kwargs)

    def log_failure_event(self, kwargs, response_obj, start_time, end_time):
        self._write(kwargs)


def wait_for(writer, expected):
    """LiteLLM runs the callbacks of synchronous calls on a worker thread: wait for the
    payload of each call before the next one, so the file holds them in call order
    (under load a success payload was once written after the failure that followed it)."""
    deadline = time.time() + 30
    while writer.count < expected and time.time() < deadline:
        time.sleep(0.05)
    if writer.count < expected:
        sys.exit(f"only {writer.count} of {expected} payloads were logged")


def main():
    out = sys.argv[1]
    open(out, "w").close()
    writer = JSONLinesWriter(out)
    litellm.callbacks = [writer]
    messages = [{"role": "user", "content": "What is the capital of France?"}]
    expected = 0
    for text in ["Paris.", "The capital of France is Paris."]:
        litellm.completion(model="gpt-4o", messages=messages, mock_response=text)
        expected += 1
        wait_for(writer, expected)
    try:
        litellm.completion(
            model="gpt-4o",
            messages=messages,
            mock_response=litellm.RateLimitError(
                message="mocked rate limit", llm_provider="openai", model="gpt-4o"
            ),
        )
    except Exception:
        pass
    expected += 1
    wait_for(writer, expected)


if __name__ == "__main__":
    main()
