#!/usr/bin/python3
"""Print, as JSON, what astropy reads from each VOTable file named on the command line.

Run by test/votable/astropy-peer.test.ts with Debian's /usr/bin/python3 (python3-astropy). Cells are
normalised for comparison: masked -> null (an array: its masked elements; an array with every
element masked -> null), NaN -> null, +-inf -> "+Inf"/"-Inf", integers beyond 2**53 -> decimal
strings, bytes -> str, complex -> [re, im], multidimensional arrays -> nested lists.
"""
import json
import math
import sys
import warnings

import numpy as np

warnings.simplefilter('ignore')
from astropy.io.votable import parse  # noqa: E402


def norm(v):
    if v is None or v is np.ma.masked:
        return None
    if isinstance(v, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(v)
        if v.size > 0 and mask.all():
            return None
        data = v.data.tolist()
        flags = mask.tolist()
        return merge(data, flags)
    if isinstance(v, np.ndarray):
        return [norm(x) for x in v.tolist()]
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    if isinstance(v, (bytes, np.bytes_)):
        return v.decode('utf-8', 'replace')
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer, int)):
        i = int(v)
        return i if abs(i) <= 2**53 else str(i)
    if isinstance(v, (np.floating, float)):
        f = float(v)
        return None if math.isnan(f) else f if math.isfinite(f) else ('+Inf' if f > 0 else '-Inf')
    if isinstance(v, (np.complexfloating, complex)):
        return [norm(float(v.real)), norm(float(v.imag))]
    return str(v)


def merge(data, flags):
    if isinstance(data, list):
        return [merge(d, f) for d, f in zip(data, flags)]
    return None if flags else norm(data)


def dump(path):
    try:
        vot = parse(path, verify='ignore')
    except Exception as e:  # astropy refuses the file: report why, the test says so
        return {'error': f'{type(e).__name__}: {e}'}
    tables = []
    for t in vot.iter_tables():
        names = t.array.dtype.names or ()
        cols = [t.array[name] for name in names] if len(t.fields) else []
        rows = [[norm(c[r]) for c in cols] for r in range(len(t.array))] if cols else []
        tables.append({'fields': [{'name': f.name, 'datatype': f.datatype} for f in t.fields], 'rows': rows})
    return {'tables': tables}


print(json.dumps({p: dump(p) for p in sys.argv[1:]}))
