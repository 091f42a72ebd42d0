"""The @rnn/core model in PyTorch, written by `rnn export --format torch` beside model.safetensors.

    s_t = tanh(U x_t + W s_{t-1}),  y_t = softmax(V s_t),  x_t one-hot, s_{-1} = 0

is nn.RNN(K, H, bias=False) followed by nn.Linear(H, K, bias=False), with
U [H, K] = rnn.weight_ih_l0, W [H, H] = rnn.weight_hh_l0 and V [K, H] = decoder.weight.
Only torch is needed: the safetensors file is read and written by the small functions below, so the
`safetensors` package may be missing.

    import torch
    from model import load
    model, vocabulary, metadata = load('model.safetensors')
    ids = torch.tensor(vocabulary.encode('The harbour')).unsqueeze(1)      # [T, B = 1]
    loss, last = model.loss(ids[:-1], ids[1:])                             # mean nats per token
"""

import json
import math
import os
import re
import struct
import tempfile

import torch
import torch.nn.functional as F
from torch import nn

FORMAT = "rnn-core"
VERSION = "1"
DTYPES = {"F64": torch.float64, "F32": torch.float32}
DTYPE_NAMES = {torch.float64: "F64", torch.float32: "F32"}
PRECISIONS = {"float64": torch.float64, "float32": torch.float32}
TENSOR_NAMES = ("rnn.weight_ih_l0", "rnn.weight_hh_l0", "decoder.weight")


class FormatError(ValueError):
    """A file that is not a valid rnn-core safetensors model; the message names the field at fault."""


def _no_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise FormatError(f"header: key {key!r} appears twice in one object")
    return dict(pairs)


def read_safetensors(path):
    """The tensors (by name) and the __metadata__ dict of a safetensors file with F64 and F32 tensors.

    Checks what the format requires: the header length, JSON without duplicate keys, each dtype, shape and
    data_offsets, and that the tensors tile the data exactly (no overlap, no gap, nothing after the last).
    """
    with open(path, "rb") as file:
        data = file.read()
    if len(data) < 8:
        raise FormatError(f"{path}: {len(data)} bytes; a safetensors file starts with an 8-byte header length")
    (length,) = struct.unpack("<Q", data[:8])
    if length > len(data) - 8:
        raise FormatError(f"{path}: the header length says {length} bytes, but only {len(data) - 8} follow")
    try:
        header = json.loads(data[8 : 8 + length].decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FormatError(f"{path}: the header is not UTF-8 JSON ({error})") from None
    if not isinstance(header, dict):
        raise FormatError(f"{path}: the header is not a JSON object")
    metadata = header.pop("__metadata__", {})
    if not all(isinstance(value, str) for value in metadata.values()):
        raise FormatError(f"{path}: __metadata__ values must be strings")
    buffer = memoryview(data)[8 + length :]
    entries = sorted((_entry(name, info, len(buffer)) for name, info in header.items()), key=lambda e: e[3:5])
    tensors, position = {}, 0
    for name, dtype, shape, begin, end in entries:
        if begin != position:
            raise FormatError(f"tensor {name!r}: data_offsets begin at {begin}, but the previous tensor ends at {position}")
        tensors[name] = _from_little_endian(buffer[begin:end], dtype).reshape(shape)
        position = end
    if position != len(buffer):
        raise FormatError(f"{path}: the tensors cover {position} bytes of data, but {len(buffer)} follow the header")
    return tensors, metadata


def _entry(name, info, available):
    """(name, dtype, shape, begin, end) of one header entry, checked against its dtype and the data size."""
    if not isinstance(info, dict) or set(info) != {"dtype", "shape", "data_offsets"}:
        raise FormatError(f"tensor {name!r}: expected exactly dtype, shape and data_offsets, got {info!r}")
    if info["dtype"] not in DTYPES:
        raise FormatError(f"tensor {name!r}: dtype {info['dtype']!r} is not read here (F64, F32)")
    dtype, shape, offsets = DTYPES[info["dtype"]], info["shape"], info["data_offsets"]
    if not all(isinstance(n, int) and n >= 0 for n in list(shape) + list(offsets)) or len(offsets) != 2:
        raise FormatError(f"tensor {name!r}: shape {shape} and data_offsets {offsets} must be integers >= 0")
    begin, end = offsets
    size = math.prod(shape) * torch.tensor([], dtype=dtype).element_size()
    if end - begin != size or end > available:
        raise FormatError(f"tensor {name!r}: data_offsets {offsets} do not hold shape {shape} within {available} bytes")
    return name, dtype, shape, begin, end


STRUCT_CODES = {torch.float64: "d", torch.float32: "f"}


def _from_little_endian(raw, dtype):
    """A 1-d tensor of the little-endian values in raw (struct reads them on any host, without numpy)."""
    count = len(raw) // torch.tensor([], dtype=dtype).element_size()
    return torch.tensor(struct.unpack(f"<{count}{STRUCT_CODES[dtype]}", raw), dtype=dtype)


def _to_little_endian(tensor):
    """The little-endian bytes of a float64 or float32 tensor, row-major."""
    values = tensor.reshape(-1).tolist()
    return struct.pack(f"<{len(values)}{STRUCT_CODES[tensor.dtype]}", *values)


def write_safetensors(path, tensors, metadata):
    """Writes tensors (name -> tensor, F64 or F32) and metadata (str -> str) atomically: temp file, then rename.

    Wider dtypes first, then names in order; the header is padded with spaces so the data starts 8-aligned.
    """
    names = sorted(tensors, key=lambda name: (-tensors[name].element_size(), name))
    header = {"__metadata__": dict(metadata)} if metadata else {}
    chunks, offset = [], 0
    for name in names:
        tensor = tensors[name].detach().to("cpu").contiguous()
        if tensor.dtype not in DTYPE_NAMES:
            raise ValueError(f"tensor {name!r}: dtype {tensor.dtype} cannot be written (float64, float32)")
        raw = _to_little_endian(tensor)
        header[name] = {"dtype": DTYPE_NAMES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-(8 + len(text)) % 8)
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


# A word is letters and digits joined by single inner apostrophes, hyphens or dots; any other non-space
# character is a token of its own ([^\W_] is a letter or a digit). The same rule as @rnn/core's tokenizer.
WORD_TOKEN = re.compile(r"<unk>|[^\W_]+(?:['\u2019.\-][^\W_]+)*|[^\s\w]|_")
SPECIALS = ("<unk>", "<s>", "</s>")
NO_SPACE_BEFORE = set(",.;:!?)")


class Vocabulary:
    """Token ids of the exported model: Unicode code points (char) or lower-case words (word), as @rnn/core."""

    def __init__(self, level, tokens):
        if level not in ("char", "word"):
            raise FormatError(f"__metadata__.vocabulary.level must be char or word, got {level!r}")
        if len(set(tokens)) != len(tokens) or not all(isinstance(token, str) for token in tokens):
            raise FormatError("__metadata__.vocabulary.tokens must be distinct strings")
        if level == "word" and tuple(tokens[:3]) != SPECIALS:
            raise FormatError(f"a word vocabulary must start with {', '.join(SPECIALS)}")
        self.level, self.tokens = level, list(tokens)
        self.ids = {token: i for i, token in enumerate(tokens)}

    def __len__(self):
        return len(self.tokens)

    def encode(self, text):
        """Token ids of a text: characters outside the vocabulary map to U+FFFD if it has one, words to <unk>."""
        if self.level == "char":
            unknown = self.ids.get("\ufffd")
            ids = [self.ids.get(char, unknown) for char in text]
            if None in ids:
                offset = ids.index(None)
                raise ValueError(f"character {text[offset]!r} at offset {offset} is not in the vocabulary")
            return ids
        ids = []
        for sentence in tokenize_sentences(text):
            ids += [1] + [self.ids.get(word, 0) for word in sentence] + [2]
        return ids

    def decode(self, ids):
        """The text of token ids (word level: one sentence per line, as @rnn/core writes it)."""
        if self.level == "char":
            return "".join(self.tokens[i] for i in ids)
        sentences = [[]]
        for i in ids:
            if i == 2:
                sentences.append([])
            elif i != 1:
                sentences[-1].append(self.tokens[i])
        return "\n".join(
            "".join(token if k == 0 or token in NO_SPACE_BEFORE else " " + token for k, token in enumerate(sentence))
            for sentence in sentences
            if sentence
        )


def tokenize_sentences(text):
    """Sentences of lower-case word tokens: a sentence ends after '.', '!' or '?' and at every line break."""
    sentences = []
    for line in re.split(r"\r\n|\r|\n", text.lower()):
        sentence = []
        for token in WORD_TOKEN.findall(line):
            sentence.append(token)
            if token in (".", "!", "?"):
                sentences.append(sentence)
                sentence = []
        if sentence:
            sentences.append(sentence)
    return sentences


class RNNModel(nn.Module):
    """nn.RNN(K, H, bias=False, tanh) over one-hot inputs, then nn.Linear(H, K, bias=False): @rnn/core's RNN."""

    def __init__(self, vocab_size, hidden_size, dtype=torch.float64):
        super().__init__()
        self.vocab_size = vocab_size
        self.rnn = nn.RNN(vocab_size, hidden_size, bias=False, nonlinearity="tanh", dtype=dtype)
        self.decoder = nn.Linear(hidden_size, vocab_size, bias=False, dtype=dtype)

    def forward(self, inputs, h0=None):
        """Logits [T, B, K] of token ids inputs [T, B] from hidden state h0 [1, B, H] (zero when None), and s_{T-1}."""
        x = F.one_hot(inputs, self.vocab_size).to(self.decoder.weight.dtype)
        states, last = self.rnn(x, h0)
        return self.decoder(states), last

    def loss(self, inputs, targets, h0=None, truncate=None):
        """Mean cross-entropy per token over inputs/targets [T, B] (equation 2, N = T B) and the last hidden state.

        With truncate = k, E_t back-propagates through steps t, t-1, ..., max(0, t - k) only, as @rnn/core's
        truncated BPTT: the state entering that window is held constant. h0 is always held constant.
        """
        T, B = inputs.shape
        x = F.one_hot(inputs, self.vocab_size).to(self.decoder.weight.dtype)
        states, last = self.rnn(x, h0)
        if truncate is None or truncate >= T - 1:
            return F.cross_entropy(self.decoder(states).reshape(T * B, -1), targets.reshape(-1)), last
        total = 0
        for t in range(T):
            first = max(0, t - truncate)
            if first == 0:
                entering = h0
            else:
                entering = states[first - 1].detach().unsqueeze(0)
            window, _ = self.rnn(x[first : t + 1], entering)
            total = total + F.cross_entropy(self.decoder(window[-1]), targets[t], reduction="sum")
        return total / (T * B), last


def load(path, dtype=None):
    """The model of an rnn-core safetensors file, its Vocabulary and its metadata (hyperparameters parsed).

    dtype: torch.float64 or torch.float32; by default the precision the model was trained in.
    """
    tensors, metadata = read_safetensors(path)
    if metadata.get("format") != FORMAT:
        raise FormatError(f"{path}: __metadata__.format is {metadata.get('format')!r}, expected {FORMAT!r}")
    if metadata.get("version") != VERSION:
        raise FormatError(f"{path}: __metadata__.version {metadata.get('version')!r} is not {VERSION!r}")
    extra = sorted(set(tensors) - set(TENSOR_NAMES))
    if extra:
        raise FormatError(f"{path}: tensors {extra} are not part of this model (no biases: bias=False)")
    missing = [name for name in TENSOR_NAMES if name not in tensors]
    if missing:
        raise FormatError(f"{path}: tensors {missing} are missing")
    vocabulary = Vocabulary(**json.loads(metadata["vocabulary"]))
    hyperparameters = json.loads(metadata["hyperparameters"])
    K, H = len(vocabulary), hyperparameters["hiddenSize"]
    expected = {"rnn.weight_ih_l0": [H, K], "rnn.weight_hh_l0": [H, H], "decoder.weight": [K, H]}
    for name, shape in expected.items():
        if list(tensors[name].shape) != shape:
            raise FormatError(f"{path}: {name} has shape {list(tensors[name].shape)}, but K = {K}, H = {H} need {shape}")
        if not torch.isfinite(tensors[name]).all():
            raise FormatError(f"{path}: {name} holds a value that is not finite")
    if metadata.get("precision") not in PRECISIONS:
        raise FormatError(f"{path}: __metadata__.precision {metadata.get('precision')!r} is not float64 or float32")
    dtype = dtype or PRECISIONS[metadata["precision"]]
    model = RNNModel(K, H, dtype)
    with torch.no_grad():
        for name, tensor in model.state_dict().items():
            tensor.copy_(tensors[name].to(dtype))
    return model, vocabulary, {**metadata, "hyperparameters": hyperparameters}


def save(path, model, metadata, dtype=None):
    """Writes the model's weights (in dtype, default theirs) with metadata: format, version and the caller's keys.

    metadata["hyperparameters"] may be a dict (it is written as JSON); every other value is written as a string.
    """
    entries = {key: value if isinstance(value, str) else json.dumps(value) for key, value in metadata.items()}
    entries.update(format=FORMAT, version=VERSION)
    tensors = {name: tensor.to(dtype or tensor.dtype) for name, tensor in model.state_dict().items()}
    write_safetensors(path, tensors, entries)
