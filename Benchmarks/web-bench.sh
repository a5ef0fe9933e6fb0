#!/usr/bin/env bash
# HTTP benchmark of the web app with wrk: the pre-payment check with the whole rule library and
# the cockpit (its JSON aggregates and its page), beside peers measured in the same run: a static
# file served by the same server (the HTTP stack's own ceiling) and the same file from Python's
# http.server.
#
#   Benchmarks/web-bench.sh [PERSONS] [SEED] [SECONDS] [CONNECTIONS]
#
# Builds fundwatch in release (unless FUNDWATCH_BIN names one), makes a demo store of PERSONS
# persons once (`fundwatch demo --no-serve`, kept under Benchmarks/.peers/web/), adds a benchmark
# user with an API token, starts `fundwatch serve` on PORT (default 18080), waits until the payment
# check's population is in memory, and runs wrk against it (2 threads, CONNECTIONS connections,
# SECONDS each). Prints requests/s, p50/p99 latency, the CPU seconds the server and wrk each used
# (user+sys: the two share the machine, and other builds may run beside them) and the load average
# before and after each run.
#
# ABLATE=1 also restarts the server without each of the request-path fixes in turn and measures
# the check again: `--payment-recheck-ms 0` (each check asks the database whether the records or
# the blacklist moved, and reads the blacklist), `--no-payment-population` (each check reads the
# payee's household from the database) and `--credential-cache-seconds 0` (each request looks its
# token up).
#
# SWEEP="8 16 32 64" also measures the check at each of these connection counts (closed loop: each
# connection sends its next request when the answer comes, so latency there includes queueing in
# front of the server: by Little's law C connections at R requests/s wait C/R on average).
# OPEN_RATE=3000 also runs Benchmarks/openloop.c (built with cc): requests due at a constant rate
# whatever the answers do, over OPEN_CONNECTIONS (default 64) keep-alive connections, latency from
# each request's due time; its samples (due time, latency, status) go to $work/openloop-RATE.txt.
# CHECK_ONLY=1 measures the check alone (no cockpit, static-file or python peer runs).
#
# Environment: SCRATCH, the build folder (default .build); FUNDWATCH_BIN; PORT; PEER_PORT (18081);
# ABLATE; SWEEP; OPEN_RATE; OPEN_CONNECTIONS; CHECK_ONLY.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-50000}
seed=${2:-20261125}
seconds=${3:-10}
connections=${4:-32}
port=${PORT:-18080}
peer_port=${PEER_PORT:-18081}
work=${BENCH_DIR:-Benchmarks/.peers/web}/$persons-$seed
data=$work/fw
scratch=${SCRATCH:-.build}
bin=${FUNDWATCH_BIN:-}

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not found: apt-get install -y sqlite3" >&2; exit 2; }
if [ -z "$bin" ]; then
    swift build -c release --scratch-path "$scratch" --product fundwatch >/dev/null
    bin=$scratch/release/fundwatch
fi
mkdir -p "$work"
if [ ! -f "$data/fundwatch.sqlite" ]; then
    echo "making the demo store ($persons persons, seed $seed) in $data"
    "$bin" demo --data "$data" --persons "$persons" --seed "$seed" --no-serve > "$work/demo.txt" 2>&1
fi

# A province-level supervisor: reads the cockpit, checks payments anywhere in 山东省.
password="bench-$(date +%s)-pw"
if ! "$bin" user list --data "$data" 2>/dev/null | grep -q "bench.supervisor"; then
    FUNDWATCH_PASSWORD=$password "$bin" user add bench.supervisor --role supervisor --region 370000 --data "$data" >/dev/null
    echo "$password" > "$work/password"
fi
password=$(cat "$work/password")
token=$("$bin" user token bench.supervisor --scopes "read payments:check" --name web-bench --days 1 --data "$data" \
    | sed -n 's/.*token (shown once): *//p')
[ -n "$token" ] || { echo "could not issue an API token for bench.supervisor" >&2; exit 1; }

# Payment bodies: pension payments to 2,000 persons of the store, one in ten of them dead (so the
# death rules fire), each to the person's own account where one is on record.
bodies=$work/payments.jsonl
sqlite3 -readonly "$data/fundwatch.sqlite" > "$bodies" <<'SQL'
WITH payees AS (
    SELECT * FROM (SELECT id_number, region_code FROM person WHERE region_code IS NOT NULL ORDER BY random() LIMIT 1800)
    UNION ALL
    SELECT * FROM (SELECT p.id_number, p.region_code FROM person p JOIN death_record d ON d.id_number = p.id_number
                   WHERE p.region_code IS NOT NULL ORDER BY random() LIMIT 200)
)
SELECT json_object(
    'payment_id', 'BENCH-' || row_number() OVER (), 'id_number', id_number, 'benefit', 'pension',
    'period', '2026-11', 'amount', 320000 + (abs(random()) % 80000), 'pay_date', '2026-11-20',
    'bank_account', (SELECT account FROM bank_account b WHERE b.holder_id_number = payees.id_number LIMIT 1),
    'region_code', region_code)
FROM payees;
SQL
echo "payment bodies: $(wc -l < "$bodies") ($(grep -c . "$bodies") non-empty)"

server=
peer=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    [ -n "$peer" ] && kill "$peer" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT
base=http://127.0.0.1:$port
# Starts the server with extra flags and waits until it answers (and, unless told otherwise,
# until the payment check's population is in memory).
start_server() {
    [ -n "$server" ] && { kill -INT "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
    "$bin" serve --data "$data" --port "$port" --insecure-cookies "$@" > "$work/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 600); do
        curl -fs "$base/health" >/dev/null 2>&1 && break
        kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
        sleep 0.1
    done
    case " $* " in
        *" --no-payment-population "*) ;;
        *) for _ in $(seq 1200); do grep -q "persons in memory" "$work/serve.log" && break; sleep 0.1; done
           sed -n 's/^payment check: /  population: /p' "$work/serve.log" ;;
    esac
}
start_server
cookie=$(curl -s -o /dev/null -D - --data-urlencode "username=bench.supervisor" --data-urlencode "password=$password" \
    --data-urlencode "next=/" "$base/signin" | sed -n 's/^[Ss]et-[Cc]ookie: *\([^;]*\).*/\1/p' | head -1)
[ -n "$cookie" ] || { echo "could not sign in as bench.supervisor" >&2; exit 1; }

# The same static file for the Python peer.
peer_root=$work/peer-root
mkdir -p "$peer_root/static"
curl -fs "$base/static/app.css" -o "$peer_root/static/app.css"
python3 -m http.server "$peer_port" --bind 127.0.0.1 --directory "$peer_root" > /dev/null 2>&1 &
peer=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$peer_port/static/app.css" >/dev/null 2>&1 && break; sleep 0.1; done

# Check that each target answers as it should before measuring it.
check() {
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' "$@")
    [ "$status" = 200 ] || { echo "warm-up request failed ($status): $*" >&2; exit 1; }
}
check -H "Authorization: Bearer $token" -H "Content-Type: application/json" --data-binary "$(head -1 "$bodies")" \
    "$base/api/v1/payments/check"
check -H "Authorization: Bearer $token" "$base/api/v1/dashboard"
check -H "Cookie: $cookie" "$base/"

printf '%s\n' "machine: $(nproc) cores; wrk -t2 -c$connections -d${seconds}s; $persons persons; $(date -u +%H:%M) UTC"
printf '%-46s %11s %9s %9s %7s %17s  %s\n' target requests/s p50 p99 non-2xx "CPU s server/wrk" "load before → after"
ticks=$(getconf CLK_TCK)
# User+system CPU seconds of a process so far.
cpu_of() { awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat" 2>/dev/null || echo 0; }
run() {
    local name=$1
    shift
    local before after out rps p50 p99 bad s0 s1 wcpu
    before=$(cut -d' ' -f1 /proc/loadavg)
    s0=$(cpu_of "$server")
    out=$(/usr/bin/time -f 'WRKCPU %U %S' wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" 2>&1)
    s1=$(cpu_of "$server")
    after=$(cut -d' ' -f1 /proc/loadavg)
    rps=$(echo "$out" | sed -n 's/^Requests\/sec: *//p')
    p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
    p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
    bad=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *//p')
    wcpu=$(echo "$out" | awk '$1 == "WRKCPU" { printf "%.1f", $2 + $3 }')
    printf '%-46s %11s %9s %9s %7s %17s  %s → %s\n' "$name" "$rps" "$p50" "$p99" "${bad:-0}" \
        "$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.1f", b - a }')/$wcpu" "$before" "$after"
    echo "$out" > "$work/wrk-${name//[^A-Za-z0-9]/_}.txt"
}
run "POST /api/v1/payments/check (whole library)" -s Benchmarks/web-payments.lua "$base" -- "$bodies" "$token"
if [ "${CHECK_ONLY:-0}" != 1 ]; then
    run "GET /api/v1/dashboard (cockpit JSON)" -H "Authorization: Bearer $token" "$base/api/v1/dashboard"
    run "GET / (cockpit page, session cookie)" -H "Cookie: $cookie" "$base/"
    run "peer: GET /static/app.css, same server" "$base/static/app.css"
    run "peer: same file, python3 http.server" "http://127.0.0.1:$peer_port/static/app.css"
fi
for c in ${SWEEP:-}; do
    saved=$connections
    connections=$c
    run "payments/check, $c connections" -s Benchmarks/web-payments.lua "$base" -- "$bodies" "$token"
    connections=$saved
done
if [ -n "${OPEN_RATE:-}" ]; then
    openloop=$work/openloop
    command -v cc >/dev/null || { echo "cc not found (OPEN_RATE builds Benchmarks/openloop.c): apt-get install -y gcc" >&2; exit 2; }
    cc -O2 -o "$openloop" Benchmarks/openloop.c
    oc=${OPEN_CONNECTIONS:-64}
    before=$(cut -d' ' -f1 /proc/loadavg)
    s0=$(cpu_of "$server")
    out=$(/usr/bin/time -f 'CLIENTCPU %U %S' "$openloop" 127.0.0.1 "$port" /api/v1/payments/check "$bodies" "$token" \
        "$OPEN_RATE" "$seconds" "$oc" "$work/openloop-$OPEN_RATE.txt" 2>&1)
    s1=$(cpu_of "$server")
    echo "open loop, $OPEN_RATE requests/s due over $oc connections, ${seconds}s (load $before → $(cut -d' ' -f1 /proc/loadavg)):"
    echo "$out" | sed 's/^/  /'
    echo "  server CPU $(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.1f", b - a }') s"
fi
echo "server resident set: $(ps -o rss= -p "$server" | awk '{printf "%.0f MB", $1/1024}')"
if [ "${ABLATE:-0}" = 1 ]; then
    echo "the same server without one fix at a time:"
    start_server --payment-recheck-ms 0
    run "  payments/check, --payment-recheck-ms 0" -s Benchmarks/web-payments.lua "$base" -- "$bodies" "$token"
    start_server --no-payment-population
    run "  payments/check, --no-payment-population" -s Benchmarks/web-payments.lua "$base" -- "$bodies" "$token"
    echo "  server resident set: $(ps -o rss= -p "$server" | awk '{printf "%.0f MB", $1/1024}')"
    start_server --credential-cache-seconds 0
    run "  payments/check, --credential-cache-seconds 0" -s Benchmarks/web-payments.lua "$base" -- "$bodies" "$token"
    run "  dashboard JSON, --credential-cache-seconds 0" -H "Authorization: Bearer $token" "$base/api/v1/dashboard"
fi
