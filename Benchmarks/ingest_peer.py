"""Peers of `fundwatch ingest` for Benchmarks/ingest-bench.sh: the same cleaning and validation of the
simulated HRSS contributions export (hrss_contributions.csv) in DuckDB SQL and in pandas.

Steps, as FundWatch does them: trim; full-width digits/letters to ASCII; ID numbers upper-cased,
15 digits upgraded to 18, validated (characters, province, birth date, check digit); insurance
label to code; month yyyyMM to YYYY-MM; amounts in yuan (¥, thousands separators) to integer fen,
refusing more than two decimals; dates yyyy/M/d to YYYY-MM-DD; 是/否 to true/false; rows with a
missing or invalid required field rejected. Prints accepted and rejected counts, the seconds spent
after the libraries are imported (start-up is not counted, unlike FundWatch's process time) and the
CPU seconds of that span.

    python ingest_peer.py duckdb|pandas FILE TODAY
"""
import sys
import time

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
             50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]
INSURANCE = {
    "职工基本养老保险": "pension_employee", "城乡居民基本养老保险": "pension_resident",
    "职工基本医疗保险": "medical_employee", "城乡居民基本医疗保险": "medical_resident",
    "失业保险": "unemployment", "工伤保险": "work_injury", "生育保险": "maternity",
}
FULL = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
HALF = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
COLUMNS = ["身份证号码", "险种", "费款所属期", "缴费金额（元）", "缴费基数（元）", "单位编号", "缴费日期", "是否补缴"]


def duckdb_peer(path, today):
    import duckdb
    con = duckdb.connect()
    start = time.perf_counter()
    clean = lambda c: f"nullif(trim(translate(\"{c}\", '{FULL}', '{HALF}')), '')"
    body = ("CASE WHEN length(id) = 15 THEN substr(id, 1, 6) || '19' || substr(id, 7, 9) ELSE substr(id, 1, 17) END")
    checksum = " + ".join(f"try_cast(substr(body, {i + 1}, 1) AS INTEGER) * {w}" for i, w in enumerate(WEIGHTS))
    insurance = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in INSURANCE.items())
    money = lambda c: (f"CASE WHEN {c} IS NULL THEN NULL WHEN regexp_full_match(replace(replace({c}, '¥', ''), ',', ''), "
                       f"'-?[0-9]+(\\.[0-9]{{1,2}})?') THEN CAST(round(CAST(replace(replace({c}, '¥', ''), ',', '') AS DECIMAL(18,2)) * 100) AS BIGINT) END")
    sql = f"""
    WITH raw AS (
        SELECT * FROM read_csv('{path}', all_varchar = true, header = true)
    ), t AS (
        SELECT upper({clean(COLUMNS[0])}) AS id, {clean(COLUMNS[1])} AS insurance_label, {clean(COLUMNS[2])} AS period_raw,
               {clean(COLUMNS[3])} AS amount_raw, {clean(COLUMNS[4])} AS base_raw, {clean(COLUMNS[5])} AS employer_id,
               {clean(COLUMNS[6])} AS paid_raw, {clean(COLUMNS[7])} AS back_raw
        FROM raw
    ), b AS (
        SELECT *, {body} AS body FROM t
    ), c AS (
        SELECT *, substr('10X98765432', (({checksum}) % 11) + 1, 1) AS check_char,
               try_strptime(substr(body, 7, 8), '%Y%m%d') AS birth
        FROM b
    ), v AS (
        SELECT
            CASE WHEN regexp_full_match(id, '[0-9]{{15}}|[0-9]{{17}}[0-9X]')
                  AND (length(id) = 15 OR substr(id, 18, 1) = check_char)
                  AND CAST(substr(body, 1, 2) AS INTEGER) IN ({", ".join(map(str, PROVINCES))})
                  AND birth IS NOT NULL AND year(birth) >= 1890 AND birth <= DATE '{today}'
                 THEN body || check_char END AS id_number,
            CASE insurance_label {insurance} ELSE NULL END AS insurance,
            CASE WHEN regexp_full_match(period_raw, '[0-9]{{4}}(0[1-9]|1[0-2])')
                 THEN substr(period_raw, 1, 4) || '-' || substr(period_raw, 5, 2) END AS period,
            {money('amount_raw')} AS amount, {money('base_raw')} AS base, base_raw, employer_id,
            strftime(try_strptime(paid_raw, '%Y/%-m/%-d'), '%Y-%m-%d') AS paid_date, paid_raw,
            CASE back_raw WHEN '是' THEN true WHEN '否' THEN false END AS back_payment, back_raw
        FROM c
    )
    SELECT count(*) FILTER (WHERE ok) AS accepted, count(*) FILTER (WHERE NOT ok) AS rejected FROM (
        SELECT id_number IS NOT NULL AND insurance IS NOT NULL AND period IS NOT NULL AND amount IS NOT NULL
           AND (base_raw IS NULL OR base IS NOT NULL) AND (paid_raw IS NULL OR paid_date IS NOT NULL)
           AND (back_raw IS NULL OR back_payment IS NOT NULL) AS ok
        FROM v
    )
    """
    accepted, rejected = con.execute(sql).fetchone()
    return accepted, rejected, time.perf_counter() - start


def pandas_peer(path, today):
    import numpy as np
    import pandas as pd
    start = time.perf_counter()
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table = str.maketrans(FULL, HALF)
    cols = {c: df[c].str.translate(table).str.strip() for c in COLUMNS}
    ident = cols["身份证号码"].str.upper()
    short = ident.str.len() == 15
    body = ident.str.slice(0, 17).where(~short, ident.str.slice(0, 6) + "19" + ident.str.slice(6, 15))
    shape_ok = ident.str.fullmatch(r"[0-9]{15}|[0-9]{17}[0-9X]").fillna(False).to_numpy()
    ok_body = body.where(shape_ok, "0" * 17).str.pad(17, fillchar="0").str.slice(0, 17)
    digits = np.frombuffer("".join(ok_body.tolist()).encode(), dtype=np.uint8).reshape(-1, 17).astype(np.int64) - 48
    check = np.array(list("10X98765432"))[(digits * np.array(WEIGHTS)).sum(axis=1) % 11]
    birth = pd.to_datetime(ok_body.str.slice(6, 14), format="%Y%m%d", errors="coerce")
    province = (digits[:, 0] * 10 + digits[:, 1])
    id_ok = (shape_ok & (short.to_numpy() | (ident.str.slice(17, 18).to_numpy() == check))
             & np.isin(province, PROVINCES) & birth.notna().to_numpy()
             & (birth.dt.year >= 1890).to_numpy() & (birth <= pd.Timestamp(today)).to_numpy())
    id_number = pd.Series(np.where(id_ok, ok_body + check, None))
    insurance = cols["险种"].map(INSURANCE)
    p = cols["费款所属期"]
    period = (p.str.slice(0, 4) + "-" + p.str.slice(4, 6)).where(p.str.fullmatch(r"[0-9]{4}(0[1-9]|1[0-2])").fillna(False))

    def money(s):
        plain = s.str.replace("¥", "", regex=False).str.replace(",", "", regex=False)
        good = plain.str.fullmatch(r"-?[0-9]+(\.[0-9]{1,2})?").fillna(False)
        fen = (pd.to_numeric(plain.where(good), errors="coerce") * 100).round()
        return fen.astype("Int64"), good | (s == "")

    amount, amount_ok = money(cols["缴费金额（元）"])
    base, base_ok = money(cols["缴费基数（元）"])
    paid = pd.to_datetime(cols["缴费日期"].where(cols["缴费日期"] != ""), format="%Y/%m/%d", errors="coerce")
    paid_ok = paid.notna() | (cols["缴费日期"] == "")
    back = cols["是否补缴"].map({"是": True, "否": False})
    back_ok = back.notna() | (cols["是否补缴"] == "")
    out = pd.DataFrame({"id_number": id_number, "insurance": insurance, "period": period, "amount": amount, "base": base,
                        "employer_id": cols["单位编号"], "paid_date": paid.dt.strftime("%Y-%m-%d"), "back_payment": back})
    ok = (out["id_number"].notna() & out["insurance"].notna() & out["period"].notna() & out["amount"].notna()
          & (cols["缴费金额（元）"] != "") & base_ok & paid_ok & back_ok)
    accepted = int(ok.sum())
    return accepted, len(out) - accepted, time.perf_counter() - start


if __name__ == "__main__":
    mode, path, today = sys.argv[1], sys.argv[2], sys.argv[3]
    cpu = time.process_time()
    accepted, rejected, seconds = (duckdb_peer if mode == "duckdb" else pandas_peer)(path, today)
    # CPU seconds of every thread of the process over the same span (DuckDB runs several).
    print(f"{accepted} {rejected} {seconds:.3f} {time.process_time() - cpu:.3f}")
