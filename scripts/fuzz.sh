#!/usr/bin/env bash
# Coverage-guided fuzzing of hoctap's parsers with libFuzzer (swiftc -sanitize=fuzzer,address).
# Each target is built from the domain module's sources with one entry point from Fuzz/, seeded
# from the project's own files, and run for a bounded time. A crash leaves its input in
# Leak detection is off: FoundationXML leaks a CFString on every XML error (its own, not hoctap's).
# .build/fuzz/<target>/crash-*; turn it into a regression test before fixing it.
#
#   scripts/fuzz.sh [seconds per target, default 60] [target…]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(CSVParser OAIParser HTMLSanitizer YAMLBudget)
out=.build/fuzz
# FoundationXML leaks on every XML error (its own allocations): no leak report at exit either.
export ASAN_OPTIONS=detect_leaks=0
mkdir -p "$out"
domain=$(find Sources/HoctapDomain -name '*.swift' | sort)

seed() {
  local target=$1 corpus=$2
  mkdir -p "$corpus"
  case $target in
    CSVParser) find Tests -name '*.csv' -size -64k -exec cp {} "$corpus/" \; 2>/dev/null || true
               cp ../shared/data/vn-admin/*.csv "$corpus/" 2>/dev/null || true
               printf 'ho,thon,ho_ten\n"a ""b""",c,\xc4\x91\r\n' > "$corpus/quoted.csv" ;;
    OAIParser) find Tests Sources -name '*.xml' -size -256k -exec cp {} "$corpus/" \; 2>/dev/null || true
               printf '<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01T00:00:00Z</responseDate><ListRecords><record><header><identifier>oai:x:1</identifier><datestamp>2026-01-01</datestamp></header></record><resumptionToken>t1</resumptionToken></ListRecords></OAI-PMH>' > "$corpus/list.xml" ;;
    YAMLBudget) cp Sources/HoctapServices/CriteriaSets/*.yaml "$corpus/"
               printf 'a: &a [x, *a]\nb: [[[[1]]]]\n' > "$corpus/alias.yaml" ;;
    HTMLSanitizer) printf '<p>Chào <b>bạn</b> <a href="https://x.vn">x</a><img src=x onerror=alert(1)><script>alert(1)</script></p>' > "$corpus/a.html"
               printf '<a href="jav&#x61;script:alert(1)">x</a><svg onload=alert(1)><iframe src=//e>' > "$corpus/b.html" ;;
  esac
}

for target in "${targets[@]}"; do
  dir="$out/$target"
  mkdir -p "$dir"
  echo "== $target: building"
  extra=()
  if [ "$target" = YAMLBudget ]; then
    # The budget, Yams' Swift sources and its libyaml (C) in one module with the domain.
    yams=.build/checkouts/Yams/Sources
    [ -d "$yams" ] || swift package resolve >/dev/null
    mkdir -p "$dir/c"
    for c in "$yams"/CYaml/src/*.c; do
      clang -c -g -fsanitize=fuzzer-no-link,address -I "$yams/CYaml/include" "$c" -o "$dir/c/$(basename "$c" .c).o"
    done
    sed -e '/^import HoctapDomain$/d' -e 's/^import CYaml$/internal import CYaml/' Sources/HoctapServices/Criteria/YAMLBudget.swift > "$dir/YAMLBudget.swift"
    extra=("$dir/YAMLBudget.swift" $(find "$yams/Yams" -name '*.swift' | sort) "$dir"/c/*.o -I "$yams/CYaml/include" -Xcc -fmodule-map-file="$yams/CYaml/include/module.modulemap" -D SWIFT_PACKAGE)
  fi
  swiftc -sanitize=fuzzer,address -parse-as-library -Onone -g -module-name HoctapDomainFuzz \
    $domain "${extra[@]}" "Fuzz/${target}Target.swift" -o "$dir/fuzz" 2> "$dir/build.log" || { cat "$dir/build.log"; exit 1; }
  seed "$target" "$dir/corpus"
  echo "== $target: fuzzing for ${seconds}s"
  (cd "$dir" && ./fuzz -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 corpus \
     > run.log 2>&1) || { echo "!! $target found a crash:"; tail -40 "$dir/run.log"; exit 1; }
  grep -E "stat::number_of_executed_units|cov:|stat::peak_rss_mb" "$dir/run.log" | tail -3
done
