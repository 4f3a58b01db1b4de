"""Writes the per-op fixtures of GraphBuilderTest: PyTorch 1.13 (CPU, float32) is the peer.

Run with Debian's python3 (which has torch):  /usr/bin/python3 model-import/src/test/python/make_op_fixtures.py
Each case is a folder under fixtures/ops/ holding x.npy (the input, NCHW or [n, features]), the op's parameters
(.npy, float32, in PyTorch/ONNX order: conv weights OIHW, dense weights [in, out]) and y.npy (PyTorch's output).
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io", "github", "erroranalysis",
                   "modelimport", "fixtures", "ops")
rng = np.random.default_rng(16)


def arr(*shape, scale=1.0, shift=0.0):
    return (rng.standard_normal(shape) * scale + shift).astype(np.float32)


def save(case, **arrays):
    folder = os.path.join(OUT, case)
    os.makedirs(folder, exist_ok=True)
    for name, value in arrays.items():
        np.save(os.path.join(folder, name + ".npy"), np.ascontiguousarray(np.asarray(value, dtype=np.float32)))


def t(a):
    return torch.from_numpy(a)


def conv(case, n, c, h, w, out, kh, kw, stride, pads, dilation, bias=True):
    """pads = top, left, bottom, right (the GraphBuilder's order)."""
    x, wt = arr(n, c, h, w), arr(out, c, kh, kw, scale=0.5)
    b = arr(out) if bias else None
    top, left, bottom, right = pads
    y = F.conv2d(F.pad(t(x), (left, right, top, bottom)), t(wt), None if b is None else t(b), stride=stride,
                 dilation=dilation)
    extra = {"b": b} if bias else {}
    save(case, x=x, w=wt, y=y.numpy(), **extra)


def pool(case, kind, n, c, h, w, kernel, stride, pads, count_include_pad=False, shift=0.0):
    """Pooling with pads top, left, bottom, right; padded cells never win a max and count in an average's divisor
    only with count_include_pad."""
    x = arr(n, c, h, w, shift=shift)
    top, left, bottom, right = pads
    if kind == "max":
        y = F.max_pool2d(F.pad(t(x), (left, right, top, bottom), value=-float("inf")), kernel, stride)
    elif top == bottom and left == right:
        y = F.avg_pool2d(t(x), kernel, stride, padding=(top, left), count_include_pad=count_include_pad)
    else:
        padded = F.pad(t(x), (left, right, top, bottom))
        sums = F.avg_pool2d(padded, kernel, stride) * (kernel[0] * kernel[1])
        if count_include_pad:
            y = sums / (kernel[0] * kernel[1])
        else:
            ones = F.pad(torch.ones_like(t(x)), (left, right, top, bottom))
            y = sums / (F.avg_pool2d(ones, kernel, stride) * (kernel[0] * kernel[1]))
    save(case, x=x, y=y.numpy())


def main():
    torch.manual_seed(16)
    conv("conv_asym", 2, 3, 9, 8, 4, 3, 2, (2, 1), (1, 0, 2, 1), (2, 1))
    conv("conv_sym_nobias", 2, 3, 6, 6, 5, 3, 3, (1, 1), (1, 1, 1, 1), (1, 1), bias=False)
    conv("conv_stride_dilation", 1, 2, 11, 10, 3, 3, 3, (2, 3), (2, 2, 2, 2), (2, 2))
    pool("maxpool_pad_negative", "max", 2, 3, 7, 7, (3, 3), (2, 2), (1, 1, 1, 1), shift=-5.0)
    pool("maxpool_same_negative", "max", 2, 2, 8, 7, (3, 3), (2, 2), (0, 1, 1, 1), shift=-5.0)
    pool("maxpool_crop_negative", "max", 1, 2, 7, 6, (3, 3), (2, 2), (2, 0, 0, 1), shift=-5.0)
    # kernel 2, stride 2 on odd sizes with TensorFlow's "same" pads (0, 1): no symmetric padding lines up, DL4J's Same mode
    pool("maxpool_same_mode_negative", "max", 2, 2, 7, 5, (2, 2), (2, 2), (0, 0, 1, 1), shift=-5.0)
    pool("avgpool_same_mode_exclude_pad", "avg", 2, 2, 7, 5, (2, 2), (2, 2), (0, 0, 1, 1), count_include_pad=False)
    pool("avgpool_include_pad", "avg", 2, 3, 7, 7, (3, 3), (2, 2), (1, 1, 1, 1), count_include_pad=True)
    pool("avgpool_exclude_pad", "avg", 2, 3, 7, 7, (3, 3), (2, 2), (1, 1, 1, 1), count_include_pad=False)
    pool("avgpool_same_exclude_pad", "avg", 2, 2, 8, 7, (3, 3), (2, 2), (0, 1, 1, 1), count_include_pad=False)
    pool("avgpool_crop_include_pad", "avg", 1, 2, 7, 6, (3, 3), (2, 2), (2, 0, 0, 1), count_include_pad=True)
    pool("avgpool_crop_exclude_pad", "avg", 1, 2, 7, 6, (3, 3), (2, 2), (2, 0, 0, 1), count_include_pad=False)

    for case, shape in (("batchnorm_image", (2, 4, 3, 3)), ("batchnorm_flat", (3, 6))):
        c = shape[1]
        x, gamma, beta, mean = arr(*shape), arr(c), arr(c), arr(c)
        var = (rng.random(c) + 0.1).astype(np.float32)
        y = F.batch_norm(t(x), t(mean), t(var), t(gamma), t(beta), training=False, eps=1e-3)
        save(case, x=x, gamma=gamma, beta=beta, mean=mean, var=var, y=y.numpy())

    x, wt, b = arr(3, 12), arr(5, 12), arr(5)
    save("dense", x=x, w=wt.T, b=b, y=F.linear(t(x), t(wt), t(b)).numpy())

    x = arr(2, 4, 5, 3)
    save("global_average_pool", x=x, y=F.adaptive_avg_pool2d(t(x), 1).flatten(1).numpy())

    x = arr(2, 3, 4, 5)
    scale, shift = arr(3), arr(3)
    save("affine_image", x=x, scale=scale, shift=shift, y=(t(x) * t(scale).view(1, 3, 1, 1)
                                                           + t(shift).view(1, 3, 1, 1)).numpy())
    x = arr(4, 6)
    scale, shift = arr(6), arr(6)
    save("affine_flat", x=x, scale=scale, shift=shift, y=(t(x) * t(scale) + t(shift)).numpy())

    x = arr(3, 7, scale=3.0)
    save("softmax", x=x, y=F.softmax(t(x), dim=1).numpy())

    x = arr(2, 3, 4, 5)
    save("flatten", x=x, y=t(x).flatten(1).numpy())

    # add and concat of two 1x1 convolutions of the input
    x, wa, wb = arr(2, 3, 4, 4), arr(2, 3, 1, 1), arr(2, 3, 1, 1)
    a, b2 = F.conv2d(t(x), t(wa)), F.conv2d(t(x), t(wb))
    save("add", x=x, wa=wa, wb=wb, y=(a + b2).numpy())
    save("concat", x=x, wa=wa, wb=wb, y=torch.cat([a, b2], dim=1).numpy())

    # a tiny residual network: conv-bn-relu, conv-bn, + skip, relu, maxpool | avgpool concat, flatten, linear, softmax
    x = arr(2, 3, 8, 8)
    p = {
        "c1w": arr(4, 3, 3, 3, scale=0.4), "c1b": arr(4, scale=0.1),
        "bn1g": arr(4, scale=0.2, shift=1.0), "bn1b": arr(4, scale=0.1), "bn1m": arr(4, scale=0.1),
        "bn1v": (rng.random(4) + 0.5).astype(np.float32),
        "c2w": arr(4, 4, 3, 3, scale=0.3),
        "bn2g": arr(4, scale=0.2, shift=1.0), "bn2b": arr(4, scale=0.1), "bn2m": arr(4, scale=0.1),
        "bn2v": (rng.random(4) + 0.5).astype(np.float32),
        "fcw": arr(10, 8 * 4 * 4, scale=0.1), "fcb": arr(10, scale=0.1),
    }
    h = F.relu(F.batch_norm(F.conv2d(t(x), t(p["c1w"]), t(p["c1b"]), padding=1), t(p["bn1m"]), t(p["bn1v"]),
                            t(p["bn1g"]), t(p["bn1b"]), training=False, eps=1e-5))
    r = F.batch_norm(F.conv2d(h, t(p["c2w"]), None, padding=1), t(p["bn2m"]), t(p["bn2v"]), t(p["bn2g"]),
                     t(p["bn2b"]), training=False, eps=1e-5)
    h = F.relu(r + h)
    h = torch.cat([F.max_pool2d(h, 2, 2), F.avg_pool2d(h, 2, 2)], dim=1)
    logits = F.linear(h.flatten(1), t(p["fcw"]), t(p["fcb"]))
    p["fcw"] = np.ascontiguousarray(p["fcw"].T)
    save("residual", x=x, logits=logits.numpy(), y=F.softmax(logits, dim=1).numpy(), **p)


if __name__ == "__main__":
    main()
