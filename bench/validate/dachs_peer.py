"""DaCHS peer for bench/validate: gavo.adql.parseAnnotating (parse, resolve names against table
metadata, type and unit annotation) over the same queries and synthetic tables (100 columns each).
Reads a JSON list of queries on stdin, prints {"p50": ms, "p99": ms, "n": count, "errors": count}."""
import json
import sys
import time

from gavo import adql
from gavo.adql import fieldinfo

SUFFIXES = ['flux', 'err', 'flag', 'pm', 'plx', 'snr']


def column(c):
    if c < 5:
        name = ['id', 'ra', 'dec', 'mag', 'class'][c]
    else:
        name = 'col_%d_%s' % (c, SUFFIXES[c % 6])
    sqltype = 'bigint' if c == 0 else 'double precision' if c < 3 else 'real' if c == 3 else 'text' if (c == 4 or c >= 90) else 'double precision'
    return name, fieldinfo.FieldInfo(sqltype, 'deg' if c in (1, 2) else '', 'phot.flux')


class Getter(adql.FieldInfoGetter):
    def getInfosFor(self, name):
        return [column(c) for c in range(100)]


def main():
    getter = Getter()
    queries = json.load(sys.stdin)
    errors = 0
    for q in queries[:5]:
        adql.parseAnnotating(q, getter)
    times = []
    for q in queries:
        start = time.perf_counter()
        try:
            adql.parseAnnotating(q, getter)
        except Exception:
            errors += 1
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(json.dumps({'p50': times[len(times) // 2], 'p99': times[int(len(times) * 0.99)], 'n': len(times), 'errors': errors}))


main()
