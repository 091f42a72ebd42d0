"""Reads an rnn-core safetensors file with numpy alone and prints forward() and the loss for given tokens, as JSON.

An oracle written apart from @rnn/core: its own reading of the format (struct + numpy.frombuffer) and the model's
equations (1a), (1b) and (2) in plain numpy. Usage: python3 forward_numpy.py MODEL.safetensors '[xs]' '[ys]'
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F64": "<f8", "F32": "<f4"}


def read(path):
    with open(path, "rb") as file:
        data = file.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    metadata = header.pop("__metadata__")
    buffer = data[8 + length :]
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        values = np.frombuffer(buffer[begin:end], dtype=DTYPES[info["dtype"]]).astype(np.float64)
        tensors[name] = values.reshape(info["shape"])
    return tensors, metadata


def main():
    tensors, metadata = read(sys.argv[1])
    xs, ys = json.loads(sys.argv[2]), json.loads(sys.argv[3])
    U, W, V = tensors["rnn.weight_ih_l0"], tensors["rnn.weight_hh_l0"], tensors["decoder.weight"]
    assert U.shape[1] == len(json.loads(metadata["vocabulary"])["tokens"])
    s, states, probabilities = np.zeros(W.shape[0]), [], []
    for x in xs:
        s = np.tanh(U[:, x] + W @ s)  # (1a), x one-hot: U x_t is column x_t of U
        q = V @ s
        p = np.exp(q - q.max())
        states.append(s)
        probabilities.append(p / p.sum())  # (1b)
    loss = -np.mean([np.log(p[y]) for p, y in zip(probabilities, ys)])  # (2), N = T
    print(json.dumps({"s": np.array(states).ravel().tolist(), "yHat": np.array(probabilities).ravel().tolist(), "loss": loss}))


if __name__ == "__main__":
    main()
