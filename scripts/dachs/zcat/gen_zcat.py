#!/usr/bin/python3
"""Deterministic synthetic data for adqlkit's test TAP service (zcat/q RD).

Writes zcat.csv (zcat.main, 5000 galaxies), truth_match.csv (zcat.truth_match,
joinable on zcat_id) and photometry.csv (zcat.photometry, whose columns
"MagAB", "MagErr" and "Dec" are delimited mixed-case identifiers).
Same seed -> byte-identical output.  Usage: gen_zcat.py OUTDIR
"""
import csv, datetime, math, random, sys, os

N = 5000
SEED = 20240601
outdir = sys.argv[1] if len(sys.argv) > 1 else "."
rng = random.Random(SEED)

MORPH = ["E", "S0", "Sa", "Sb", "Sc", "Sd", "Irr", "SBa", "SBb", "SBc"]

def sky_point(i):
    # 80% of the objects in a 20x20 deg "survey field" around (150, 2),
    # 20% uniformly over the whole sphere.
    if i % 5 != 0:
        ra = 140.0 + 20.0 * rng.random()
        dec = -8.0 + 20.0 * rng.random()
    else:
        ra = 360.0 * rng.random()
        dec = math.degrees(math.asin(2.0 * rng.random() - 1.0))
    return round(ra, 6), round(dec, 6)

zrows, trows = [], []
for i in range(1, N + 1):
    ra, dec = sky_point(i)
    bmag = round(rng.gauss(16.5, 1.2), 3)
    z = abs(rng.gauss(0.03, 0.015)) + 0.0005
    cz = round(299792.458 * z, 1)
    # ~5% missing errors, ~3% missing morphological types
    err = "" if rng.random() < 0.05 else round(abs(rng.gauss(35.0, 12.0)) + 5, 1)
    morph = "" if rng.random() < 0.03 else rng.choice(MORPH)
    if i % 997 == 0:
        name = 'Odd "quoted", name %d' % i      # CSV/VOTable escaping test
    elif i % 499 == 0:
        name = "Gal\u00e1xia %d <&>" % i         # non-ASCII + XML specials
    else:
        name = "ZC J%09.5f%+09.5f" % (ra, dec)
    # observation epoch: deterministic timestamp between 2000 and 2010
    secs = int(rng.random() * 10 * 365.25 * 86400)
    obs = (datetime.datetime(2000, 1, 1) + datetime.timedelta(seconds=secs)
        ).strftime("%Y-%m-%dT%H:%M:%S")
    zrows.append([i, name, ra, dec, bmag, cz, err, morph, obs])
    if rng.random() < 0.8:                      # ~80% have a truth match
        true_z = round(z + rng.gauss(0, 0.0002), 6)
        sep = round(abs(rng.gauss(0, 0.7)), 3)
        cls = rng.choice(["galaxy", "galaxy", "galaxy", "qso", "star"])
        flag = rng.choice([0, 1, 1, 1, 2])
        trows.append([i, true_z, cls, sep, flag])

with open(os.path.join(outdir, "zcat.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name", "ra", "dec", "bmag", "radial_velocity",
        "radial_velocity_error", "morph_type", "obs_date"])
    w.writerows(zrows)

with open(os.path.join(outdir, "truth_match.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["zcat_id", "true_z", "true_class", "match_sep", "match_flag"])
    w.writerows(trows)

# zcat.photometry: g, r, i photometry for every object with id % 5 == 1
# (3000 rows), from its own generator so the tables above never change.
prng = random.Random(SEED + 1)
prows = []
for i, name, ra, dec, bmag, *_ in zrows:
    if i % 5 != 1:
        continue
    for k, (band, colour) in enumerate((("g", -0.6), ("r", -1.1), ("i", -1.4))):
        mag = round(bmag + colour + prng.gauss(0, 0.1), 3)
        err = round(0.01 + abs(prng.gauss(0, 0.03)), 3)
        det_dec = round(dec + prng.gauss(0, 0.0002), 6)
        prows.append([3 * (i // 5) + k + 1, i, band, mag, err, det_dec])

with open(os.path.join(outdir, "photometry.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["phot_id", "zcat_id", "band", "MagAB", "MagErr", "Dec"])
    w.writerows(prows)
print("zcat rows:", len(zrows), "truth_match rows:", len(trows),
    "photometry rows:", len(prows))
