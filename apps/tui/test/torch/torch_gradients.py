"""PyTorch autograd on exported models: loss and gradients of U, W, V for the cases in a JSON file, as JSON.

Usage: python3 torch_gradients.py CASES.json, where CASES.json is {"cases": [{"folder", "xs", "ys", "truncate"}]}
and each folder is an `rnn export --format torch` output; its own model.py loads its model.safetensors, so the
exported files themselves are what is checked. Prints {"torch": version, "results": [{loss, dU, dW, dV}]}.
"""
import importlib.util
import json
import os
import sys

import torch


def exported_model(folder):
    spec = importlib.util.spec_from_file_location("exported_model", os.path.join(folder, "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model, _, _ = module.load(os.path.join(folder, "model.safetensors"), dtype=torch.float64)
    return model


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        cases = json.load(file)["cases"]
    results = []
    for case in cases:
        model = exported_model(case["folder"])
        inputs = torch.tensor(case["xs"]).unsqueeze(1)  # [T, B = 1]
        targets = torch.tensor(case["ys"]).unsqueeze(1)
        loss, _ = model.loss(inputs, targets, None, case["truncate"])
        loss.backward()
        results.append({
            "loss": loss.item(),
            "dU": model.rnn.weight_ih_l0.grad.reshape(-1).tolist(),
            "dW": model.rnn.weight_hh_l0.grad.reshape(-1).tolist(),
            "dV": model.decoder.weight.grad.reshape(-1).tolist(),
        })
    print(json.dumps({"torch": torch.__version__, "python": sys.version.split()[0], "results": results}))


if __name__ == "__main__":
    main()
