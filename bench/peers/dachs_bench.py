"""Throughput of DaCHS's ADQL parser (gavo.adql.parseToTree), in-process, for bench/adql/parse.bench.ts.

Input: one Base64-encoded UTF-8 query per line. Output (stdout, one line each):
  accepted <comma-separated indices of the queries DaCHS parses>
  qps <queries per second of wall-clock time> cpuqps <queries per second of process CPU time>
Usage: /usr/bin/python3 dachs_bench.py <file> <warmup_seconds> <measure_seconds>
"""
import base64
import sys
import time

from gavo import adql


def main():
    path, warmup, measure = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    with open(path, encoding="ascii") as f:
        queries = [base64.b64decode(line).decode("utf-8") for line in f if line.strip()]
    accepted, indices = [], []
    for i, q in enumerate(queries):
        try:
            adql.parseToTree(q)
        except Exception:
            continue
        accepted.append(q)
        indices.append(str(i))
    print("accepted " + ",".join(indices), flush=True)
    if not accepted:
        print("qps 0")
        return
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        for q in accepted:
            adql.parseToTree(q)
    count, start, cpu_start = 0, time.perf_counter(), time.process_time()
    end = start + measure
    while True:
        for q in accepted:
            adql.parseToTree(q)
            count += 1
            if time.perf_counter() >= end:
                break
        now = time.perf_counter()
        if now >= end:
            break
    print("qps %f cpuqps %f" % (count / (now - start), count / (time.process_time() - cpu_start)))


if __name__ == "__main__":
    main()
