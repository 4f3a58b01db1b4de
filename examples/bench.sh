#!/usr/bin/env bash
# The benchmark of issue 13, in one script a user runs: it writes the inputs (real-looking softmax outputs, about
# 93 % accuracy, fixed seed), runs `cifar-errors analyze --predictions` and the Python peer (NumPy + scikit-learn:
# the same metrics) side by side, then the baseline CNN's inference against PyTorch's, and prints a Markdown
# table of medians and ratios. Measure on a quiet machine and quote ratios from one run, not absolute times.
#
#   examples/bench.sh                 # everything (about 10 minutes on 2 cores)
#   examples/bench.sh --smoke         # every step once, on tiny inputs (a check that the script works)
#   examples/bench.sh --help
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
BENCH="$HERE/bench"

usage() {
  cat <<EOF
usage: examples/bench.sh [options]

Writes the inputs, runs cifar-errors and the Python peer side by side, prints a Markdown table of medians and ratios.

  --repeats R       timed runs of each command; the table shows medians (default 3, or \$REPEATS)
  --rows N          rows of the main case (default 1000000)
  --big-rows N      rows of the linearity case, run under -Xmx2g (default 5000000)
  --only LIST       comma-separated cases to run: main,big,classes,startup,model (default all)
  --jar FILE        the cifar-errors jar (default examples/target/cifar-errors.jar, built when missing)
  --work DIR        keep the inputs and reports in DIR (created when missing; inputs there are reused);
                    default a new temporary folder, removed at the end
  --archive PATH    CIFAR-10 archive for the model case (default ../shared/cifar10/cifar-10-binary-train.tar.gz;
                    without it the bundled 1,000-image sample is repeated)
  --cnn-seconds S   seconds per timed inference measurement (default 5)
  --smoke           every case once on tiny inputs (for tests: numbers mean nothing)
  -h, --help        this help

Needs: java 17, python3 with NumPy (the inputs), scikit-learn for the peer (Debian: apt-get install python3-sklearn)
and PyTorch for the CNN peer (apt-get install python3-torch); a missing peer is skipped with a message.
The first of /usr/bin/python3, python3 and python that has each is used, or only \$PYTHON when it is set.
Exit code: 0 when every command ran, 1 when one failed (the table says which), 2 for bad options.
EOF
}

REPEATS=${REPEATS:-3}
ROWS=1000000
BIG_ROWS=5000000
CLASSES_ROWS=10000
CLASSES=1000
STARTUP_ROWS=1000
ONLY=main,big,classes,startup,model
JAR=""
WORK=""
ARCHIVE="$ROOT/../shared/cifar10/cifar-10-binary-train.tar.gz"
CNN_SECONDS=5
MODEL_IMAGES=10000

die() { echo "examples/bench.sh: $*" >&2; exit 2; }
need_value() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value (see --help)"; }
positive() { [[ $2 =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive whole number, got '$2'"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --repeats) need_value "$@"; positive "$1" "$2"; REPEATS=$2; shift 2 ;;
    --rows) need_value "$@"; positive "$1" "$2"; ROWS=$2; shift 2 ;;
    --big-rows) need_value "$@"; positive "$1" "$2"; BIG_ROWS=$2; shift 2 ;;
    --only) need_value "$@"; ONLY=$2; shift 2 ;;
    --jar) need_value "$@"; JAR=$2; shift 2 ;;
    --work) need_value "$@"; WORK=$2; shift 2 ;;
    --archive) need_value "$@"; ARCHIVE=$2; shift 2 ;;
    --cnn-seconds) need_value "$@"; CNN_SECONDS=$2; shift 2 ;;
    --smoke) REPEATS=1; ROWS=1000; BIG_ROWS=2000; CLASSES_ROWS=300; CLASSES=100; STARTUP_ROWS=1000
             CNN_SECONDS=1; MODEL_IMAGES=256; shift ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
positive --repeats "$REPEATS"
for c in ${ONLY//,/ }; do
  [[ $c =~ ^(main|big|classes|startup|model)$ ]] || die "--only: unknown case '$c'; cases: main,big,classes,startup,model"
done
wanted() { [[ ",$ONLY," == *",$1,"* ]]; }

# --- the jar: built only when the default one is missing
if [[ -z $JAR ]]; then
  JAR="$HERE/target/cifar-errors.jar"
  if [[ ! -f $JAR ]]; then
    echo "no $JAR yet; building it: (cd $ROOT && mvn -B -q -pl examples -am package -DskipTests)"
    (cd "$ROOT" && mvn -B -q -pl examples -am package -DskipTests)
  fi
fi
[[ -f $JAR ]] || die "--jar $JAR: no such file"
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
command -v java >/dev/null || die "java is not on the PATH"

# --- Python: NumPy writes the inputs; scikit-learn is the peer; PyTorch the CNN peer. Debian's python3 first, or
# only $PYTHON when it is set.
has() { "$1" -c "import $2" >/dev/null 2>&1; }
PY="" PEER_PY="" TORCH_PY=""
for candidate in ${PYTHON:-/usr/bin/python3 python3 python}; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  if [[ -z $PY ]] && has "$candidate" numpy; then PY=$candidate; fi
  if [[ -z $PEER_PY ]] && has "$candidate" "numpy, sklearn"; then PEER_PY=$candidate; fi
  if [[ -z $TORCH_PY ]] && has "$candidate" torch; then TORCH_PY=$candidate; fi
done
[[ -n $PEER_PY ]] && PY=$PEER_PY
if [[ -z $PY ]]; then
  echo "SKIPPED: the benchmark needs python3 with NumPy to write its inputs (Debian: apt-get install python3-numpy)"
  exit 0
fi

# --- the work folder: ours (temporary, removed at the end) unless --work names one (then never removed)
if [[ -n $WORK ]]; then
  mkdir -p "$WORK"
  WORK=$(cd "$WORK" && pwd)
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/cifar-errors-bench.XXXXXX")
  trap 'rm -rf -- "$WORK"' EXIT
fi
RESULTS="$WORK/results.tsv"
: > "$RESULTS"
FAILED=0
note() { printf 'note\t%s\n' "$*" >> "$RESULTS"; echo "$*"; }
meta() { printf 'meta\t%s\t%s\n' "$1" "$2" >> "$RESULTS"; }

echo "bench: jar $JAR; python $PY; work folder $WORK; $REPEATS repeats; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
meta repeats "$REPEATS"
if [[ -z $PEER_PY ]]; then
  note "The Python peer was skipped: no python3 with scikit-learn (Debian: apt-get install python3-sklearn)."
fi

# inputs VAR ROWS CLASSES: writes $WORK/inputs-ROWSxCLASSES/{p.npy,y.npy,classes.txt} once (fixed seed: the same
# bytes every time) and sets VAR to that folder
inputs() {
  local folder="$WORK/inputs-$2x$3"
  if [[ ! -f $folder/p.npy || ! -f $folder/y.npy || ! -f $folder/classes.txt ]]; then
    "$PY" "$BENCH/make_inputs.py" "$2" "$3" "$folder" >/dev/null
  fi
  printf -v "$1" '%s' "$folder"
}

# once CASE SIDE RUN COMMAND...: one timed run (wall time, peak RSS, exit code into the results); fails on a
# non-zero exit, after printing the end of the command's log
once() {
  local case=$1 side=$2 run=$3; shift 3
  local out wall rss rc log="$WORK/$case-$side.log"
  out=$("$PY" "$BENCH/measure.py" "$log" "$@")
  read -r wall rss rc <<<"$out"
  printf 'run\t%s\t%s\t%s\t%s\t%s\n' "$case" "$side" "$wall" "$rss" "$rc" >> "$RESULTS"
  echo "  $case $side run $run: ${wall} s, $((rss / 1024)) MiB peak RSS, exit $rc"
  if [[ $rc != 0 ]]; then
    FAILED=1
    echo "  $case $side failed (exit $rc); the last lines of $log:"
    tail -n 5 "$log" | sed 's/^/    /'
    return 1
  fi
}

# analyze_case CASE ROWS CLASSES [JVM-OPTION...]: the CLI and the peer on the same inputs, REPEATS times each,
# alternating (CLI, peer, CLI, peer, ...) so that a change in the machine's load hits both sides alike
analyze_case() {
  local case=$1 rows=$2 classes=$3; shift 3
  local dir r cli_ok=1 peer_ok=1
  inputs dir "$rows" "$classes"
  meta "rows_$case" "$rows"
  meta "classes_$case" "$classes"
  echo "$case: $rows x $classes ($(du -sh "$dir" | cut -f1) of inputs)"
  [[ -n $PEER_PY ]] || peer_ok=0
  for ((r = 1; r <= REPEATS; r++)); do
    if ((cli_ok)); then
      once "$case" cli "$r" java "$@" -jar "$JAR" analyze --predictions "$dir/p.npy" --labels "$dir/y.npy" \
          --classes "$dir/classes.txt" --quiet --out "$WORK/report-$case" || cli_ok=0
    fi
    if ((peer_ok)); then
      once "$case" peer "$r" "$PEER_PY" "$BENCH/peer.py" "$dir/p.npy" "$dir/y.npy" || peer_ok=0
    fi
  done
  if [[ $case == main ]]; then
    meta input_bytes_main "$(($(stat -c %s "$dir/p.npy") + $(stat -c %s "$dir/y.npy")))"
    if ((cli_ok && peer_ok)); then
      local agree
      agree=$("$PY" "$BENCH/agree.py" "$WORK/report-$case/report.json" "$WORK/$case-peer.log") || FAILED=1
      note "$agree"
    fi
  fi
}

wanted main && analyze_case main "$ROWS" 10
wanted big && analyze_case big "$BIG_ROWS" 10 -Xmx2g
wanted classes && analyze_case classes "$CLASSES_ROWS" "$CLASSES" -Xmx1g
wanted startup && analyze_case startup "$STARTUP_ROWS" 10
# the tables' 10-class title needs classes_main even when main was not run
grep -q $'^meta\tclasses_main\t' "$RESULTS" || meta classes_main 10

# torch_run NAME: one run of the PyTorch peer; prints its median images/s
torch_run() {
  "$TORCH_PY" "$BENCH/torch_cnn.py" "$REPEATS" "$CNN_SECONDS" > "$WORK/model-peer-$1.log" 2>&1 || return 1
  grep '^RESULT ' "$WORK/model-peer-$1.log" | sed 's/^RESULT torchInferImgPerS=\([0-9.]*\).*/\1/'
}

if wanted model; then
  # PyTorch runs before and after DL4J (the table shows the mean of both runs' medians), so that a change in the
  # machine's load between the two sides does not favour one
  torch_before="" torch_after=""
  if [[ -n $TORCH_PY ]]; then
    echo "model: PyTorch's inference, before DL4J"
    torch_before=$(torch_run before) || FAILED=1
  fi
  echo "model: the bundled baseline, analysis against a bare output loop, and inference img/s"
  if java -Xmx2g -cp "$JAR" "$BENCH/InferenceBench.java" --archive "$ARCHIVE" --images "$MODEL_IMAGES" \
      --repeats "$REPEATS" --seconds "$CNN_SECONDS" > "$WORK/model-cli.log" 2>&1; then
    sed 's/^/  /' "$WORK/model-cli.log" | grep -v '^  RESULT' || true
    grep '^RESULT ' "$WORK/model-cli.log" | cut -d' ' -f2- | tr ' ' '\n' | sed 's/=/\t/; s/^/model\t/' >> "$RESULTS"
  else
    FAILED=1
    note "The model benchmark (InferenceBench.java) failed; the last lines of $WORK/model-cli.log:"
    tail -n 5 "$WORK/model-cli.log"
  fi
  if [[ -n $TORCH_PY ]]; then
    echo "model: PyTorch's inference, after DL4J"
    torch_after=$(torch_run after) || FAILED=1
    if [[ -n $torch_before && -n $torch_after ]]; then
      echo "  PyTorch: $torch_before img/s before, $torch_after img/s after"
      printf 'model\ttorchInferImgPerS\t%s\n' "$(((${torch_before%.*} + ${torch_after%.*}) / 2))" >> "$RESULTS"
    else
      note "The PyTorch peer (torch_cnn.py) failed; see $WORK/model-peer-before.log and model-peer-after.log."
    fi
  else
    note "The PyTorch peer was skipped: no python3 with torch (Debian: apt-get install python3-torch)."
  fi
fi

echo
echo "Measured $(date -u "+%Y-%m-%d %H:%M UTC") on $(nproc) cores, load now $(cut -d" " -f1-3 /proc/loadavg), medians of $REPEATS:"
echo
"$PY" "$BENCH/table.py" "$RESULTS"
exit "$FAILED"
