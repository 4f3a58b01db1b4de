"""Makes the frost photos Weather.frost reads: the reference's frost1..frost5 resized as the reference resizes them.

Usage: /usr/bin/python3 make_frost_photos.py PATH/TO/hendrycks-robustness-checkout

The photos are read from ImageNet-C/create_c/ of a checkout of hendrycks/robustness (Apache-2.0, commit
8190fe329f5f072a06e3a2aea02bb5dda69aed9f), each with cv2.imread and cv2.resize(photo, (0, 0), fx=0.2, fy=0.2)
(INTER_LINEAR) as make_cifar_c.py's frost does, converted BGR -> RGB (the reference's [..., [2, 1, 0]]) and written
losslessly as PNG to src/main/resources/io/github/erroranalysis/corruption/frost/frostK.png, so the Java side reads
exactly the array cv2 gave. frost6 is not made: the reference draws np.random.randint(5), which never picks it.
"""
import os
import sys

import cv2
import numpy as np
from PIL import Image

NAMES = ['frost1.png', 'frost2.png', 'frost3.png', 'frost4.jpg', 'frost5.jpg']
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(os.path.dirname(HERE)), 'main', 'resources', 'io', 'github', 'erroranalysis',
                   'corruption', 'frost')


def main(checkout):
    for k, name in enumerate(NAMES, start=1):
        photo = cv2.imread(os.path.join(checkout, 'ImageNet-C', 'create_c', name))
        if photo is None:
            raise SystemExit('cannot read %s in %s' % (name, checkout))
        small = cv2.resize(photo, (0, 0), fx=0.2, fy=0.2)
        rgb = np.ascontiguousarray(small[..., [2, 1, 0]])
        path = os.path.join(OUT, 'frost%d.png' % k)
        Image.fromarray(rgb, 'RGB').save(path, optimize=True)
        if not np.array_equal(np.array(Image.open(path).convert('RGB')), rgb):
            raise SystemExit('%s does not read back exactly' % path)
        print('%s: %s -> %s' % (name, photo.shape, rgb.shape))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
