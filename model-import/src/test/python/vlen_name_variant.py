#!/usr/bin/python3
"""Rewrites a Keras-layout .h5 so that every fixed-length bytes attribute array (layer_names, weight_names: what
Keras <= 2.4 with h5py 2 writes, and what make_keras_fixtures.py writes) becomes an array of variable-length UTF-8
strings, which is what real Keras 2.5+ and Keras 3 write with h5py 3 (seen in real files: Keras 2.11.0, 2.13.1,
3.7.0, 3.9.2, 3.10.0; see fixtures/keras-real/README.md). Weights and config are copied unchanged.

Usage: vlen_name_variant.py IN.h5 OUT.h5
Made: fixtures/keras/functional-keras3-vlen.h5 from fixtures/keras/functional-keras3.h5."""
import shutil
import sys

import h5py
import numpy as np


def convert(obj):
    for key, value in list(obj.attrs.items()):
        if isinstance(value, np.ndarray) and value.dtype.kind == "S":
            names = [v.decode("utf-8") for v in value.ravel()]
            del obj.attrs[key]
            obj.attrs.create(key, np.array(names, dtype=object), dtype=h5py.string_dtype("utf-8"))


def main():
    src, dst = sys.argv[1], sys.argv[2]
    shutil.copyfile(src, dst)
    with h5py.File(dst, "r+") as f:
        convert(f)
        f.visititems(lambda _, o: convert(o))
    with h5py.File(dst, "r") as f:
        mw = f["model_weights"] if "model_weights" in f else f
        print(dst, "layer_names", mw.attrs["layer_names"].dtype, h5py.check_string_dtype(mw.attrs.get_id("layer_names").dtype))


if __name__ == "__main__":
    main()
