"""Trains an exported @rnn/core model with PyTorch's DistributedDataParallel; written by `rnn export --format torch`.

The recipe is `rnn train`'s, read from the model's metadata: the text is cut into B equal segments read in order,
seqLength tokens at a time, each stream carrying its hidden state to the next chunk (reset to zero when the streams
wrap to the start of the text); the loss is the mean cross-entropy per token; every gradient entry is clipped to
+-clip; Adagrad (memory += g^2, theta -= lr g / sqrt(memory + 1e-8)) or SGD (with halving on a rising loss).
The B streams are shared among the processes and DDP averages their gradients, so P processes compute exactly
the update `rnn train --batch B` computes alone. Optimizer memory starts at zero, as `rnn train --resume` does
for a .safetensors file.

One machine, 2 processes (gloo on 127.0.0.1, or nccl with one GPU per process when CUDA is present):
    python3 train_ddp.py corpus.txt --steps 1000 --nproc 2
Several machines: launch with torchrun, which sets RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT:
    torchrun --nnodes 2 --nproc_per_node 4 --rdzv_backend c10d --rdzv_endpoint HOST:29500 \\
        train_ddp.py corpus.txt --steps 1000
The result is written (by rank 0, atomically) to --out, default model.trained.safetensors; `rnn sample` reads it.
"""

import argparse
import json
import math
import os
import socket
import sys
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import load, save  # noqa: E402  (model.py sits beside this file)

ADAGRAD_EPSILON = 1e-8


def parse_arguments(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text", help="UTF-8 training text in the model's vocabulary (char level: no new characters; "
                        "word level: new words become <unk>)")
    parser.add_argument("--model", default=os.path.join(here, "model.safetensors"), help="exported model to start from")
    parser.add_argument("--out", default="model.trained.safetensors", help="where to write the trained model")
    parser.add_argument("--steps", type=int, default=1000, help="optimizer updates (default 1000)")
    parser.add_argument("--batch", type=int, help="streams B over all processes (default: the model's batchSize, "
                        "rounded up to a multiple of the number of processes)")
    parser.add_argument("--nproc", type=int, default=1, help="processes to spawn on this machine, without torchrun")
    parser.add_argument("--backend", choices=("gloo", "nccl"), help="default: nccl with CUDA, else gloo")
    parser.add_argument("--log-every", type=int, default=10, help="a progress line every N steps (default 10)")
    parser.add_argument("--json", action="store_true", help="progress as JSON lines {step, loss, tokensPerSecond}")
    arguments = parser.parse_args(argv)
    for name in ("steps", "nproc", "log_every") + (("batch",) if arguments.batch is not None else ()):
        if getattr(arguments, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return arguments


class Streams:
    """B equal segments of the token ids; stream b reads segment b from the shared position (as @rnn/core)."""

    def __init__(self, ids, seq_length, batch, first, count, device):
        self.segment = (len(ids) - 1) // batch
        self.ids = torch.tensor(ids, dtype=torch.long)
        self.seq_length, self.rows, self.device = seq_length, range(first, first + count), device

    def fits(self, position):
        return position + self.seq_length <= self.segment

    def chunk(self, position):
        """Inputs and targets [T, count] of this process's streams at position."""
        starts = [b * self.segment + position for b in self.rows]
        inputs = torch.stack([self.ids[s : s + self.seq_length] for s in starts], dim=1)
        targets = torch.stack([self.ids[s + 1 : s + self.seq_length + 1] for s in starts], dim=1)
        return inputs.to(self.device), targets.to(self.device)


class Optimizer:
    """@rnn/core's update: each gradient entry clipped to +-clip, then Adagrad or SGD with halving on a rise."""

    def __init__(self, parameters, hyperparameters):
        self.parameters = list(parameters)
        self.name, self.clip = hyperparameters["optimizer"], hyperparameters["clip"]
        self.learning_rate = hyperparameters["learningRate"]
        self.memory = [torch.zeros_like(p) for p in self.parameters]
        self.evaluate_every = hyperparameters.get("evaluateEvery", 100)
        self.halve_on_rise = hyperparameters.get("halveOnRise", True)
        self.window, self.previous = [], None

    @torch.no_grad()
    def step(self):
        for theta, memory in zip(self.parameters, self.memory):
            g = theta.grad.clamp(-self.clip, self.clip)
            if self.name == "adagrad":
                memory.add_(g * g)
                theta.sub_(self.learning_rate * g / torch.sqrt(memory + ADAGRAD_EPSILON))
            else:
                theta.sub_(self.learning_rate * g)

    def observe(self, loss):
        """SGD: after every evaluateEvery steps, halve the rate when the window's mean loss rose."""
        if self.name != "sgd" or not self.halve_on_rise:
            return
        self.window.append(loss)
        if len(self.window) < self.evaluate_every:
            return
        mean = sum(self.window) / len(self.window)
        if self.previous is not None and mean > self.previous:
            self.learning_rate /= 2
        self.previous, self.window = mean, []


class WithLoss(torch.nn.Module):
    """The model with its loss as forward(), so that DDP sees one forward and one backward per step."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, inputs, targets, h0, truncate):
        return self.model.loss(inputs, targets, h0, truncate)


def read_text(path):
    with open(path, encoding="utf-8-sig") as file:
        return file.read()


def global_batch(arguments, hyperparameters, world):
    """The number of streams B: --batch, or the model's batchSize rounded up to a multiple of the processes."""
    batch = arguments.batch or hyperparameters.get("batchSize", 1)
    if arguments.batch is None:
        batch = math.ceil(batch / world) * world
    if batch % world:
        raise SystemExit(f"train_ddp.py: --batch {batch} does not divide among {world} processes: give a multiple of {world}")
    return batch


def check(arguments, world):
    """Refuses bad input with one line before any process starts: the model, the text, the batch."""
    try:
        _, vocabulary, metadata = load(arguments.model)
        ids = vocabulary.encode(read_text(arguments.text))
    except (OSError, ValueError, KeyError) as error:  # model.FormatError is a ValueError
        raise SystemExit(f"train_ddp.py: {error}") from None
    hp = metadata["hyperparameters"]
    batch = global_batch(arguments, hp, world)
    if (len(ids) - 1) // batch < hp["seqLength"]:
        raise SystemExit(f"train_ddp.py: the text has {len(ids)} tokens; {batch} streams of {hp['seqLength']} + 1 need more")


def train(rank, world, arguments, local_rank):
    """One process of the run: rank `rank` of `world`, its share of the streams, DDP for the gradients.

    local_rank picks the GPU on this machine when nccl is used (one GPU per process).
    """
    cuda = torch.cuda.is_available() and arguments.backend != "gloo"
    backend = arguments.backend or ("nccl" if cuda else "gloo")
    device = torch.device(f"cuda:{local_rank}" if backend == "nccl" else "cpu")
    dist.init_process_group(backend, rank=rank, world_size=world)
    try:
        run(rank, world, arguments, device)
    finally:
        dist.destroy_process_group()


def run(rank, world, arguments, device):
    model, vocabulary, metadata = load(arguments.model)
    hp = metadata["hyperparameters"]
    batch = global_batch(arguments, hp, world)
    share = batch // world
    streams = Streams(vocabulary.encode(read_text(arguments.text)), hp["seqLength"], batch, rank * share, share, device)
    model = model.to(device)
    parallel = DistributedDataParallel(WithLoss(model), device_ids=[device.index] if device.type == "cuda" else None)
    optimizer = Optimizer(model.parameters(), hp)
    dtype = model.decoder.weight.dtype
    hidden = torch.zeros(1, share, hp["hiddenSize"], dtype=dtype, device=device)
    position, start_step, started = 0, int(metadata.get("step", "0")), time.perf_counter()
    if rank == 0:
        print(f"{world} process(es) ({dist.get_backend()}, PyTorch {torch.__version__}), {batch} streams of {hp['seqLength']} tokens, "
              f"{len(vocabulary)} tokens ({vocabulary.level}), H = {hp['hiddenSize']}, {dtype}; "
              f"optimizer memory starts at zero", file=sys.stderr)
    for step in range(1, arguments.steps + 1):
        if not streams.fits(position):
            position = 0
            hidden.zero_()
        inputs, targets = streams.chunk(position)
        parallel.zero_grad(set_to_none=False)
        loss, last = parallel(inputs, targets, hidden, hp.get("truncate"))
        loss.backward()  # DDP all-reduces the gradients: their mean over processes is the gradient of the global loss
        optimizer.step()
        mean_loss = loss.detach().clone()
        dist.all_reduce(mean_loss)
        mean_loss = mean_loss.item() / world
        optimizer.observe(mean_loss)
        hidden = last.detach()
        position += hp["seqLength"]
        if rank == 0 and (step % arguments.log_every == 0 or step == arguments.steps):
            seconds = time.perf_counter() - started
            record = {"step": start_step + step, "loss": mean_loss, "tokensPerSecond": step * batch * hp["seqLength"] / seconds}
            print(json.dumps(record) if arguments.json else f"step {record['step']}  loss {mean_loss:.4f}", flush=True)
    if rank == 0:
        hp = {**hp, "batchSize": batch}
        save(arguments.out, model, {**metadata, "hyperparameters": hp, "step": str(start_step + arguments.steps),
                                     "source": f"{os.path.basename(arguments.text)} (PyTorch DDP, {world} processes)"})
        print(f"saved {arguments.out} at step {start_step + arguments.steps}; try: rnn sample {arguments.out}", file=sys.stderr)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def spawned(rank, world, arguments):
    train(rank, world, arguments, local_rank=rank)


def main():
    arguments = parse_arguments()
    check(arguments, int(os.environ["WORLD_SIZE"]) if "RANK" in os.environ else arguments.nproc)
    if "RANK" in os.environ:  # launched by torchrun (or by hand with RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT)
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        train(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), arguments, local_rank)
        return
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", str(free_port()))
    if arguments.nproc == 1:
        train(0, 1, arguments, local_rank=0)
    else:
        mp.spawn(spawned, args=(arguments.nproc, arguments), nprocs=arguments.nproc)


if __name__ == "__main__":
    main()
