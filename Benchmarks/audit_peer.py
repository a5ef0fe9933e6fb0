"""DuckDB peer for the batch audit: eight of the built-in rules as SQL over the canonical CSVs.

    python audit_peer.py CSV_DIR

Loads the CSV files into an in-memory DuckDB database (timed apart, as FundWatch's load from
SQLite is), then runs the eight queries and prints the persons each flags, the query time and
persons/s (population ÷ query time). The SQL follows the YAML rules' conditions; it leaves out
their counter-evidence and explanations, so it does less work than the rule library.
"""

import os
import sys
import time

import duckdb

TABLES = [
    "person", "enrollment", "contribution", "benefit_payment", "medical_settlement", "death_record",
    "custody_record", "employment_record", "bank_account", "qualification_check",
]

RULES = {
    # pension_after_death: paid for a month after the (earliest) recorded death, month not
    # reversed, no survival check after the death.
    "pension_after_death": """
        WITH d AS (SELECT id_number, min(death_date) AS death_date FROM death_record GROUP BY id_number),
        net AS (SELECT id_number, period, sum(amount) AS net FROM benefit_payment WHERE benefit = 'pension'
                GROUP BY id_number, period)
        SELECT DISTINCT p.id_number FROM benefit_payment p
        JOIN d USING (id_number)
        JOIN net n ON n.id_number = p.id_number AND n.period = p.period
        WHERE p.benefit = 'pension' AND p.amount > 0 AND p.period > strftime(d.death_date, '%Y-%m') AND n.net > 0
          AND NOT EXISTS (SELECT 1 FROM qualification_check c WHERE c.id_number = p.id_number
                          AND c.check_date > d.death_date)""",
    # pension_in_custody: paid for a month that starts inside an imprisonment.
    "pension_in_custody": """
        SELECT DISTINCT p.id_number FROM benefit_payment p JOIN custody_record c USING (id_number)
        WHERE p.benefit = 'pension' AND p.amount > 0 AND c.kind = 'imprisonment'
          AND CAST(p.period || '-01' AS DATE) >= c.start_date
          AND (c.end_date IS NULL OR CAST(p.period || '-01' AS DATE) <= c.end_date)""",
    # account_shared_unrelated: a pension into an account that 3+ households pay into or hold,
    # none of them the payee's.
    "account_shared_unrelated": """
        WITH hh AS (SELECT id_number, coalesce(nullif(address, ''), id_number) AS household FROM person),
        payee AS (SELECT DISTINCT p.bank_account AS account, coalesce(h.household, p.id_number) AS household
                  FROM benefit_payment p LEFT JOIN hh h USING (id_number)
                  WHERE p.amount > 0 AND coalesce(p.bank_account, '') <> ''),
        holder AS (SELECT DISTINCT a.account, coalesce(h.household, a.holder_id_number) AS household
                   FROM bank_account a LEFT JOIN hh h ON h.id_number = a.holder_id_number),
        uses AS (SELECT account, count(DISTINCT household) AS households
                 FROM (SELECT * FROM payee UNION ALL SELECT * FROM holder) GROUP BY account)
        SELECT DISTINCT p.id_number FROM benefit_payment p
        JOIN uses u ON u.account = p.bank_account
        LEFT JOIN hh h ON h.id_number = p.id_number
        WHERE p.benefit = 'pension' AND p.amount > 0 AND u.households >= 3
          AND NOT EXISTS (SELECT 1 FROM holder o WHERE o.account = p.bank_account
                          AND o.household = coalesce(h.household, p.id_number))""",
    # amount above mean + 3σ of its benefit, region and month.
    "pension_amount_outlier_3sigma": """
        WITH s AS (SELECT benefit, region_code, period, avg(amount) AS mean, stddev_samp(amount) AS sigma
                   FROM benefit_payment WHERE amount > 0 GROUP BY benefit, region_code, period)
        SELECT DISTINCT p.id_number FROM benefit_payment p JOIN s USING (benefit, region_code, period)
        WHERE p.benefit = 'pension' AND p.amount > s.mean + 3 * s.sigma""",
    # enrollment_duplicate_medical: resident medical insurance while covered as an employee.
    "enrollment_duplicate_medical": """
        SELECT DISTINCT r.id_number FROM enrollment r JOIN enrollment e USING (id_number)
        WHERE r.insurance = 'medical_resident' AND e.insurance = 'medical_employee'
          AND e.start_date <= r.start_date AND (e.end_date IS NULL OR r.start_date <= e.end_date)""",
    # medical_after_death: a settlement admitted after the recorded death.
    "medical_after_death": """
        WITH d AS (SELECT id_number, min(death_date) AS death_date FROM death_record GROUP BY id_number)
        SELECT DISTINCT s.id_number FROM medical_settlement s JOIN d USING (id_number)
        WHERE s.admission_date > d.death_date""",
    # unemployment_with_pension: unemployment benefit in a month with a pension paid.
    "unemployment_with_pension": """
        SELECT DISTINCT u.id_number FROM benefit_payment u JOIN benefit_payment p USING (id_number, period)
        WHERE u.benefit = 'unemployment' AND u.amount > 0 AND p.benefit = 'pension' AND p.amount > 0""",
    # medical_split_hospitalization: readmission to the same hospital, same diagnosis, within 15 days.
    "medical_split_hospitalization": """
        SELECT DISTINCT b.id_number FROM medical_settlement b JOIN medical_settlement a USING (id_number)
        WHERE b.visit = 'inpatient' AND a.visit = 'inpatient' AND a.settlement_id <> b.settlement_id
          AND a.institution_id = b.institution_id AND a.diagnosis = b.diagnosis
          AND a.discharge_date IS NOT NULL AND a.discharge_date <= b.admission_date
          AND date_diff('day', a.discharge_date, b.admission_date) <= 15""",
}


def main() -> None:
    folder = sys.argv[1]
    con = duckdb.connect()
    start = time.monotonic()
    for table in TABLES:
        path = os.path.join(folder, table + ".csv")
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header = true, all_varchar = false)")
    # Money as integers, dates as dates, whatever the sniffer guessed.
    for table, column, kind in [
        ("benefit_payment", "amount", "BIGINT"), ("death_record", "death_date", "DATE"),
        ("custody_record", "start_date", "DATE"), ("custody_record", "end_date", "DATE"),
        ("medical_settlement", "admission_date", "DATE"), ("medical_settlement", "discharge_date", "DATE"),
        ("enrollment", "start_date", "DATE"), ("enrollment", "end_date", "DATE"),
        ("qualification_check", "check_date", "DATE"), ("benefit_payment", "period", "VARCHAR"),
        ("person", "address", "VARCHAR"), ("benefit_payment", "bank_account", "VARCHAR"),
        ("bank_account", "account", "VARCHAR"), ("medical_settlement", "diagnosis", "VARCHAR"),
    ]:
        con.execute(f"ALTER TABLE {table} ALTER {column} TYPE {kind}")
    load = time.monotonic() - start
    persons = con.execute("SELECT count(*) FROM person").fetchone()[0]

    start = time.monotonic()
    cpu_start = time.process_time()
    flagged = {}
    for rule, sql in RULES.items():
        flagged[rule] = len(con.execute(sql).fetchall())
    query = time.monotonic() - start
    cpu = time.process_time() - cpu_start
    for rule, n in flagged.items():
        print(f"  {rule:32} {n:8} persons")
    print(f"duckdb {duckdb.__version__}: {persons} persons; loaded CSV in {load:.2f} s; "
          f"8 rules in {query:.3f} s ({persons / query:.0f} persons/s)")
    # All DuckDB threads together: on a machine shared with other builds, the CPU time says
    # more than the wall time.
    print(f"duckdb query CPU time {cpu:.3f} s ({persons / max(cpu, 1e-9):.0f} persons per CPU second)")


if __name__ == "__main__":
    main()
