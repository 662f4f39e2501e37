#!/usr/bin/env python3
"""Times one large read where users make it, and the CPU of every process it costs, for
scripts/bench-steampipe.sh. Each path runs ROUNDS times, interleaved (in the reverse order every
other round), and prints one Markdown row per path and query with the median wall time and the
median CPU seconds of each process, then each bar's verdict by the median of the rounds' ratios.

Usage: steampipe_reads.py ROUNDS BASE_URL API_KEY PG_SOCKET_DIR PG_PORT
  - the Steampipe service must be running with the connection partnertap_bench;
  - the standalone extensions must be set up in the PostgreSQL 15 cluster at PG_SOCKET_DIR:PG_PORT:
    this plugin's in schema partnertap, the no-op fixture's in schema noop."""
import os
import resource
import statistics
import subprocess
import sys
import time

rounds, base, key, pg_dir, pg_port = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(os.path.dirname(here))
tick = os.sysconf("SC_CLK_TCK")

QUERIES = {
    "all columns": "select * from {s}partnertap_sale_account where matched",
    "count(*)": "select count(*) from {s}partnertap_sale_account where matched",
}


def cpu_of(pid, children=False):
    """CPU seconds of a process (with children=True, of its reaped children)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[11:15] are utime, stime, cutime, cstime (stat fields 14 to 17)
    ut, st, cut, cst = (int(x) for x in fields[11:15])
    return (cut + cst if children else ut + st) / tick


def pid_of(pattern, oldest=True):
    out = subprocess.run(["pgrep", "-o" if oldest else "-n", "-f", pattern], capture_output=True, text=True).stdout.split()
    if not out:
        sys.exit(f"no process matches {pattern}")
    return int(out[0])


def run(cmd, env=None):
    """Runs cmd with its output discarded; returns (wall seconds, its own CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{cmd[0]} failed: {done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def python_floor(_query):
    wall, own = run([sys.executable, os.path.join(here, "official_pattern.py"), base, key])
    return wall, {"reader": own}


def steampipe_cli(query, schema="partnertap_bench.", table=None, plugin_name="partnertap"):
    postmaster = pid_of("db/14.17.0/postgres/bin/postgres")
    plugin = pid_of(f"plugins/local/{plugin_name}/{plugin_name}.plugin")
    pg0, plugin0 = cpu_of(postmaster, children=True), cpu_of(plugin)
    env = dict(os.environ, STEAMPIPE_CACHE="false")
    sql = query.format(s=schema)
    if table:
        sql = sql.replace("partnertap_sale_account", table)
    wall, cli = run([os.path.join(repo, "scripts/steampipe"), "query", "--output", "csv", sql], env)
    time.sleep(0.2)  # the session's backend is reaped after the client exits
    return wall, {"CLI": cli, "Postgres": cpu_of(postmaster, children=True) - pg0, "plugin": cpu_of(plugin) - plugin0}


def noop_cli(plugin_name, connection):
    # the fixture's table has no qual to push down: `where matched` is true of every row
    return lambda query: steampipe_cli(query, schema=connection + ".", table="noop_sale_account", plugin_name=plugin_name)


def extension(query, schema="partnertap.", table=None):
    postmaster = pid_of("/usr/lib/postgresql/15/bin/postgres")
    pg0 = cpu_of(postmaster, children=True)
    sql = query.format(s=schema)
    if table:
        sql = sql.replace("partnertap_sale_account", table)
    cmd = ["runuser", "-u", "postgres", "--", "psql", "-h", pg_dir, "-p", pg_port, "-d", "postgres",
           "-v", "ON_ERROR_STOP=1", "-q", "--csv", "-c", sql]
    wall, client = run(cmd, dict(os.environ, STEAMPIPE_CACHE="false"))
    time.sleep(0.2)
    return wall, {"psql": client, "Postgres with the plugin": cpu_of(postmaster, children=True) - pg0}


def noop_extension(query):
    # each psql is its own backend, which loads only the extension it queries: two Go runtimes
    # never share a process
    return extension(query, schema="noop.", table="noop_sale_account")


OURS_CLI, NOOP, NOOP_UNPATCHED = ("this plugin, Steampipe CLI", "no-op plugin, patched SDK, CLI (floor)",
                                  "no-op plugin, unpatched SDK v5.14.1, CLI")
OURS_EXT, NOOP_EXT = ("this plugin, standalone extension (`psql`)", "no-op plugin, patched SDK, standalone extension (floor)")
PATHS = [("PartnerTap's documented pattern, Python (floor)", python_floor, ["all columns"]),
         (OURS_CLI, steampipe_cli, list(QUERIES)),
         (NOOP, noop_cli("noop", "noop_patched_sdk"), list(QUERIES)),
         (NOOP_UNPATCHED, noop_cli("noop_unpatched", "noop_release_sdk"), list(QUERIES)),
         (OURS_EXT, extension, list(QUERIES)),
         (NOOP_EXT, noop_extension, list(QUERIES))]

# A warm-up round, not counted: it starts every plugin process and fills the sandbox's page cache.
for name, fn, queries in PATHS:
    for q in queries:
        fn(QUERIES[q])

# Every other round runs the paths in the reverse order, so that no path always runs right after
# the same one (a read can leave the machine busy for the next).
results = {}
for r in range(rounds):
    for name, fn, queries in (PATHS if r % 2 == 0 else PATHS[::-1]):
        for q in queries:
            results.setdefault((name, q), []).append(fn(QUERIES[q]))


def wall(name, q):
    return statistics.median(w for w, _ in results[(name, q)])


floor = wall(PATHS[0][0], "all columns")
print("| path | query | wall time (median) | against the Python floor | CPU s per process (medians) |")
print("|---|---|---:|---:|---|")
for (name, q), runs in results.items():
    cpus = ", ".join(f"{p} {statistics.median(c[p] for _, c in runs):.2f}" for p in runs[0][1])
    print(f"| {name} | {q} | {wall(name, q):.2f} s | {wall(name, q) / floor:.1f}x | {cpus} |")


def paired(ours, base, q):
    """The ratios of each round's two reads: reads of one round are seconds apart, so the
    machine's drift from round to round, larger than the bars, cancels out of them."""
    return [o / b for (o, _), (b, _) in zip(results[(ours, q)], results[(base, q)])]


print()
print("The verdict is the median of the rounds' ratios (each round's read of this plugin over the same round's read")
print("of the floor); the ratio of the median times and the rounds' range are beside it.")
print()
print("| bar | median times | ratio of medians | rounds' ratios: median [range] | verdict |")
print("|---|---|---:|---:|---|")
bars = [(f"{path}, {q}: this plugin at most 1.05x the no-op plugin on the same SDK", ours, noop, q, 1.05)
        for path, ours, noop in (("CLI", OURS_CLI, NOOP), ("extension", OURS_EXT, NOOP_EXT)) for q in QUERIES]
bars.append(("CLI, all columns: this plugin at most 0.8x the no-op plugin on the unpatched SDK",
             OURS_CLI, NOOP_UNPATCHED, "all columns", 0.8))
for bar, ours, base, q, bound in bars:
    ratios = paired(ours, base, q)
    ratio = statistics.median(ratios)
    print(f"| {bar} | {wall(ours, q):.2f} s against {wall(base, q):.2f} s | {wall(ours, q) / wall(base, q):.2f}x | "
          f"**{ratio:.2f}x** [{min(ratios):.2f}-{max(ratios):.2f}] | {'met' if ratio <= bound else 'not met'} |")
