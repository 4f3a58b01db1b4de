"""Makes the reference statistics of RandomStatisticsTest: the reference's random corruptions on real CIFAR-10 images.

Usage: /usr/bin/python3 make_random_statistics.py PATH/TO/make_cifar_c.py [N] [SEEDS]

The reference (hendrycks/robustness, ImageNet-C/create_c/make_cifar_c.py, Apache-2.0, commit
8190fe329f5f072a06e3a2aea02bb5dda69aed9f) is read from the given public copy; its functions are extracted with `ast`
and executed with the imports they need (its top-level imports torchvision, which is absent here). No reference code
is stored in this repository. frost reads './frost1.png' ...: the script runs in the directory of make_cifar_c.py,
where the reference keeps its frost photos.

Inputs: the first N (default 200) images of the bundled sample
examples/src/main/resources/io/github/erroranalysis/examples/cifar10-validation-sample.tar.gz, each corrupted at
every severity with SEEDS (default 4) seeds (np.random.seed(1000 * severity + s) before each pass over the images;
skimage 0.19's random_noise draws from its own unseeded np.random.default_rng, so impulse_noise is given
seed=np.random.randint(2**31) to make the file reproducible). The committed file was made with N = 200 and
SEEDS = 3 (`make_random_statistics.py REF 200 3`).

Output: cifar-robustness/src/test/resources/io/github/erroranalysis/corruption/fixtures/random_statistics.json.gz:
{"images": N, "seeds": SEEDS, "statistics": [...names], "frost_photos": [{"height", "width", "sum"} of the resized
RGB photos], "cells": [{"corruption", "severity", "mean": {stat: mean over images}, "per_image": {stat: [N values,
each the mean over the seeds]}}]}. The statistics of one corrupted image, on its 3,072 elements with
d = int(out) - int(in): mean_diff (mean d), std_diff (population std of d), abs_diff (mean |d|), changed (fraction
d != 0), zero (fraction out == 0), full (fraction out == 255), grad (mean |out[y, x+1] - out[y, x]| over rows,
a measure of blur and of how far pixels moved).
"""
import ast
import gzip
import io
import json
import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_images import FIXTURES, planar_images, reference_nodes  # noqa: E402 (after the path)

NAMES = ['gaussian_noise', 'shot_noise', 'impulse_noise', 'speckle_noise', 'glass_blur', 'elastic_transform', 'fog',
         'frost']
HELPERS = ['plasma_fractal']
STATISTICS = ['mean_diff', 'std_diff', 'abs_diff', 'changed', 'zero', 'full', 'grad']
FROST_FILES = ['frost1.png', 'frost2.png', 'frost3.png', 'frost4.jpg', 'frost5.jpg']
OUT = os.path.join(FIXTURES, 'random_statistics.json.gz')


def reference_functions(path):
    """Returns the reference's functions by name, executed with the imports they need."""
    body = reference_nodes(path, set(NAMES) | set(HELPERS))
    import cv2
    import skimage as sk
    import skimage.util
    from scipy.ndimage import map_coordinates
    from skimage.filters import gaussian

    def seeded_random_noise(image, **kwargs):
        return skimage.util.random_noise(image, seed=np.random.randint(2 ** 31), **kwargs)

    class SeededSk:
        class util:
            random_noise = staticmethod(seeded_random_noise)

    scope = {'np': np, 'sk': SeededSk, 'gaussian': gaussian, 'cv2': cv2, 'map_coordinates': map_coordinates}
    exec(compile(ast.Module(body=body, type_ignores=[]), path, 'exec'), scope)
    return {name: scope[name] for name in NAMES}


def sample_images(n):
    """Returns the first n images of the bundled sample as an array (n, 32, 32, 3) of HWC bytes."""
    return planar_images(n).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)


def statistics(before, after):
    """The statistics of one corrupted image (both HWC uint8)."""
    d = after.astype(np.int64) - before.astype(np.int64)
    out = after.astype(np.int64)
    return [d.mean(), d.std(), np.abs(d).mean(), (d != 0).mean(), (after == 0).mean(), (after == 255).mean(),
            np.abs(np.diff(out, axis=1)).mean()]


def main(reference, n, seeds):
    from PIL import Image as PILImage
    import cv2
    functions = reference_functions(reference)
    images = sample_images(n)
    os.chdir(os.path.dirname(os.path.abspath(reference)))
    photos = []
    for name in FROST_FILES:
        rgb = cv2.resize(cv2.imread(name), (0, 0), fx=0.2, fy=0.2)[..., [2, 1, 0]]
        photos.append({'height': rgb.shape[0], 'width': rgb.shape[1], 'sum': int(rgb.astype(np.int64).sum())})
    cells = []
    for name in NAMES:
        for severity in range(1, 6):
            values = np.zeros((seeds, n, len(STATISTICS)))
            for s in range(seeds):
                np.random.seed(1000 * severity + s)
                for i, img in enumerate(images):
                    pil = PILImage.fromarray(np.ascontiguousarray(img), 'RGB')
                    out = np.uint8(functions[name](pil, severity))
                    values[s, i] = statistics(img, out)
            per_image = values.mean(axis=0)
            cells.append({'corruption': name, 'severity': severity,
                          'mean': {k: float(per_image[:, j].mean()) for j, k in enumerate(STATISTICS)},
                          'per_image': {k: [float('%.6g' % v) for v in per_image[:, j]]
                                        for j, k in enumerate(STATISTICS)}})
            print(name, severity, {k: round(v, 4) for k, v in cells[-1]['mean'].items()}, flush=True)
    result = {'images': n, 'seeds': seeds, 'statistics': STATISTICS, 'frost_photos': photos, 'cells': cells}
    with gzip.open(OUT, 'wt', encoding='utf-8') as f:
        json.dump(result, f, separators=(',', ':'))


if __name__ == '__main__':
    warnings.simplefilter('ignore')
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200, int(sys.argv[3]) if len(sys.argv) > 3 else 4)
