#!/usr/bin/env python3
"""Helper of linkage-bench.sh: makes synthetic person records with known truth, runs Splink
(DuckDB backend) with the same blocking and comparisons as the FundWatch configuration, and
scores any pairs/clusters output against the truth.

    linkage_bench.py generate --records N --seed S --out people.csv
    linkage_bench.py splink --input people.csv --threshold 0.9 --out-pairs splink_pairs.csv --out-clusters splink_clusters.csv
    linkage_bench.py score --truth people.csv --pairs pairs.csv --clusters clusters.csv
"""
import argparse
import csv
import os
import random
import sys
import time

SYLLABLES = ["an", "ber", "car", "dal", "el", "fin", "gor", "har", "is", "jen", "kel", "lor", "mar", "nor",
             "ol", "par", "quin", "ros", "sel", "tor", "ul", "van", "wil", "xen", "yor", "zan", "ton", "son",
             "ley", "ford", "man", "wood", "field", "stone", "well", "ridge"]
GIVEN = ["james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "william", "elizabeth",
         "david", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen",
         "christopher", "nancy", "daniel", "lisa", "matthew", "betty", "anthony", "margaret", "mark", "sandra",
         "donald", "ashley", "steven", "kimberly", "paul", "emily", "andrew", "donna", "joshua", "michelle",
         "kenneth", "carol", "kevin", "amanda", "brian", "dorothy", "george", "melissa", "timothy", "deborah",
         "ronald", "stephanie", "edward", "rebecca", "jason", "sharon", "jeffrey", "laura", "ryan", "cynthia",
         "jacob", "kathleen", "gary", "amy", "nicholas", "angela", "eric", "shirley", "jonathan", "anna",
         "stephen", "brenda", "larry", "pamela", "justin", "emma", "scott", "nicole", "brandon", "helen",
         "benjamin", "samantha", "samuel", "katherine", "gregory", "christine", "alexander", "debra", "frank",
         "rachel", "patrick", "carolyn", "raymond", "janet", "jack", "catherine", "dennis", "maria", "jerry",
         "heather", "tyler", "diane", "aaron", "ruth", "jose", "julie", "adam", "olivia", "nathan", "joyce",
         "henry", "virginia", "douglas", "victoria", "zachary", "kelly", "peter", "lauren", "kyle", "christina"]


def typo(s, rng):
    if len(s) < 4:
        return s
    c = list(s)
    i = rng.randrange(1, len(c) - 1)
    k = rng.randrange(3)
    if k == 0:
        del c[i]
    elif k == 1:
        c[i], c[i - 1] = c[i - 1], c[i]
    else:
        c[i] = rng.choice("aeioulnrst")
    return "".join(c)


def generate(args):
    rng = random.Random(args.seed)
    # Surnames with a Zipf-like spread: a few very common, a long tail.
    surnames = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 2, 3]))) for _ in range(30000)})
    rng.shuffle(surnames)
    import itertools
    surname_cum = list(itertools.accumulate(1.0 / (i + 1) ** 0.8 for i in range(len(surnames))))
    given_cum = list(itertools.accumulate(1.0 / (i + 1) ** 0.5 for i in range(len(GIVEN))))
    postcodes = [f"{rng.randrange(10000, 99999)}" for _ in range(20000)]
    rows = []
    entity = 0
    while len(rows) < args.records:
        entity += 1
        y, m, d = rng.randrange(1930, 2010), rng.randrange(1, 13), rng.randrange(1, 29)
        base = {
            "given_name": rng.choices(GIVEN, cum_weights=given_cum)[0],
            "surname": rng.choices(surnames, cum_weights=surname_cum)[0],
            "date_of_birth": f"{y:04d}-{m:02d}-{d:02d}",
            "postcode": rng.choice(postcodes),
        }
        copies = 1 + min(3, int(rng.expovariate(1.2)))
        for c in range(copies):
            r = dict(base)
            if c > 0:
                if rng.random() < 0.2:
                    r["given_name"] = typo(r["given_name"], rng)
                if rng.random() < 0.15:
                    r["surname"] = typo(r["surname"], rng)
                u = rng.random()
                if u < 0.07 and d <= 12:
                    r["date_of_birth"] = f"{y:04d}-{d:02d}-{m:02d}"
                elif u < 0.14:
                    s = list(r["date_of_birth"])
                    i = rng.choice([2, 3, 6, 9])
                    s[i] = str((int(s[i]) + 1) % 10)
                    r["date_of_birth"] = "".join(s)
                if rng.random() < 0.1:
                    r["postcode"] = ""
                elif rng.random() < 0.05:
                    r["postcode"] = rng.choice(postcodes)
                if rng.random() < 0.03:
                    r["given_name"] = ""
            r["rec_id"] = f"r{len(rows)}"
            r["cluster"] = f"e{entity}"
            rows.append(r)
            if len(rows) >= args.records:
                break
    rng.shuffle(rows)
    with open(args.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["rec_id", "given_name", "surname", "date_of_birth", "postcode", "cluster"])
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} records of {entity} people to {args.out}", file=sys.stderr)


CN_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
CN_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华玉兰红建国志文辉鹏飞斌宇浩凯鑫波海燕梅琳雪晶婷慧颖玲萍丹倩晨阳光春秋冬松林峰岩山川江河"
HOMOPHONES = {"张": "章", "王": "汪", "林": "琳", "明": "鸣", "伟": "玮", "芳": "方", "静": "靖", "丽": "莉",
              "华": "化", "杰": "洁", "刚": "钢", "红": "虹", "玲": "铃", "波": "博", "峰": "锋", "海": "亥"}
TRADITIONAL = {"张": "張", "陈": "陳", "刘": "劉", "华": "華", "国": "國", "杨": "楊", "黄": "黃", "赵": "趙",
               "吴": "吳", "郑": "鄭", "丽": "麗", "伟": "偉", "军": "軍", "涛": "濤", "鹏": "鵬", "龙": "龍"}
REGIONS = ["370102", "370103", "370104", "370105", "370112", "370202", "370203", "370211", "370212", "370281",
           "370302", "370303", "370402", "370502", "370602", "370702", "370802", "370902", "371002", "371102",
           "371302", "371321", "371402", "371502", "371602", "371702", "370181", "370683", "370883", "371482"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_check(body17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, WEIGHTS)) % 11]


def generate_cn(args):
    """Chinese person records as departments hold them: homophone and Traditional name variants,
    15-digit IDs, mistyped and missing IDs, swapped day and month."""
    import itertools
    rng = random.Random(args.seed)
    sur_cum = list(itertools.accumulate(1.0 / (i + 1) ** 0.9 for i in range(len(CN_SURNAMES))))
    rows = []
    entity = 0
    used = set()
    while len(rows) < args.records:
        entity += 1
        y, m, d = rng.randrange(1935, 2005), rng.randrange(1, 13), rng.randrange(1, 29)
        sex = rng.choice(["male", "female"])
        region = rng.choice(REGIONS)
        while True:
            seq = rng.randrange(0, 500) * 2 + (1 if sex == "male" else 0)
            body = f"{region}{y:04d}{m:02d}{d:02d}{seq:03d}"
            if body not in used:
                used.add(body)
                break
        given = "".join(rng.choice(CN_GIVEN) for _ in range(rng.choice([1, 2, 2])))
        base = {"name": rng.choices(CN_SURNAMES, cum_weights=sur_cum)[0] + given, "sex": sex,
                "birth_date": f"{y:04d}-{m:02d}-{d:02d}", "region_code": region, "id_number": body + id_check(body)}
        copies = 1 + min(3, int(rng.expovariate(1.2)))
        for c in range(copies):
            r = dict(base)
            if c > 0:
                u = rng.random()
                if u < 0.15 and y < 2000:
                    r["id_number"] = body[:6] + body[8:17]
                elif u < 0.20:
                    s = list(r["id_number"])
                    i = rng.randrange(6, 17)
                    s[i] = str((int(s[i]) + rng.randrange(1, 10)) % 10)
                    r["id_number"] = "".join(s)
                elif u < 0.23:
                    s = list(r["id_number"])
                    i = rng.randrange(14, 16)
                    s[i], s[i + 1] = s[i + 1], s[i]
                    r["id_number"] = "".join(s)
                elif u < 0.30:
                    r["id_number"] = ""
                if rng.random() < 0.15:
                    r["name"] = "".join(HOMOPHONES.get(ch, ch) if rng.random() < 0.5 else ch for ch in r["name"])
                if rng.random() < 0.1:
                    r["name"] = "".join(TRADITIONAL.get(ch, ch) for ch in r["name"])
                v = rng.random()
                if v < 0.05 and d <= 12:
                    r["birth_date"] = f"{y:04d}-{d:02d}-{m:02d}"
                elif v < 0.08:
                    r["birth_date"] = ""
                if rng.random() < 0.1:
                    r["region_code"] = rng.choice(REGIONS)
            r["rec_id"] = f"p{len(rows)}"
            r["cluster"] = f"e{entity}"
            rows.append(r)
            if len(rows) >= args.records:
                break
    rng.shuffle(rows)
    with open(args.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["rec_id", "id_number", "name", "sex", "birth_date", "region_code", "cluster"])
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} records of {entity} people to {args.out}", file=sys.stderr)


def splink(args):
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    start = time.monotonic()
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.execute(
        "CREATE TABLE people AS SELECT rec_id, NULLIF(given_name, '') AS given_name, NULLIF(surname, '') AS surname, "
        "NULLIF(date_of_birth, '') AS date_of_birth, NULLIF(postcode, '') AS postcode "
        f"FROM read_csv('{args.input}', all_varchar = true, header = true)")
    db_api = DuckDBAPI(connection=con)
    df = db_api.register("people")
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="rec_id",
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"), block_on("date_of_birth"), block_on("surname", "postcode")],
        comparisons=[
            cl.JaroWinklerAtThresholds("given_name", [0.95, 0.88]),
            cl.JaroWinklerAtThresholds("surname", [0.95, 0.88]).configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("date_of_birth", [1]),
            cl.LevenshteinAtThresholds("postcode", [1]),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(df, settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_name", "surname"))
    trained = time.monotonic()
    preds = linker.inference.predict(threshold_match_probability=args.threshold)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(preds, args.threshold)
    con.execute(
        f"COPY (SELECT rec_id_l AS left_id, rec_id_r AS right_id, match_probability, match_weight "
        f"FROM {preds.physical_name}) TO '{args.out_pairs}' (HEADER, DELIMITER ',')")
    con.execute(
        f"COPY (SELECT cluster_id, rec_id AS record_id FROM {clusters.physical_name}) TO '{args.out_clusters}' "
        "(HEADER, DELIMITER ',')")
    pairs = con.execute(f"SELECT count(*) FROM {preds.physical_name}").fetchone()[0]
    end = time.monotonic()
    print(f"splink: {end - start:.2f} s ({trained - start:.2f} s reading and training), {pairs} pairs", file=sys.stderr)
    print(f"{end - start:.3f}")


def splink_resolve(args):
    """Links the records `fundwatch resolve export` wrote to its person registry with Splink, with
    the same blocks (name blocked on itself: Splink has no pinyin) and comparisons, and the same
    decision rule as FundWatch: the best candidate at or above --accept, unless a rival at or above
    the review floor is within --margin bits. Writes record_key,person_key of each link."""
    import duckdb
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    start = time.monotonic()
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    cols = "key, NULLIF(name, '') AS name, NULLIF(id_region, '') AS id_region, NULLIF(id_birth, '') AS id_birth, " \
        "NULLIF(id_birth_tail, '') AS id_birth_tail, NULLIF(id_tail, '') AS id_tail, NULLIF(id, '') AS id, " \
        "NULLIF(substr(id_tail, 1, 3), '') AS id_order, NULLIF(region, '') AS region, NULLIF(death_date, '') AS death_date"
    con.execute(f"CREATE TABLE records AS SELECT {cols} FROM read_csv('{args.records}', all_varchar = true, header = true)")
    con.execute(f"CREATE TABLE persons AS SELECT {cols} FROM read_csv('{args.persons}', all_varchar = true, header = true)")
    db_api = DuckDBAPI(connection=con)
    records = db_api.register("records", dataset_display_name="records")
    persons = db_api.register("persons", dataset_display_name="persons")
    # The whole ID number as one checked code, level for level as FundWatch's checked_code:
    # typo before the check (check equal), adjacent swap, check character only.
    l, r = "id_l", "id_r"
    whole_id = cl.CustomComparison(
        output_column_name="id",
        comparison_levels=[
            cll.NullLevel("id"),
            cll.ExactMatchLevel("id"),
            cll.CustomLevel(
                f"length({l}) = length({r}) AND right({l}, 1) = right({r}, 1) AND hamming({l}, {r}) = 1", "typo"),
            cll.CustomLevel(f"hamming({l}, {r}) = 2 AND damerau_levenshtein({l}, {r}) = 1", "transposed"),
            cll.CustomLevel(
                f"length({l}) = length({r}) AND left({l}, length({l}) - 1) = left({r}, length({r}) - 1)", "check"),
            cll.ElseLevel(),
        ],
    )
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="key",
        blocking_rules_to_generate_predictions=[
            block_on("id_region", "id_birth"), block_on("id_birth", "id_order"),
            block_on("id_region", "id_order"), block_on("id_region", "substr(id_birth, 1, 7)"),
            block_on("id_birth_tail", "id_order"), block_on("name"), block_on("death_date")],
        comparisons=[
            cl.ExactMatch("name").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("id_region", [1]),
            cl.DamerauLevenshteinAtThresholds("id_birth", [1]),
            whole_id,
            cl.DamerauLevenshteinAtThresholds("region", [1]),
            cl.ExactMatch("death_date"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([records, persons], settings)
    linker.training.estimate_u_using_random_sampling(max_pairs=4e5)
    for rule in [block_on("id_region", "id_birth"), block_on("id_region", "id_order")]:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    preds = linker.inference.predict(threshold_match_probability=args.review_floor)
    rows = con.execute(
        f"SELECT key_l, key_r, match_probability, match_weight FROM {preds.physical_name}").fetchall()
    best = {}
    for kl, kr, p, w in rows:
        # Record keys are r0, r1, …; person keys are ID numbers.
        rec, per = (kl, kr) if kl.startswith("r") else (kr, kl)
        best.setdefault(rec, []).append((p, w, per))
    links = {}
    for rec, cands in best.items():
        cands.sort(reverse=True)
        p, w, per = cands[0]
        rival = cands[1] if len(cands) > 1 else None
        if p >= args.accept and (rival is None or rival[0] < args.review_floor or w - rival[1] >= args.margin):
            links[rec] = per
    keys = {}
    with open(args.records) as f:
        for r in csv.DictReader(f):
            keys[r["key"]] = (r["record_kind"], r["record_key"])
    with open(args.out, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["record_kind", "record_key", "person_key"])
        for rec, per in links.items():
            out.writerow([*keys[rec], per])
    print(f"splink resolve: {time.monotonic() - start:.2f} s, {len(rows)} pairs, {len(links)} links", file=sys.stderr)


def score_links(args):
    """Precision, recall and F1 of record → person links against the simulator's person_links.csv."""
    truth = {}
    with open(args.truth) as f:
        for r in csv.DictReader(f):
            # Second registrations (record_kind person) are scored by `resolve persons`.
            if r["record_kind"] != "person":
                truth[(r["record_kind"], r["record_key"])] = r["id_number"]
    linked = correct = 0
    found = set()
    with open(args.links) as f:
        for r in csv.DictReader(f):
            linked += 1
            key = (r["record_kind"], r["record_key"])
            if truth.get(key) == r["person_key"]:
                correct += 1
                found.add(key)
    # Rows exported twice share a label: recall counts each labelled record once.
    p = correct / linked if linked else 1.0
    rc = len(found) / len(truth) if truth else 1.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    print(f"{args.label} person links: {len(truth)} labelled, {linked} linked, {correct} correct; "
          f"precision {p:.4f} recall {rc:.4f} F1 {f1:.4f}")


def score(args):
    truth = {}
    with open(args.truth) as f:
        for r in csv.DictReader(f):
            truth[r["rec_id"]] = r["cluster"]
    members = {}
    for rid, e in truth.items():
        members.setdefault(e, []).append(rid)
    true_pairs = sum(len(m) * (len(m) - 1) // 2 for m in members.values())

    def f1(tp, found):
        precision = tp / found if found else 1.0
        recall = tp / true_pairs if true_pairs else 1.0
        f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f

    out = {}
    if args.pairs:
        tp = found = 0
        with open(args.pairs) as f:
            for r in csv.DictReader(f):
                found += 1
                tp += truth[r["left_id"]] == truth[r["right_id"]]
        out["pairs"] = f1(tp, found)
    if args.clusters:
        cl = {}
        with open(args.clusters) as f:
            for r in csv.DictReader(f):
                cl.setdefault(r["cluster_id"], []).append(r["record_id"])
        tp = found = 0
        for m in cl.values():
            found += len(m) * (len(m) - 1) // 2
            by = {}
            for rid in m:
                by[truth[rid]] = by.get(truth[rid], 0) + 1
            tp += sum(n * (n - 1) // 2 for n in by.values())
        out["clusters"] = f1(tp, found)
    for k, (p, r, f) in out.items():
        print(f"{args.label} {k}: precision {p:.4f} recall {r:.4f} F1 {f:.4f} (true pairs {true_pairs})")


def duplicate_audit(args):
    """How many planted second registrations with a resident pension enrollment (the human's
    first registration pays into the employee scheme) `enrollment_duplicate_pension` flags,
    before and after `fundwatch resolve persons` merged the pairs: the rule can only see the
    double enrollment once both numbers are one person."""
    import json
    second_of = {}  # second ID -> true ID
    with open(os.path.join(args.sim, "person_links.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["record_kind"] == "person" and row["noise"].startswith("duplicate_"):
                second_of[row["record_key"].split("|")[0]] = row["id_number"]
    pension_resident = set()
    with open(os.path.join(args.sim, "enrollment.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["id_number"] in second_of and row["insurance"] == "pension_resident":
                pension_resident.add(row["id_number"])
    def flagged(path):
        with open(path, encoding="utf-8") as f:
            items = json.load(f)
        return {i["id_number"] for i in items if i["rule_id"] == "enrollment_duplicate_pension"}
    before, after = flagged(args.before), flagged(args.after)
    def hits(ids):
        return sum(1 for s in pension_resident if s in ids or second_of[s] in ids)
    planted_ids = set(second_of) | set(second_of.values())
    print(f"enrollment_duplicate_pension: {len(second_of)} planted second registrations, "
          f"{len(pension_resident)} of them with a resident pension beside an employee one")
    print(f"  flagged before resolve persons: {hits(before)}; after: {hits(after)}")
    print(f"  findings on other persons: before {len(before - planted_ids)}, after {len(after - planted_ids)}")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--records", type=int, default=100000)
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--out", required=True)
    g2 = sub.add_parser("generate-cn")
    g2.add_argument("--records", type=int, default=100000)
    g2.add_argument("--seed", type=int, default=42)
    g2.add_argument("--out", required=True)
    s = sub.add_parser("splink")
    s.add_argument("--input", required=True)
    s.add_argument("--threshold", type=float, default=0.9)
    s.add_argument("--out-pairs", required=True)
    s.add_argument("--out-clusters", required=True)
    sr = sub.add_parser("splink-resolve")
    sr.add_argument("--records", required=True)
    sr.add_argument("--persons", required=True)
    sr.add_argument("--out", required=True)
    sr.add_argument("--accept", type=float, default=0.95)
    sr.add_argument("--review-floor", type=float, default=0.5)
    sr.add_argument("--margin", type=float, default=5.0)
    sl = sub.add_parser("score-links")
    sl.add_argument("--truth", required=True)
    sl.add_argument("--links", required=True)
    sl.add_argument("--label", default="")
    c = sub.add_parser("score")
    c.add_argument("--truth", required=True)
    c.add_argument("--pairs")
    c.add_argument("--clusters")
    c.add_argument("--label", default="")
    d = sub.add_parser("duplicate-audit")
    d.add_argument("--sim", required=True)
    d.add_argument("--before", required=True)
    d.add_argument("--after", required=True)
    args = ap.parse_args()
    {"generate": generate, "generate-cn": generate_cn, "splink": splink, "score": score,
     "splink-resolve": splink_resolve, "score-links": score_links,
     "duplicate-audit": duplicate_audit}[args.cmd](args)


if __name__ == "__main__":
    main()
