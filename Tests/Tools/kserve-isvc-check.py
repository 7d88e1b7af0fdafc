"""Loads every document of a FlightDeck KServe target file into the kserve
SDK's InferenceService model and prints what the model holds, as JSON.

usage: kserve-isvc-check.py FILE.yaml

The kserve wheel is installed without its dependencies (the serving stack:
numpy, pandas, grpcio-tools, fastapi...), so the package's __init__ (which
imports that stack) is bypassed: only kserve.models and kserve.api_client
(the OpenAPI-generated model classes and their deserializer, which need six,
python-dateutil, urllib3 and certifi) are imported. `spec` is deserialized
with ApiClient.deserialize into V1beta1InferenceServiceSpec (client-side
validation on: a missing required field raises) and serialized back with
sanitize_for_serialization; `lost` lists every path of the file's spec the
model did not keep (a misspelt or misplaced field is dropped by the
deserializer). metadata is a kubernetes V1ObjectMeta in the SDK; the
kubernetes package is not installed, so it is returned as read.
"""
import json
import os
import sys
import types
from importlib.metadata import version

import yaml

site = next(p for p in sys.path if p.endswith("site-packages") and os.path.isdir(os.path.join(p, "kserve")))
stub = types.ModuleType("kserve")
stub.__path__ = [os.path.join(site, "kserve")]
sys.modules["kserve"] = stub

import kserve.api_client  # noqa: E402
import kserve.models  # noqa: E402


class Response:
    def __init__(self, data):
        self.data = json.dumps(data)


def lost(original, kept, path=""):
    out = []
    if isinstance(original, dict):
        for k, v in original.items():
            if not isinstance(kept, dict) or k not in kept:
                out.append(f"{path}.{k}")
            else:
                out.extend(lost(v, kept[k], f"{path}.{k}"))
    elif isinstance(original, list):
        if not isinstance(kept, list) or len(kept) != len(original):
            out.append(path)
        else:
            for i, (a, b) in enumerate(zip(original, kept)):
                out.extend(lost(a, b, f"{path}[{i}]"))
    elif original != kept:
        out.append(path)
    return out


def main() -> None:
    client = kserve.api_client.ApiClient()
    with open(sys.argv[1], encoding="utf-8") as f:
        documents = [d for d in yaml.safe_load_all(f) if d is not None]
    out = []
    for doc in documents:
        spec = client.deserialize(Response(doc["spec"]), "V1beta1InferenceServiceSpec")
        isvc = kserve.models.V1beta1InferenceService(
            api_version=doc["apiVersion"], kind=doc["kind"], metadata=doc["metadata"], spec=spec)
        kept = client.sanitize_for_serialization(isvc.spec)
        model = isvc.spec.predictor.model
        out.append({
            "apiVersion": isvc.api_version,
            "kind": isvc.kind,
            "name": isvc.metadata["name"],
            "annotations": isvc.metadata.get("annotations", {}),
            "canaryTrafficPercent": isvc.spec.predictor.canary_traffic_percent,
            "storageUri": model.storage_uri,
            "modelFormat": model.model_format.name,
            "lost": lost(doc["spec"], kept, "spec"),
        })
    print(json.dumps({"kserve": version("kserve"), "services": out}, sort_keys=True))


if __name__ == "__main__":
    main()
