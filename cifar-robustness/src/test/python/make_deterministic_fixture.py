"""Makes the fixtures of DeterministicFixtureTest: the reference's deterministic corruptions on real CIFAR-10 images.

Usage: /usr/bin/python3 make_deterministic_fixture.py PATH/TO/make_cifar_c.py [N] [--check-all]

The reference (hendrycks/robustness, ImageNet-C/create_c/make_cifar_c.py, Apache-2.0) is read from the given public
copy; its functions are extracted with `ast` and executed with the imports they need (its top-level imports
torchvision, which is absent here). No reference code is stored in this repository.

Inputs: the first N (default 8) images of the bundled sample
examples/src/main/resources/io/github/erroranalysis/examples/cifar10-validation-sample.tar.gz
(member cifar-10-batches-bin/validation_sample.bin: records of 1 label byte + 3072 bytes of R, G, B planes).

Outputs, in cifar-robustness/src/test/resources/io/github/erroranalysis/corruption/fixtures/:
deterministic_<name>.npy.gz, uint8 of shape (5, N, 3072): severity 1..5, image, planar RGB bytes of
np.uint8(reference(PIL image, severity)) as the reference stores them.

With --check-all, instead writes nothing and saves all 1,000 reference outputs to /tmp/deterministic_all/<name>.npy
(shape (5, 1000, 3072)) for a manual comparison with the Java implementation.
"""
import ast
import gzip
import io
import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_images import FIXTURES, planar_images, reference_nodes  # noqa: E402 (after the path)

NAMES = ['brightness', 'contrast', 'saturate', 'pixelate', 'gaussian_blur', 'defocus_blur', 'zoom_blur',
         'jpeg_compression']
HELPERS = ['disk', 'clipped_zoom']
OUT = FIXTURES


def reference_functions(path):
    """Returns the reference's functions by name, executed with the imports they need."""
    body = reference_nodes(path, set(NAMES) | set(HELPERS))
    import cv2
    import skimage as sk
    import skimage.color  # noqa: F401 (sk.color)
    from PIL import Image as PILImage
    from scipy.ndimage import zoom as scizoom
    from skimage.filters import gaussian
    scope = {'np': np, 'sk': sk, 'gaussian': gaussian, 'cv2': cv2, 'scizoom': scizoom, 'PILImage': PILImage,
             'BytesIO': io.BytesIO}
    exec(compile(ast.Module(body=body, type_ignores=[]), path, 'exec'), scope)
    return {name: scope[name] for name in NAMES}


def sample_images():
    """Returns the bundled sample's images as an array (n, 3072) of planar RGB bytes."""
    return planar_images()


def corrupt(function, planar, severity):
    """Runs one reference function on one image as the reference does: a PIL RGB image in, np.uint8(out) out."""
    from PIL import Image as PILImage
    hwc = planar.reshape(3, 32, 32).transpose(1, 2, 0)
    out = np.uint8(function(PILImage.fromarray(np.ascontiguousarray(hwc), 'RGB'), severity))
    return out.transpose(2, 0, 1).reshape(-1)


def run(functions, images):
    return {name: np.array([[corrupt(f, img, s) for img in images] for s in range(1, 6)], dtype=np.uint8)
            for name, f in functions.items()}


def main(argv):
    warnings.simplefilter('ignore')
    if len(argv) < 2:
        raise SystemExit(__doc__)
    functions = reference_functions(argv[1])
    images = sample_images()
    if '--check-all' in argv:
        os.makedirs('/tmp/deterministic_all', exist_ok=True)
        for name, out in run(functions, images).items():
            np.save('/tmp/deterministic_all/%s.npy' % name, out)
        return
    n = int(argv[2]) if len(argv) > 2 else 8
    for name, out in run(functions, images[:n]).items():
        buffer = io.BytesIO()
        np.save(buffer, out)
        path = os.path.join(OUT, 'deterministic_%s.npy.gz' % name)
        with open(path, 'wb') as f:
            # mtime 0: the same inputs give the same bytes
            with gzip.GzipFile(fileobj=f, mode='wb', mtime=0, filename='') as gz:
                gz.write(buffer.getvalue())
        print(path, out.shape, os.path.getsize(path))


if __name__ == '__main__':
    main(sys.argv)
