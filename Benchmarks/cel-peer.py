#!/usr/bin/env python3
"""Peer benchmark: the CEL audit rule evaluated by cel-python (PyPI `cel-python`) and by
FundWatch's Swift engine (`fundwatch cel bench --json`, release build), with the ratio.

Usage (from the repository root or Benchmarks/):
    python3 Benchmarks/cel-peer.py            # creates Benchmarks/.venv, installs cel-python
    python3 Benchmarks/cel-peer.py --swift-json '{"eval_per_s": ..., "compile_per_s": ...}'

The Swift figures come from `fundwatch cel bench --json` built with `-c release`; pass them with
--swift-json to skip the (slow) release build.
"""
import argparse
import json
import os
import subprocess
import sys
import time
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv")

RULE = "p.amount > mean + 3.0 * sigma && p.benefit == 'pension' && p.period > d.period"
RULES = [
    RULE,
    "p.amount > 0.0 && p.benefit in ['pension', 'medical']",
    "p.period > d.period || (p.amount > mean && p.benefit.startsWith('pen'))",
    "size(p.benefit) > 3 && p.benefit.matches('^[a-z]+$')",
    "[p.amount, mean, sigma].exists(x, x > 10000.0)",
    "p.amount / (sigma + 1.0) > 3.0 ? true : p.period - d.period > 6",
]


def ensure_venv():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        venv.create(VENV, with_pip=True)
    try:
        subprocess.run([python, "-c", "import celpy"], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        subprocess.run([python, "-m", "pip", "install", "--quiet", "cel-python"], check=True)
    return python


def run_peer(python, evaluations, compiles):
    """Runs the cel-python timing inside the venv and returns its figures."""
    code = f"""
import json, time, celpy
from celpy import celtypes
RULE = {RULE!r}
RULES = {RULES!r}
env = celpy.Environment()
program = env.program(env.compile(RULE))
payments = [celtypes.MapType({{
    celtypes.StringType('amount'): celtypes.DoubleType((i % 100) * 50.0),
    celtypes.StringType('benefit'): celtypes.StringType('pension' if i % 3 == 0 else 'medical'),
    celtypes.StringType('period'): celtypes.IntType(202400 + i % 12)}}) for i in range(1024)]
death = celtypes.MapType({{celtypes.StringType('period'): celtypes.IntType(202405)}})
mean, sigma = celtypes.DoubleType(1000.0), celtypes.DoubleType(300.0)
hits = 0
n = {evaluations}
start = time.perf_counter()
for i in range(n):
    if program.evaluate({{'p': payments[i & 1023], 'd': death, 'mean': mean, 'sigma': sigma}}):
        hits += 1
eval_seconds = time.perf_counter() - start
m = {compiles}
start = time.perf_counter()
for i in range(m):
    env.program(env.compile(RULES[i % len(RULES)]))
compile_seconds = time.perf_counter() - start
print(json.dumps({{"eval_per_s": n / eval_seconds, "compile_per_s": m / compile_seconds, "hits": hits}}))
"""
    output = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_swift():
    scratch = os.path.join(ROOT, ".build-release")
    subprocess.run(["swift", "build", "-c", "release", "--product", "fundwatch", "--scratch-path", scratch],
                   cwd=ROOT, check=True)
    output = subprocess.run([os.path.join(scratch, "release", "fundwatch"), "cel", "bench", "--json"],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swift-json", help="Swift figures from `fundwatch cel bench --json`")
    parser.add_argument("--evaluations", type=int, default=20000)
    parser.add_argument("--compiles", type=int, default=500)
    args = parser.parse_args()
    python = ensure_venv()
    peer = run_peer(python, args.evaluations, args.compiles)
    swift = json.loads(args.swift_json) if args.swift_json else run_swift()
    print(f"rule: {RULE}")
    print(f"cel-python  evaluation: {peer['eval_per_s']:>14,.0f} evals/s   parse+plan:        {peer['compile_per_s']:>10,.0f} exprs/s")
    print(f"FundWatch   evaluation: {swift['eval_per_s']:>14,.0f} evals/s   parse+check+plan:  {swift['compile_per_s']:>10,.0f} exprs/s")
    if "closure_per_s" in swift:
        print(f"Swift closure (same predicate): {swift['closure_per_s']:,.0f} evals/s "
              f"(closure/CEL = {swift['closure_per_s'] / swift['eval_per_s']:.1f}x)")
    print(f"ratio FundWatch/cel-python: evaluation {swift['eval_per_s'] / peer['eval_per_s']:.0f}x, "
          f"compile {swift['compile_per_s'] / peer['compile_per_s']:.0f}x")


if __name__ == "__main__":
    sys.exit(main())
