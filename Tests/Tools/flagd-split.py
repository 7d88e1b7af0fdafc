"""Evaluates a FlightDeck flagd target file with the real flagd in-process
evaluator (openfeature-provider-flagd in file mode) and prints, as JSON, how
many of COUNT targeting keys each variant served, and the variant one
sticky key got on each of 20 repeated evaluations.

usage: flagd-split.py FLAGS.json FLAG COUNT
"""
import json
import sys
from importlib.metadata import version

from openfeature import api
from openfeature.contrib.provider.flagd import FlagdProvider
from openfeature.contrib.provider.flagd.config import ResolverType
from openfeature.evaluation_context import EvaluationContext


def main() -> None:
    path, flag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    # Wait for the provider to load the file: evaluations before it is ready answer ERROR with the fallback.
    api.set_provider_and_wait(FlagdProvider(resolver_type=ResolverType.FILE, offline_flag_source_path=path))
    client = api.get_client()
    counts = {}
    reasons = {}
    for i in range(count):
        details = client.get_string_details(flag, "fallback", EvaluationContext(targeting_key=f"user-{i}"))
        counts[details.value] = counts.get(details.value, 0) + 1
        # An error's code says why (e.g. PROVIDER_NOT_READY, PARSE_ERROR), for the test's message.
        reason = str(details.reason) if details.error_code is None else f"{details.reason}:{details.error_code}"
        reasons[reason] = reasons.get(reason, 0) + 1
    sticky = [
        client.get_string_value(flag, "fallback", EvaluationContext(targeting_key="user-sticky"))
        for _ in range(20)
    ]
    api.shutdown()
    print(json.dumps({
        "provider": version("openfeature-provider-flagd"), "counts": counts, "reasons": reasons,
        "sticky": sticky,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
