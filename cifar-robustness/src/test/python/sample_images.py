"""Shared by the fixture scripts: the bundled CIFAR-10 sample's images, the fixtures folder, and the reference's
functions read from its public copy with `ast` (no reference code is stored in this repository).

The scripts import it from their own folder (they put it first on sys.path), so they run from any working folder.
"""
import ast
import os
import tarfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SAMPLE = os.path.join(MODULE, '..', 'examples', 'src', 'main', 'resources', 'io', 'github', 'erroranalysis',
                      'examples', 'cifar10-validation-sample.tar.gz')
FIXTURES = os.path.join(MODULE, 'src', 'test', 'resources', 'io', 'github', 'erroranalysis', 'corruption',
                        'fixtures')


def planar_images(n=None):
    """Returns the first n (default all) images of the bundled sample as an array (n, 3072) of planar RGB bytes.

    The sample's member cifar-10-batches-bin/validation_sample.bin holds records of 1 label byte + 3072 bytes of
    R, G, B planes; the array is a read-only view of them.
    """
    with tarfile.open(SAMPLE) as tar:
        data = tar.extractfile('cifar-10-batches-bin/validation_sample.bin').read()
    records = np.frombuffer(data, np.uint8).reshape(-1, 3073)
    return records[:n, 1:]


def reference_nodes(path, wanted):
    """Returns the top-level function definitions of the reference at path named in wanted; exits naming any
    missing."""
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read(), filename=path)
    body = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in wanted]
    missing = set(wanted) - {node.name for node in body}
    if missing:
        raise SystemExit('%s lacks %s' % (path, sorted(missing)))
    return body
