#!/usr/bin/env bash
# Run every fuzz target of hutong for N seconds each, one after the other.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     (default: 600 seconds, all targets)
#
# Targets: read (any bytes through the readers and the whole pipeline),
# timex (any text and reference time through the temporal tagger), lexicon
# (any YAML as a user lexicon, then an extraction with it).
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz wants a nightly
# compiler; on stable, RUSTC_BOOTSTRAP=1 lets it build with libFuzzer, and
# `-s none` drops the sanitizer when the compiler refuses its flag. Set
# SANITIZER=address to use AddressSanitizer on a nightly compiler.
#
# Each corpus (fuzz/corpus/TARGET, not committed) is seeded from seeds/,
# tests/fixtures/ (with the bad-input set), a few annotated articles of
# ../shared/corpus/dev when present, the temporal test vectors and the
# built-in lexicon. A crash is saved under fuzz/artifacts/TARGET/; minimize
# it with `cargo fuzz tmin TARGET FILE`, fix it, and add it to
# tests/fuzz_regressions.rs. JOBS (default 1) sets libFuzzer's -jobs.
set -euo pipefail

secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read timex lexicon)

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared=$root/../shared
cd "$here"

export RUSTC_BOOTSTRAP=1
sanitizer=${SANITIZER:-none}
jobs=${JOBS:-1}

seed_read() {
    local d=corpus/read
    mkdir -p "$d"
    cp -f "$root"/seeds/* "$d"/ 2>/dev/null || true
    find "$root"/tests/fixtures -maxdepth 2 -type f -size -2M -exec cp -f {} "$d"/ \;
    if [ -d "$shared/corpus/dev" ]; then
        find "$shared/corpus/dev" -type f | sort | head -n 8 | xargs -r cp -f -t "$d"/
    fi
}

# Timex inputs start with 8 bytes of reference time (little-endian seconds
# since 1970); this one is 2021-02-07.
seed_timex() {
    local d=corpus/timex
    mkdir -p "$d"
    local n=0
    emit() {
        n=$((n + 1))
        { printf '\x80\x5e\x1f\x60\x00\x00\x00\x00'; printf '%s' "$1"; } >"$d/seed_$n"
    }
    for s in "2021 年 11 月底" "9 月 17 日前" "今年 1 月" "上周三下午 3 点" "去年同期" \
        "明年春节前后" "2022 年第三季度" "十月一日起" "三天后" "本月中旬" "99999 年 13 月 32 日"; do
        emit "$s"
    done
    if [ -f "$shared/timex/vectors.jsonl" ] && command -v python3 >/dev/null; then
        python3 - "$shared/timex/vectors.jsonl" "$d" <<'PY'
import json, struct, sys
src, out = sys.argv[1], sys.argv[2]
ref = struct.pack("<q", 1612668544)
for i, line in enumerate(open(src, encoding="utf-8")):
    if i >= 400:
        break
    try:
        text = json.loads(line)["text"]
    except (ValueError, KeyError):
        continue
    with open(f"{out}/vec_{i}", "wb") as f:
        f.write(ref + text.encode("utf-8"))
PY
    fi
}

seed_lexicon() {
    local d=corpus/lexicon
    mkdir -p "$d"
    cp -f "$root/src/lexicon/lexicon.yaml" "$d/builtin.yaml"
    printf 'entities:\n  - {id: xiaohongshu, type: app, names: [小蓝书]}\n' >"$d/alias.yaml"
    printf "rules:\n  - {capability: open_link, triggers: ['(a*)*b'], subject: [agent], object: []}\n" >"$d/rule.yaml"
    printf 'a: &a [*a]\n' >"$d/alias_loop.yaml"
}

failed=()
for t in "${targets[@]}"; do
    "seed_$t"
    mkdir -p "artifacts/$t"
    echo "== fuzz $t for ${secs}s" >&2
    # One job runs in this process (its output here); more run as
    # libFuzzer workers that log to fuzz-N.log.
    par=()
    [ "$jobs" -le 1 ] || par=(-jobs="$jobs" -workers="$jobs")
    # A crash ends this target only; the others still run.
    cargo fuzz run -s "$sanitizer" "$t" "corpus/$t" -- \
        -max_total_time="$secs" "${par[@]}" \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 || failed+=("$t")
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "findings in: ${failed[*]} (see fuzz/artifacts/)" >&2
    exit 1
fi
