#!/usr/bin/python3
"""Writes a safetensors file with an independent writer (struct + json, no Vectorgrad code), the
golden input of SafeTensorsTest, and checks files Vectorgrad wrote.

    /usr/bin/python3 tools/golden_safetensors.py write layers/src/test/resources/golden/python.safetensors
    /usr/bin/python3 tools/golden_safetensors.py check some-model.safetensors

The written file holds: "weight" F32 [2, 3] = 0.5 * (0..5) - 1, "steps" I64 [2] = [7, -9],
"mask" BOOL [3] = [1, 0, 1], "scale" F64 [] = 2.25, with metadata {"format": "pt"}.
"""
import json
import struct
import sys


def write(path):
    tensors = [
        ("weight", "F32", [2, 3], struct.pack("<6f", *[0.5 * i - 1 for i in range(6)])),
        ("steps", "I64", [2], struct.pack("<2q", 7, -9)),
        ("mask", "BOOL", [3], bytes([1, 0, 1])),
        ("scale", "F64", [], struct.pack("<d", 2.25)),
    ]
    header, offset = {"__metadata__": {"format": "pt"}}, 0
    for name, dtype, shape, data in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(t[3] for t in tensors))


def check(path):
    sizes = {"F32": 4, "F64": 8, "I32": 4, "I64": 8, "BOOL": 1}
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    data = blob[8 + n:]
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        count = 1
        for d in entry["shape"]:
            count *= d
        assert end - begin == count * sizes[entry["dtype"]], name
        print(name, entry["dtype"], entry["shape"], "ok")
    assert sum(e["data_offsets"][1] - e["data_offsets"][0] for k, e in header.items() if k != "__metadata__") == len(data)


if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1]](sys.argv[2])
