"""The numpy side of the einsum benchmark: a JSON-lines server that times numpy.einsum on operands from files.

Started by bench/numpy-peer.mjs with OPENBLAS_NUM_THREADS=1. Requests on stdin, one JSON object per line:
  {"cmd": "info"}  -> numpy version, BLAS, thread counts
  {"cmd": "case", "subscripts": s, "operands": [{"path", "shape"}...], "result": path, "dtype": d, "kind": k}
      -> loads the case (operands cast to `dtype`, float64 or float32), writes the optimize=True result
         (as float64, row-major) to `result`, and returns numpy's optimized FLOP count and, per variant, a
         calibrated batch size {reps, samples}. With kind "toFlat" both variants are np.ascontiguousarray(a.T).
  {"cmd": "sample", "variant": "noOptimize" | "optimize", "reps": n}  -> seconds per call over one batch
Results are materialised row-major, as this package's are: einsum('ij->ji') alone returns a view (no work);
np.ascontiguousarray copies only then and costs ~0.1 µs when the result is already contiguous.
"""

import ctypes
import json
import os
import sys
import time

import numpy as np

SAMPLES = 31
case = {}


def time_batch(fn, reps):
    start = time.perf_counter()
    for _ in range(reps):
        fn()
    return (time.perf_counter() - start) / reps


def calibrate(fn, batch_seconds=0.01):
    """Warms fn up and sizes a batch to last about batch_seconds; slow calls get fewer samples."""
    reps = 1
    while True:
        per_call = time_batch(fn, reps)
        if per_call * reps >= batch_seconds / 4:
            samples = 1 if per_call > 1 else 3 if per_call > 0.2 else SAMPLES
            return {"reps": max(1, round(batch_seconds / per_call)), "samples": samples}
        reps *= 4


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
    try:
        entry = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
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


def load_case(request):
    dtype = np.float32 if request.get("dtype") == "float32" else np.float64
    operands = [
        np.fromfile(o["path"], dtype="<f8").reshape(o["shape"]).astype(dtype) for o in request["operands"]
    ]
    subscripts = request["subscripts"]
    case.clear()
    if request.get("kind") == "toFlat":
        case["noOptimize"] = case["optimize"] = lambda: np.ascontiguousarray(operands[0].T)
        flops = None
    else:
        case["noOptimize"] = lambda: np.ascontiguousarray(np.einsum(subscripts, *operands, optimize=False))
        case["optimize"] = lambda: np.ascontiguousarray(np.einsum(subscripts, *operands, optimize=True))
        flops = optimized_flops(subscripts, operands)
    np.ascontiguousarray(case["optimize"](), dtype="<f8").tofile(request["result"])
    return {
        "flops": flops,
        "plans": {variant: calibrate(case[variant]) for variant in ("noOptimize", "optimize")},
    }


def answer(request):
    if request["cmd"] == "info":
        return info()
    if request["cmd"] == "case":
        return load_case(request)
    return {"seconds": time_batch(case[request["variant"]], request["reps"])}


for line in sys.stdin:
    try:
        reply = answer(json.loads(line))
    except Exception as error:
        reply = {"error": f"{type(error).__name__}: {error}"}
    print(json.dumps(reply), flush=True)
