# Sourced by the bench scripts that need a PostgreSQL server: starts a private cluster (initdb/pg_ctl from Debian's
# postgresql package, its default durable settings: fsync and synchronous commit on) on a free port, creates the
# database "bench", and stops the cluster when the script exits (KEEP=1 keeps its folder). Sets bin, pgdir, as (the
# command prefix that runs as the postgres user when this runs as root), port and url, and defines pg_server_cpu.
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pgdir="$(mktemp -d /tmp/alice-bench-pg.XXXXXX)"
as=()
if [ "$(id -u)" = 0 ]; then chown postgres "$pgdir"; as=(runuser -u postgres --); fi
"${as[@]}" "$bin/initdb" -D "$pgdir/data" -A trust -U alice -E UTF8 >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as[@]}" "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1" start >/dev/null
pg_cluster_stop() { "${as[@]}" "$bin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$pgdir"; }
trap pg_cluster_stop EXIT
# PG_LOCALE names the database's locale (e.g. C, en_US.UTF-8 where the system has it); default: the cluster's
psql -h 127.0.0.1 -p "$port" -U alice -d postgres -qc \
  "CREATE DATABASE bench${PG_LOCALE:+ TEMPLATE template0 LOCALE '$PG_LOCALE'}" >/dev/null
url="postgresql://alice@127.0.0.1:$port/bench"
# the server's CPU so far: the postmaster's own and that of its ended children (each connection's backend)
pg_server_cpu() { awk '{print ($14 + $15 + $16 + $17) / 100}' "/proc/$(head -1 "$pgdir/data/postmaster.pid")/stat"; }
