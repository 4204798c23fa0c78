#!/usr/bin/python3
"""Writes the golden files of KerasInteropTest: a PyTorch state dict that a Vectorgrad Sequential loads
with model.load(path), plus inputs and PyTorch's outputs for it.

    /usr/bin/python3 tools/golden_keras_interop.py dsl/src/test/resources/golden

The PyTorch model is the equivalent of the Keras-style
    Sequential.of(Input.of(8, 8, 1), Conv2D.of(4, 3, "relu"), MaxPooling2D.of(2), Flatten.of(), Dense.of(10))
whose state-dict keys are conv2d.weight/bias and dense.weight/bias. Vectorgrad's Conv2D reads
channels-last input but stores PyTorch's [out, in, kH, kW] weight, and its Flatten flattens in
(H, W, C) order, so the reference permutes to channels-last before flattening.

Files (safetensors, written with struct + json so no safetensors package is needed):
    keras_interop_weights.safetensors  the state dict, F32
    keras_interop_io.safetensors       "input" [5, 8, 8, 1] (NHWC) and "output" [5, 10], F32
"""
import json
import os
import struct
import sys

import torch


class KerasCnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv2d = torch.nn.Conv2d(1, 4, 3)
        self.dense = torch.nn.Linear(3 * 3 * 4, 10)

    def forward(self, nhwc):
        x = torch.relu(self.conv2d(nhwc.permute(0, 3, 1, 2)))
        x = torch.nn.functional.max_pool2d(x, 2)
        return self.dense(x.permute(0, 2, 3, 1).flatten(1))  # channels-last flatten, as Keras


def save_file(tensors, path):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main(directory):
    torch.manual_seed(2026)
    model = KerasCnn()
    nhwc = torch.rand(5, 8, 8, 1)
    with torch.no_grad():
        output = model(nhwc)
    save_file(model.state_dict(), os.path.join(directory, "keras_interop_weights.safetensors"))
    save_file({"input": nhwc, "output": output}, os.path.join(directory, "keras_interop_io.safetensors"))


if __name__ == "__main__":
    main(sys.argv[1])
