#!/usr/bin/python3
"""Writes the Keras test fixtures of model-import (run with Debian's /usr/bin/python3: torch, numpy, h5py).

No Keras or TensorFlow can be installed here, so the files are written with h5py from known weights, following the
attribute layout each Keras version writes (read from Keras's own saving code):

* Keras 2 ``model.save("m.h5")`` (tf.keras 2.8 ``hdf5_format.save_model_to_hdf5``): root attributes
  ``keras_version`` (str), ``backend``, ``model_config`` and ``training_config`` (JSON as bytes); group
  ``model_weights`` with ``layer_names``/``backend``/``keras_version``, one group per layer (sorted by name) whose
  ``weight_names`` attribute lists ``"conv2d/kernel:0"``-style names, the datasets at those paths inside the layer's
  group, layers without weights with an empty ``weight_names``, and 2.8's empty ``top_level_model_weights`` group.
* Keras 2 ``model.to_json()`` + ``model.save_weights("w.h5")``: the same layer groups at the root of the weights file.
* Keras 3 legacy ``.h5`` (keras/src/legacy/saving/legacy_h5_format.py): as Keras 2, ``keras_version`` "3.x", the
  config with ``batch_shape``, ``module``/``registered_name`` entries, dtype policies as objects, Keras 3's
  ``{"args": [...__keras_tensor__ ... keras_history ...], "kwargs": {}}`` inbound nodes, weight names = variable
  paths (``sequential/conv2d/kernel``).
* Keras 3 ``.keras`` (keras/src/saving/saving_lib.py): a zip of ``config.json``, ``metadata.json`` and
  ``model.weights.h5`` (H5IOStore: ``vars`` at the root, ``layers/<snake_case class name, uniquified>/vars/<i>``,
  each ``vars`` group with a ``name`` attribute, an ``optimizer/vars`` group).

The weights are real: small PyTorch models that compute exactly what the Keras models compute (NHWC flatten order,
TensorFlow's asymmetric 'same' padding, average pooling that excludes padding, Keras's epsilon) are trained briefly on
CIFAR-10 images of data_batch_1 (pixels / 255 as Keras users feed them). Reference inputs are 64 further images as
uint8 N x 32 x 32 x 3 (NHWC, as Keras users hold them); reference outputs are the torch probabilities (float32).
"""
import io
import json
import os
import tarfile
import zipfile

import h5py
import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
OUT = os.path.join(HERE, "..", "resources", "io", "github", "erroranalysis", "modelimport", "fixtures", "keras")
TRAIN = "/work/shared/cifar10/cifar-10-binary-train.tar.gz"
SAMPLE = os.path.join(ROOT, "examples", "src", "main", "resources", "io", "github", "erroranalysis", "examples",
                      "cifar10-validation-sample.tar.gz")


def read_records(data):
    records = np.frombuffer(data, dtype=np.uint8).reshape(-1, 3073)
    labels = records[:, 0].astype(np.int64)
    planar = records[:, 1:].reshape(-1, 3, 32, 32)
    return planar.transpose(0, 2, 3, 1).copy(), labels  # NHWC uint8


def member(path, name):
    with tarfile.open(path) as tar:
        return tar.extractfile(name).read()


def same_pads(size, kernel, stride, dilation=1):
    """TensorFlow's 'same' padding: (before, after), the extra pixel after."""
    out = -(-size // stride)
    effective = (kernel - 1) * dilation + 1
    total = max((out - 1) * stride + effective - size, 0)
    return total // 2, total - total // 2


def pad_same(x, kernel, stride, value=0.0, dilation=1):
    top, bottom = same_pads(x.shape[2], kernel, stride, dilation)
    left, right = same_pads(x.shape[3], kernel, stride, dilation)
    return F.pad(x, (left, right, top, bottom), value=value)


def avg_pool_same(x, kernel, stride):
    """Keras's AveragePooling2D 'same': padded positions do not count in the divisor."""
    ones = torch.ones_like(x[:, :1])
    s = F.avg_pool2d(pad_same(x, kernel, stride), kernel, stride) * kernel * kernel
    n = F.avg_pool2d(pad_same(ones, kernel, stride), kernel, stride) * kernel * kernel
    return s / n


class Sequential(torch.nn.Module):
    """Conv2D(16,3,same,relu) MaxPool2D Conv2D(32,3,same,relu) MaxPool2D Flatten Dense(32,relu) Dropout Dense(10)."""

    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(3, 16, 3)
        self.c2 = torch.nn.Conv2d(16, 32, 3)
        self.d1 = torch.nn.Linear(8 * 8 * 32, 32)
        self.d2 = torch.nn.Linear(32, 10)

    def forward(self, x):  # x: NCHW in [0, 1]
        x = F.relu(self.c1(pad_same(x, 3, 1)))
        x = F.max_pool2d(x, 2)
        x = F.relu(self.c2(pad_same(x, 3, 1)))
        x = F.max_pool2d(x, 2)
        x = x.permute(0, 2, 3, 1).flatten(1)  # Keras's Flatten of NHWC
        x = F.relu(self.d1(x))
        x = F.dropout(x, 0.5, self.training)
        return self.d2(x)


class Functional(torch.nn.Module):
    """Rescaling, stride-2 'same' conv, batch norm, residual Add, 'same' pooling, Concatenate, GAP, Dense, Softmax."""

    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(3, 16, 3, stride=2)
        self.b1 = torch.nn.BatchNorm2d(16, eps=1e-3)
        self.c2 = torch.nn.Conv2d(16, 16, 3, bias=False)
        self.b2 = torch.nn.BatchNorm2d(16, eps=1e-3)
        self.c3 = torch.nn.Conv2d(16, 24, 3, stride=2)
        self.b3 = torch.nn.BatchNorm2d(48, eps=1e-3, affine=True)
        self.d = torch.nn.Linear(48, 10)

    def forward(self, x):
        x = x * 2.0 - 1.0                                         # Rescaling(2, offset=-1)
        r = F.relu(self.b1(self.c1(pad_same(x, 3, 2))))           # Conv2D(16,3,2,same) BN ReLU -> 16x16
        y = self.b2(self.c2(pad_same(r, 3, 1)))                   # Conv2D(16,3,same,no bias) BN
        y = F.leaky_relu(y + r, 0.1)                              # Add, LeakyReLU(0.1)
        y = F.max_pool2d(pad_same(y, 3, 2, float("-inf")), 3, 2)  # MaxPooling2D(3,2,same) -> 8x8
        z = F.relu(self.c3(pad_same(y, 3, 2)))                    # Conv2D(24,3,2,same,relu) -> 4x4
        a = avg_pool_same(z, 3, 1)                                # AveragePooling2D(3,1,same)
        y = torch.cat([z, a], 1)                                  # Concatenate (channels)
        y = self.b3(y)
        y = y.mean((2, 3))                                        # GlobalAveragePooling2D
        return self.d(F.dropout(y, 0.2, self.training))           # Dropout(0.2) Dense(10) Softmax


def train(model, x, y, seconds_budget_epochs):
    torch.manual_seed(0)
    opt = torch.optim.Adam(model.parameters(), 2e-3)
    model.train()
    for _ in range(seconds_budget_epochs):
        perm = torch.randperm(len(x))
        for i in range(0, len(x), 64):
            idx = perm[i:i + 64]
            opt.zero_grad()
            loss = F.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
    model.eval()
    return model


def to_planar_float(nhwc):
    return torch.from_numpy(nhwc.transpose(0, 3, 1, 2).astype(np.float32) / 255.0)


def probabilities(model, nhwc):
    with torch.no_grad():
        return F.softmax(model(to_planar_float(nhwc)), 1).numpy().astype(np.float32)


# ---------------------------------------------------------------------------------------------- Keras configs

K2 = "2.8.0"
K3 = "3.6.0"


def dtype(v3):
    if v3:
        return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                "registered_name": None}
    return "float32"


def layer(v3, cls, name, config, inbound=None, build_shape=None):
    """One layer entry of a model config (Keras 2: class_name/config; Keras 3 adds module/registered_name)."""
    cfg = {"name": name, "trainable": True, "dtype": dtype(v3)}
    cfg.update(config)
    entry = {"class_name": cls, "config": cfg}
    if v3:
        entry = {"module": "keras.layers", "class_name": cls, "config": cfg, "registered_name": None}
        if build_shape is not None:
            entry["build_config"] = {"input_shape": build_shape}
    if inbound is not None:
        entry["name"] = name
        entry["inbound_nodes"] = inbound
    return entry


def input_layer(v3, name, inbound=None):
    if v3:
        cfg = {"batch_shape": [None, 32, 32, 3], "dtype": "float32", "sparse": False, "name": name}
        entry = {"module": "keras.layers", "class_name": "InputLayer", "config": cfg, "registered_name": None}
    else:
        cfg = {"batch_input_shape": [None, 32, 32, 3], "dtype": "float32", "sparse": False, "ragged": False,
               "name": name}
        entry = {"class_name": "InputLayer", "config": cfg}
    if inbound is not None:
        entry["name"] = name
        entry["inbound_nodes"] = inbound
    return entry


def conv(filters, kernel, strides=1, padding="same", activation="linear", use_bias=True):
    return {"filters": filters, "kernel_size": [kernel, kernel], "strides": [strides, strides], "padding": padding,
            "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": activation,
            "use_bias": use_bias,
            "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}},
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}


def pool(size, strides, padding):
    return {"pool_size": [size, size], "padding": padding, "strides": [strides, strides],
            "data_format": "channels_last"}


def dense(units, activation):
    return {"units": units, "activation": activation, "use_bias": True,
            "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}},
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}


def bn(axis):
    return {"axis": axis, "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True,
            "beta_initializer": {"class_name": "Zeros", "config": {}},
            "gamma_initializer": {"class_name": "Ones", "config": {}},
            "moving_mean_initializer": {"class_name": "Zeros", "config": {}},
            "moving_variance_initializer": {"class_name": "Ones", "config": {}},
            "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}


def hwio(conv_weight):
    return conv_weight.detach().numpy().transpose(2, 3, 1, 0).astype(np.float32).copy()


def t(linear_weight):
    return linear_weight.detach().numpy().T.astype(np.float32).copy()


def v(x):
    return x.detach().numpy().astype(np.float32).copy()


def bn_weights(b):
    return [("gamma", v(b.weight)), ("beta", v(b.bias)), ("moving_mean", v(b.running_mean)),
            ("moving_variance", v(b.running_var))]


def sequential_model(m, v3):
    """(model_config, [(layer name, class name, [(weight name, array)])]) of the Sequential model."""
    layers = [
        input_layer(v3, "input_layer" if v3 else "conv2d_input"),
        layer(v3, "Conv2D", "conv2d", conv(16, 3, activation="relu"), build_shape=[None, 32, 32, 3]),
        layer(v3, "MaxPooling2D", "max_pooling2d", pool(2, 2, "valid")),
        layer(v3, "Conv2D", "conv2d_1", conv(32, 3, activation="relu"), build_shape=[None, 16, 16, 16]),
        layer(v3, "MaxPooling2D", "max_pooling2d_1", pool(2, 2, "valid")),
        layer(v3, "Flatten", "flatten", {"data_format": "channels_last"}),
        layer(v3, "Dense", "dense", dense(32, "relu"), build_shape=[None, 2048]),
        layer(v3, "Dropout", "dropout", {"rate": 0.5, "noise_shape": None, "seed": None}),
        layer(v3, "Dense", "dense_1", dense(10, "softmax"), build_shape=[None, 32]),
    ]
    config = {"name": "sequential", "layers": layers}
    if v3:
        config = {"name": "sequential", "trainable": True, "dtype": dtype(True), "layers": layers}
    weights = [
        ("conv2d", "Conv2D", [("kernel", hwio(m.c1.weight)), ("bias", v(m.c1.bias))]),
        ("max_pooling2d", "MaxPooling2D", []),
        ("conv2d_1", "Conv2D", [("kernel", hwio(m.c2.weight)), ("bias", v(m.c2.bias))]),
        ("max_pooling2d_1", "MaxPooling2D", []),
        ("flatten", "Flatten", []),
        ("dense", "Dense", [("kernel", t(m.d1.weight)), ("bias", v(m.d1.bias))]),
        ("dropout", "Dropout", []),
        ("dense_1", "Dense", [("kernel", t(m.d2.weight)), ("bias", v(m.d2.bias))]),
    ]
    return {"class_name": "Sequential", "config": config}, weights


def functional_model(m, v3):
    def node(*names):
        if v3:
            tensors = [{"class_name": "__keras_tensor__",
                        "config": {"shape": None, "dtype": "float32", "keras_history": [n, 0, 0]}} for n in names]
            return [{"args": [tensors] if len(names) > 1 else tensors, "kwargs": {}}]
        return [[[n, 0, 0, {}] for n in names]]

    inp = "input_layer" if v3 else "input_1"
    layers = [
        input_layer(v3, inp, inbound=[]),
        layer(v3, "Rescaling", "rescaling", {"scale": 2.0, "offset": -1.0}, node(inp)),
        layer(v3, "Conv2D", "conv2d", conv(16, 3, strides=2), node("rescaling")),
        layer(v3, "BatchNormalization", "batch_normalization", bn(-1 if v3 else [3]), node("conv2d")),
        layer(v3, "ReLU", "re_lu", {"max_value": None, "negative_slope": 0.0, "threshold": 0.0},
              node("batch_normalization")),
        layer(v3, "Conv2D", "conv2d_1", conv(16, 3, use_bias=False), node("re_lu")),
        layer(v3, "BatchNormalization", "batch_normalization_1", bn(3 if v3 else [3]), node("conv2d_1")),
        layer(v3, "Add", "add", {}, node("batch_normalization_1", "re_lu")),
        layer(v3, "LeakyReLU", "leaky_re_lu", {"negative_slope": 0.1} if v3 else {"alpha": 0.1}, node("add")),
        layer(v3, "MaxPooling2D", "max_pooling2d", pool(3, 2, "same"), node("leaky_re_lu")),
        layer(v3, "Conv2D", "conv2d_2", conv(24, 3, strides=2, activation="relu"), node("max_pooling2d")),
        layer(v3, "AveragePooling2D", "average_pooling2d", pool(3, 1, "same"), node("conv2d_2")),
        layer(v3, "Concatenate", "concatenate", {"axis": -1}, node("conv2d_2", "average_pooling2d")),
        layer(v3, "BatchNormalization", "batch_normalization_2", bn(-1 if v3 else [3]), node("concatenate")),
        layer(v3, "GlobalAveragePooling2D", "global_average_pooling2d",
              {"data_format": "channels_last", "keepdims": False}, node("batch_normalization_2")),
        layer(v3, "Dropout", "dropout", {"rate": 0.2, "noise_shape": None, "seed": None},
              node("global_average_pooling2d")),
        layer(v3, "Dense", "dense", dense(10, "linear"), node("dropout")),
        layer(v3, "Softmax", "softmax", {"axis": -1}, node("dense")),
    ]
    config = {"name": "functional" if v3 else "model", "trainable": True, "layers": layers,
              "input_layers": [[inp, 0, 0]] if not v3 else [inp, 0, 0],
              "output_layers": [["softmax", 0, 0]] if not v3 else ["softmax", 0, 0]}
    weights = [(inp, "InputLayer", []), ("rescaling", "Rescaling", []),
               ("conv2d", "Conv2D", [("kernel", hwio(m.c1.weight)), ("bias", v(m.c1.bias))]),
               ("batch_normalization", "BatchNormalization", bn_weights(m.b1)),
               ("re_lu", "ReLU", []),
               ("conv2d_1", "Conv2D", [("kernel", hwio(m.c2.weight))]),
               ("batch_normalization_1", "BatchNormalization", bn_weights(m.b2)),
               ("add", "Add", []), ("leaky_re_lu", "LeakyReLU", []), ("max_pooling2d", "MaxPooling2D", []),
               ("conv2d_2", "Conv2D", [("kernel", hwio(m.c3.weight)), ("bias", v(m.c3.bias))]),
               ("average_pooling2d", "AveragePooling2D", []), ("concatenate", "Concatenate", []),
               ("batch_normalization_2", "BatchNormalization", bn_weights(m.b3)),
               ("global_average_pooling2d", "GlobalAveragePooling2D", []), ("dropout", "Dropout", []),
               ("dense", "Dense", [("kernel", t(m.d.weight)), ("bias", v(m.d.bias))]),
               ("softmax", "Softmax", [])]
    return {"class_name": "Functional" if v3 else "Functional", "config": config}, weights


# ---------------------------------------------------------------------------------------------- writers

def weight_groups(group, weights, v3, prefix):
    """save_weights_to_hdf5_group of Keras 2 (hdf5_format.py) and Keras 3 (legacy_h5_format.py)."""
    version = K3 if v3 else K2
    group.attrs["layer_names"] = np.array([n.encode("utf8") for n, _, _ in weights])
    group.attrs["backend"] = b"tensorflow"
    group.attrs["keras_version"] = version.encode("utf8")
    for name, _, ws in sorted(weights, key=lambda w: w[0]):
        g = group.create_group(name)
        names = [(prefix + name + "/" + w + ("" if v3 else ":0")).encode("utf8") for w, _ in ws]
        g.attrs["weight_names"] = np.array(names) if names else np.asarray([])
        for (w, value), full in zip(ws, names):
            g.create_dataset(full.decode("utf8"), data=value)
    top = group.create_group("top_level_model_weights")
    top.attrs["weight_names"] = np.asarray([])


def write_h5(path, model_config, weights, v3, prefix):
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = K3 if v3 else K2
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(model_config).encode("utf8")
        f.attrs["training_config"] = json.dumps({"loss": "categorical_crossentropy", "metrics": ["accuracy"],
                                                 "optimizer_config": {"class_name": "Adam",
                                                                      "config": {"learning_rate": 0.001}}}
                                                ).encode("utf8")
        weight_groups(f.create_group("model_weights"), weights, v3, prefix)


def write_json_and_weights(json_path, weights_path, model_config, weights):
    doc = dict(model_config)
    doc["keras_version"] = K2
    doc["backend"] = "tensorflow"
    with open(json_path, "w") as f:
        json.dump(doc, f)
    with h5py.File(weights_path, "w") as f:
        weight_groups(f, weights, False, "")


def snake(cls):
    import re
    name = re.sub(r"\W+", "", cls)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def write_keras(path, model_config, weights, sequential):
    config = {"module": "keras", "class_name": model_config["class_name"], "config": model_config["config"],
              "registered_name": None, "build_config": {"input_shape": [None, 32, 32, 3]},
              "compile_config": {"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}}
    if not sequential:
        config["module"] = "keras.src.models.functional"
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as f:
        f.create_group("vars")
        used = {}
        for name, cls, ws in weights:
            if sequential and cls == "InputLayer":
                continue
            base = snake(cls)
            key = base if base not in used else f"{base}_{used[base]}"
            used[base] = used.get(base, 0) + 1
            g = f.create_group("layers/" + key + "/vars")
            g.attrs["name"] = name
            for i, (_, value) in enumerate(ws):
                g.create_dataset(str(i), data=value)
        o = f.create_group("optimizer/vars")
        o.attrs["name"] = "adam"
        o.create_dataset("0", data=np.int64(750))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": K3, "date_saved": "2026-12-01@19:00:00"}))
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.h5", buffer.getvalue())


def write_all(stem, model, make_config, x_ref):
    for v3 in (False, True):
        config, weights = make_config(model, v3)
        prefix = ("sequential/" if stem == "sequential" else "") if v3 else ""
        write_h5(os.path.join(OUT, stem + ("-keras3.h5" if v3 else ".h5")), config, weights, v3, prefix)
        if v3:
            write_keras(os.path.join(OUT, stem + ".keras"), config, weights, stem == "sequential")
        else:
            write_json_and_weights(os.path.join(OUT, stem + ".json"), os.path.join(OUT, stem + "-weights.h5"),
                                   config, weights)
    np.save(os.path.join(OUT, stem + "-reference-inputs.npy"), x_ref)
    np.save(os.path.join(OUT, stem + "-reference-outputs.npy"), probabilities(model, x_ref))


def main():
    torch.set_num_threads(2)
    os.makedirs(OUT, exist_ok=True)
    x, y = read_records(member(TRAIN, "cifar-10-batches-bin/data_batch_1.bin"))
    xt, yt = to_planar_float(x[:5000]), torch.from_numpy(y[:5000])
    torch.manual_seed(1)
    seq = train(Sequential(), xt, yt, 10)
    torch.manual_seed(2)
    fun = train(Functional(), xt, yt, 10)
    for name, m, ref in (("sequential", seq, x[9000:9064]), ("functional", fun, x[9100:9164])):
        p = probabilities(m, x[6000:7000])
        print(name, "accuracy on 1,000 held-out images", float((p.argmax(1) == y[6000:7000]).mean()))
    write_all("sequential", seq, sequential_model, x[9000:9064])
    write_all("functional", fun, functional_model, x[9100:9164])
    sample, _ = read_records(member(SAMPLE, "cifar-10-batches-bin/validation_sample.bin"))
    np.save(os.path.join(OUT, "sequential-bundled-sample-probabilities.npy"), probabilities(seq, sample))
    with open(os.path.join(OUT, "sequential.h5.json"), "w") as f:
        json.dump({"schemaVersion": 2, "type": "modelImport", "inputLayout": "NHWC", "inputScale": 255,
                   "referenceInputs": "sequential-reference-inputs.npy",
                   "referenceOutputs": "sequential-reference-outputs.npy"}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
