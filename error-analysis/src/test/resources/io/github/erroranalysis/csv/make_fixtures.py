"""Writes the CSV fixtures of PredictionFilesCsvTest with real pandas (Debian python3-pandas 1.5.3).

Run from this folder: /usr/bin/python3 make_fixtures.py
50 examples of 3 classes (cat, dog, frog), seeded; the first label is 0 on purpose (pandas' header of a labels
column is also "0"). Every file holds the same numbers; only the layout differs.
"""
import csv

import numpy as np
import pandas as pd

rng = np.random.default_rng(11)
n, c = 50, 3
logits = rng.normal(0, 2, size=(n, c)).astype(np.float32)
e = np.exp(logits - logits.max(axis=1, keepdims=True))
probs = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
labels = rng.integers(0, c, size=n)
labels[0] = 0

P = pd.DataFrame(probs)
L = pd.Series(labels)
P.to_csv("probs_plain.csv", index=False, header=False)           # reference layout: no header, no index
L.to_csv("labels_plain.csv", index=False, header=False)
P.to_csv("probs_index_false.csv", index=False)                     # header 0,1,2
L.to_csv("labels_index_false.csv", index=False)                    # header 0
P.to_csv("probs_index.csv")                                        # header ,0,1,2 and an index column
L.to_csv("labels_index.csv")                                       # header ,0 and an index column
P.to_csv("probs_bom.csv", index=False, header=False, encoding="utf-8-sig")
L.to_csv("labels_bom.csv", index=False, header=False, encoding="utf-8-sig")
P.to_csv("probs_bom_header.csv", index=False, encoding="utf-8-sig")
L.to_csv("labels_bom_header.csv", index=False, encoding="utf-8-sig")
pd.DataFrame(probs, columns=["cat", "dog", "frog"]).to_csv("probs_named.csv", index=False)
pd.DataFrame({"label": labels}).to_csv("labels_named.csv", index=False)
P.to_csv("probs_quoted_crlf.csv", index=False, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
L.to_csv("labels_quoted_crlf.csv", index=False, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
pd.DataFrame(logits).to_csv("logits_index_false.csv", index=False)
pd.DataFrame(logits).to_csv("logits_plain.csv", index=False, header=False)
with open("classes_bom.txt", "w", encoding="utf-8-sig") as f:
    f.write("cat\ndog\nfrog\n")
