"""The numpy side of the einsum benchmark: a JSON-lines server that times numpy.einsum on operands from files.

Started by bench/run.mjs with OPENBLAS_NUM_THREADS=1. Requests on stdin, one JSON object per line:
  {"cmd": "info"}  -> numpy version, BLAS, thread counts
  {"cmd": "case", "subscripts": s, "operands": [{"path", "shape"}...], "result": path}
      -> median seconds of einsum(optimize=False) and (optimize=True), numpy's optimized FLOP count;
         writes the optimize=True result (float64, row-major) to `result`.
"""

import ctypes
import json
import os
import sys
import time

import numpy as np


def median_seconds(fn, samples=11, batch_seconds=0.02):
    """Median seconds per call over `samples` batches of calls sized to last about batch_seconds each."""
    fn()
    reps = 1
    while True:
        start = time.perf_counter()
        for _ in range(reps):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= batch_seconds / 4:
            reps = max(1, round(reps * batch_seconds / elapsed))
            break
        reps *= 4
    if elapsed / reps > 0.2:  # a slow call (naive 5-operand loops): fewer samples keep the run short
        samples = 1 if elapsed / reps > 1 else 3
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(reps):
            fn()
        times.append((time.perf_counter() - start) / reps)
    times.sort()
    return times[len(times) // 2]


def openblas_threads():
    """The thread count OpenBLAS reports, read through its C API from the loaded library (None if not found)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and line.strip().endswith(".so")}
    for path in paths:
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_", "openblas_get_num_threads"):
            if hasattr(lib, name):
                return int(getattr(lib, name)())
    return None


def info():
    blas = "unknown"
    try:
        config = np.show_config(mode="dicts")
        entry = config["Build Dependencies"]["blas"]
        blas = f"{entry.get('name')} {entry.get('version')}"
    except Exception as error:  # older numpy: no mode='dicts'
        blas = f"unknown ({error})"
    return {
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "blas": blas,
        "blasThreads": openblas_threads(),
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
    }


def optimized_flops(subscripts, operands):
    report = np.einsum_path(subscripts, *operands, optimize="optimal")[1]
    for line in report.splitlines():
        if "Optimized FLOP count" in line:
            return float(line.split(":")[1])
    return None


def run_case(request):
    operands = [np.fromfile(o["path"], dtype="<f8").reshape(o["shape"]) for o in request["operands"]]
    subscripts = request["subscripts"]
    result = np.einsum(subscripts, *operands, optimize=True)
    np.ascontiguousarray(result, dtype="<f8").tofile(request["result"])
    # Results are materialised row-major, as this package's are: einsum('ij->ji') alone returns a view
    # (no work); ascontiguousarray copies only then and costs ~0.1 µs when the result is already contiguous.
    return {
        "noOptimize": median_seconds(lambda: np.ascontiguousarray(np.einsum(subscripts, *operands, optimize=False))),
        "optimize": median_seconds(lambda: np.ascontiguousarray(np.einsum(subscripts, *operands, optimize=True))),
        "flops": optimized_flops(subscripts, operands),
    }


for line in sys.stdin:
    request = json.loads(line)
    try:
        reply = info() if request["cmd"] == "info" else run_case(request)
    except Exception as error:
        reply = {"error": f"{type(error).__name__}: {error}"}
    print(json.dumps(reply), flush=True)
