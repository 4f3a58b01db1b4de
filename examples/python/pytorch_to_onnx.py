#!/usr/bin/python3
"""Train a small PyTorch CNN on CIFAR-10 briefly, export it to ONNX with reference outputs, and analyse it in Java.

    /usr/bin/python3 examples/python/pytorch_to_onnx.py --data cifar-10-binary.tar.gz --out onnx-model [--steps 300]

--data is the official binary archive (cifar-10-binary.tar.gz), or a folder holding data_batch_1.bin (directly or in
cifar-10-batches-bin/). The script writes into --out:

  cnn.onnx                   the network, exported as PyTorch users export it (eval mode: batch norm folded)
  cnn.onnx.json              its sidecar: the preprocessing (pixels / 255, then the training mean and std) and the
                             reference files, so that the model and its preprocessing travel together
  cnn-reference-inputs.npy   64 images the network did not train on, uint8, N x 3 x 32 x 32 (RGB)
  cnn-reference-outputs.npy  PyTorch's softmax probabilities on them, float32, N x 10

and prints the command that analyses the model; importing it checks the Java network against these references
(1e-4 on probabilities, the same top-1) and refuses it otherwise. Needs PyTorch (Debian: python3-torch) and NumPy.
"""
import argparse
import json
import os
import sys
import tarfile
import time

RECORD = 1 + 3 * 32 * 32
REFERENCES = 64


def read_batch(data, images):
    """The first `images` records of data_batch_1 (archive or folder): uint8 N x 3 x 32 x 32 and int64 labels."""
    import numpy as np
    wanted = images * RECORD
    if os.path.isdir(data):
        for path in (os.path.join(data, "data_batch_1.bin"),
                     os.path.join(data, "cifar-10-batches-bin", "data_batch_1.bin")):
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    raw = f.read(wanted)
                break
        else:
            raise SystemExit(f"{data}: no data_batch_1.bin in this folder or in its cifar-10-batches-bin/")
    else:
        try:
            with tarfile.open(data, "r:*") as tar:
                for member in tar:
                    if member.name.endswith("data_batch_1.bin"):
                        raw = tar.extractfile(member).read(wanted)
                        break
                else:
                    raise SystemExit(f"{data}: the archive holds no data_batch_1.bin")
        except (tarfile.TarError, OSError) as e:
            raise SystemExit(f"{data}: not a readable CIFAR-10 archive ({e})")
    if len(raw) < wanted:
        raise SystemExit(f"{data}: data_batch_1.bin holds {len(raw) // RECORD} images, {images} needed")
    records = np.frombuffer(raw, dtype=np.uint8).reshape(-1, RECORD)
    return records[:, 1:].reshape(-1, 3, 32, 32).copy(), records[:, 0].astype(np.int64)


def main():
    parser = argparse.ArgumentParser(description="Train a small PyTorch CNN on CIFAR-10, export it to ONNX with "
                                                 "reference outputs for the Java import's verification.")
    parser.add_argument("--data", required=True, help="cifar-10-binary.tar.gz, or a folder with data_batch_1.bin")
    parser.add_argument("--out", required=True, help="the folder to write cnn.onnx and its files into")
    parser.add_argument("--steps", type=int, default=300, help="training steps of 64 images (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    if args.steps < 0:
        parser.error("--steps must be 0 or more")
    try:
        import numpy as np
        import torch
        import torch.nn as nn
        import torch.nn.functional as F
    except ImportError as e:
        print(f"this example needs PyTorch and NumPy ({e}); on Debian: apt install python3-torch", file=sys.stderr)
        return 3

    class SmallCnn(nn.Module):
        """conv-bn-relu, a residual conv-bn, max pool, conv-bn-relu, max pool, flatten, dropout, linear."""

        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
            self.bn1 = nn.BatchNorm2d(16)
            self.conv2 = nn.Conv2d(16, 16, 3, padding=1)
            self.bn2 = nn.BatchNorm2d(16)
            self.conv3 = nn.Conv2d(16, 32, 3, padding=1)
            self.bn3 = nn.BatchNorm2d(32)
            self.drop = nn.Dropout(0.25)
            self.fc = nn.Linear(32 * 8 * 8, 10)

        def forward(self, x):
            a = F.relu(self.bn1(self.conv1(x)))
            x = F.max_pool2d(F.relu(a + self.bn2(self.conv2(a))), 2)
            x = F.max_pool2d(F.relu(self.bn3(self.conv3(x))), 2)
            return self.fc(self.drop(torch.flatten(x, 1)))

    started = time.time()
    torch.set_num_threads(min(2, os.cpu_count() or 1))
    torch.manual_seed(args.seed)
    train_count = 4000
    pixels, labels = read_batch(args.data, train_count + REFERENCES)
    train, held = pixels[:train_count], pixels[train_count:]
    scaled = torch.from_numpy(train).float() / 255.0
    # the standardisation PyTorch users write, rounded as the sidecar records it
    mean = [round(float(v), 6) for v in scaled.mean(dim=(0, 2, 3))]
    std = [round(float(v), 6) for v in scaled.std(dim=(0, 2, 3), unbiased=False)]

    def standardise(images):
        x = torch.from_numpy(images).float() / 255.0
        return (x - torch.tensor(mean).view(1, 3, 1, 1)) / torch.tensor(std).view(1, 3, 1, 1)

    x_train = standardise(train)
    y_train = torch.from_numpy(labels[:train_count])
    model = SmallCnn()
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    model.train()
    for _ in range(args.steps):
        batch = torch.randint(0, train_count, (64,))
        loss = F.cross_entropy(model(x_train[batch]), y_train[batch])
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    model.eval()

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "cnn.onnx")
    x_held = standardise(held)
    torch.onnx.export(model, x_held[:1], onnx_path, opset_version=13, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    with torch.no_grad():
        probabilities = F.softmax(model(x_held), dim=1).numpy().astype(np.float32)
    np.save(os.path.join(args.out, "cnn-reference-inputs.npy"), held)
    np.save(os.path.join(args.out, "cnn-reference-outputs.npy"), probabilities)
    sidecar = {"schemaVersion": 2, "type": "modelImport", "inputLayout": "NCHW", "inputScale": 255,
               "inputMean": mean, "inputStd": std, "bgr": False,
               "referenceInputs": "cnn-reference-inputs.npy", "referenceOutputs": "cnn-reference-outputs.npy"}
    with open(onnx_path + ".json", "w") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")
    accuracy = float((torch.from_numpy(probabilities).argmax(1).numpy() == labels[train_count:]).mean())
    print(f"trained {args.steps} steps on {train_count} images in {time.time() - started:.1f} s "
          f"(torch {torch.__version__}); accuracy on the {REFERENCES} reference images {accuracy:.2f}")
    print(f"wrote {onnx_path}, {onnx_path}.json, cnn-reference-inputs.npy and cnn-reference-outputs.npy")
    print("analyse it (the import is verified against PyTorch's outputs first):")
    print(f"  java -jar examples/target/cifar-errors.jar analyze --model {onnx_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
