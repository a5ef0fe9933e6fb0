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
    c = sub.add_parser("score")
    c.add_argument("--truth", required=True)
    c.add_argument("--pairs")
    c.add_argument("--clusters")
    c.add_argument("--label", default="")
    args = ap.parse_args()
    {"generate": generate, "generate-cn": generate_cn, "splink": splink, "score": score}[args.cmd](args)


if __name__ == "__main__":
    main()
