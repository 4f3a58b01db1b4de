"""Makes the fixtures of MotionFixtureTest: the reference's motion_blur, snow and spatter with their random draws fixed.

Usage: /usr/bin/python3 make_motion_fixture.py PATH/TO/make_cifar_c.py [N] [STATS] [--check-all]

The reference (hendrycks/robustness, ImageNet-C/create_c/make_cifar_c.py, Apache-2.0) is read from the given public
copy; its functions (motion_blur, snow, spatter, clipped_zoom) and its MotionImage class are extracted with `ast` and
executed with the imports they need (ImageMagick 6 through wand, OpenCV, skimage, SciPy). No reference code is stored
in this repository.

The reference's random draws go through a recorder standing in for `np.random`: motion_blur's angle is fixed to a
known value per image; snow's and spatter's normal layers are drawn by NumPy (seed 17), rounded to float32 (so they
can be stored compactly and fed back exactly) and recorded, as is snow's angle.

Note: in spatter's water branch the reference re-binds liquid_layer to its uint8 copy, so m = liquid_layer * dist
is uint8 x float32 (float32), not the float64 layer.

Inputs: the first N (default 8) images of the bundled sample
examples/src/main/resources/io/github/erroranalysis/examples/cifar10-validation-sample.tar.gz.

Outputs, in cifar-robustness/src/test/resources/io/github/erroranalysis/corruption/fixtures/:
- motion_blur.npy.gz uint8 (5, N, 3072) and motion_blur_angles.npy.gz float64 (5, N);
- snow.npy.gz uint8 (5, N, 3072), snow_layers.npy.gz float32 (5, N, 1024), snow_angles.npy.gz float64 (5, N);
- spatter.npy.gz uint8 (5, N, 3072), spatter_layers.npy.gz float32 (5, N, 1024);
- motion_statistics.json: over the first STATS (default 200) images with the reference's own random draws
  (np.random.seed(0)), per corruption and severity, the mean over images of each image's mean signed change
  (grey levels), mean absolute change and fraction of changed values, with their standard deviations over images.
(Planar RGB bytes as the library stores them; the reference's np.uint8(output).)

With --check-all, instead writes nothing there and saves the same fixtures for all 1,000 sample images to
/tmp/motion_all/ (N = 1000, no statistics) for a manual comparison (MotionFixtureTest#allSampleImagesWhenAsked).
"""
import ast
import ctypes
import gzip
import io
import json
import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_images import FIXTURES, planar_images  # noqa: E402 (after the path)

NAMES = ['motion_blur', 'snow', 'spatter']
HELPERS = ['clipped_zoom']
OUT = FIXTURES


class Recorder:
    """Stands in for np.random in the reference: fixes or records its draws."""

    def __init__(self):
        self.angle = None
        self.angles = []
        self.layers = []
        self.exact = False

    def uniform(self, low, high, size=None):
        value = self.angle if self.angle is not None else np.random.uniform(low, high)
        self.angles.append(float(value))
        return value

    def normal(self, size=None, loc=0.0, scale=1.0):
        value = np.random.normal(size=size, loc=loc, scale=scale)
        if not self.exact:
            value = value.astype(np.float32).astype(np.float64)
        self.layers.append(value.astype(np.float32))
        return value


class NumPy:
    """np with random replaced by the recorder."""

    def __init__(self, recorder):
        self.random = recorder

    def __getattr__(self, name):
        return getattr(np, name)


def reference_functions(path, recorder):
    """Returns the reference's functions by name, executed with the imports they need."""
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read(), filename=path)
    wanted = set(NAMES) | set(HELPERS) | {'MotionImage'}
    body = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in wanted:
            body.append(node)
        elif isinstance(node, ast.Assign) and 'MagickMotionBlurImage' in ast.unparse(node):
            body.append(node)
    missing = wanted - {getattr(node, 'name', None) for node in body}
    if missing:
        raise SystemExit('%s lacks %s' % (path, sorted(missing)))
    import cv2
    from PIL import Image as PILImage
    from scipy.ndimage import zoom as scizoom
    from skimage.filters import gaussian
    from wand.api import library as wandlibrary
    from wand.image import Image as WandImage
    scope = {'np': NumPy(recorder), 'gaussian': gaussian, 'cv2': cv2, 'scizoom': scizoom,
             'PILImage': PILImage, 'BytesIO': io.BytesIO, 'WandImage': WandImage, 'wandlibrary': wandlibrary,
             'ctypes': ctypes}
    exec(compile(ast.Module(body=body, type_ignores=[]), path, 'exec'), scope)
    return {name: scope[name] for name in NAMES}


def sample_images(n):
    """Returns the first n images of the bundled sample as (n, 3072) planar bytes."""
    return planar_images(n).copy()


def to_pil(planar):
    from PIL import Image
    return Image.fromarray(planar.reshape(3, 32, 32).transpose(1, 2, 0).copy(), 'RGB')


def to_planar(output):
    return np.uint8(output).transpose(2, 0, 1).reshape(-1)


def save(name, array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    with gzip.GzipFile(os.path.join(OUT, name), 'wb', mtime=0) as f:
        f.write(buffer.getvalue())


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    global OUT
    check_all = '--check-all' in sys.argv
    args = [a for a in sys.argv if a != '--check-all']
    n = int(args[2]) if len(args) > 2 else 8
    stats_n = int(args[3]) if len(args) > 3 else 200
    if check_all:
        OUT, n, stats_n = '/tmp/motion_all', 1000, 0
    warnings.simplefilter('ignore')
    recorder = Recorder()
    functions = reference_functions(sys.argv[1], recorder)
    images = sample_images(max(n, stats_n))
    os.makedirs(OUT, exist_ok=True)

    outputs, angles = np.zeros((5, n, 3072), np.uint8), np.zeros((5, n))
    for s in range(5):
        for i in range(n):
            recorder.angle = -45 + 90 * (i + 0.5 + 0.13 * s) / n
            angles[s, i] = recorder.angle
            outputs[s, i] = to_planar(functions['motion_blur'](to_pil(images[i]), s + 1))
    recorder.angle = None
    save('motion_blur.npy.gz', outputs)
    save('motion_blur_angles.npy.gz', angles)

    np.random.seed(17)
    for name in ['snow', 'spatter']:
        outputs = np.zeros((5, n, 3072), np.uint8)
        layers = np.zeros((5, n, 1024), np.float32)
        angles = np.zeros((5, n))
        for s in range(5):
            for i in range(n):
                recorder.angles, recorder.layers = [], []
                outputs[s, i] = to_planar(functions[name](to_pil(images[i]), s + 1))
                layers[s, i] = recorder.layers[0].reshape(-1)
                if recorder.angles:
                    angles[s, i] = recorder.angles[0]
        save(name + '.npy.gz', outputs)
        save(name + '_layers.npy.gz', layers)
        if name == 'snow':
            save('snow_angles.npy.gz', angles)

    if check_all:
        return
    recorder.exact = True
    np.random.seed(0)
    stats = {'images': stats_n, 'seed': 0, 'corruptions': []}
    for name in NAMES:
        for s in range(5):
            per = []
            for i in range(stats_n):
                clean = images[i].astype(np.int64)
                out = to_planar(functions[name](to_pil(images[i]), s + 1)).astype(np.int64)
                per.append([np.mean(out - clean), np.mean(np.abs(out - clean)), np.mean(out != clean)])
            per = np.array(per)
            stats['corruptions'].append({'name': name, 'severity': s + 1,
                                         'meanChange': per[:, 0].mean(), 'meanChangeSd': per[:, 0].std(),
                                         'meanAbsChange': per[:, 1].mean(), 'meanAbsChangeSd': per[:, 1].std(),
                                         'changedFraction': per[:, 2].mean(), 'changedFractionSd': per[:, 2].std()})
    with open(os.path.join(OUT, 'motion_statistics.json'), 'w', encoding='utf-8') as f:
        json.dump(stats, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
