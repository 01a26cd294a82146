# Sourced by the bench scripts. start_bench_server BINARY starts the bench
# server (examples/bench_server.rs) with its log in "$work", and sets
# server_pid (for the caller's EXIT trap) and base (http://ADDRESS) once it
# listens.
start_bench_server() {
  "$1" > "$work/server.log" &
  server_pid=$!
  for _ in $(seq 50); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
  base="http://$(sed -n 's/listening on //p' "$work/server.log")"
}
