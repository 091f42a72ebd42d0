"""The same RNN and recipe as @rnn/core's train() in numpy, for the benchmark (written for this project).

Model: s_t = tanh(U x_t + W s_{t-1}), y_t = softmax(V s_t), no biases; loss = mean cross-entropy over the T
tokens of a chunk; gradients of that mean; each entry clipped to +-5; Adagrad lr 0.1, eps 1e-8; chunks of T
characters read in order, hidden state carried and reset when the text wraps (min-char-rnn's loop).

Variants:
  per-step   every time step computes its own output layer (as min-char-rnn does)
  batched    the output layer (logits, softmax, dV, V^T e) is one matrix product over the whole chunk
  minibatch  batched, over B streams at once (--batch B): the text is split into B equal segments, stream b
             reads segment b (as @rnn/core's train() does), the recurrence is a [B,H]x[H,H] product per step,
             the loss is the mean over the T*B tokens and one Adagrad update follows each step

Usage: python3 numpy_rnn.py FILE --variant per-step|batched|minibatch --hidden 100 --chars 50000
         [--batch 32 --seq 25 --seed 1 --init F --trace F]
Prints one JSON object: chars per wall second and per CPU second, wall and CPU seconds, and the mean loss of the last
10% of steps.
"""
import argparse
import json
import os
import time

import numpy as np


def init(K, H, seed):
    rng = np.random.default_rng(seed)
    U = rng.uniform(-1 / np.sqrt(K), 1 / np.sqrt(K), (H, K))
    W = rng.uniform(-1 / np.sqrt(H), 1 / np.sqrt(H), (H, H))
    V = rng.uniform(-1 / np.sqrt(H), 1 / np.sqrt(H), (K, H))
    return U, W, V


def step_per_step(U, W, V, xs, ys, h0):
    """min-char-rnn's loop: forward and backward one time step at a time."""
    T, H = len(xs), W.shape[0]
    s, p = {-1: h0}, {}
    loss = 0.0
    for t in range(T):
        s[t] = np.tanh(U[:, xs[t]] + W @ s[t - 1])
        q = V @ s[t]
        e = np.exp(q - q.max())
        p[t] = e / e.sum()
        loss -= np.log(p[t][ys[t]])
    dU, dW, dV = np.zeros_like(U), np.zeros_like(W), np.zeros_like(V)
    carried = np.zeros(H)
    for t in reversed(range(T)):
        dy = p[t].copy()
        dy[ys[t]] -= 1
        dy /= T
        dV += np.outer(dy, s[t])
        delta = (V.T @ dy + carried) * (1 - s[t] * s[t])
        dU[:, xs[t]] += delta
        dW += np.outer(delta, s[t - 1])
        carried = W.T @ delta
    return loss / T, (dU, dW, dV), s[T - 1]


def step_batched(U, W, V, xs, ys, h0):
    """The recurrence per step; the output layer and its gradients as one product over the chunk."""
    T, H = len(xs), W.shape[0]
    S = np.empty((T + 1, H))
    S[0] = h0
    for t in range(T):
        S[t + 1] = np.tanh(U[:, xs[t]] + W @ S[t])
    Q = S[1:] @ V.T
    Q -= Q.max(axis=1, keepdims=True)
    P = np.exp(Q)
    P /= P.sum(axis=1, keepdims=True)
    rows = np.arange(T)
    loss = -np.log(P[rows, ys]).mean()
    P[rows, ys] -= 1
    P /= T
    dV = P.T @ S[1:]
    G = P @ V
    D = np.empty((T, H))
    carried = np.zeros(H)
    for t in reversed(range(T)):
        D[t] = (G[t] + carried) * (1 - S[t + 1] * S[t + 1])
        carried = W.T @ D[t]
    dW = D.T @ S[:-1]
    dU = np.zeros_like(U)
    np.add.at(dU.T, xs, D)
    return loss, (dU, dW, dV), S[T]


def step_minibatch(U, W, V, X, Y, h0):
    """B streams at once: X, Y are [T, B] token ids, h0 is [B, H]; the mean loss over the T*B tokens."""
    (T, B), H = X.shape, W.shape[0]
    N = T * B
    S = np.empty((T + 1, B, H))
    S[0] = h0
    for t in range(T):
        S[t + 1] = np.tanh(U.T[X[t]] + S[t] @ W.T)
    states = S[1:].reshape(N, H)
    Q = states @ V.T
    Q -= Q.max(axis=1, keepdims=True)
    P = np.exp(Q)
    P /= P.sum(axis=1, keepdims=True)
    rows, targets = np.arange(N), Y.reshape(N)
    loss = -np.log(P[rows, targets]).mean()
    P[rows, targets] -= 1
    P /= N
    dV = P.T @ states
    G = (P @ V).reshape(T, B, H)
    D = np.empty((T, B, H))
    carried = np.zeros((B, H))
    for t in reversed(range(T)):
        D[t] = (G[t] + carried) * (1 - S[t + 1] * S[t + 1])
        carried = D[t] @ W
    deltas = D.reshape(N, H)
    dW = deltas.T @ S[:-1].reshape(N, H)
    dU = np.zeros_like(U)
    np.add.at(dU.T, X.reshape(N), deltas)
    return loss, (dU, dW, dV), S[T]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('file')
    parser.add_argument('--variant', choices=['per-step', 'batched', 'minibatch'], required=True)
    parser.add_argument('--batch', type=int, default=1, help='streams B (minibatch only)')
    parser.add_argument('--hidden', type=int, default=100)
    parser.add_argument('--chars', type=int, default=50000)
    parser.add_argument('--seq', type=int, default=25)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--trace', help='write the loss of every step to this JSON file')
    parser.add_argument('--init', help='raw float64 U, W, V (row-major) to start from, e.g. @rnn/core\'s')
    args = parser.parse_args()
    with open(args.file, encoding='utf-8') as f:
        text = f.read()
    chars = sorted(set(text))
    index = {c: i for i, c in enumerate(chars)}
    data = np.array([index[c] for c in text], dtype=np.int64)
    K, H, T = len(chars), args.hidden, args.seq
    if args.init:
        flat = np.fromfile(args.init, dtype='<f8')
        U = flat[:H * K].reshape(H, K).copy()
        W = flat[H * K:H * K + H * H].reshape(H, H).copy()
        V = flat[H * K + H * H:].reshape(K, H).copy()
    else:
        U, W, V = init(K, H, args.seed)
    params = [U, W, V]
    memory = [np.zeros_like(m) for m in params]
    B = args.batch if args.variant == 'minibatch' else 1
    if B < 1 or (B > 1 and args.variant != 'minibatch'):
        parser.error('--batch > 1 needs --variant minibatch')
    segment = (len(data) - 1) // B  # stream b reads data[b*segment ...], its last target the next one's first input
    starts = np.arange(B) * segment
    offsets = np.arange(T)
    steps = args.chars // (T * B)
    h = np.zeros((B, H)) if args.variant == 'minibatch' else np.zeros(H)
    p = 0
    losses = []
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(steps):
        if p + T > segment:
            p, h = 0, np.zeros_like(h)
        if args.variant == 'minibatch':
            X = data[starts[None, :] + p + offsets[:, None]]  # [T, B]
            loss, grads, h = step_minibatch(U, W, V, X, data[starts[None, :] + p + 1 + offsets[:, None]], h)
        else:
            step = step_per_step if args.variant == 'per-step' else step_batched
            loss, grads, h = step(U, W, V, data[p:p + T], data[p + 1:p + T + 1], h)
        for theta, g, m in zip(params, grads, memory):
            np.clip(g, -5, 5, out=g)
            m += g * g
            theta -= 0.1 * g / np.sqrt(m + 1e-8)
        losses.append(loss)
        p += T
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    if args.trace:
        with open(args.trace, 'w') as f:
            json.dump([float(x) for x in losses], f)
    tail = losses[-max(1, steps // 10):]
    print(json.dumps({
        'implementation': f'numpy {args.variant}', 'hidden': H, 'batch': B, 'chars': steps * T * B,
        'seconds': seconds, 'cpuSeconds': cpu_seconds, 'charsPerSecond': steps * T * B / seconds,
        'charsPerCpuSecond': steps * T * B / cpu_seconds, 'loss': float(np.mean(tail)), 'vocabSize': K,
        'numpy': np.__version__, 'init': 'from file' if args.init else f'numpy seed {args.seed}', 'openblasThreads': os.environ.get('OPENBLAS_NUM_THREADS', 'unset'),
    }))


if __name__ == '__main__':
    main()
