#!/usr/bin/python3
"""Makes the ONNX fixtures of OnnxImportTest: a small PyTorch CIFAR-10 CNN, trained briefly on real CIFAR-10
images, exported to ONNX in the ways PyTorch users export it, with torch's own probabilities as references.

Run from the repository root with Debian's torch (not the pyenv python3):
    /usr/bin/python3 model-import/src/test/python/make_onnx_fixtures.py

Reads /work/shared/cifar10/cifar-10-binary-train.tar.gz (or the path in CIFAR10_TRAIN) and the bundled sample
examples/src/main/resources/io/github/erroranalysis/examples/cifar10-validation-sample.tar.gz. Writes into
model-import/src/test/resources/io/github/erroranalysis/modelimport/fixtures/onnx/:
  cnn.onnx                eval-mode export, opset 13 (batch norm folded into the convolutions, onnx:: names), logits
  cnn.onnx.json           its sidecar (preprocessing and references)
  cnn-reference-inputs.npy / cnn-reference-outputs.npy   64 held-out images (uint8 N x 3 x 32 x 32), torch softmax
  bundled-sample-probabilities.npy   torch probabilities of cnn.onnx on the bundled 1,000-image sample, in file order
  cnn-opset11.onnx        the same at opset 11
  cnn-preserve.onnx       training=TrainingMode.PRESERVE, do_constant_folding=False (BatchNormalization nodes kept)
  cnn-view.onnx           x.view(x.size(0), -1) instead of flatten (the Shape/Gather/Unsqueeze/Concat/Reshape chain)
  cnn-matmul.onnx         a plain x @ W.t() + b instead of nn.Linear (MatMul + Add)
  cnn-softmax.onnx        ends in softmax instead of logits
  cnn-nhwc.onnx           takes N x 32 x 32 x 3 (a permute to NCHW inside: a leading Transpose), inputs NHWC uint8
  *-outputs.npy           torch softmax probabilities of each, float32 N x 10 (inputs shared unless named)
  cnn-ops.onnx            a second small network for the other ops: it standardises its own [0,1] input (Sub, Div
                          by per-channel constants), Concat of two conv branches (LeakyRelu, Tanh), Sigmoid, Mul by a
                          scalar, a strided conv, ReduceMean over H and W, GlobalAveragePool + Flatten, Add of two flat
                          tensors, Gemm, BatchNormalization on a flat tensor, MatMul without bias last; default
                          preprocessing (pixels / 255); `make_onnx_fixtures.py ops` remakes only this one
  fixtures.json           every fixture: file, layout, inputs, outputs, and the preprocessing
  README.md               the versions that made them
All networks share one set of trained weights.
"""
import io
import json
import os
import sys
import tarfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
OUT = os.path.join(ROOT, "model-import/src/test/resources/io/github/erroranalysis/modelimport/fixtures/onnx")
TRAIN = os.environ.get("CIFAR10_TRAIN", "/work/shared/cifar10/cifar-10-binary-train.tar.gz")
SAMPLE = os.path.join(ROOT, "examples/src/main/resources/io/github/erroranalysis/examples/"
                            "cifar10-validation-sample.tar.gz")
RECORD = 1 + 3 * 32 * 32
TRAIN_IMAGES = 6000
STEPS = 600
BATCH = 64
REFERENCE = 64


def read_member(archive, name, count):
    """Reads the first `count` records of one member of a CIFAR binary archive: (uint8 N x 3 x 32 x 32, labels)."""
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if member.name.endswith(name):
                data = tar.extractfile(member).read(count * RECORD)
                break
        else:
            raise SystemExit(f"{archive}: no member {name}")
    records = np.frombuffer(data, dtype=np.uint8).reshape(-1, RECORD)
    return records[:, 1:].reshape(-1, 3, 32, 32).copy(), records[:, 0].astype(np.int64)


class Cnn(nn.Module):
    """Conv, batch norm, ReLU, a residual add, max pool, average pool (count_include_pad), flatten, dropout,
    linear with bias. `mode` chooses how the head is written: flatten, view, matmul or softmax."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 16, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(16)
        self.pool = nn.MaxPool2d(2)
        self.conv3 = nn.Conv2d(16, 32, 3, padding=1)
        self.bn3 = nn.BatchNorm2d(32)
        self.avg = nn.AvgPool2d(3, stride=2, padding=1)  # count_include_pad=True, PyTorch's default
        self.drop = nn.Dropout(0.25)
        self.fc = nn.Linear(32 * 8 * 8, 10)
        with torch.no_grad():
            self.fc.bias.copy_(torch.linspace(-1.5, 1.5, 10))  # a bias that matters
        self.mode = "flatten"
        self.nhwc = False

    def forward(self, x):
        if self.nhwc:
            x = x.permute(0, 3, 1, 2)
        a = F.relu(self.bn1(self.conv1(x)))
        b = self.bn2(self.conv2(a))
        x = self.pool(F.relu(a + b))
        x = self.avg(F.relu(self.bn3(self.conv3(x))))
        if self.mode == "view":
            x = x.view(x.size(0), -1)
        else:
            x = torch.flatten(x, 1)
        x = self.drop(x)
        if self.mode == "matmul":
            x = torch.matmul(x, self.fc.weight.t()) + self.fc.bias
        else:
            x = self.fc(x)
        if self.mode == "softmax":
            x = F.softmax(x, dim=1)
        return x


class OpsNet(nn.Module):
    """The ops cnn.onnx does not have (see the docstring); takes pixels / 255."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", mean.view(1, 3, 1, 1).clone())
        self.register_buffer("std", std.view(1, 3, 1, 1).clone())
        self.conv_a = nn.Conv2d(3, 8, 3, padding=1)
        self.conv_b = nn.Conv2d(3, 8, 5, padding=2)
        self.bn = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 16, 3, stride=2, padding=1)
        self.fc1 = nn.Linear(16, 32)
        self.bn1d = nn.BatchNorm1d(32)
        self.w2 = nn.Parameter(torch.randn(32, 10) * 0.3)

    def forward(self, x):
        x = (x - self.mean) / self.std
        x = torch.cat([F.leaky_relu(self.conv_a(x), 0.1), torch.tanh(self.conv_b(x))], 1)
        x = torch.sigmoid(self.bn(x)) * 2.0
        x = F.relu(self.conv2(x))
        z = x.mean([2, 3]) + torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        z = self.bn1d(F.relu(self.fc1(z)))
        return torch.matmul(z, self.w2)


def make_ops(train_x, train_y, held_x):
    """Trains OpsNet briefly and exports cnn-ops.onnx with its references; returns its fixtures.json entry."""
    torch.manual_seed(17)
    zeros, ones = torch.zeros(3), torch.ones(3)
    scaled = torch.from_numpy(train_x).float() / 255.0
    model = OpsNet(scaled.mean(dim=(0, 2, 3)), scaled.std(dim=(0, 2, 3), unbiased=False))
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3)
    labels = torch.from_numpy(train_y)
    model.train()
    for step in range(200):
        idx = torch.randint(0, scaled.shape[0], (BATCH,))
        loss = F.cross_entropy(model(scaled[idx]), labels[idx])
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    model.eval()
    held = standardise(held_x, zeros, ones)
    path = os.path.join(OUT, "cnn-ops.onnx")
    torch.onnx.export(model, held[:2], path, opset_version=13, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    with torch.no_grad():
        np.save(os.path.join(OUT, "cnn-ops-reference-outputs.npy"),
                F.softmax(model(held), dim=1).numpy().astype(np.float32))
    print(f"cnn-ops.onnx: {os.path.getsize(path)} bytes, loss {loss.item():.3f}")
    return {"model": "cnn-ops.onnx", "inputLayout": "NCHW", "opset": 13, "referenceInputs": "cnn-reference-inputs.npy",
            "referenceOutputs": "cnn-ops-reference-outputs.npy", "inputMean": [0, 0, 0], "inputStd": [1, 1, 1]}


def standardise(images, mean, std):
    return (torch.from_numpy(images).float() / 255.0 - mean.view(1, 3, 1, 1)) / std.view(1, 3, 1, 1)


def main():
    torch.set_num_threads(2)
    torch.manual_seed(16)
    os.makedirs(OUT, exist_ok=True)
    started = time.time()
    train_x, train_y = read_member(TRAIN, "data_batch_1.bin", TRAIN_IMAGES)
    held_x, _ = read_member(TRAIN, "data_batch_2.bin", REFERENCE)
    if sys.argv[1:] == ["ops"]:
        with open(os.path.join(OUT, "fixtures.json")) as f:
            listed = json.load(f)
        listed["fixtures"] = [f for f in listed["fixtures"] if f["model"] != "cnn-ops.onnx"]
        listed["fixtures"].append(make_ops(train_x[:3000], train_y[:3000], held_x))
        with open(os.path.join(OUT, "fixtures.json"), "w") as f:
            json.dump(listed, f, indent=2)
            f.write("\n")
        return
    sample_x, _ = read_member(SAMPLE, "validation_sample.bin", 1000)
    scaled = torch.from_numpy(train_x).float() / 255.0
    mean = scaled.mean(dim=(0, 2, 3))
    std = scaled.std(dim=(0, 2, 3), unbiased=False)
    # the values the sidecar records (6 decimals) are the ones the network is trained and referenced with
    mean = torch.tensor([round(float(v), 6) for v in mean])
    std = torch.tensor([round(float(v), 6) for v in std])
    x_all = standardise(train_x, mean, std)
    y_all = torch.from_numpy(train_y)

    model = Cnn()
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    model.train()
    for step in range(STEPS):
        idx = torch.randint(0, x_all.shape[0], (BATCH,))
        loss = F.cross_entropy(model(x_all[idx]), y_all[idx])
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    model.eval()
    with torch.no_grad():
        accuracy = (model(x_all[:2000]).argmax(1) == y_all[:2000]).float().mean().item()
    print(f"trained {STEPS} steps in {time.time() - started:.1f} s, loss {loss.item():.3f}, "
          f"train accuracy {accuracy:.3f}")

    held = standardise(held_x, mean, std)
    fixtures = []

    def probabilities(images, nhwc=False):
        with torch.no_grad():
            out = model(images.permute(0, 2, 3, 1).contiguous() if nhwc else images)
            return (out if model.mode == "softmax" else F.softmax(out, dim=1)).numpy().astype(np.float32)

    def export(name, mode, opset=13, nhwc=False, **kwargs):
        model.mode, model.nhwc = mode, nhwc
        dummy = held[:2].permute(0, 2, 3, 1).contiguous() if nhwc else held[:2]
        path = os.path.join(OUT, name + ".onnx")
        torch.onnx.export(model, dummy, path, opset_version=opset, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, **kwargs)
        model.eval()
        inputs = name + "-reference-inputs.npy" if nhwc or name == "cnn" else "cnn-reference-inputs.npy"
        if nhwc:
            np.save(os.path.join(OUT, inputs), np.ascontiguousarray(held_x.transpose(0, 2, 3, 1)))
        elif name == "cnn":
            np.save(os.path.join(OUT, inputs), held_x)
        outputs = name + "-reference-outputs.npy"
        np.save(os.path.join(OUT, outputs), probabilities(held, nhwc))
        fixtures.append({"model": name + ".onnx", "inputLayout": "NHWC" if nhwc else "NCHW", "opset": opset,
                         "referenceInputs": inputs, "referenceOutputs": outputs})
        print(f"{name}.onnx: {os.path.getsize(path)} bytes, opset {opset}")

    export("cnn", "flatten")
    export("cnn-opset11", "flatten", opset=11)
    export("cnn-preserve", "flatten", training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    export("cnn-view", "view")
    export("cnn-matmul", "matmul")
    export("cnn-softmax", "softmax")
    export("cnn-nhwc", "flatten", nhwc=True)
    model.mode, model.nhwc = "flatten", False
    fixtures.append(make_ops(train_x[:3000], train_y[:3000], held_x))

    np.save(os.path.join(OUT, "bundled-sample-probabilities.npy"), probabilities(standardise(sample_x, mean, std)))
    with torch.no_grad():
        model.mode = "flatten"
        logits = model(held)
        saved = model.fc.bias.clone()
        model.fc.bias.zero_()
        without = F.softmax(model(held), dim=1)
        model.fc.bias.copy_(saved)
    bias_effect = (F.softmax(logits, dim=1) - without).abs().max().item()
    print(f"the linear layer's bias moves the probabilities by up to {bias_effect:.3f}")

    preprocessing = {"inputScale": 255, "inputMean": [round(float(v), 6) for v in mean],
                     "inputStd": [round(float(v), 6) for v in std], "bgr": False}
    sidecar = {"schemaVersion": 2, "type": "modelImport", "inputLayout": "NCHW", **preprocessing,
               "referenceInputs": "cnn-reference-inputs.npy", "referenceOutputs": "cnn-reference-outputs.npy"}
    with open(os.path.join(OUT, "cnn.onnx.json"), "w") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")
    with open(os.path.join(OUT, "fixtures.json"), "w") as f:
        json.dump({"preprocessing": preprocessing, "fixtures": fixtures}, f, indent=2)
        f.write("\n")
    import onnx
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("# ONNX fixtures\n\nMade by `model-import/src/test/python/make_onnx_fixtures.py` (see its docstring) "
                f"with torch {torch.__version__}, onnx {onnx.__version__}, numpy {np.__version__}, Python "
                f"{sys.version.split()[0]}: a small CNN trained {STEPS} steps on the first {TRAIN_IMAGES} images of "
                f"data_batch_1 (train accuracy {accuracy:.3f}); references are 64 images of data_batch_2; the "
                f"linear bias moves the probabilities by up to {bias_effect:.3f}.\nPreprocessing: pixels / 255, "
                f"mean {preprocessing['inputMean']}, std {preprocessing['inputStd']} (RGB).\n")
    print(f"done in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
