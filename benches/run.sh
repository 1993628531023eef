#!/usr/bin/env bash
# The benchmark: builds zhgloss, fetches the reference corpus and tools from the package registries, and prints
# throughput (MB/s), ratios against references measured in the same run, peak memory and start-up time.
#
#   benches/run.sh                  # ~10 MB corpora, a 200 MB JSONL dump
#   BENCH_MB=20 BENCH_DUMP_MB=1000 BENCH_RUNS=7 benches/run.sh   # each timing the median of BENCH_RUNS runs (5)
#
# References, measured here in the same run: raw jieba-rs `cut` (HMM on, examples/cut.rs) and Python jieba 0.42.1
# `lcut` in a throwaway virtualenv. Corpora: the novel 围城 as shipped in the npm package nodejieba@3.5.8, and the
# English samples (plus ../shared/corpus/real/en-* when present), each repeated to BENCH_MB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mb=${BENCH_MB:-10}
dump_mb=${BENCH_DUMP_MB:-200}
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
echo "work dir: $work"

cargo build --release --quiet --bin zhgloss --example cut
bin=$root/target/release/zhgloss
cut=$root/target/release/examples/cut

# Corpora.
if [ ! -s "$work/weicheng.utf8" ]; then
  (cd "$work" && npm pack nodejieba@3.5.8 --silent >/dev/null 2>&1 \
    && tar xzf nodejieba-3.5.8.tgz package/submodules/cppjieba/test/testdata/weicheng.utf8 \
    && mv package/submodules/cppjieba/test/testdata/weicheng.utf8 weicheng.utf8 && rm -rf package nodejieba-3.5.8.tgz)
fi
shared_en=$(ls "$root"/../shared/corpus/real/en-*.txt 2>/dev/null || true)
python3 - "$work" "$mb" "$dump_mb" "$work/weicheng.utf8" samples/en-*.txt $shared_en <<'PY'
import json, sys
work, mb, dump_mb, weicheng, english = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:]
def repeat(text, n):
    out = []
    size = 0
    while size < n:
        out.append(text); size += len(text.encode())
    return "".join(out)
zh = open(weicheng, encoding="utf-8").read()
en = "\n\n".join(open(p, encoding="utf-8").read() for p in english)
open(f"{work}/zh.txt", "w", encoding="utf-8").write(repeat(zh, mb << 20))
open(f"{work}/en.txt", "w", encoding="utf-8").write(repeat(en, mb << 20))
# A JSONL dump of article-sized documents, half Chinese, half English.
chunks = [zh[i:i + 3000] for i in range(0, len(zh), 3000)] + [en[i:i + 3000] for i in range(0, len(en), 3000)]
with open(f"{work}/dump.jsonl", "w", encoding="utf-8") as f:
    size, n = 0, 0
    while size < dump_mb << 20:
        line = json.dumps({"id": f"d{n}", "text": chunks[n % len(chunks)]}, ensure_ascii=False) + "\n"
        f.write(line); size += len(line.encode()); n += 1
PY

# Python jieba, in a throwaway virtualenv.
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv" && "$work/venv/bin/pip" install --quiet jieba==0.42.1
fi

runs=${BENCH_RUNS:-5}
# One zhgloss run: prints "wall_seconds run_seconds peak_kb"; the run seconds
# are the summary line's (documents read to glossary built, dictionaries
# loaded apart).
once() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" -o "$work/out.csv" 2>"$work/stderr"
  local run
  run=$(grep -o '[0-9.]* s (dictionaries' "$work/stderr" | cut -d' ' -f1)
  read -r wall peak <"$work/time"
  echo "$wall $run $peak"
}

# Medians of $runs alternating runs of --jobs 1 and --jobs 2 over one file (alternating, so that
# the machine's drift touches both alike): prints the two "wall run peak" triples.
jobs_pair() {
  for _ in $(seq "$runs"); do
    echo "1 $(once "$bin" extract --jobs 1 "$1")"
    echo "2 $(once "$bin" extract --jobs 2 "$1")"
  done | python3 -c "
import sys, statistics
rows = [l.split() for l in sys.stdin if l.strip()]
out = []
for j in ('1', '2'):
    cols = zip(*[map(float, r[1:]) for r in rows if r[0] == j])
    out += [str(statistics.median(c)) for c in cols]
print(' '.join(out))"
}

zh_bytes=$(stat -c %s "$work/zh.txt"); en_bytes=$(stat -c %s "$work/en.txt"); dump_bytes=$(stat -c %s "$work/dump.jsonl")

# One untimed run of each program first: the corpora into the page cache,
# and, on a freshly booted virtual machine, its memory touched once (the
# first touch of a guest's page is dear, and would weigh on whichever
# program ran first).
"$cut" "$work/zh.txt" >/dev/null
for f in zh en; do "$bin" extract -q --jobs 2 "$work/$f.txt" -o "$work/out.csv"; done

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F), median of $runs runs"
jieba_rs=$(for _ in $(seq "$runs"); do "$cut" "$work/zh.txt" | awk '{print $5}'; done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
# The machine's own scaling, for the --jobs 2 ratios: two jieba-rs `cut` processes at once against
# one alone, as throughput (2 x one's seconds / the slower of the pair's). A second worker thread
# can gain no more than a second independent process does.
pair=$(for _ in $(seq "$runs"); do
  one=$("$cut" "$work/zh.txt" | awk '{print $3}')
  "$cut" "$work/zh.txt" >"$work/cut2" & "$cut" "$work/zh.txt" >"$work/cut3"; wait
  python3 -c "print(2 * $one / max($(awk '{print $3}' "$work/cut2"), $(awk '{print $3}' "$work/cut3")))"
done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
py=$("$work/venv/bin/python" - "$work/zh.txt" <<'PY'
import sys, time, jieba, logging
jieba.setLogLevel(logging.ERROR); jieba.initialize()
text = open(sys.argv[1], encoding="utf-8").read()
t = time.time()
for line in text.splitlines():
    jieba.lcut(line)
print(f"{len(text.encode()) / (time.time() - t) / 1e6:.2f}")
PY
)
read -r zh1 zh1run _ zh2 zh2run _ <<<"$(jobs_pair "$work/zh.txt")"
read -r en1 en1run _ en2 en2run _ <<<"$(jobs_pair "$work/en.txt")"
# The same ceiling for zhgloss's own work: two `extract --jobs 1` processes
# at once against one alone (run seconds). English extraction is bound by
# memory more than jieba's cut is, and two processes share the machine's
# caches and memory as two workers do.
run_seconds() { grep -o '[0-9.]* s (dictionaries' "$1" | cut -d' ' -f1; }
pair_scaling() {
  for _ in $(seq "$runs"); do
    "$bin" extract --jobs 1 "$1" -o "$work/p1.csv" 2>"$work/p1.err"
    "$bin" extract --jobs 1 "$1" -o "$work/p2.csv" 2>"$work/p2.err" &
    "$bin" extract --jobs 1 "$1" -o "$work/p3.csv" 2>"$work/p3.err"; wait
    python3 -c "print(2 * $(run_seconds "$work/p1.err") / max($(run_seconds "$work/p2.err"), $(run_seconds "$work/p3.err")))"
  done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
zhpair=$(pair_scaling "$work/zh.txt")
enpair=$(pair_scaling "$work/en.txt")
read -r dumps dumprun dumprss <<<"$(once "$bin" extract --jsonl "$work/dump.jsonl")"
: > "$work/empty.txt"
starts=$(for _ in 1 2 3 4 5; do /usr/bin/time -f "%e" "$bin" extract -q "$work/empty.txt" 2>&1 >/dev/null; done | sort -n | sed -n 3p)

python3 - <<PY
mb = lambda b, t: b / max(t, 1e-3) / 1e6
zb, eb, db = $zh_bytes, $en_bytes, $dump_bytes
jr, py, pair, zhpair, enpair = $jieba_rs, $py, $pair, $zhpair, $enpair
zh1, zh2, en1, en2 = mb(zb, $zh1), mb(zb, $zh2), mb(eb, $en1), mb(eb, $en2)
zh1r, zh2r, en1r, en2r = mb(zb, $zh1run), mb(zb, $zh2run), mb(eb, $en1run), mb(eb, $en2run)
print(f"Whole runs (wall clock, dictionaries loaded in each) and runs alone (the summary line's")
print(f"seconds: documents read to glossary built; the jieba-rs reference likewise excludes loading).")
print(f"Chinese-heavy ({zb/1e6:.1f} MB of 围城):")
print(f"  jieba-rs cut (reference)     {jr:8.2f} MB/s; two at once {pair:.2f} x one (the machine's scaling)")
print(f"  Python jieba 0.42.1 lcut     {py:8.2f} MB/s")
print(f"  zhgloss extract --jobs 1     {zh1:8.2f} MB/s whole  {zh1/jr:.2f} x jieba-rs  {zh1/py:5.1f} x Python jieba")
print(f"                               {zh1r:8.2f} MB/s run    {zh1r/jr:.2f} x jieba-rs  {zh1r/py:5.1f} x Python jieba")
print(f"  zhgloss extract --jobs 2     {zh2:8.2f} MB/s whole  {zh2/zh1:.2f} x --jobs 1")
print(f"                               {zh2r:8.2f} MB/s run    {zh2r/zh1r:.2f} x --jobs 1; two --jobs 1 processes at once {zhpair:.2f} x one")
print(f"English-heavy ({eb/1e6:.1f} MB):")
print(f"  zhgloss extract --jobs 1     {en1:8.2f} MB/s whole")
print(f"                               {en1r:8.2f} MB/s run")
print(f"  zhgloss extract --jobs 2     {en2:8.2f} MB/s whole  {en2/en1:.2f} x --jobs 1")
print(f"                               {en2r:8.2f} MB/s run    {en2r/en1r:.2f} x --jobs 1; two --jobs 1 processes at once {enpair:.2f} x one")
print(f"JSONL dump ({db/1e6:.0f} MB, all cores): {mb(db, $dumps):.2f} MB/s whole, peak memory {$dumprss/1024:.0f} MB")
print(f"Start-up (dictionaries loaded, median of 5): $starts s")
PY
