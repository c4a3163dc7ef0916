#!/usr/bin/env bash
# Builds the benchmark jar and runs the whole suite with settings that give usable numbers on a
# small (2-core) machine: several forks, every comparison in the same run, errors reported.
#
#   threadpool-benchmarks/run-benchmarks.sh            # the full suite, about 22 minutes
#   threadpool-benchmarks/run-benchmarks.sh SeedPath   # only benchmarks matching a JMH regex
#
# Settings can be changed through the environment: FORKS, WARMUP_ITERATIONS, ITERATIONS (throughput
# benchmarks), DISMISSAL_FORKS, DISMISSAL_ITERATIONS, IDLE_SECONDS, IDLE_ROUNDS, JMH_ARGS (added to
# every JMH run, e.g. "-prof stack"). Results go to threadpool-benchmarks/target/results/: the JMH
# JSON files, the logs, and summary.md with the tables that docs/benchmarks.md shows.
set -euo pipefail

module_dir="$(cd "$(dirname "$0")" && pwd)"
root_dir="$(dirname "$module_dir")"
results="$module_dir/target/results"
jar="$module_dir/target/benchmarks.jar"

forks="${FORKS:-3}"
warmups="${WARMUP_ITERATIONS:-3}"
iterations="${ITERATIONS:-5}"
dismissal_forks="${DISMISSAL_FORKS:-3}"
dismissal_iterations="${DISMISSAL_ITERATIONS:-3}"
idle_seconds="${IDLE_SECONDS:-10}"
idle_rounds="${IDLE_ROUNDS:-3}"
filter="${1:-}"
read -r -a extra <<<"${JMH_ARGS:-}"

(cd "$root_dir" && ./mvnw -B -q package -pl threadpool-benchmarks)
mkdir -p "$results"

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "kernel: $(uname -sr)"
  echo "jdk: $(java -version 2>&1 | sed -n 2p)"
  echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "throughput: forks=$forks, warmup=${warmups}x1s, measurement=${iterations}x1s"
  echo "dismissal: forks=$dismissal_forks, warmup=2x1s, measurement=${dismissal_iterations}x1s"
  echo "idle cost: $idle_rounds rounds of ${idle_seconds}s"
} >"$results/environment.txt"
cat "$results/environment.txt"

# Runs the benchmarks that match "$filter" (all when empty) among those selected by the options.
run_jmh() { # name jmh-options...
  local name="$1"
  shift
  if ! java -jar "$jar" -l "${filter:-.}" "$@" | grep -q '^io\.github'; then
    return 0
  fi
  java -jar "$jar" "${filter:-.}" "$@" "${extra[@]}" \
    -rf json -rff "$results/$name.json" | tee "$results/$name.log"
}

run_jmh throughput -e DismissalBenchmark -f "$forks" -wi "$warmups" -w 1s -i "$iterations" -r 1s
run_jmh dismissal -e 'ExecutorPathBenchmark|SeedPathBenchmark|BoundedQueueBenchmark' \
  -f "$dismissal_forks" -wi 2 -w 1s -i "$dismissal_iterations" -r 1s

if [[ -z "$filter" || "IdleCost" =~ $filter ]]; then
  java -cp "$jar" io.github.threadpool.benchmarks.IdleCost "$idle_seconds" "$idle_rounds" \
    | tee "$results/idle-cost.txt"
fi

python3 "$module_dir/summarize.py" "$results" | tee "$results/summary.md"
