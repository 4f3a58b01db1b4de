"""Makes the fixture of ReplayFixtureTest: the reference's glass_blur, elastic_transform, fog and frost fed a fixed
sequence of draws instead of NumPy's generator, so the Java implementations can be compared byte for byte.

Usage: /usr/bin/python3 make_replay_fixture.py PATH/TO/make_cifar_c.py [N]

The reference (hendrycks/robustness, ImageNet-C/create_c/make_cifar_c.py, Apache-2.0, commit
8190fe329f5f072a06e3a2aea02bb5dda69aed9f) is read from the given public copy; its functions are extracted with `ast`
and executed with `np` standing for NumPy except `np.random`, which is replaced by a replay of the Weyl sequence
u_k = (k * 0.6180339887498949) % 1.0, k = k0 + 1, k0 + 2, ... (k0 = 100000 * (5 * image + severity - 1)):
uniform(low, high, size) = low + (high - low) * u (NumPy's formula) and randint(low, high, size) =
low + floor(u * (high - low)), each element in row-major order. The Java test replays the same sequence through a
UniformRandomProvider whose nextDouble() is u_k and nextInt(n) is floor(u_k * n). No reference code is stored here.

Inputs: the first N (default 6) images of the bundled sample. Output, in
cifar-robustness/src/test/resources/io/github/erroranalysis/corruption/fixtures/: replay_<name>.npy.gz, uint8 of
shape (5, N, 3072): severity, image, planar RGB bytes of np.uint8(reference(PIL image, severity)).
"""
import ast
import gzip
import io
import math
import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_images import FIXTURES, planar_images, reference_nodes  # noqa: E402 (after the path)

NAMES = ['glass_blur', 'elastic_transform', 'fog', 'frost']
HELPERS = ['plasma_fractal']
PHI = 0.6180339887498949
OUT = FIXTURES


class Replay:
    """Stands for np.random: draws the Weyl sequence."""

    def __init__(self, k0):
        self.k = k0

    def _next(self):
        self.k += 1
        return (self.k * PHI) % 1.0

    def _array(self, size, f):
        shape = () if size is None else (tuple(size) if hasattr(size, '__len__') else (size,))
        n = int(np.prod(shape)) if shape else 1
        values = [f(self._next()) for _ in range(n)]
        return np.array(values).reshape(shape) if shape else values[0]

    def uniform(self, low=0.0, high=1.0, size=None):
        return self._array(size, lambda u: low + (high - low) * u)

    def randint(self, low, high=None, size=None):
        if high is None:
            low, high = 0, low
        return self._array(size, lambda u: low + int(math.floor(u * (high - low))))


class NumpyWithReplay:
    """Stands for np: NumPy with np.random replaced."""

    def __init__(self, replay):
        self.random = replay

    def __getattr__(self, name):
        return getattr(np, name)


def reference_functions(path):
    """Returns the reference's functions by name and their shared scope."""
    body = reference_nodes(path, set(NAMES) | set(HELPERS))
    import cv2
    from scipy.ndimage import map_coordinates
    from skimage.filters import gaussian
    scope = {'np': np, 'gaussian': gaussian, 'cv2': cv2, 'map_coordinates': map_coordinates}
    exec(compile(ast.Module(body=body, type_ignores=[]), path, 'exec'), scope)
    return scope


def main(reference, n):
    from PIL import Image as PILImage
    scope = reference_functions(reference)
    planar = planar_images(n)
    os.chdir(os.path.dirname(os.path.abspath(reference)))
    for name in NAMES:
        out = np.zeros((5, n, 3072), np.uint8)
        for severity in range(1, 6):
            for i in range(n):
                scope['np'] = NumpyWithReplay(Replay(100000 * (5 * i + severity - 1)))
                hwc = np.ascontiguousarray(planar[i].reshape(3, 32, 32).transpose(1, 2, 0))
                result = np.uint8(scope[name](PILImage.fromarray(hwc, 'RGB'), severity))
                out[severity - 1, i] = result.transpose(2, 0, 1).reshape(-1)
        buffer = io.BytesIO()
        np.save(buffer, out)
        with gzip.GzipFile(os.path.join(OUT, 'replay_%s.npy.gz' % name), 'wb', mtime=0) as f:
            f.write(buffer.getvalue())
        print(name, 'written')


if __name__ == '__main__':
    warnings.simplefilter('ignore')
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 6)
