#!/usr/bin/env bash
# Runs the echo benchmark (vmbench-style) against jasyncio's echo server, when the jar has one,
# the NIO baseline, Python asyncio, uvloop and Node, and prints the markdown tables.
# Builds nothing: build first with `mvn -q -pl benchmarks -am package -DskipTests`.
# Options: --duration N, --quick, --java JDK, --only nio,node, --sizes 1024,10240 (--help lists them).
# Exits 1 if a run failed (the tables are printed all the same), 2 on a bad command line.
#
# For each server and message size it starts a fresh server on port 0, reads the port from the
# server's `LISTENING <port>` line, runs the Java load client (dev.jasyncio.bench.echo.EchoClient)
# against it, reads the server's peak RSS (the client reads /proc/<pid>/status before the server
# is stopped), stops the server and keeps the client's JSON line. Progress goes to standard
# error, the tables (dev.jasyncio.bench.echo.EchoReport) to standard output.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
java="${JAVA:-java}"
python="${PYTHON:-}"
node="${NODE:-node}"
duration=10
warmup=""
concurrency=10
sizes="1024,10240,102400"
only=""
json=""
all_servers="jasyncio,nio,asyncio,uvloop,node"
# jasyncio's server runs once the jar has this class (see "Echo server" in docs/performance.md).
jasyncio_main="dev.jasyncio.bench.echo.JasyncioEchoServer"

usage() {
  cat <<'EOF'
usage: benchmarks/echo.sh [options]
  --duration SECONDS   measured time per server and size (10)
  --warmup SECONDS     unmeasured time before it (2; 1 with --quick)
  --quick              --duration 2 --warmup 1
  --concurrency N      client connections (10)
  --sizes LIST         message sizes in bytes (1024,10240,102400)
  --only LIST          of jasyncio,nio,asyncio,uvloop,node (all that can run here)
  --java PATH          JDK home or java launcher, for the JVM servers and the client ($JAVA or java)
  --python PATH        Python 3 for asyncio and uvloop ($PYTHON, else the first of python3,
                       python3.11, /usr/bin/python3 that can import uvloop, else python3)
  --node PATH          Node.js ($NODE or node)
  --json FILE          also keep every result line in FILE
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --quick) duration=2; warmup="${warmup:-1}"; shift ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --java)
      if [ -d "$2" ]; then java="$2/bin/java"; else java="$2"; fi
      shift 2 ;;
    --python) python="$2"; shift 2 ;;
    --node) node="$2"; shift 2 ;;
    --json) json="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
warmup="${warmup:-2}"
sizes="${sizes//,/ }"

if [ ! -f "$jar" ]; then
  echo "no $jar: build it with: mvn -q -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi

# Python: the one that has uvloop, so that asyncio and uvloop run on the same interpreter.
if [ -z "$python" ]; then
  for p in python3 python3.11 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import uvloop' >/dev/null 2>&1; then
      python="$p"
      break
    fi
  done
  python="${python:-python3}"
fi

has_class() {
  local entry="${1//.//}.class"
  if command -v unzip >/dev/null 2>&1; then
    unzip -qql "$jar" "$entry" >/dev/null 2>&1
  else
    "$(dirname "$java")/jar" tf "$jar" 2>/dev/null | grep -qx "$entry"
  fi
}

# Why a server cannot run here; nothing if it can.
unavailable() {
  case "$1" in
    jasyncio) has_class "$jasyncio_main" || echo "no $jasyncio_main in the jar yet" ;;
    nio) ;;
    asyncio)
      command -v "$python" >/dev/null 2>&1 || echo "no Python ($python)" ;;
    uvloop)
      if ! command -v "$python" >/dev/null 2>&1; then
        echo "no Python ($python)"
      elif ! "$python" -c 'import uvloop' >/dev/null 2>&1; then
        echo "$python cannot import uvloop ($python -m pip install uvloop)"
      fi ;;
    node) command -v "$node" >/dev/null 2>&1 || echo "no Node.js ($node)" ;;
  esac
}

# The command that starts server $1 on port 0, in the array `cmd`.
server_command() {
  case "$1" in
    jasyncio) cmd=("$java" -cp "$jar" "$jasyncio_main" --port 0) ;;
    nio) cmd=("$java" -cp "$jar" dev.jasyncio.bench.echo.NioEchoServer --port 0) ;;
    asyncio) cmd=("$python" "$here/echo/asyncio_echo.py" --port 0) ;;
    uvloop) cmd=("$python" "$here/echo/asyncio_echo.py" --port 0 --uvloop) ;;
    node) cmd=("$node" "$here/echo/node_echo.js" --port 0) ;;
  esac
}

json_string() {
  local s="${1//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "$(printf '%s' "$s" | tr '\n\t' '  ')"
}

work="$(mktemp -d)"
results="$work/results.jsonl"
: >"$results"
spid=""

stop_server() {
  if [ -n "$spid" ] && kill -0 "$spid" 2>/dev/null; then
    kill -TERM "$spid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$spid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$spid" 2>/dev/null || true
  fi
  if [ -n "$spid" ]; then
    wait "$spid" 2>/dev/null || true
  fi
  spid=""
}

cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

servers=()
IFS=, read -r -a wanted <<<"${only:-$all_servers}"
for s in "${wanted[@]}"; do
  case ",$all_servers," in
    *",$s,"*) ;;
    *) echo "unknown server '$s' (the servers: $all_servers)" >&2; exit 2 ;;
  esac
done
for s in "${wanted[@]}"; do
  why="$(unavailable "$s")"
  if [ -n "$why" ]; then
    echo "$s: skipped: $why" >&2
    printf '{"server":%s,"skipped":%s}\n' "$(json_string "$s")" "$(json_string "$why")" >>"$results"
  else
    servers+=("$s")
  fi
done

read -r -a size_list <<<"$sizes"
total=$(( ${#servers[@]} * ${#size_list[@]} ))
failures=0
done_runs=0
for s in "${servers[@]}"; do
  for m in "${size_list[@]}"; do
    done_runs=$((done_runs + 1))
    printf '[%d/%d] %s msize=%s: ' "$done_runs" "$total" "$s" "$m" >&2
    server_command "$s"
    # Empty the files here: the redirections below happen in the background child, possibly after
    # the loop has read the previous server's LISTENING line (a stopped server's port).
    : >"$work/server.out"
    : >"$work/server.err"
    "${cmd[@]}" >"$work/server.out" 2>"$work/server.err" &
    spid=$!
    port=""
    for _ in $(seq 300); do
      port="$(awk '$1 == "LISTENING" { print $2; exit }' "$work/server.out")"
      [ -n "$port" ] && break
      kill -0 "$spid" 2>/dev/null || break
      sleep 0.1
    done
    if [ -z "$port" ]; then
      why="no LISTENING line: $(head -c 300 "$work/server.err")"
      echo "FAILED: $why" >&2
      failures=$((failures + 1))
      printf '{"server":%s,"msize":%s,"failed":%s}\n' \
        "$(json_string "$s")" "$m" "$(json_string "$why")" >>"$results"
      stop_server
      continue
    fi
    if "$java" -cp "$jar" dev.jasyncio.bench.echo.EchoClient --label "$s" --port "$port" \
        --msize "$m" --concurrency "$concurrency" --duration "$duration" --warmup "$warmup" \
        --server-pid "$spid" >"$work/client.out" 2>"$work/client.err" \
        && line="$(grep '^{' "$work/client.out" | tail -n 1)" && [ -n "$line" ]; then
      echo "$line" >&2
      echo "$line" >>"$results"
    else
      why="client: $(head -c 300 "$work/client.err")"
      echo "FAILED: $why" >&2
      failures=$((failures + 1))
      printf '{"server":%s,"msize":%s,"failed":%s}\n' \
        "$(json_string "$s")" "$m" "$(json_string "$why")" >>"$results"
    fi
    stop_server
  done
done

versions=("JVM $("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ { print $2 }')")
py="$("$python" -c 'import sys; print(sys.version.split()[0])' 2>/dev/null || true)"
[ -n "$py" ] && versions+=("Python $py ($python)")
uv="$("$python" -c 'import uvloop; print(uvloop.__version__)' 2>/dev/null || true)"
[ -n "$uv" ] && versions+=("uvloop $uv")
nv="$("$node" --version 2>/dev/null || true)"
[ -n "$nv" ] && versions+=("Node $nv")

echo "Echo benchmark, $(date -u +%F): $concurrency connections, each message echoed before the next;" \
  "${duration} s measured after ${warmup} s of warm-up per server and size;" \
  "$(nproc 2>/dev/null || echo '?') cores shared by the server and the client."
(IFS=';'; echo "Versions: ${versions[*]}." | sed 's/;/; /g')
echo
"$java" -cp "$jar" dev.jasyncio.bench.echo.EchoReport "$results"
if [ -n "$json" ]; then
  cp "$results" "$json"
fi
if [ "$failures" -gt 0 ]; then
  echo "$failures run(s) failed" >&2
  exit 1
fi
