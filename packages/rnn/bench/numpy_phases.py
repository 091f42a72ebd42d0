"""The parts of numpy_rnn.py's step timed alone at the step's shapes, as bench/measure-phases.mjs times ours.

Usage: python3 numpy_phases.py --hidden 256 --batch 1 [--precision float64] [--vocab 66] [--seq 25]
Prints one JSON object: median microseconds per part (the per-step products counted T times), and their sum.
Run with OPENBLAS_NUM_THREADS=1, as the bench does.
"""
import argparse
import json
import time

import numpy as np


def median_us(f):
    for _ in range(20):
        f()
    calls, start = 1, time.perf_counter()
    while time.perf_counter() - start < 0.02:
        f()
        calls += 1
    samples = []
    for _ in range(15):
        start = time.perf_counter()
        for _ in range(calls):
            f()
        samples.append((time.perf_counter() - start) * 1e6 / calls)
    return sorted(samples)[len(samples) // 2]


def main():
    parser = argparse.ArgumentParser()
    for name, default in [('--hidden', 256), ('--batch', 1), ('--vocab', 66), ('--seq', 25)]:
        parser.add_argument(name, type=int, default=default)
    parser.add_argument('--precision', choices=['float64', 'float32'], default='float64')
    args = parser.parse_args()
    H, B, K, T = args.hidden, args.batch, args.vocab, args.seq
    N, dtype = T * B, np.dtype(args.precision)
    rng = np.random.default_rng(1)

    def r(*shape):
        return ((rng.random(shape) - 0.5) * 0.2).astype(dtype)

    W, V, U, S, Q, D = r(H, H), r(K, H), r(H, K), r(N, H), r(N, K), r(N, H)
    s = r(H) if B == 1 else r(B, H)
    x = np.arange(N) % K
    parts = {
        'recurrence W s (×T)': T * median_us(lambda: s @ W.T),
        'backward Wᵀδ (×T)': T * median_us(lambda: s @ W),
        'logits q = V s': median_us(lambda: S @ V.T),
        'dV = Σ e ⊗ s': median_us(lambda: Q.T @ S),
        'g = Vᵀe': median_us(lambda: Q @ V),
        'dW = Σ Δ ⊗ s_prev': median_us(lambda: D.T @ S),
        'tanh and the gather of U x (×T)': T * median_us(lambda: np.tanh(U.T[x[:B]] + s)),
    }

    def softmax():
        P = Q - Q.max(axis=1, keepdims=True)
        np.exp(P, out=P)
        P /= P.sum(axis=1, keepdims=True)
        return -np.log(P[np.arange(N), x]).mean()

    parts['softmax with cross-entropy'] = median_us(softmax)
    parts['δ gate (×T)'] = T * median_us(lambda: (s + s) * (1 - s * s))
    dU = np.zeros_like(U)
    parts['scatter of dU'] = median_us(lambda: np.add.at(dU.T, x, D))
    params = [U, W, V]
    grads = [p.copy() for p in params]
    memory = [np.zeros_like(p) for p in params]

    def adagrad():
        for theta, g, m in zip(params, grads, memory):
            np.clip(g, -5, 5, out=g)
            m += g * g
            theta -= 0.1 * g / np.sqrt(m + 1e-8)

    parts['Adagrad and the gradient norm'] = median_us(adagrad)
    contraction = sum(list(parts.values())[:6])
    print(json.dumps({'hidden': H, 'batch': B, 'precision': args.precision, 'vocab': K,
                      'contractionMicroseconds': contraction, 'partsMicroseconds': parts}))


if __name__ == '__main__':
    main()
