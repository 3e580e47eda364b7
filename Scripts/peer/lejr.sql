-- LEJR episodes in DuckDB SQL: the peer that Scripts/peer-benchmark.sh times against
-- `grouper group --definitions Scripts/peer/definitions` on the same native claim CSV.
--
-- Implemented (the same rules as Scripts/peer/definitions/LEJR.json, the core of the shipped
-- EpisodeDefinitions/LEJR.json):
--   * claims whose payment is not positive are grouped by neither side: an inpatient, SNF,
--     home-health or hospice claim is tested on its total, any other line on its own amount;
--   * triggers: an inpatient line with MS-DRG 469, 470, 521 or 522, or an outpatient line with
--     HCPCS 27447 or 27130; a claim triggers once, through its first passing line (by from date,
--     then line number), for that line's payer;
--   * anchor: an inpatient trigger claim's stay, from its earliest admission to its latest
--     discharge over all its lines (admit_date defaults to from_date, discharge_date to
--     thru_date, thru_date to from_date); an outpatient trigger's service day;
--   * window: from the anchor's first day through 90 days with the anchor's last day as day 1
--     (anchor end + 89 days); nothing before the anchor;
--   * a repeat trigger (same member and payer) whose anchor starts on or before the open
--     episode's last day is absorbed: the open episode goes on unchanged (repeat_trigger absorb);
--     triggers are taken in order of anchor start, anchor end, then claim id;
--   * left out: Part D (claim_type pharmacy), and inpatient lines of a claim other than the
--     episode's trigger claim whose MS-DRG is on CMS's excluded-readmission list
--     (EpisodeDefinitions/codesets/cms_excluded_readmission_drgs.txt);
--   * counted: every other line of the member and payer whose from date falls in the window;
--     SNF and hospice lines ending after the window are prorated by days (allowed x days inside
--     / days of the line, both inclusive, rounded to the cent, halves up), every other line
--     counts whole;
--   * episode id LEJR-<trigger claim id>; its line count and allowed total.
--
-- Left out (rules of the shipped LEJR that neither this SQL nor the benchmark's definition has):
--   the day before the anchor (emergency and global-surgery lines); transfer chains merged into
--   one anchor; chronological overlap resolution (a later LEJR superseding an earlier one);
--   excluded readmissions by MDC and the professional lines during excluded readmissions; Part B
--   drugs, clotting factors, cardiac rehabilitation and oncology model payments; claims with
--   primary-payer dollars; inpatient proration by GMLOS and home health by visits; death,
--   enrolment, anchor-length, anchor-MDC and primary-payer cancellations; episode status (open,
--   complete) and the accountable provider; the effective dates; other definitions' precedence.
--
-- ${CLAIMS} and ${DRGS} are replaced with the claims file and the excluded-readmission list by
-- Scripts/peer/run_duckdb.py. The last statement's result is the episodes.

CREATE TEMP TABLE raw AS
SELECT * FROM read_csv('${CLAIMS}', header = true, all_varchar = true);

CREATE TEMP TABLE lines AS
SELECT
  claim_id,
  CAST(line AS INTEGER) AS line,
  member_id,
  coalesce(nullif(trim(payer_id), ''), 'default') AS payer_id,
  claim_type,
  CAST(from_date AS DATE) AS f,
  CAST(coalesce(nullif(thru_date, ''), from_date) AS DATE) AS t,
  CAST(coalesce(nullif(admit_date, ''), from_date) AS DATE) AS admit,
  CAST(coalesce(nullif(discharge_date, ''), nullif(thru_date, ''), from_date) AS DATE) AS discharge,
  TRY_CAST(nullif(drg, '') AS INTEGER) AS drg,
  hcpcs,
  CAST(round(CAST(allowed_amount AS DECIMAL(18, 2)) * 100) AS BIGINT) AS cents
FROM raw;

-- Lines that may be grouped: a positive payment, by claim for the claim types paid per claim.
CREATE TEMP TABLE g AS
WITH totals AS (SELECT claim_id, sum(cents) AS total FROM lines GROUP BY claim_id)
SELECT l.*
FROM lines l JOIN totals USING (claim_id)
WHERE CASE
  WHEN l.claim_type IN ('inpatient', 'snf', 'home_health', 'hospice') THEN totals.total > 0
  ELSE l.cents > 0
END;

-- The excluded-readmission MS-DRGs: one entry or range per line, '#' comments, a note after it.
CREATE TEMP TABLE excluded_drgs AS
WITH entries AS (
  SELECT split_part(trim(entry), ' ', 1) AS e
  FROM read_csv('${DRGS}', header = false, delim = '\t', quote = '', columns = {'entry': 'VARCHAR'})
  WHERE trim(entry) <> '' AND NOT starts_with(trim(entry), '#')
)
SELECT CAST(split_part(e, '-', 1) AS INTEGER) AS lo,
  CAST(coalesce(nullif(split_part(e, '-', 2), ''), split_part(e, '-', 1)) AS INTEGER) AS hi
FROM entries;

-- Each trigger claim through its first passing line, with its anchor.
CREATE TEMP TABLE triggers AS
WITH passing AS (
  SELECT *, row_number() OVER (PARTITION BY member_id, claim_id ORDER BY f, line) AS n
  FROM g
  WHERE (claim_type = 'inpatient' AND drg IN (469, 470, 521, 522))
     OR (claim_type = 'outpatient' AND hcpcs IN ('27447', '27130'))
),
stays AS (
  SELECT member_id, claim_id, min(admit) AS first_day, max(discharge) AS last_day
  FROM g GROUP BY member_id, claim_id
)
SELECT p.member_id, p.payer_id, p.claim_id,
  CASE WHEN p.claim_type = 'inpatient' THEN s.first_day ELSE p.f END AS anchor_first,
  CASE WHEN p.claim_type = 'inpatient' THEN s.last_day ELSE p.f END AS anchor_last
FROM passing p JOIN stays s USING (member_id, claim_id)
WHERE p.n = 1;

-- Episodes: triggers in order per member and payer; one starting inside the open episode's
-- window is absorbed, any other opens a new episode.
CREATE TEMP TABLE episodes AS
WITH RECURSIVE ordered AS (
  SELECT *, row_number() OVER (
    PARTITION BY member_id, payer_id ORDER BY anchor_first, anchor_last, claim_id) AS k
  FROM triggers
),
walk AS (
  SELECT member_id, payer_id, k, claim_id AS trigger_claim, anchor_first,
    anchor_last + 89 AS window_last, true AS opens
  FROM ordered WHERE k = 1
  UNION ALL
  SELECT o.member_id, o.payer_id, o.k,
    CASE WHEN o.anchor_first <= w.window_last THEN w.trigger_claim ELSE o.claim_id END,
    CASE WHEN o.anchor_first <= w.window_last THEN w.anchor_first ELSE o.anchor_first END,
    CASE WHEN o.anchor_first <= w.window_last THEN w.window_last ELSE o.anchor_last + 89 END,
    o.anchor_first > w.window_last
  FROM walk w
  JOIN ordered o ON o.member_id = w.member_id AND o.payer_id = w.payer_id AND o.k = w.k + 1
)
SELECT member_id, payer_id, trigger_claim, anchor_first, window_last FROM walk WHERE opens;

-- The lines of each window, with what each counts after the exclusions and proration.
CREATE TEMP TABLE counted AS
SELECT e.trigger_claim, l.cents,
  CASE
    WHEN l.claim_type IN ('snf', 'hospice') AND l.t > e.window_last THEN
      (2 * l.cents * (date_diff('day', l.f, e.window_last) + 1) + date_diff('day', l.f, l.t) + 1)
        // (2 * (date_diff('day', l.f, l.t) + 1))
    ELSE l.cents
  END AS allocated
FROM episodes e
JOIN g l ON l.member_id = e.member_id AND l.payer_id = e.payer_id
  AND l.f BETWEEN e.anchor_first AND e.window_last
WHERE l.claim_type <> 'pharmacy'
  AND NOT (l.claim_type = 'inpatient' AND l.claim_id <> e.trigger_claim
    AND EXISTS (SELECT 1 FROM excluded_drgs x WHERE l.drg BETWEEN x.lo AND x.hi));

SELECT 'LEJR-' || e.trigger_claim AS episode_id,
  count(c.allocated) AS claim_lines,
  coalesce(sum(c.allocated), 0) AS allowed_cents
FROM episodes e LEFT JOIN counted c USING (trigger_claim)
GROUP BY e.trigger_claim
ORDER BY episode_id;
