"""`make bench`: cold start, warm throughput, memory and growth of plan-parser, each against stock
jieba on the same text in the same run; and the dataset build on a Dask cluster against the local
build. Prints Markdown tables for the README's Performance and Scaling sections. Speed is measured
here, never in tests.

    python scripts/bench.py [--repeat N] [--sizes 1,10,100] [--copies N]   # `make bench`
    python scripts/bench.py --only cluster [--cluster-plans N]               # `make bench-cluster`

The cluster section (1,000 plans on a Dask LocalCluster, long) runs only when asked for. With
--readme, each section lands between its own markers: the default sections between
`<!-- make bench: start/end -->`, the cluster between `<!-- make bench-cluster: start/end -->`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "raw" / "anyang-2022-13.txt"
CORPUS_DIR = ROOT.parent / "shared" / "corpus"
# the bundled plan, then every plan of the shared corpus (each name once)
CORPUS = [PLAN, *sorted(p for p in CORPUS_DIR.glob("*.txt") if p.name != PLAN.name)]
WARM_UP = CORPUS_DIR / "henan-2021-edu-plan-opening.txt"
PY = sys.executable
JIEBA_FLOOR = "import sys, jieba; jieba.lcut(open(sys.argv[1], encoding='utf-8').read())"

# A child process that times one plan's parse and build record after its imports and a warm-up
# parse of a small plan, and measures the memory that work adds: it resets the kernel's
# high-water mark (Linux /proc/self/clear_refs) after the warm-up, so fixed start-up costs
# (interpreter, pydantic models, jieba) stay out of the growth figures.
SCALE_CHILD = """
import gc, json, re, sys, time
from plan_parser import parse_bytes
from plan_parser.dataset.build import build_record

def status_kb(field):
    return int(re.search(field + r":\\s+(\\d+)", open("/proc/self/status").read()).group(1))

def reset_peak():
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return status_kb("VmRSS")
    except OSError:
        return None

build_record("warm-up.txt", open(sys.argv[2], "rb").read())
data = open(sys.argv[1], "rb").read()
ready_kb = reset_peak()
t0 = time.perf_counter()
plan = parse_bytes(data, path="big.txt")
t1 = time.perf_counter()
parse_kb = None if ready_kb is None else status_kb("VmHWM") - ready_kb
chars = plan.source.char_count
del plan
ready_kb = reset_peak()
t2 = time.perf_counter()
record = build_record("big.txt", data)
t3 = time.perf_counter()
print(json.dumps({
    "chars": chars, "parse_s": t1 - t0, "record_s": t3 - t2, "parse_kb": parse_kb,
    "grow_kb": None if ready_kb is None else status_kb("VmHWM") - ready_kb,
    "rss_peak_kb": None if ready_kb is None else status_kb("VmHWM"),
    "failed": record.failure is not None,
}))
"""

# A child process that parses one made-up hostile input after a warm-up parse, and prints the
# seconds the parse took; the parent kills it when it runs past the time limit.
HOSTILE_CHILD = """
import json, sys, time
from plan_parser import parse_bytes

parse_bytes(open(sys.argv[2], "rb").read(), path="warm-up.txt")
data = open(sys.argv[1], "rb").read()
t0 = time.perf_counter()
plan = parse_bytes(data, path="hostile.txt")
t1 = time.perf_counter()
print(json.dumps({"chars": plan.source.char_count, "parse_s": t1 - t0}))
"""


# Runs a command in this interpreter and, at exit, writes the process's own peak resident memory
# (VmHWM) to $BENCH_HWM_FILE. The rusage of a child is no good here: Linux carries the parent's
# peak over into the child's ru_maxrss at exec.
MEASURED = """
import atexit, os, re, runpy, sys
def _report():
    with open("/proc/self/status") as fh:
        hwm = re.search(r"VmHWM:\\s+(\\d+)", fh.read()).group(1)
    with open(os.environ["BENCH_HWM_FILE"], "w") as fh:
        fh.write(hwm)
atexit.register(_report)
mode, target, *rest = sys.argv[1:]
if mode == "-m":
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    sys.argv = ["-c", *rest]
    exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_kb: int
    cpu_s: (
        float  # user + system seconds of the child: what other load on the machine inflates least
    )


def module(name: str, *args: str) -> list[str]:
    """`python -m name args`, measured."""
    return [PY, "-c", MEASURED, "-m", name, *args]


def code(source: str, *args: str) -> list[str]:
    """`python -c source args`, measured."""
    return [PY, "-c", MEASURED, "-c", source, *args]


def run_once(argv: Sequence[str]) -> Run:
    """Wall time and peak resident memory of one child process."""
    with tempfile.NamedTemporaryFile("r", prefix="bench-hwm-") as hwm:
        env = {**child_env(), "BENCH_HWM_FILE": hwm.name}
        cpu0 = _waited_cpu_s()
        start = time.perf_counter()
        proc = subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env
        )
        seconds = time.perf_counter() - start
        cpu = _waited_cpu_s() - cpu0
        if proc.returncode != 0:
            last = proc.stderr.decode(errors="replace").strip().splitlines()[-1:]
            raise SystemExit(f"error: {' '.join(argv[3:])} exited with {proc.returncode}: {last}")
        return Run(seconds, int(hwm.read() or 0), cpu)


def _waited_cpu_s() -> float:
    """User + system seconds of the child processes waited for so far."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


PYCACHE = Path(tempfile.gettempdir()) / "plan-parser-bench-pycache"


USER_CACHE = Path(tempfile.gettempdir()) / "plan-parser-bench-cache"


def child_env() -> dict[str, str]:
    """Children cache their bytecode, as Python does after the first run on any machine (even
    where PYTHONDONTWRITEBYTECODE is set), in a directory of their own, not in the source tree;
    and the command line's compiled regexes (plan_parser/regex_cache.py) in a user cache
    directory of their own, written by the warm-up run as by any first run."""
    env = dict(os.environ)
    for name in ("PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE", "PLAN_PARSER_REGEX_CACHE"):
        env.pop(name, None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["XDG_CACHE_HOME"] = str(USER_CACHE)
    return env


def cold_runs(commands: dict[str, list[str]], repeat: int) -> dict[str, list[Run]]:
    """Each command `repeat` times, interleaved so drift hits all alike; one warm-up run each
    (jieba writes its dictionary cache on its first run; the OS caches the files)."""
    for argv in commands.values():
        run_once(argv)
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            runs[name].append(run_once(argv))
    return runs


def median_s(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def median_cpu(runs: list[Run]) -> float:
    return statistics.median(r.cpu_s for r in runs)


def max_rss_mb(runs: list[Run]) -> float:
    return max(r.max_rss_kb for r in runs) / 1024


def rate(chars: int, seconds: float) -> str:
    return f"{chars / seconds / 1000:,.0f}k"


def timed(fn: Callable[[], object], rounds: int) -> float:
    """Seconds for `rounds` calls of fn, after one warm-up call."""
    fn()
    start = time.perf_counter()
    for _ in range(rounds):
        fn()
    return time.perf_counter() - start


# --- made-up hostile inputs (issue 13's table) -------------------------------------------------

DIGITS_CN = "零一二三四五六七八九"
HEADING_TITLES = ("加快建设高质量教育体系", "推进基础教育优质均衡发展", "完善职业教育体系")


def _repeat_to(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


# a title and a chapter heading: what follows is body text that the extractors read
BODY_START = "安阳市“十四五”教育改革发展规划\n\n一、重点任务\n"


def numbers_and_units(chars: int) -> str:
    """Lines of 80 characters alternating numbers and units: 1万2亿3个4%…"""
    line = "".join(f"{i % 9 + 1}{'万亿个%'[i % 4]}" for i in range(40))
    return BODY_START + "\n".join([line] * max(1, chars // 81)) + "\n"


def reach_percent(chars: int) -> str:
    """One line repeating 达到93%以上、"""
    return BODY_START + _repeat_to("达到93%以上、", chars) + "。\n"


def respectively(chars: int) -> str:
    """One sentence: n indicators joined by 、, then 分别达到 and n percentages."""
    n = max(1, chars // 14)
    names = "、".join(
        f"第{DIGITS_CN[i % 10]}{DIGITS_CN[i // 10 % 10]}类学校入学率" for i in range(n)
    )
    values = "、".join(f"{50 + i % 50}%" for i in range(n))
    return f"{BODY_START}到2025年,{names}分别达到{values}。\n"


def arabic_chinese(chars: int) -> str:
    """One line alternating Arabic digits and Chinese numerals: 1十2百3千4万5亿…"""
    return BODY_START + _repeat_to("1十2百3千4万5亿", chars) + "\n"


def _body_lines(path: Path) -> list[str]:
    """A plan's lines, stripped, without the web page's chrome (`首页 > 政务公开 > …`,
    `【打印】`): a line that starts with it is page chrome, which the parser skips whole."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if " > " not in line and not line.startswith("【")]


def plan_one_line(chars: int) -> str:
    """The bundled plan's body, its lines joined into one, repeated to the size."""
    body = "".join(_body_lines(PLAN))
    return BODY_START + _repeat_to(body, chars) + "\n"


def real_line(chars: int) -> str:
    """One line of real text: every plan of the corpus, lines joined, repeated to the size."""
    body = "".join(line for p in CORPUS for line in _body_lines(p))
    return BODY_START + _repeat_to(body, chars) + "\n"


def headings(n: int) -> str:
    """n heading lines: a chapter every 100 lines, a (一) section every 10, 1. items between."""
    lines = ["安阳市“十四五”教育改革发展规划", ""]
    for i in range(n):
        title = HEADING_TITLES[i % 3]
        if i % 100 == 0:
            lines.append(f"第{i // 100 + 1}章 {title}")
        elif i % 10 == 0:
            lines.append(f"({DIGITS_CN[i // 10 % 10] if i // 10 % 10 else '十'}){title}")
        else:
            lines.append(f"{i % 10}.{title}")
    return "\n".join(lines) + "\n"


def list_items(n: int) -> str:
    """One chapter of n numbered list items (the numbers of the quantities are in the other
    inputs)."""
    items = [f"({i + 1})加强{HEADING_TITLES[i % 3]}。" for i in range(n)]
    return BODY_START + "\n".join(items) + "\n"


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[int], str]
    sizes: tuple[int, int, int]  # the argument of `make`: characters, or lines where it says
    unit: str = "chars"


HOSTILE = [
    Hostile(
        "lines of 80 chars alternating numbers and units",
        numbers_and_units,
        (10_000, 20_000, 40_000),
    ),
    Hostile("one line repeating `达到93%以上、`", reach_percent, (10_000, 20_000, 40_000)),
    Hostile("n indicators, `分别达到`, n percentages", respectively, (1_000, 2_000, 4_000)),
    Hostile(
        "one line alternating Arabic and Chinese numerals",
        arabic_chinese,
        (10_000, 20_000, 40_000),
    ),
    Hostile("the bundled plan joined into one line", plan_one_line, (200_000, 400_000, 800_000)),
    Hostile(
        "one line of real text (5 MB at the largest)", real_line, (450_000, 900_000, 1_800_000)
    ),
    Hostile("heading lines", headings, (25_000, 50_000, 100_000), "headings"),
    Hostile("list items", list_items, (25_000, 50_000, 100_000), "items"),
]


@dataclass(frozen=True)
class Timing:
    chars: int
    seconds: float | None  # None: killed at the time limit


def per_doubling(a: Timing, b: Timing) -> float | None:
    """Time factor per doubling of the input between two sizes (2.0: linear)."""
    if a.seconds is None or b.seconds is None or a.seconds <= 0:
        return None
    return float((b.seconds / a.seconds) ** (math.log(2) / math.log(b.chars / a.chars)))


def bench_hostile(tmp: Path, limit: float, only: str | None) -> float | None:
    """Each hostile input at three sizes, one process each; returns the worst factor per
    doubling between the two largest sizes (None: a size ran past the limit)."""
    print("## Hostile inputs: time per character as the input doubles\n")
    print(
        f"made-up inputs of issue 13's table, one process per size, parse only, after a warm-up "
        f"parse; a run past {limit:.0f} s is killed. Linear: µs/char flat, ×2.0 per doubling\n"
    )
    print("| input | size | µs/char | size | µs/char | size | µs/char | per doubling |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    worst: float | None = 0.0
    for case in HOSTILE:
        if only and only not in case.name:
            continue
        timings: list[Timing] = []
        cells: list[str] = []
        for size in case.sizes:
            path = tmp / "hostile.txt"
            path.write_text(case.make(size), encoding="utf-8")
            chars = len(path.read_text(encoding="utf-8"))
            label = (
                f"{size // 1000:,}k {case.unit}" if case.unit != "chars" else f"{chars / 1e6:.2f}M"
            )
            if timings and timings[-1].seconds is None:
                timings.append(Timing(chars, None))
                cells += [label, "not run"]
                continue
            try:
                proc = subprocess.run(
                    [PY, "-c", HOSTILE_CHILD, str(path), str(WARM_UP)],
                    capture_output=True,
                    text=True,
                    cwd=ROOT,
                    check=True,
                    env=child_env(),
                    timeout=limit + 5,  # the imports and the warm-up
                )
            except subprocess.TimeoutExpired:
                timings.append(Timing(chars, None))
                cells += [label, f"> {limit:.0f} s"]
                continue
            r = json.loads(proc.stdout)
            seconds = r["parse_s"] if r["parse_s"] <= limit else None
            timings.append(Timing(r["chars"], seconds))
            cells += [
                label,
                f"> {limit:.0f} s" if seconds is None else f"{seconds / r['chars'] * 1e6:.2f}",
            ]
        factor = per_doubling(timings[-2], timings[-1])
        if factor is None:
            worst = None
            shown = "—"
        else:
            worst = None if worst is None else max(worst, factor)
            shown = f"×{factor:.1f}"
        print(f"| {case.name} | {' | '.join(cells)} | {shown} |")
    print()
    return worst


# --- the sections -------------------------------------------------------------------------------


def bench_cold(repeat: int, tmp: Path) -> dict[str, float]:
    out = tmp / "cold-out"
    interpreter = "python -c pass (interpreter)"
    floor_name = 'python -c "import jieba; jieba.lcut(text)"'
    commands = {
        interpreter: code("pass"),
        "plan-parser --version": module("plan_parser", "--version"),
        "plan-parser outline PLAN": module("plan_parser", "outline", str(PLAN)),
        "plan-parser parse PLAN -o - (JSON)": module("plan_parser", "parse", str(PLAN), "-o", "-"),
        "plan-parser parse PLAN -o DIR (JSON + YAML)": module(
            "plan_parser", "parse", str(PLAN), "-o", str(out)
        ),
        floor_name: code(JIEBA_FLOOR, str(PLAN)),
    }
    runs = cold_runs(commands, repeat)
    floor = median_s(runs[floor_name])
    bare = median_s(runs[interpreter])
    print(f"## Cold start on {PLAN.name} ({len(PLAN.read_text(encoding='utf-8')):,} chars)\n")
    print(
        f"median of {repeat} runs each, interleaved; `plan-parser` is `python -m plan_parser`; "
        "peak RSS: the process's VmHWM\n"
    )
    print(
        "| command | wall time | vs jieba floor | vs interpreter | CPU time | CPU vs jieba floor "
        "| peak RSS |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    floor_cpu = median_cpu(runs[floor_name])
    for name, rs in runs.items():
        t, c = median_s(rs), median_cpu(rs)
        print(
            f"| `{name}` | {t:.3f} s | {t / floor:.2f} | {t / bare:.1f}× | {c:.2f} s "
            f"| {c / floor_cpu:.2f} | {max_rss_mb(rs):.0f} MB |"
        )
    to_json = median_s(runs["plan-parser parse PLAN -o - (JSON)"]) / floor
    both = median_s(runs["plan-parser parse PLAN -o DIR (JSON + YAML)"]) / floor
    both_cpu = median_cpu(runs["plan-parser parse PLAN -o DIR (JSON + YAML)"]) / floor_cpu
    print(
        f"\n**cold parse / jieba floor = {to_json:.2f}** to JSON, {both:.2f} to JSON + YAML "
        f"(aim: ≤ 0.30); in CPU time (user + system, which load on a shared machine inflates "
        f"least) {both_cpu:.2f} to JSON + YAML\n"
    )
    return {"cold": both, "cold_cpu": both_cpu, "cold_vs_bare": both * floor / bare}


def bench_warm(rounds: int) -> dict[str, float]:
    import jieba

    from plan_parser import parse_bytes
    from plan_parser.dataset.build import build_record

    jieba.setLogLevel(60)
    jieba.initialize()
    batch = [(p.name, p.read_bytes()) for p in CORPUS]
    texts = [d.decode("utf-8") for _, d in batch]
    chars = sum(len(t) for t in texts) * rounds

    def parse_all() -> None:
        for name, data in batch:
            parse_bytes(data, path=name)

    def records_all() -> None:
        for name, data in batch:
            build_record(name, data)

    def jieba_all() -> None:
        for text in texts:
            jieba.lcut(text)

    # interleaved rounds, best of each: load from other processes only slows a round down
    wall = dict.fromkeys(("jieba", "parse", "record"), float("inf"))
    cpu = dict(wall)
    for _ in range(rounds):
        for key, fn in (("jieba", jieba_all), ("parse", parse_all), ("record", records_all)):
            fn()  # warm-up
            c0, w0 = time.process_time(), time.perf_counter()
            fn()
            wall[key] = min(wall[key], time.perf_counter() - w0)
            cpu[key] = min(cpu[key], time.process_time() - c0)
    chars //= rounds
    print(
        f"## Warm throughput, one core ({len(batch)} real plans, {chars:,} chars, "
        f"best of {rounds} interleaved rounds)\n"
    )
    print("ratios in wall time and in CPU time (which other load on the machine inflates least)\n")
    print("| work | chars/s | vs jieba.lcut | CPU chars/s | CPU vs jieba.lcut |")
    print("|---|---:|---:|---:|---:|")
    rows = (
        ("parse (`parse_bytes`)", "parse"),
        ("build record (parse + JSON + YAML + sha256)", "record"),
        ("stock `jieba.lcut` (dictionary loaded)", "jieba"),
    )
    for label, key in rows:
        bold = "**" if key != "jieba" else ""
        print(
            f"| {label} | {rate(chars, wall[key])} | {bold}{wall['jieba'] / wall[key]:.1f}×{bold} "
            f"| {rate(chars, cpu[key])} | {bold}{cpu['jieba'] / cpu[key]:.1f}×{bold} |"
        )
    print()
    bench_yaml(rounds)
    return {
        "warm": wall["jieba"] / wall["parse"],
        "record": wall["jieba"] / wall["record"],
        "warm_cpu": cpu["jieba"] / cpu["parse"],
        "record_cpu": cpu["jieba"] / cpu["record"],
    }


def bench_yaml(rounds: int) -> None:
    """The YAML fast path (`serialize.yaml_fast`) against PyYAML's emitter on the same data: the
    only place its speed-up is stated."""
    from plan_parser.pipeline import parse_bytes
    from plan_parser.serialize.json_yaml import dumps_yaml, dumps_yaml_reference

    data = parse_bytes(PLAN.read_bytes(), path=PLAN.name).model_dump(mode="json")
    t_fast = timed(lambda: dumps_yaml(data), rounds)
    t_ref = timed(lambda: dumps_yaml_reference(data), rounds)
    print(f"## YAML output of {PLAN.name}, {rounds} rounds\n")
    print("| emitter | time per plan | speed-up |")
    print("|---|---:|---:|")
    print(f"| `yaml_fast.BlockEmitter` | {t_fast / rounds * 1000:.0f} ms | {t_ref / t_fast:.1f}× |")
    print(f"| PyYAML emitter (reference) | {t_ref / rounds * 1000:.0f} ms | 1.0× |\n")


def bench_batch(copies: int, tmp: Path) -> None:
    from plan_parser.dataset.build import build

    raw = tmp / "batch-raw"
    raw.mkdir()
    chars = 0
    for i in range(copies):
        for p in CORPUS:
            shutil.copy(p, raw / f"{i:03d}-{p.name}")
            chars += len(p.read_text(encoding="utf-8"))
    n = copies * len(CORPUS)
    cores = os.cpu_count() or 1
    print(f"## Batch: `plan-parser build` of {n} plans ({chars:,} chars), {cores} cores\n")
    print("best of 3 runs each (other load on the machine only slows a run down)\n")
    print("| jobs | wall time | chars/s | chars/s per core | same bytes as jobs 1 |")
    print("|---:|---:|---:|---:|---|")
    jobs_values = sorted({1, 2, cores})
    best = dict.fromkeys(jobs_values, float("inf"))
    outputs: dict[int, dict[str, bytes]] = {}
    for _ in range(3):
        for jobs in jobs_values:
            out = tmp / f"batch-out-{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            report = build(raw, out, jobs=jobs)
            best[jobs] = min(best[jobs], time.perf_counter() - start)
            assert report.ok
            outputs[jobs] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    for jobs in jobs_values:
        seconds = best[jobs]
        same = "yes" if outputs[jobs] == outputs[1] else "NO"
        print(
            f"| {jobs} | {seconds:.2f} s | {rate(chars, seconds)} | "
            f"{rate(chars, seconds * jobs)} | {same} |"
        )
    print()


def bench_growth(sizes: list[int], tmp: Path) -> float | None:
    """The bundled plan repeated; returns the parse's memory per input character at the
    largest size."""
    text = PLAN.read_text(encoding="utf-8")
    rows = []
    for n in sizes:
        path = tmp / f"x{n}.txt"
        path.write_text("\n".join([text] * n), encoding="utf-8")
        proc = subprocess.run(
            [PY, "-c", SCALE_CHILD, str(path), str(WARM_UP)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
            env=child_env(),
        )
        rows.append((n, json.loads(proc.stdout)))
        path.unlink()
    print(f"## Growth and memory: {PLAN.name} repeated n times, one process per size\n")
    print(
        "after the imports and a warm-up parse of a small plan; memory added: peak resident "
        "memory during the work minus resident memory before it (VmHWM, reset before each step)\n"
    )
    print(
        "| n | chars | parse | µs/char | memory added | bytes/char "
        "| build record (parse + JSON + YAML) | µs/char | memory added | bytes/char |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

    def mb(kb: int | None) -> str:
        return "n/a" if kb is None else f"{kb / 1024:.0f} MB"

    def per_char(kb: int | None, chars: int) -> str:
        return "n/a" if kb is None else f"{kb * 1024 / chars:.0f}"

    for n, r in rows:
        chars = r["chars"]
        print(
            f"| {n} | {chars:,} | {r['parse_s']:.2f} s | {r['parse_s'] / chars * 1e6:.2f} "
            f"| {mb(r['parse_kb'])} | {per_char(r['parse_kb'], chars)} "
            f"| {r['record_s']:.2f} s | {r['record_s'] / chars * 1e6:.2f} "
            f"| {mb(r['grow_kb'])} | {per_char(r['grow_kb'], chars)} |"
        )
    print("\nLinear growth: µs/char and bytes/char stay flat as n grows.\n")
    last = rows[-1][1]
    return None if last["parse_kb"] is None else last["parse_kb"] * 1024 / last["chars"]


def tree_digest(directory: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    for p in sorted(directory.iterdir()):
        digest.update(p.name.encode() + b"\0" + p.read_bytes())
    return digest.hexdigest()


def worker_warm_up(data: bytes) -> None:
    from plan_parser.dataset.build import build_record

    build_record("warm-up.txt", data)


def worker_peak_kb() -> int:
    with open("/proc/self/status") as fh:
        return int(fh.read().split("VmHWM:")[1].split()[0])


def worker_cpu_s() -> float:
    return time.process_time()


def children_cpu_s() -> float:
    import resource

    self_, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return self_.ru_utime + self_.ru_stime + children.ru_utime + children.ru_stime


def bench_cluster(n_plans: int, tmp: Path, load: float) -> None:
    """The bundled plan under n_plans names, built by the local build (1 and 2 processes) and on
    a Dask LocalCluster of 1 and 2 worker processes. The cluster is started and its workers warmed
    up (imports, one parse) before the clock starts: a long-lived cluster's state."""
    from distributed import Client, LocalCluster

    from plan_parser.dataset.build import build
    from plan_parser.dataset.dask_build import build_on_dask

    raw = tmp / "cluster-raw"
    raw.mkdir()
    for i in range(n_plans):
        shutil.copy(PLAN, raw / f"plan-{i:04d}.txt")
    chars = len(PLAN.read_text(encoding="utf-8"))
    cores = os.cpu_count() or 1
    rows = []
    reference = ""
    for jobs in (1, 2):
        out = tmp / f"local-{jobs}"
        cpu0, start = children_cpu_s(), time.perf_counter()
        build(raw, out, jobs=jobs)
        seconds = time.perf_counter() - start
        # the pool's workers are the fork server's children, out of reach of RUSAGE_CHILDREN
        cpu = children_cpu_s() - cpu0 if jobs == 1 else None
        digest = tree_digest(out)
        reference = reference or digest
        label = f"local build, `--jobs {jobs}`"
        rows.append((label, jobs, seconds, cpu, None, digest == reference))
        shutil.rmtree(out)
    for workers in (1, 2):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(worker_warm_up, PLAN.read_bytes())
            out = tmp / f"dask-{workers}"
            cpu0 = sum(client.run(worker_cpu_s).values())
            start = time.perf_counter()
            report = build_on_dask(raw, out, client=client)
            seconds = time.perf_counter() - start
            cpu = sum(client.run(worker_cpu_s).values()) - cpu0
            assert report.ok
            peak_mb = max(client.run(worker_peak_kb).values()) / 1024
            same = tree_digest(out) == reference
            label = f"`--engine dask`, {workers} worker(s)"
            rows.append((label, workers, seconds, cpu, peak_mb, same))
            shutil.rmtree(out)
    print(
        f"## Cluster: `plan-parser build` of {n_plans:,} plans ({PLAN.name} under {n_plans:,} "
        f"names, {chars * n_plans:,} chars), {cores} cores\n"
    )
    print(
        f"{platform.python_implementation()} {platform.python_version()}, load average "
        f"{load:.1f} before the run; "
        "one run each; Dask: a LocalCluster of single-threaded worker processes, started and "
        "warmed up before the clock; CPU: user + system seconds of the build's processes (the "
        "workers'), which other load on the machine does not inflate as it does wall time; "
        "peak RSS: the largest worker's VmHWM\n"
    )
    print(
        "| build | cores | wall time | plans/s | CPU s | plans per CPU core-hour "
        "| worker peak RSS | same bytes as local |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for label, used, seconds, cpu, peak_mb, same in rows:
        per_s = n_plans / seconds
        peak = "" if peak_mb is None else f"{peak_mb:.0f} MB"
        cpu_s = "n/a" if cpu is None else f"{cpu:.0f}"
        per_core_hour = "n/a" if cpu is None else f"{n_plans / cpu * 3600:,.0f}"
        print(
            f"| {label} | {used} | {seconds:.1f} s | {per_s:.1f} | {cpu_s} "
            f"| {per_core_hour} | {peak} | {'yes' if same else 'NO'} |"
        )
    print()


PDFS = [ROOT / "tests" / "fixtures" / n for n in ("anyang-libreoffice.pdf", "anyang-fpdf2.pdf")]


def bench_pdf(rounds: int) -> None:
    """PDF pages per second: plan-parser's reading (characters, positions, paragraphs, tables,
    furniture) and the whole parse, against PDFium's own plain text extraction (the floor)."""
    import pypdfium2

    from plan_parser import parse_bytes
    from plan_parser.read.pdf import pdf_to_text

    files = [(p.name, p.read_bytes()) for p in PDFS]
    pages = sum(len(pypdfium2.PdfDocument(data)) for _, data in files) * rounds

    def floor() -> None:
        for _, data in files:
            doc = pypdfium2.PdfDocument(data)
            for page in doc:
                page.get_textpage().get_text_range()
            doc.close()

    def read() -> None:
        for name, data in files:
            pdf_to_text(data, name=name)

    def parse() -> None:
        for name, data in files:
            parse_bytes(data, path=name)

    t_floor, t_read, t_parse = timed(floor, rounds), timed(read, rounds), timed(parse, rounds)
    print(f"## PDF: {len(files)} fixtures of the bundled plan, {pages // rounds} pages, one core\n")
    print("| work | pages/s | vs PDFium plain text |")
    print("|---|---:|---:|")
    print(f"| PDFium `get_text_range` (the floor) | {pages / t_floor:,.0f} | 1.0× |")
    print(
        f"| `pdf_to_text` (reading order, paragraphs, tables) | {pages / t_read:,.0f} "
        f"| {t_floor / t_read:.2f}× |"
    )
    print(
        f"| `parse_bytes` (reading + the whole parse) | {pages / t_parse:,.0f} "
        f"| {t_floor / t_parse:.2f}× |\n"
    )


def summary(results: dict[str, float | None], largest: int) -> None:
    print("## Issue 13's targets, from this run\n")
    print("| measure | this run | target | met |")
    print("|---|---:|---:|---|")
    rows = [
        ("warm parse, vs `jieba.lcut` on the same text", "warm", "≥ 3.0×", lambda v: v >= 3.0, "×"),
        ("warm parse, in CPU time", "warm_cpu", "≥ 3.0×", lambda v: v >= 3.0, "×"),
        ("warm build record, vs `jieba.lcut`", "record", "≥ 2.5×", lambda v: v >= 2.5, "×"),
        ("warm build record, in CPU time", "record_cpu", "≥ 2.5×", lambda v: v >= 2.5, "×"),
        (
            "cold `parse PLAN -o DIR`, vs the cold jieba floor",
            "cold",
            "≤ 0.30",
            lambda v: v <= 0.3,
            "",
        ),
        (
            "cold `parse PLAN -o DIR`, vs the cold jieba floor, in CPU time",
            "cold_cpu",
            "≤ 0.30",
            lambda v: v <= 0.3,
            "",
        ),
        ("cold `parse PLAN -o DIR`, vs the bare interpreter", "cold_vs_bare", "—", None, "×"),
        (
            "hostile inputs: worst time factor per doubling",
            "doubling",
            "≈ ×2",
            lambda v: v <= 2.5,
            "×",
        ),
        (
            f"parse memory per input char at {largest}× the plan",
            "memory",
            "≤ 40 B",
            lambda v: v <= 40,
            " B",
        ),
    ]
    for label, key, target, ok, suffix in rows:
        if key not in results:
            continue
        value = results[key]
        if value is None:
            print(f"| {label} | n/a | {target} | no |")
            continue
        shown = f"{value:.2f}" if suffix == "" else f"{value:.1f}"
        shown = (
            f"×{shown}"
            if suffix == "×" and key == "doubling"
            else (f"{shown}×" if suffix == "×" else f"{value:.0f} B" if suffix == " B" else shown)
        )
        met = "—" if ok is None else ("yes" if ok(value) else "no")
        print(f"| {label} | {shown} | {target} | {met} |")
    print()


SECTIONS = ("cold", "warm", "batch", "hostile", "growth", "pdf", "cluster")
DEFAULT_SECTIONS = SECTIONS[:-1]  # the cluster section is opt-in: `make bench-cluster`
README_MARKERS = {"bench": "make bench", "cluster": "make bench-cluster"}


def write_readme(path: Path, marker: str, output: str) -> None:
    """Replace the text between the README's `<!-- {marker}: start -->` and `end` markers with
    this run's output, its headings moved down under the README's."""
    text = path.read_text(encoding="utf-8")
    start_mark, end_mark = f"<!-- {marker}: start -->", f"<!-- {marker}: end -->"
    start, end = text.index(start_mark) + len(start_mark), text.index(end_mark)
    body = output.strip().replace("\n# make bench", "\n### make bench", 1)
    body = body.replace("\n## ", "\n#### ")
    if body.startswith("# "):
        body = "###" + body[1:]
    elif body.startswith("## "):
        body = "####" + body[2:]
    path.write_text(f"{text[:start]}\n{body}\n{text[end:]}", encoding="utf-8")


class Tee(io.TextIOBase):
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.buffer_ = io.StringIO()

    def write(self, s: str) -> int:
        self.stream.write(s)
        self.stream.flush()
        return self.buffer_.write(s)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=7, help="cold-start runs per command")
    parser.add_argument("--rounds", type=int, default=5, help="warm passes over the plans")
    parser.add_argument("--copies", type=int, default=10, help="copies of each plan in the batch")
    parser.add_argument("--sizes", default="1,10,100", help="growth: multiples of the plan")
    parser.add_argument("--limit", type=float, default=20, help="seconds a hostile parse may take")
    parser.add_argument(
        "--only",
        default=",".join(DEFAULT_SECTIONS),
        help=f"sections to run, of {','.join(SECTIONS)} (default: all but cluster)",
    )
    parser.add_argument("--hostile", default=None, help="only the hostile inputs naming this")
    parser.add_argument("--readme", type=Path, help="write the output into this README")
    parser.add_argument("--cluster-plans", type=int, default=1000, help="plans in the cluster run")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    only = set(args.only.split(","))
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}: choose from {','.join(SECTIONS)}")
    tee = Tee(sys.stdout)
    cluster = Tee(sys.stdout)
    with contextlib.redirect_stdout(tee):
        print(
            f"# make bench: plan-parser on {platform.python_implementation()} "
            f"{platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}\n"
        )
        load = os.getloadavg()[0]
        if load > 0.5:
            print(
                f"> load average {load:.2f} before the run: other processes are using the CPU, "
                "so wall times are high and the parallel batch may not scale; the ratios, "
                "measured against floors in the same run, vary less\n"
            )
        results: dict[str, float | None] = {}
        with tempfile.TemporaryDirectory(prefix="plan-parser-bench-") as name:
            tmp = Path(name)
            if "cold" in only:
                results.update(bench_cold(args.repeat, tmp))
            if "warm" in only:
                results.update(bench_warm(args.rounds))
            if "batch" in only:
                bench_batch(args.copies, tmp)
            if "hostile" in only:
                results["doubling"] = bench_hostile(tmp, args.limit, args.hostile)
            if "growth" in only:
                results["memory"] = bench_growth(sizes, tmp)
            if "pdf" in only:
                bench_pdf(args.rounds)
            if "cluster" in only:
                with contextlib.redirect_stdout(cluster):
                    bench_cluster(args.cluster_plans, tmp, load)
        if results:
            summary(results, sizes[-1])
    if args.readme:
        if only - {"cluster"}:
            write_readme(args.readme, README_MARKERS["bench"], tee.buffer_.getvalue())
        if "cluster" in only:
            write_readme(args.readme, README_MARKERS["cluster"], cluster.buffer_.getvalue())


if __name__ == "__main__":
    main()
