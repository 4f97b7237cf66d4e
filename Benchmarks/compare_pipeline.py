#!/usr/bin/env python3
"""Whole-pipeline benchmark: `conceptgraph build` on generated and real decks vs python-igraph and NetworkX.

For each input (a folder of decks) it runs, REPEATS times, the release binary under `/usr/bin/time`:

    conceptgraph build INPUT --output OUT --format graphml,dot --timings

and takes the median whole-process wall time and peak resident memory (the stage times printed by
`--timings` give our GraphML writer's own time). Then, on the very graph written (OUT/concepts.graphml,
read with igraph), in the same run:

- python-igraph `community_leiden(objective_function="modularity", weights=...)` with its default
  iterations, on the undirected graph of all relations (parallel edges' weights summed, as our
  clustering does), and `write_graphml`; median of REPEATS;
- NetworkX `write_graphml` of the same graph (converted from igraph, attributes kept);
- modularity of our `cluster` attribute and of igraph's membership on that undirected graph.

Prints a Markdown table and writes it to Benchmarks/results/pipeline.md.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import igraph as ig
import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def run_build(binary, deck_dir, out_dir, repeats):
    """Median wall seconds and peak KiB of `build`, with the parsed summary and stage timings."""
    walls, peaks, cpus, stages = [], [], [], {}
    summary = ""
    for _ in range(repeats):
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "@@time %e %M %U %S", binary, "build", deck_dir, "--output", out_dir,
             "--format", "graphml,dot", "--timings"],
            capture_output=True, text=True)
        if proc.returncode not in (0, 1):  # 1: some input files had problems (reported, rest read)
            sys.exit(f"build failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        m = re.search(r"@@time ([\d.]+) (\d+) ([\d.]+) ([\d.]+)", proc.stderr)
        walls.append(float(m.group(1)))
        peaks.append(int(m.group(2)))
        cpus.append(float(m.group(3)) + float(m.group(4)))
        for name, wall, cpu in re.findall(
                r"^ +(write graphml|write dot|read|extract|analyse)\s+([\d.]+) s\s+([\d.]+) s", proc.stderr, re.M):
            stages.setdefault(name, []).append((float(wall), float(cpu)))
        summary = proc.stdout
    cards = int(re.search(r"(\d+) cards", summary).group(1))
    concepts = int(re.search(r"Found (\d+) concepts", summary).group(1))
    return {
        "cards": cards, "concepts": concepts, "wall": statistics.median(walls), "walls": walls,
        "cpu": statistics.median(cpus),
        "peak_mb": statistics.median(peaks) / 1024, "stages": {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
                   for k, v in stages.items()},
    }


def undirected_weighted(g):
    """The undirected graph of all relations, parallel edges' weights summed (what our Leiden sees)."""
    weights = g.es["weight"] if "weight" in g.es.attributes() else [1.0] * g.ecount()
    u = ig.Graph(n=g.vcount(), edges=g.get_edgelist(), directed=False)
    u.es["weight"] = [float(w) if w is not None and w == w else 1.0 for w in weights]
    u.simplify(multiple=True, loops=True, combine_edges={"weight": "sum"})
    return u


def median_time(fn, repeats):
    """Median (wall seconds, CPU seconds of this process) of `repeats` calls, and the last result."""
    walls, cpus = [], []
    result = None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return (statistics.median(walls), statistics.median(cpus)), result


def compare(graphml, repeats, networkx_repeats, networkx_max_relations, scratch):
    g = ig.Graph.Read_GraphML(graphml)
    u = undirected_weighted(g)
    leiden_s, membership = median_time(
        lambda: u.community_leiden(objective_function="modularity", weights="weight").membership, repeats)
    ig_out = os.path.join(scratch, "igraph.graphml")
    write_s, _ = median_time(lambda: g.write_graphml(ig_out), repeats)
    os.unlink(ig_out)
    ours = [int(float(c)) for c in g.vs["cluster"]]
    q_ours = u.modularity(ours, weights="weight")
    q_ig = u.modularity(membership, weights="weight")
    nx_s = (None, None)
    if networkx_repeats > 0 and g.ecount() <= networkx_max_relations:
        ng = g.to_networkx()
        nx_out = os.path.join(scratch, "networkx.graphml")
        nx_s, _ = median_time(lambda: nx.write_graphml(ng, nx_out), networkx_repeats)
        os.unlink(nx_out)
        del ng
    return {"relations": g.ecount(), "leiden": leiden_s, "ig_write": write_s, "nx_write": nx_s,
            "q_ours": q_ours, "q_ig": q_ig, "ig_clusters": len(set(membership)), "our_clusters": len(set(ours))}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", required=True)
    p.add_argument("--input", nargs=2, action="append", metavar=("NAME", "DECK_DIR"), required=True)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--networkx-repeats", type=int, default=1,
                   help="NetworkX write_graphml runs per input (it is slow: ~minutes at 1M cards); 0 skips")
    p.add_argument("--networkx-max-relations", type=int, default=2_000_000,
                   help="skip NetworkX above this many relations (its graph of a 1M-card deck takes >10 GB)")
    p.add_argument("--scratch", default=None, help="folder for the graphs written (default: a temp folder)")
    args = p.parse_args()

    scratch = args.scratch or tempfile.mkdtemp(prefix="conceptgraph-bench-")
    sizes, comparisons, writers = [], [], []
    for name, deck_dir in args.input:
        out_dir = os.path.join(scratch, name)
        print(f"# {name}: build ×{args.repeats}", file=sys.stderr, flush=True)
        ours = run_build(args.binary, deck_dir, out_dir, args.repeats)
        print(f"# {name}: igraph and NetworkX", file=sys.stderr, flush=True)
        graphml = os.path.join(out_dir, "concepts.graphml")
        theirs = compare(graphml, args.repeats, args.networkx_repeats, args.networkx_max_relations, scratch)
        ig_wall = theirs["leiden"][0] + theirs["ig_write"][0]
        ig_cpu = theirs["leiden"][1] + theirs["ig_write"][1]
        our_wall, our_cpu = ours["stages"].get("write graphml", (float("nan"), float("nan")))
        nx_wall, nx_cpu = theirs["nx_write"]
        sizes.append(
            f"| {name} | {ours['cards']} | {ours['concepts']} | {theirs['relations']} | {ours['wall']:.2f} "
            f"| {ours['cpu']:.2f} | {ours['peak_mb']:.0f} | {' '.join(f'{w:.2f}' for w in ours['walls'])} |")
        comparisons.append(
            f"| {name} | {ours['wall']:.2f} | {ours['cpu']:.2f} | {ig_wall:.2f} | {ig_cpu:.2f} "
            f"| {ours['wall'] / ig_wall:.2f} | {ours['cpu'] / ig_cpu:.2f} "
            f"| {theirs['q_ours']:.4f} | {theirs['q_ig']:.4f} | {theirs['q_ours'] - theirs['q_ig']:+.4f} |")
        nx_cells = ("– | – | –" if nx_wall is None
                    else f"{nx_wall:.2f} | {nx_cpu:.2f} | {nx_cpu / our_cpu:.0f}×")
        writers.append(
            f"| {name} | {os.path.getsize(graphml) / 1e6:.0f} | {our_wall:.2f} | {our_cpu:.2f} "
            f"| {theirs['ig_write'][0]:.2f} | {theirs['ig_write'][1]:.2f} | {theirs['ig_write'][1] / our_cpu:.2f}× "
            f"| {nx_cells} |")
        print("\n".join([sizes[-1], comparisons[-1], writers[-1]]), file=sys.stderr, flush=True)

    uname = os.uname()
    lines = [
        f"## Pipeline: `conceptgraph build --format graphml,dot` vs python-igraph {ig.__version__} "
        f"and NetworkX {nx.__version__}", "",
        f"{os.cpu_count()} cores, {uname.sysname} {uname.release}, {uname.machine}; release build; wall, CPU "
        f"(user + sys) and peak memory of the whole process from /usr/bin/time, median of {args.repeats}.", "",
        "| input | cards | concepts | relations | wall s | CPU s (user+sys) | peak MB | walls s |",
        "|---|---|---|---|---|---|---|---|"] + sizes + [
        "",
        "Same graphs. Ours: the whole `build` process (read → GraphML and DOT written). igraph: "
        "`community_leiden(objective_function=\"modularity\")` (default iterations) + `write_graphml`, "
        "wall and CPU of the two calls. A ratio ≤ 1 means our whole pipeline took less than igraph's two "
        "calls.", "",
        "| input | ours wall s | ours CPU s | igraph wall s | igraph CPU s | ratio (wall) | ratio (CPU) "
        "| Q ours | Q igraph | ΔQ |",
        "|" + "---|" * 10] + comparisons + [
        "",
        "GraphML writers on the same graph: ours is the `write graphml` stage of `--timings` (wall, and CPU "
        "of its thread); igraph's and NetworkX's `write_graphml` (wall and CPU of the call).", "",
        "| input | our file MB | ours wall s | ours CPU s | igraph wall s | igraph CPU s | igraph/ours (CPU) "
        "| NetworkX wall s | NetworkX CPU s | NetworkX/ours (CPU) |",
        "|" + "---|" * 10] + writers
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "pipeline.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
