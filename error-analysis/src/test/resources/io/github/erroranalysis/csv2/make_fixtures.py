"""Writes the fixtures of PredictionFilesTrustTest with real numpy/pandas (Debian python3-pandas 1.5.3, numpy 1.24).

Run from this folder: /usr/bin/python3 make_fixtures.py
200 examples of 4 classes (cat, dog, frog, ship), seeded. expected.txt holds numpy's accuracy (argmax of the float64
data) for the files where float32 would give another answer.
"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(12)
n, c = 200, 4
names = ["cat", "dog", "frog", "ship"]
logits = rng.normal(0, 3, size=(n, c))                      # float64
e = np.exp(logits - logits.max(axis=1, keepdims=True))
probs = e / e.sum(axis=1, keepdims=True)
labels = rng.integers(0, c, size=n)
expected = {}

P = pd.DataFrame(probs, columns=names)
L = pd.Series(labels, name="label")
P.to_csv("p_names.csv", index=False)                         # header in class order
L.to_csv("y_noidx.csv", index=False)                         # header "label"
P[names[::-1]].to_csv("p_perm.csv", index=False)             # header names in reverse order (finding 2)
P[["cat", "dog", "frog", "frog"]].set_axis(["cat", "dog", "frog", "frog"], axis=1).to_csv("p_repeat.csv", index=False)
P.rename(columns={"ship": "boat"}).to_csv("p_unknown.csv", index=False)
P.to_csv("p_idx.csv")                                        # index 0..N-1 in order
L.to_csv("y_idx.csv")                                        # labels with the same index
S = P.sample(frac=1, random_state=3)
S.to_csv("p_shuf_idx.csv")                                   # finding 3: shuffled, index kept
L.loc[S.index].to_csv("y_shuf_idx.csv")                      # labels shuffled the same way: indexes identical
P.rename_axis("id").to_csv("p_id.csv")                       # an index named 'id'
P.to_csv("p_semicolon.csv", sep=";", index=False)            # finding 8
P.to_csv("p_decimal.csv", sep=";", decimal=",", index=False)
pd.get_dummies(L).astype(np.uint8).to_csv("y_onehot.csv", index=False)   # one-hot labels, header 0,1,2,3
pd.get_dummies(L).astype(np.uint8).set_axis(names, axis=1)[names[::-1]].to_csv("y_onehot_perm.csv", index=False)

# finding 4: float64 beyond float32
shifted = logits + 1e6
np.save("lg_shift.npy", shifted)
pd.DataFrame(shifted).to_csv("lg_shift.csv", index=False, header=False, float_format="%.17g")
np.save("y.npy", labels)
expected["lg_shift"] = float(np.mean(shifted.argmax(axis=1) == labels))
es = np.exp(shifted - shifted.max(axis=1, keepdims=True))
np.save("conf_shift.npy", (es / es.sum(axis=1, keepdims=True)).max(axis=1))   # numpy's float64 confidences
np.save("lg_huge.npy", logits * 1e300)                       # finite in float64, infinite in float32
expected["lg_huge"] = float(np.mean((logits * 1e300).argmax(axis=1) == labels))
ties = np.full((n, c), 0.0)
top = labels
ties[np.arange(n), top] = 0.5 + 1e-9                          # the true class wins by 2e-9
ties[np.arange(n), (top + 1) % c] = 0.5 - 1e-9
np.save("p_ties64.npy", ties)
expected["p_ties64"] = float(np.mean(ties.argmax(axis=1) == labels))

# finding 5: probabilities that look rounded, or a hair below 0
P.to_csv("p_round3.csv", index=False, header=False, float_format="%.3f")
P.to_csv("p_round2.csv", index=False, header=False, float_format="%.2f")
L.to_csv("y_plain.csv", index=False, header=False)
neg = probs.copy()
j = np.argmin(neg[0])
neg[0, (j + 1) % c] += neg[0, j] + 1e-9
neg[0, j] = -1e-9
np.save("p_negtiny.npy", neg)

with open("expected.txt", "w") as f:
    for k, v in expected.items():
        f.write(f"{k} {v!r}\n")
with open("classes.txt", "w") as f:
    f.write("\n".join(names) + "\n")
