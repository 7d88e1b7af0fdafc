/* Deterministic FlightDeck JSON Lines telemetry over many (artefact, version, route) groups.
 *
 * Build and run: cc -O2 -o /tmp/gen_cardinality Benchmarks/gen_cardinality.c -lm
 *                /tmp/gen_cardinality LINES GROUPS [SEED] > file.jsonl
 *
 * Same keys, order and formats as ../shared/bench/gen_telemetry.py, so the peers script reads
 * it unchanged: ts (RFC 3339 UTC, ms, non-decreasing, one line per ms from
 * 2025-06-01T00:00:00.000Z), request_id, artefact, kind, version, route, latency_ms (3
 * decimals), input_tokens, output_tokens, cost_usd (6 decimals), status. Group g (0 <= g <
 * GROUPS) is artefact "svc-<g / 2>" on route stable (version v1) for even g, canary (v2) for
 * odd g; each line picks a group uniformly at random (SplitMix64). latency_ms is lognormal
 * (Box-Muller) with a per-group median between 20 ms and 2 s and sigma 0.5; 0.5 % of requests
 * time out at 30000.000 ms and 1.5 % are errors (output_tokens 0 for both). C rather than
 * Python: the benchmark machine is shared, and 5 M lines take ~3 s of CPU here, not ~25 s.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;
static uint64_t next(void) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
static double uniform(void) { return (double)(next() >> 11) / 9007199254740992.0; }
static double normal(void) {
  double u = uniform(), v = uniform();
  if (u < 1e-300) u = 1e-300;
  return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s LINES GROUPS [SEED]\n", argv[0]);
    return 2;
  }
  long lines = atol(argv[1]);
  long groups = atol(argv[2]);
  state = argc > 3 ? strtoull(argv[3], 0, 10) : 42;
  if (lines < 0 || groups < 1) return 2;
  double *mu = malloc(sizeof(double) * groups);
  for (long g = 0; g < groups; g++) mu[g] = log(20.0) + uniform() * log(100.0);
  static char buf[1 << 16];
  setvbuf(stdout, buf, _IOFBF, sizeof buf);
  for (long t = 0; t < lines; t++) {
    long g = (long)(next() % (uint64_t)groups);
    double lat = exp(mu[g] + 0.5 * normal());
    double u = uniform();
    long in = 50 + (long)(next() % 3950), out = 1 + (long)(next() % 799);
    const char *st = "ok";
    if (u < 0.005) { st = "timeout"; lat = 30000.0; out = 0; }
    else if (u < 0.02) { st = "error"; out = 0; }
    long sec = t / 1000, h = sec / 3600;
    printf("{\"ts\":\"2025-06-%02ldT%02ld:%02ld:%02ld.%03ldZ\",\"request_id\":\"r%012lx\","
           "\"artefact\":\"svc-%05ld\",\"kind\":\"model\",\"version\":\"v%d\",\"route\":\"%s\","
           "\"latency_ms\":%.3f,\"input_tokens\":%ld,\"output_tokens\":%ld,\"cost_usd\":%.6f,"
           "\"status\":\"%s\"}\n",
           1 + h / 24, h % 24, (sec / 60) % 60, sec % 60, t % 1000, t, g / 2, g % 2 ? 2 : 1,
           g % 2 ? "canary" : "stable", lat, in, out, in * 1e-6 + out * 3e-6, st);
  }
  return 0;
}
