#!/usr/bin/env bash
# The speed study of issue 3: the baseline CNN's training and inference images/s under DL4J 1.0.0-M2.1, one knob at a
# time from the default setup, each measured side by side with the PyTorch anchor. Run it on a quiet machine
# (nothing else training); it takes about 25-30 minutes. Results: one RESULT line per run in
# cifar-model/target/speed-study.txt, the full output in cifar-model/target/speed-study.log.
#
#   cd /work/main && cifar-model/speed-study.sh              # whole study
#   cifar-model/speed-study.sh linux-x86_64 --helpers force  # one run: classifier, then benchmark options
#
# Needs: the project built (cifar-data installed), /usr/bin/python3 with torch (apt-get install -y python3-torch),
# and the classifier jars (fetched here with mvn dependency:get when missing; that needs the network).
set -euo pipefail
cd "$(dirname "$0")/.."
M2="${M2_REPO:-$HOME/.m2/repository}"
VERSION=1.0.0-M2.1
OUT=cifar-model/target
mvn -B -o -q -pl cifar-model test-compile
mvn -B -o -q -pl cifar-model dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$OUT/bench-classpath.txt"
BASE_CP=$(cat "$OUT/bench-classpath.txt")
# the class path without any nd4j-native classifier jar (the build's own classifier is swapped for the one measured)
BASE_CP=$(tr ':' '\n' <<<"$BASE_CP" | grep -v "/nd4j-native-$VERSION-linux-[^/]*\.jar$" | paste -sd: -)

run() {  # run CLASSIFIER [OMP_NUM_THREADS=N] BENCHMARK-OPTIONS...
  local classifier=$1; shift
  local threads=""
  if [[ ${1:-} == OMP_NUM_THREADS=* ]]; then threads=$1; shift; fi
  local jar="$M2/org/nd4j/nd4j-native/$VERSION/nd4j-native-$VERSION-$classifier.jar"
  if [[ ! -f $jar ]]; then
    mvn -B -q dependency:get -Dartifact=org.nd4j:nd4j-native:$VERSION:jar:$classifier -Dtransitive=false
  fi
  # swap the backend: exactly one nd4j-native classifier jar on the class path
  local cp="$OUT/test-classes:$OUT/classes:$BASE_CP:$jar"
  echo "=== $classifier ${threads:-OMP_NUM_THREADS=(default)} $*" | tee -a "$OUT/speed-study.log"
  env ${threads:+$threads} java -Xmx4g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
      io.github.erroranalysis.cifar.model.bench.CnnSpeedBenchmark "$@" 2>&1 | tee -a "$OUT/speed-study.log" \
      | grep '^RESULT\|^ratio' | sed "s/^/${threads:+$threads }/" | tee -a "$OUT/speed-study.txt"
}

if [[ $# -gt 0 ]]; then run "$@"; exit; fi
: > "$OUT/speed-study.txt"
# 1. backend classifier, default knobs (NCHW, batch 64, workspaces on, DL4J's own conv path)
for c in linux-x86_64 linux-x86_64-avx2 linux-x86_64-avx512 linux-x86_64-onednn linux-x86_64-onednn-avx2; do
  run $c
done
# 2. oneDNN/libnd4j layer helpers forced on (DL4J M2.1 never installs them by itself)
for c in linux-x86_64 linux-x86_64-onednn linux-x86_64-onednn-avx2; do run $c --helpers force; done
# 3. data format, workspace mode, batch size, threads (default classifier)
run linux-x86_64 --format NHWC
run linux-x86_64 --workspace NONE
for b in 32 128 256; do run linux-x86_64 --batch $b; done
run linux-x86_64 OMP_NUM_THREADS=1
run linux-x86_64 --infer-batch 256
echo "summary in $OUT/speed-study.txt"
