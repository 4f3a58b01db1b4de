"""Peer values of ImageAttributes (error-analysis-report), by OpenCV, scikit-image and SciPy.

Writes small 32x32 RGB PNGs and attributes.csv (one row per image: the seven numeric attributes and the dominant
hue's name) under src/test/resources/io/github/erroranalysis/report/attributes/, which ImageAttributesTest reads.
Run from the module folder:  /usr/bin/python3 src/test/python/image_attributes_peer.py
(cv2 4.6, skimage 0.19, scipy 1.10 made the committed fixture.)
"""
import csv
import os

import cv2
import numpy as np
import scipy.ndimage as ndi
import skimage.color
import skimage.data

OUT = os.path.join("src", "test", "resources", "io", "github", "erroranalysis", "report", "attributes")
HUES = ["red", "yellow", "green", "cyan", "blue", "magenta"]


def images():
    rng = np.random.default_rng(18)
    yield "noise", rng.integers(0, 256, size=(32, 32, 3), dtype=np.uint8)
    for name in ("chelsea", "coffee", "astronaut"):
        big = getattr(skimage.data, name)()
        yield name, cv2.resize(big, (32, 32), interpolation=cv2.INTER_AREA)
    board = (np.indices((32, 32)).sum(axis=0) // 4 % 2 * 200 + 20).astype(np.uint8)
    yield "blurred-board", cv2.GaussianBlur(np.dstack([board, board, board]), (5, 5), 1.5)
    disc = np.full((32, 32, 3), (40, 60, 200), np.uint8)
    cv2.circle(disc, (22, 9), 5, (250, 200, 30), -1)
    yield "disc", disc


def attributes(rgb):
    f = rgb.astype(np.float64)
    r, g, b = f[..., 0], f[..., 1], f[..., 2]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    hsv = skimage.color.rgb2hsv(rgb)
    s = hsv[..., 1]
    rg = r - g
    yb = 0.5 * (r + g) - b
    colourfulness = np.sqrt(rg.std() ** 2 + yb.std() ** 2) + 0.3 * np.sqrt(rg.mean() ** 2 + yb.mean() ** 2)
    sharpness = cv2.Laplacian(y, cv2.CV_64F, ksize=1).var()
    gx = cv2.Sobel(y, cv2.CV_64F, 1, 0, ksize=3)
    gy = cv2.Sobel(y, cv2.CV_64F, 0, 1, ksize=3)
    edges = (np.hypot(gx, gy) > 100).mean()
    border = np.concatenate([y[0, :], y[-1, :], y[1:-1, 0], y[1:-1, -1]]).mean()
    weights = np.abs(y - border)
    if weights.sum() > 0:
        cy, cx = ndi.center_of_mass(weights)  # pixel centres at integers: +0.5 for the Java's corner origin
        off = np.hypot(cx + 0.5 - 16, cy + 0.5 - 16) / (np.hypot(32, 32) / 2)
    else:
        off = 0.0
    sector = np.floor(((hsv[..., 0] * 360 + 30) % 360) / 60).astype(int) % 6
    sums = np.bincount(sector.ravel(), weights=s.ravel(), minlength=6)
    hue = "grey" if s.mean() < 0.1 else HUES[int(np.argmax(sums))]
    return [y.mean(), y.std(), s.mean(), colourfulness, sharpness, edges, off], hue


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "attributes.csv"), "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["image", "brightness", "contrast", "saturation", "colourfulness", "sharpness", "edge density",
                    "off-centre mass", "dominant hue"])
        for name, rgb in images():
            cv2.imwrite(os.path.join(OUT, name + ".png"), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
            values, hue = attributes(rgb)
            w.writerow([name + ".png"] + ["%.10g" % v for v in values] + [hue])


if __name__ == "__main__":
    main()
