#!/usr/bin/env python3
"""Reproduce the derived CSV files in this folder from the raw source files.

Documentation only: the burden CLI reads the CSV files, never this script.

    python3 derive.py [RAW_DIR]

RAW_DIR defaults to ../shared/data/raw relative to the repository root
(i.e. <repo>/../shared/data/raw).  Output goes next to this script.
Only the Python standard library is used.
"""
import csv
import sys
from collections import OrderedDict, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared" / "data" / "raw"


def read(name, **kw):
    with open(RAW / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, **kw))


def write(name, header, rows):
    with open(HERE / name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows")


# ---------------------------------------------------------------- register
def register():
    gem = read("gemeinden_de_pop2024-12-31.csv")
    kre = read("kreise_de_pop2024-12-31.csv")
    assert len(gem) == 10953 and len(kre) == 400

    land_name = OrderedDict()
    land_pop = defaultdict(int)
    regbez_pop = defaultdict(int)
    verband_pop = defaultdict(int)
    kreis_from_gem = defaultdict(int)
    rows = []
    for r in gem:
        ags, ars, pop = r["ags"], r["ars"], int(r["population"])
        # key consistency: ARS = Kreis(5) + Verband(4) + Gemeinde(3); AGS = Kreis(5) + Gemeinde(3)
        assert len(ags) == 8 and len(ars) == 12
        assert ars[:5] == ags[:5] == r["kreis_ags"] and ars[9:] == ags[5:]
        assert ars[5:9] == r["gemeindeverband_code"]
        land_name.setdefault(r["land_code"], r["land_name"])
        land_pop[r["land_code"]] += pop
        kreis_from_gem[r["kreis_ags"]] += pop
        if ags[2] != "0":  # 3rd digit non-zero: Regierungsbezirk part of the key
            regbez_pop[ags[:3]] += pop
        if r["gemeindeverband_code"] != "0000":
            verband_pop[ars[:9]] += pop
        rows.append([ags, ars, r["name"], "gemeinde", pop])

    kreis_land_pop = defaultdict(int)
    for r in kre:
        pop = int(r["population_sum_of_gemeinden"])
        assert pop == kreis_from_gem[r["kreis_ags"]], r["kreis_ags"]
        kreis_land_pop[r["land_code"]] += pop
        rows.append([r["kreis_ags"], "", r["name"], "kreis", pop])

    assert len(land_name) == 16
    for code, name in land_name.items():
        # verification: Land sum over Gemeinden == Land sum over Kreise
        assert land_pop[code] == kreis_land_pop[code], code
        rows.append([code, "", name, "land", land_pop[code]])
    for key, pop in regbez_pop.items():
        rows.append([key, "", "", "regbez", pop])
    for key, pop in verband_pop.items():
        rows.append([key, "", "", "verband", pop])

    rows.sort(key=lambda x: x[0])
    keys = [x[0] for x in rows]
    assert len(keys) == len(set(keys))
    write("register-2024.csv", ["ags", "ars", "name", "level", "population"], rows)
    total = sum(land_pop.values())
    print(f"  Germany total population 2024-12-31: {total:,}")
    print(f"  NRW (05) population 2024-12-31: {land_pop['05']:,}")
    print(f"  regbez rows: {len(regbez_pop)}, verband rows: {len(verband_pop)}")


# ---------------------------------------------------------------- EU2 NRW
def eu2_nrw():
    src = read("auslaender_eu2_bg_ro_kreise_nrw_2025-12-31.csv")
    sel = read("destatis_12521-0041_nrw_selected_rows_2025-12-31.csv")
    tot = {(r["kreis_ags"], r["laendergruppierung"]): int(r["total"]) for r in sel}
    rows = []
    for r in src:
        a = r["kreis_ags"]
        eu2 = tot[(a, "EU-27 (bis 30.06.2013)")] - tot[(a, "EU-25 (bis 31.12.2006)")]
        assert eu2 == int(r["eu2_bg_ro_total_derived"]), a
        rows.append([a, r["kreis_name"], eu2])
    assert len(rows) == 53
    write("eu2-nrw-kreise-2025.csv", ["ags", "name", "eu2"], rows)
    print(f"  NRW EU2 total 2025-12-31: {sum(x[2] for x in rows):,}")


# ---------------------------------------------------------------- EU2 Germany series
# Table 1 (Tab. 1) of the Staedtetag NRW working paper (Stand 10.02.2021), as
# printed on S. 8 of the paper; 2008 from the paper's text.
T = "Städtetag NRW Arbeitspapier 2021, Tabelle 1"
TABLE1 = [  # year, bg, ro, eu2, change, change_pct, source
    (2007, 46818, 84584, 131402, 18996, "16.9", T + " (Destatis)"),
    (2010, 74869, 126536, 201405, 34571, "20.7", T + " (Destatis)"),
    (2012, 118759, 205026, 323785, 70674, "27.9", T + " (Destatis)"),
    (2013, 146828, 267398, 414226, 90441, "27.9", T + " (Destatis)"),
    (2014, 183263, 355343, 538606, 124380, "30.0", T + " (IAB)"),
    (2015, 226926, 452718, 679644, 141038, "26.2", T + " (IAB)"),
    (2016, 263320, 533660, 796980, 117336, "17.3", T + " (BAMF)"),
    (2017, 310414, 622781, 933195, 136215, "17.1", T + " (BAMF)"),
    (2018, 337015, 696274, 1033289, 100094, "10.7", T + " (BAMF)"),
    (2019, None, None, 1108393, 75104, "7.3", T + " (IAB)"),
]


def eu2_de():
    out = {}
    for y, bg, ro, eu2, ch, pct, s in TABLE1:
        if bg is not None:
            assert bg + ro == eu2, y
        out[y] = [y, bg, ro, eu2, ch, pct, "official", s]
    out[2008] = [2008, None, None, 148310, None, None, "official",
                 "Städtetag NRW Arbeitspapier 2021, Abschnitt III (Text)"]
    # the year before each isolated table year = level - change
    for y in (2007, 2010, 2012):
        prev = out[y][3] - out[y][4]
        out[y - 1] = [y - 1, None, None, prev, None, None, "derived",
                      f"derived: {y} level − {y} change"]
    # check printed percentages against the levels
    for y, row in out.items():
        if row[4] is not None and y - 1 in out:
            pct = round(100 * row[4] / out[y - 1][3], 1)
            assert f"{pct:.1f}" == row[5], (y, pct, row[5])
            assert out[y - 1][3] + row[4] == row[3]
    rows = [["" if v is None else v for v in out[y]] for y in sorted(out)]
    assert [r[0] for r in rows] == list(range(2006, 2020))
    write("eu2-de-series.csv",
          ["year", "bg", "ro", "eu2", "change", "change_pct", "status", "source"], rows)


# ---------------------------------------------------------------- VPI
def vpi():
    src = read("vpi_de_annual_2015-2025_base2020.csv")
    flat = read("destatis_61111-0001_de_flat_1991-2023.csv", delimiter=";")
    flat_idx = {int(r["Zeit"]): r["PREIS1__Verbraucherpreisindex__2020=100"].replace(",", ".")
                for r in flat}
    rows = []
    prev = None
    for r in src:
        y, idx = int(r["year"]), r["vpi_index_2020_eq_100"]
        if y <= 2023:
            assert flat_idx[y] == idx, (y, flat_idx[y], idx)  # agrees with the flat Destatis file
            rows.append([y, idx, "official",
                         "Destatis GENESIS 61111-0001 (Verbraucherpreisindex, Jahresdurchschnitt, 2020=100)"])
        else:
            assert r["source_status"].startswith("secondary")
            assert f"{round(float(prev) * 1.022, 1):.1f}" == idx, y
            rows.append([y, idx, "secondary",
                         "previous year × 1.022 (+2.2 % annual average as reported from Destatis press releases); not from an official table"])
        prev = idx
    assert [x[0] for x in rows] == list(range(2015, 2026))
    write("vpi-de.csv", ["year", "index", "status", "source"], rows)


if __name__ == "__main__":
    register()
    eu2_nrw()
    eu2_de()
    vpi()
