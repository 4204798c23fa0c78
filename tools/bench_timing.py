"""The timing shared by the peer benchmark scripts, the same procedure as samples' Timing.java."""
import time


def millis_per_call(body, seconds=1.0):
    """Warm up for `seconds`, then the median of five rounds of as many calls; ms per call."""
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        body()
        calls += 1
    rounds = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(calls):
            body()
        rounds.append((time.perf_counter() - t0) * 1e3 / calls)
    return sorted(rounds)[2]
