#!/usr/bin/env python3
"""Compare GraphBench (our Leiden, SCC + study order) with python-igraph.

Synthetic mode (default): planted-partition graphs (communities of varied sizes, mixing mu);
for ours and igraph's community_leiden(objective_function="modularity") reports modularity (computed
by igraph for both memberships on the same graph), NMI to the planted partition, median algorithm
time, and our SCC + study order time.

Deck mode (--decks FILE.graphml ...): modularity of the exported `cluster` node attribute vs igraph
Leiden on the undirected weighted graph (edge key `weight`, parallel edges summed).

Prints a Markdown table and writes it to Benchmarks/results/latest.md.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import igraph as ig
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def planted_partition(n, avg_degree, mu, min_size, max_size, seed):
    """Random graph with planted communities of power-law-ish sizes.

    Each node gets about avg_degree edge ends, a fraction mu of them to other communities.
    Returns (edges as an (E, 2) int array, u != v, no duplicates, random orientation; planted labels).
    """
    rng = np.random.default_rng(seed)
    sizes = []
    while sum(sizes) < n:
        # Pareto-like sizes between min_size and max_size.
        s = int(min(max_size, min_size * (1 + rng.pareto(1.5))))
        sizes.append(min(s, n - sum(sizes)))
    if sizes[-1] < min_size and len(sizes) > 1:  # fold a tiny remainder into the previous one
        sizes[-2] += sizes.pop()
    sizes = np.array(sizes)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    labels = np.repeat(np.arange(len(sizes)), sizes)
    target_edges = int(n * avg_degree / 2)
    e_in = int(target_edges * (1 - mu) * 1.03)  # a little extra for duplicates removed later
    e_out = int(target_edges * mu * 1.01)
    comm = rng.choice(len(sizes), size=e_in, p=sizes / sizes.sum())
    u_in = starts[comm] + (rng.random(e_in) * sizes[comm]).astype(np.int64)
    v_in = starts[comm] + (rng.random(e_in) * sizes[comm]).astype(np.int64)
    u_out = rng.integers(0, n, e_out)
    v_out = rng.integers(0, n, e_out)
    keep = labels[u_out] != labels[v_out]
    u = np.concatenate([u_in, u_out[keep]])
    v = np.concatenate([v_in, v_out[keep]])
    ok = u != v
    a, b = np.minimum(u[ok], v[ok]), np.maximum(u[ok], v[ok])
    key = np.unique(a * n + b)
    a, b = key // n, key % n
    # Shuffle node ids (so ids carry no community information) and edge orientation.
    perm = rng.permutation(n)
    a, b = perm[a], perm[b]
    flip = rng.random(len(a)) < 0.5
    a, b = np.where(flip, b, a), np.where(flip, a, b)
    planted = np.empty(n, dtype=np.int64)
    planted[perm] = labels
    return np.stack([a, b], axis=1), planted


def run_ours(bench, edge_file, resolution, seed, repeats, max_iterations):
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as out:
        out_path = out.name
    proc = subprocess.run(
        [bench, edge_file, "--out", out_path, "--resolution", str(resolution), "--seed", str(seed),
         "--repeat", str(repeats), "--max-iterations", str(max_iterations)],
        check=True, capture_output=True, text=True)
    stats = json.loads(proc.stdout)
    membership = [int(x) for x in open(out_path)]
    os.unlink(out_path)
    return stats, membership


def run_igraph(g, resolution, seed, repeats, n_iterations, weights=None):
    times, result = [], None
    for r in range(repeats):
        import random
        random.seed(seed + r)
        t0 = time.perf_counter()
        result = g.community_leiden(objective_function="modularity", resolution=resolution, weights=weights,
                                    n_iterations=n_iterations)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result.membership


def synthetic(args):
    rows = []
    header = ("| graph | nodes | edges | ours Q | igraph Q | ΔQ | ours NMI | igraph NMI | ours Leiden ms "
              "| igraph Leiden ms | ours iterations used | n_iterations (both) | ours SCC+order ms | igraph SCC ms "
              "| ours CSR ms | ours PageRank ms |")
    sep = "|" + "|".join(["---"] * (header.count("|") - 1)) + "|"
    checks = []
    cases = [("planted 10k", 10_000, 20, 0.35, 10, 400), ("planted 100k", 100_000, 20, 0.35, 20, 2000)]
    if args.quick:
        cases = cases[:1]
    for name, n, deg, mu, lo, hi in cases:
        edges, planted = planted_partition(n, deg, mu, lo, hi, args.seed)
        with tempfile.NamedTemporaryFile("w", suffix=".edges", delete=False) as f:
            np.savetxt(f, edges, fmt="%d")
            edge_file = f.name
        g = ig.Graph(n=n, edges=edges.tolist(), directed=False)
        for n_iter in args.igraph_iterations:
            # Same iteration budget for both (-1 = until an iteration changes nothing).
            stats, ours = run_ours(args.bench, edge_file, args.resolution, args.seed, args.repeats, n_iter)
            ig_ms, theirs = run_igraph(g, args.resolution, args.seed, args.repeats, n_iter)
            q_ours = g.modularity(ours, resolution=args.resolution)
            q_ig = g.modularity(theirs, resolution=args.resolution)
            nmi_ours = ig.compare_communities(list(planted), ours, method="nmi")
            nmi_ig = ig.compare_communities(list(planted), theirs, method="nmi")
            gd = ig.Graph(n=n, edges=edges.tolist(), directed=True)
            scc_times = []
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                gd.connected_components(mode="strong")
                scc_times.append((time.perf_counter() - t0) * 1000)
            rows.append(
                f"| {name} (μ={mu}) | {n} | {len(edges)} | {q_ours:.4f} | {q_ig:.4f} | {q_ours - q_ig:+.4f} "
                f"| {nmi_ours:.4f} | {nmi_ig:.4f} | {stats['leiden_ms']:.0f} | {ig_ms:.0f} | {stats['iterations']} "
                f"| {n_iter} | {stats['scc_order_ms']:.1f} | {statistics.median(scc_times):.1f} "
                f"| {stats['csr_ms']:.1f} | {stats['pagerank_ms']:.1f} |")
            tag = f"{name}, igraph n_iterations={n_iter}"
            checks.append((f"{tag}: modularity ≥ igraph − 0.005", q_ours >= q_ig - 0.005))
            checks.append((f"{tag}: NMI ≥ igraph − 0.01", nmi_ours >= nmi_ig - 0.01))
            if n >= 100_000:
                checks.append((f"{tag}: Leiden no slower than igraph", stats["leiden_ms"] <= ig_ms))
            checks.append((f"{tag}: SCC + study order < 100 ms", stats["scc_order_ms"] < 100))
        os.unlink(edge_file)
    lines = [header, sep] + rows + ["", "Bars:"] + [f"- {'PASS' if ok else 'FAIL'}: {text}" for text, ok in checks]
    return lines


def decks(args):
    header = "| file | nodes | edges | clusters (ours) | ours Q | igraph Q | ΔQ | igraph clusters | igraph ms |"
    sep = "|" + "|".join(["---"] * 9) + "|"
    rows = []
    for path in args.decks:
        g = ig.Graph.Read_GraphML(path)
        if "weight" not in g.es.attributes():
            g.es["weight"] = [1.0] * g.ecount()
        g.es["weight"] = [float(w) if w is not None and w == w else 1.0 for w in g.es["weight"]]
        u = g.as_undirected(mode="collapse", combine_edges={"weight": "sum"}) if g.is_directed() else g.copy()
        if not g.is_directed():
            u.simplify(multiple=True, loops=False, combine_edges={"weight": "sum"})
        ours = [int(float(c)) for c in g.vs["cluster"]]
        ig_ms, theirs = run_igraph(u, args.resolution, args.seed, args.repeats, -1, weights="weight")
        q_ours = u.modularity(ours, weights="weight", resolution=args.resolution)
        q_ig = u.modularity(theirs, weights="weight", resolution=args.resolution)
        rows.append(f"| {os.path.basename(path)} | {u.vcount()} | {u.ecount()} | {len(set(ours))} | {q_ours:.4f} "
                    f"| {q_ig:.4f} | {q_ours - q_ig:+.4f} | {len(set(theirs))} | {ig_ms:.1f} |")
    return [header, sep] + rows


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bench", default=os.path.join(HERE, "..", ".build", "release", "GraphBench"))
    p.add_argument("--resolution", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--igraph-iterations", type=int, nargs="+", default=[-1, 2],
                   help="igraph n_iterations values to compare against (-1 = until stable)")
    p.add_argument("--quick", action="store_true", help="10k graph only")
    p.add_argument("--decks", nargs="+", metavar="GRAPHML", help="compare exported deck graphs instead")
    args = p.parse_args()
    if args.decks:
        lines = ["## Deck graphs: our `cluster` vs igraph Leiden", ""] + decks(args)
    else:
        lines = ["## Planted partitions: GraphBench vs python-igraph " + ig.__version__, "",
                 f"resolution {args.resolution}, seed {args.seed}, times = median of {args.repeats} runs "
                 "(algorithm only, release build)", ""] + synthetic(args)
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "latest.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
