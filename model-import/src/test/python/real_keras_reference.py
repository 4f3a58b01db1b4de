#!/usr/bin/python3
"""Independent NumPy forward pass of a REAL Keras-written .h5 (Keras 2 or Keras 3 legacy HDF5) or .keras, from the file's
own model_config and weights read with h5py (no Keras, no TensorFlow, no code shared with the Java importer).

Usage: real_keras_reference.py MODEL.h5|MODEL.keras|MODEL.json OUT_PREFIX [--weights W.h5] [--cifar ARCHIVE] [--n 16]
       [--inputs FILE.npy]
  --cifar: the official binary CIFAR-10 archive; the first N images of data_batch_3 (uint8, N x 32 x 32 x 3, NHWC)
  --inputs: inputs the model's author shipped (float, NHWC), fed as they are
Writes OUT_PREFIX-inputs.npy (uint8, or the shipped floats) and OUT_PREFIX-outputs.npy (float32, the model's
outputs). Pixels are fed as x / 255 (the library's default preprocessing) unless --inputs is given.
Supports the layers of a plain or residual CNN: InputLayer, Conv2D, MaxPooling2D, AveragePooling2D, BatchNormalization,
Activation, ReLU, Flatten, Dense, Dropout, GlobalAveragePooling2D, Add (channels_last); Sequential, or functional with
one input and the last layer as its output."""
import argparse, io, json, tarfile, zipfile
import h5py
import numpy as np


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def act(x, name):
    if isinstance(name, dict):
        name = name.get("config", {}).get("name", name.get("class_name"))
    name = (name or "linear").lower()
    if name == "linear":
        return x
    if name == "relu":
        return np.maximum(x, 0)
    if name == "softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-x))
    if name == "tanh":
        return np.tanh(x)
    raise SystemExit("activation not in this reference: " + name)


def same_pads(n, k, s, d=1):
    ek = (k - 1) * d + 1
    out = -(-n // s)
    total = max((out - 1) * s + ek - n, 0)
    return total // 2, total - total // 2


def conv2d(x, kern, bias, strides, padding, dilation):
    kh, kw, ci, co = kern.shape
    sh, sw = strides
    dh, dw = dilation
    if padding == "same":
        pt, pb = same_pads(x.shape[1], kh, sh, dh)
        pl, pr = same_pads(x.shape[2], kw, sw, dw)
        x = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    n, h, w, _ = x.shape
    oh = (h - (kh - 1) * dh - 1) // sh + 1
    ow = (w - (kw - 1) * dw - 1) // sw + 1
    out = np.zeros((n, oh, ow, co), dtype=np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i * dh:i * dh + (oh - 1) * sh + 1:sh, j * dw:j * dw + (ow - 1) * sw + 1:sw, :]
            out += patch @ kern[i, j].astype(np.float64)
    return out if bias is None else out + bias


def pool(x, size, strides, padding, kind):
    ph, pw = size
    sh, sw = strides
    if padding == "same":
        pt, pb = same_pads(x.shape[1], ph, sh)
        pl, pr = same_pads(x.shape[2], pw, sw)
        x = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)), constant_values=np.nan)
    n, h, w, c = x.shape
    oh = (h - ph) // sh + 1
    ow = (w - pw) // sw + 1
    win = np.stack([x[:, i:i + (oh - 1) * sh + 1:sh, j:j + (ow - 1) * sw + 1:sw, :]
                    for i in range(ph) for j in range(pw)])
    return np.nanmax(win, axis=0) if kind == "max" else np.nanmean(win, axis=0)


def weights(group, layer_name):
    if layer_name not in group:
        return []
    g = group[layer_name]
    names = [text(n) for n in g.attrs.get("weight_names", [])]
    return [np.asarray(g[n]) for n in names]


def keras_zip_weights(store, layer_name):
    """Keras 3 .keras: model.weights.h5 holds layers/<path>/vars/<i>; the vars group's name attribute is the layer's."""
    if "layers" not in store:
        return []
    for key in store["layers"]:
        v = store["layers"][key].get("vars")
        if v is not None and text(v.attrs.get("name", key)) == layer_name:
            return [np.asarray(v[str(i)]) for i in range(len(v))]
    return []


def model(path, weights_path=None):
    """(layers, weight lookup) of a Keras .h5 or .keras file, or of a model JSON with its save_weights .h5."""
    if weights_path:
        with open(path) as j:
            cfg = json.load(j)
        f = h5py.File(weights_path, "r")
        mw = f["model_weights"] if "model_weights" in f else f
        lookup = lambda name: weights(mw, name)
    elif zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        cfg = json.loads(zf.read("config.json"))
        store = h5py.File(io.BytesIO(zf.read("model.weights.h5")), "r")
        lookup = lambda name: keras_zip_weights(store, name)
    else:
        f = h5py.File(path, "r")
        cfg = json.loads(text(f.attrs["model_config"]))
        mw = f["model_weights"] if "model_weights" in f else f
        lookup = lambda name: weights(mw, name)
    layers = cfg["config"]["layers"] if isinstance(cfg["config"], dict) else cfg["config"]
    return layers, lookup


def inbound(layer):
    """Names of the layers feeding a functional model's layer (Keras 2 node lists or Keras 3 __keras_tensor__ args)."""
    nodes = layer.get("inbound_nodes") or []
    if not nodes:
        return []
    node = nodes[0]
    if isinstance(node, dict):
        found = []

        def walk(v):
            if isinstance(v, dict):
                if v.get("class_name") == "__keras_tensor__":
                    found.append(v["config"]["keras_history"][0])
                else:
                    for x in v.values():
                        walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
        walk(node.get("args", []))
        return found
    return [entry[0] for entry in node]


def apply(cls, c, w, xs):
    x = xs[0]
    if cls in ("InputLayer", "Dropout"):
        return x
    if c.get("data_format", "channels_last") != "channels_last":
        raise SystemExit(c["name"] + ": channels_first is not in this reference")
    if cls == "Conv2D":
        return act(conv2d(x, w[0], w[1] if c.get("use_bias", True) else None, c["strides"], c["padding"],
                          c.get("dilation_rate", [1, 1])), c.get("activation"))
    if cls in ("MaxPooling2D", "AveragePooling2D"):
        return pool(x, c["pool_size"], c.get("strides") or c["pool_size"], c["padding"],
                    "max" if cls.startswith("Max") else "avg")
    if cls == "BatchNormalization":
        i = 0
        gamma = w[i] if c.get("scale", True) else 1.0
        i += 1 if c.get("scale", True) else 0
        beta = w[i] if c.get("center", True) else 0.0
        i += 1 if c.get("center", True) else 0
        mean, var = w[i], w[i + 1]
        return (x - mean) / np.sqrt(var + c["epsilon"]) * gamma + beta
    if cls == "Activation":
        return act(x, c["activation"])
    if cls == "ReLU":
        if c.get("max_value") is not None or c.get("threshold", 0) or c.get("negative_slope", 0):
            raise SystemExit(c["name"] + ": ReLU options are not in this reference")
        return np.maximum(x, 0)
    if cls == "Flatten":
        return x.reshape(x.shape[0], -1)
    if cls == "GlobalAveragePooling2D":
        return x.mean(axis=(1, 2))
    if cls == "Dense":
        return act(x @ w[0].astype(np.float64) + (w[1] if c.get("use_bias", True) else 0), c.get("activation"))
    if cls == "Add":
        return sum(xs)
    raise SystemExit(c["name"] + ": " + cls + " is not in this reference")


def forward(path, x, weights_path=None):
    layers, lookup = model(path, weights_path)
    x = x.astype(np.float64)
    functional = any(layer.get("inbound_nodes") for layer in layers)
    if not functional:
        for layer in layers:
            x = apply(layer["class_name"], layer["config"], lookup(layer["config"]["name"]), [x])
        return x.astype(np.float32)
    values = {}
    last = None
    for layer in layers:  # Keras writes a functional model's layers in an order where inputs come first
        name = layer["config"]["name"]
        srcs = inbound(layer)
        values[name] = x if not srcs else apply(layer["class_name"], layer["config"], lookup(name),
                                                [values[n] for n in srcs])
        last = name
    return values[last].astype(np.float32)


def cifar(archive, n):
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("data_batch_3.bin"))
        raw = tar.extractfile(member).read(n * 3073)
    rec = np.frombuffer(raw, dtype=np.uint8).reshape(n, 3073)[:, 1:]
    return rec.reshape(n, 3, 32, 32).transpose(0, 2, 3, 1).copy()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("out")
    p.add_argument("--cifar")
    p.add_argument("--n", type=int, default=16)
    p.add_argument("--inputs")
    p.add_argument("--weights", help="the weights .h5 of a model JSON (Keras save_weights)")
    a = p.parse_args()
    if a.inputs:
        raw = np.load(a.inputs)
        out = forward(a.model, raw, a.weights)
    else:
        raw = cifar(a.cifar, a.n)
        out = forward(a.model, raw / 255.0, a.weights)
    np.save(a.out + "-inputs.npy", raw)
    np.save(a.out + "-outputs.npy", out)
    print(a.model, "->", out.shape, "top-1", out.argmax(axis=1).tolist() if out.shape[1] > 1 else out[:, 0].tolist())


if __name__ == "__main__":
    main()
