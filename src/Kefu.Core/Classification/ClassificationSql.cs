using System.Globalization;
using System.Text;

namespace Kefu.Core.Classification;

/// <summary>
/// The set-based SQL of classification for both providers. Values written into the text are validated numbers, dates,
/// identifiers and quoted codes (never free user text), so statements stay simple to read in a database log.
/// Windows of dates start at midnight of the business date in <paramref name="zone"/> (the organisation's; UTC when not given).
/// </summary>
public sealed class ClassificationSql(bool postgres, TimeZoneInfo? zone = null)
{
    public const string MetricColumns =
        "\"CustomerId\", \"RunId\", \"Revenue\", \"Purchases\", \"MaxSinglePurchase\", \"LifetimeRevenue\", \"LifetimePurchases\", " +
        "\"FirstPurchase\", \"LastPurchase\", \"DaysSinceFirstPurchase\", \"DaysSinceLastPurchase\", \"MeanIntervalDays\", " +
        "\"Requests\", \"Visits\", \"Complaints\", \"ItemUnits\", \"CostToServe\", \"Profit\", \"ConsecutivePurchases\"";

    public bool Postgres => postgres;

    public static string Text(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    public string Uuid(Guid g) => postgres ? $"'{g}'::uuid" : $"'{g.ToString().ToUpperInvariant()}'";

    public string Date(DateOnly d) => postgres
        ? $"DATE '{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'"
        : $"'{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    public string Instant(DateTime t) => postgres
        ? $"TIMESTAMPTZ '{t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'"
        : $"'{t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)}'";

    /// <summary>Whole days from <paramref name="from"/> to <paramref name="to"/> (date expressions).</summary>
    public string Days(string to, string from) => postgres ? $"({to} - {from})" : $"CAST(julianday({to}) - julianday({from}) AS INTEGER)";

    /// <summary>A decimal column as a number (SQLite keeps decimals as text).</summary>
    public string Num(string column) => postgres ? column : $"CAST({column} AS REAL)";

    /// <summary>
    /// One row per customer: a single pass over transactions (window and lifetime aggregates together), one over service requests
    /// in the window and one over their items; cost to serve and profit from <paramref name="costs"/>. Columns as <see cref="MetricColumns"/>.
    /// </summary>
    public string MetricsSelect(Guid runId, DateOnly today, CostSettings costs, bool consecutive = true, CustomerRange? range = null)
    {
        string In(string column) => range is CustomerRange r ? r.Condition(this, column) : "1 = 1";
        var from = today.AddMonths(-costs.WindowMonths);
        var fromInstant = zone is null
            ? from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
        var complaintTypes = costs.ComplaintTypeCodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var complaintIn = complaintTypes.Length == 0 ? "NULL" : string.Join(", ", complaintTypes.Select(Text));
        var amount = Num("\"Amount\"");
        var inWindow = $"\"Date\" >= {Date(from)}";
        var d = Date(today);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            SELECT x."CustomerId", x."RunId", x."Revenue", x."Purchases", x."MaxSinglePurchase", x."LifetimeRevenue", x."LifetimePurchases",
              x."FirstPurchase", x."LastPurchase", x."DaysSinceFirstPurchase", x."DaysSinceLastPurchase", x."MeanIntervalDays",
              x."Requests", x."Visits", x."Complaints", x."ItemUnits", x."CostToServe", x."Revenue" - x."CostToServe" AS "Profit",
              x."ConsecutivePurchases"
            FROM (
              SELECT c."Id" AS "CustomerId", {Uuid(runId)} AS "RunId",
                COALESCE(t.revenue, 0) AS "Revenue", COALESCE(t.purchases, 0) AS "Purchases", COALESCE(t.max_single, 0) AS "MaxSinglePurchase",
                COALESCE(t.lt_revenue, 0) AS "LifetimeRevenue", COALESCE(t.lt_purchases, 0) AS "LifetimePurchases",
                t.first_date AS "FirstPurchase", t.last_date AS "LastPurchase",
                {Days(d, "t.first_date")} AS "DaysSinceFirstPurchase", {Days(d, "t.last_date")} AS "DaysSinceLastPurchase",
                CASE WHEN t.lt_purchases > 1 THEN {Days("t.last_date", "t.first_date")} * 1.0 / (t.lt_purchases - 1) END AS "MeanIntervalDays",
                COALESCE(s.requests, 0) AS "Requests", COALESCE(s.visits, 0) AS "Visits", COALESCE(s.complaints, 0) AS "Complaints",
                COALESCE(i.units, 0) AS "ItemUnits",
                COALESCE(s.requests, 0) * {SchemeSettings.Number(costs.CostPerRequest)} + COALESCE(s.visits, 0) * {SchemeSettings.Number(costs.CostPerVisit)}
                  + COALESCE(s.complaints, 0) * {SchemeSettings.Number(costs.CostPerComplaint)} + COALESCE(i.units, 0) * {SchemeSettings.Number(costs.CostPerItemUnit)} AS "CostToServe",
                {(consecutive ? "COALESCE(cm.months, 0)" : "CAST(NULL AS INTEGER)")} AS "ConsecutivePurchases"
              FROM customers c
              LEFT JOIN (
                SELECT "CustomerId" AS cid,
                  SUM({amount}) FILTER (WHERE {inWindow}) AS revenue,
                  COUNT(*) FILTER (WHERE {inWindow}) AS purchases,
                  MAX({amount}) FILTER (WHERE {inWindow}) AS max_single,
                  SUM({amount}) AS lt_revenue, COUNT(*) AS lt_purchases, MIN("Date") AS first_date, MAX("Date") AS last_date
                FROM transactions WHERE {In("\"CustomerId\"")} GROUP BY "CustomerId") t ON t.cid = c."Id"
              LEFT JOIN (
                SELECT "CustomerId" AS cid, COUNT(*) AS requests,
                  SUM(CASE WHEN "WorkCentreId" IS NOT NULL THEN 1 ELSE 0 END) AS visits,
                  SUM(CASE WHEN "TypeCode" IN ({complaintIn}) THEN 1 ELSE 0 END) AS complaints
                FROM service_requests WHERE "CreatedAt" >= {Instant(fromInstant)} AND "MergedIntoId" IS NULL AND {In("\"CustomerId\"")}
                GROUP BY "CustomerId") s ON s.cid = c."Id"
              LEFT JOIN (
                SELECT it."CustomerId" AS cid, SUM({Num("it.\"Quantity\"")}) AS units
                FROM service_request_items it JOIN service_requests r ON r."Id" = it."RequestId"
                WHERE r."CreatedAt" >= {Instant(fromInstant)} AND r."MergedIntoId" IS NULL AND it."Quantity" IS NOT NULL AND {In("it.\"CustomerId\"")}
                GROUP BY it."CustomerId") i ON i.cid = c."Id"
              {(consecutive ? $"LEFT JOIN ({ConsecutiveMonths("transactions", from, In("\"CustomerId\""))}) cm ON cm.cid = c.\"Id\"" : "")}
              WHERE {In("c.\"Id\"")}
            ) x
            """);
        return sb.ToString();
    }

    /// <summary>
    /// <c>consecutive_purchases</c> (gaps and islands): per customer (<c>cid</c>), the longest run of consecutive calendar months
    /// (<c>months</c>) from <paramref name="from"/> on that each hold at least one row of <paramref name="source"/>
    /// (a table or parenthesised query with <c>"CustomerId"</c> and <c>"Date"</c>). Distinct purchase months are numbered
    /// year × 12 + month; within one run of consecutive months, the month number minus its row number is constant.
    /// </summary>
    public string ConsecutiveMonths(string source, DateOnly from, string condition = "1 = 1")
    {
        var month = postgres
            ? "(CAST(EXTRACT(YEAR FROM \"Date\") AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM \"Date\") AS INTEGER))"
            : "(CAST(strftime('%Y', \"Date\") AS INTEGER) * 12 + CAST(strftime('%m', \"Date\") AS INTEGER))";
        return $"""
            SELECT cid, MAX(len) AS months FROM (
              SELECT cid, COUNT(*) AS len FROM (
                SELECT cid, mon - ROW_NUMBER() OVER (PARTITION BY cid ORDER BY mon) AS island FROM (
                  SELECT DISTINCT "CustomerId" AS cid, {month} AS mon FROM {source} src WHERE "Date" >= {Date(from)} AND {condition}) months) numbered
              GROUP BY cid, island) islands
            GROUP BY cid
            """;
    }

    /// <summary>
    /// Replaces the metrics table with a fresh snapshot. <c>consecutive_purchases</c> costs a second pass over the window's purchases
    /// (gaps and islands), so it is computed only when <paramref name="consecutive"/> (a scheme reads it); otherwise it is null.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL the table (unlogged: a snapshot the next run rebuilds) is truncated (no dead rows left behind, unlike a DELETE of
    /// every row) and analysed after the insert, so the planner knows its size for the per-scheme joins. Statement 1 is the insert
    /// (its row count is the customer count).
    /// </remarks>
    public IReadOnlyList<string> RefreshMetrics(Guid runId, DateOnly today, CostSettings costs, bool consecutive = true) => postgres
        ?
        [
            "TRUNCATE customer_metrics",
            $"INSERT INTO customer_metrics ({MetricColumns})\n{MetricsSelect(runId, today, costs, consecutive)}",
            "ANALYZE customer_metrics",
        ]
        :
        [
            "DELETE FROM customer_metrics",
            $"INSERT INTO customer_metrics ({MetricColumns})\n{MetricsSelect(runId, today, costs, consecutive)}",
        ];

    /// <summary>PostgreSQL: fills the (truncated) metrics table with the customers of one range; parts run side by side.</summary>
    public string InsertMetrics(Guid runId, DateOnly today, CostSettings costs, bool consecutive, CustomerRange range) =>
        $"INSERT INTO customer_metrics ({MetricColumns})\n{MetricsSelect(runId, today, costs, consecutive, range)}";

    /// <summary>Whether an assignment statement reads <c>consecutive_purchases</c>.</summary>
    public static bool ReadsConsecutive(string assignSql) => assignSql.Contains("\"ConsecutivePurchases\"", StringComparison.Ordinal);

    /// <summary>
    /// PostgreSQL, per transaction of a run: no JIT. Compiling the metrics statement's many expressions cost seconds, more than the
    /// time it could save on a statement that is mostly hashing and sorting.
    /// </summary>
    public const string NoJit = "SELECT set_config('jit', 'off', true)";

    /// <summary><c>SELECT "CustomerId", cls FROM customer_metrics …</c>: the class of each customer by the scheme (rows with a null class have none).</summary>
    /// <remarks>An ABC scheme with its own window reads the transactions since <paramref name="today"/> minus its months in the
    /// dialect of <paramref name="postgres"/>.</remarks>
    public static AssignSql Assign(SchemeKind kind, object settings, bool postgres = false, DateOnly today = default) => settings switch
    {
        AbcSettings a => new(Abc(a, new ClassificationSql(postgres), today), []),
        ThresholdSettings t => new(Threshold(t), []),
        LifecycleSettings l => new(LifecycleSql(l), []),
        RuleSettings r => ClassificationRules.Compile(r),
        _ => throw new InvalidOperationException($"Scheme kind {kind} has no settings of its kind."),
    };

    private static string Abc(AbcSettings a, ClassificationSql sql, DateOnly today)
    {
        var v = "m.\"" + Metrics.Columns[a.Measure] + "\"";
        var source = "customer_metrics m";
        if (a.WindowMonths is int months)
        {
            if (today == default)
            {
                throw new ArgumentException("An ABC scheme with its own window needs today's date.", nameof(today));
            }

            var amount = sql.Num("\"Amount\"");
            var measure = a.Measure switch
            {
                "revenue" => $"SUM({amount})",
                "purchases" => "COUNT(*)",
                "maxSinglePurchase" => $"MAX({amount})",
                _ => throw new InvalidOperationException($"ABC measure '{a.Measure}' has no own window."),
            };
            source = $"""
                customer_metrics m LEFT JOIN (
                  SELECT "CustomerId" AS cid, {measure} AS w FROM transactions WHERE "Date" >= {sql.Date(today.AddMonths(-months))} GROUP BY "CustomerId") own
                  ON own.cid = m."CustomerId"
                """;
            v = "own.w";
        }

        // The share held by customers strictly before (a higher value; equal values are one group): the running sum up to and
        // including the customer's group minus the group's own sum. Peers share one value, so the group's sum is the weight times
        // the group's size (count up to and including the group minus the rows before it, i.e. rank − 1). All three follow the one
        // default frame of one ORDER BY: a single streaming pass after one sort. Frames that end at the current row's group but
        // start there too, or span the whole set (OVER ()), buffer the whole million rows and spilled to disk at the default
        // work_mem (5 GB of temporary reads for 1,000,000 customers); the total is therefore summed once from the CTE. Customers
        // without a positive value (every non-buyer) would form one huge group of equal values that the frame buffers as a whole;
        // they weigh nothing and always get the rest class, so `tie` (null for buyers) splits them into groups of one.
        var weight = a.Basis == "count" ? "pos_count" : "pos";
        var share = $"(SUM({weight}) OVER byValue - {weight} * (COUNT(*) OVER byValue - RANK() OVER byValue + 1)) * 1.0 / NULLIF((SELECT SUM({weight}) FROM ranked), 0)";
        var cases = new StringBuilder();
        foreach (var cut in a.Cuts)
        {
            cases.Append(CultureInfo.InvariantCulture, $" WHEN share < {SchemeSettings.Number(cut.UpTo)} THEN {Text(cut.Class)}");
        }

        return $"""
            SELECT "CustomerId", CASE WHEN v <= 0 OR share IS NULL THEN {Text(a.Rest)}{cases} ELSE {Text(a.Rest)} END AS cls
            FROM (
              WITH ranked AS (
                SELECT m."CustomerId", COALESCE({v}, 0) AS v,
                  CASE WHEN COALESCE({v}, 0) > 0 THEN COALESCE({v}, 0) ELSE 0 END AS pos,
                  CASE WHEN COALESCE({v}, 0) > 0 THEN 1 ELSE 0 END AS pos_count,
                  CASE WHEN COALESCE({v}, 0) > 0 THEN NULL ELSE m."CustomerId" END AS tie
                FROM {source})
              SELECT "CustomerId", v, {share} AS share
              FROM ranked WINDOW byValue AS (ORDER BY v DESC, tie)) shared
            """;
    }

    private static string Threshold(ThresholdSettings t)
    {
        var cases = new StringBuilder();
        foreach (var rule in t.Rules)
        {
            var conditions = (rule.Min ?? new Dictionary<string, decimal>()).Select(kv => $"COALESCE(m.\"{Metrics.Columns[kv.Key]}\", 0) >= {SchemeSettings.Number(kv.Value)}")
                .Concat((rule.Max ?? new Dictionary<string, decimal>()).Select(kv => $"COALESCE(m.\"{Metrics.Columns[kv.Key]}\", 0) <= {SchemeSettings.Number(kv.Value)}"))
                .ToList();
            cases.Append(CultureInfo.InvariantCulture, $" WHEN {(conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions))} THEN {Text(rule.Class)}");
        }

        return $"SELECT m.\"CustomerId\", CASE{cases} ELSE {Text(t.Otherwise)} END AS cls FROM customer_metrics m";
    }

    private static string LifecycleSql(LifecycleSettings l)
    {
        var interval = $"CASE WHEN m.\"LifetimePurchases\" > 1 THEN (CASE WHEN m.\"MeanIntervalDays\" < {l.MinIntervalDays} THEN {l.MinIntervalDays} ELSE m.\"MeanIntervalDays\" END) ELSE {l.SinglePurchaseIntervalDays} END";
        var loyalDays = l.LoyalMinMonths * 30;
        return $"""
            SELECT m."CustomerId", CASE
              WHEN m."LifetimePurchases" = 0 THEN {Text(Lifecycle.Potential)}
              WHEN m."DaysSinceLastPurchase" > {SchemeSettings.Number(l.LostFactor)} * ({interval}) THEN {Text(Lifecycle.Lost)}
              WHEN m."DaysSinceLastPurchase" > {SchemeSettings.Number(l.AtRiskFactor)} * ({interval}) THEN {Text(Lifecycle.AtRisk)}
              WHEN m."DaysSinceFirstPurchase" <= {l.NewDays} THEN {Text(Lifecycle.New)}
              WHEN m."LifetimePurchases" >= {l.LoyalMinPurchases} AND m."DaysSinceFirstPurchase" - m."DaysSinceLastPurchase" >= {loyalDays} THEN {Text(Lifecycle.Loyal)}
              ELSE {Text(Lifecycle.Active)} END AS cls
            FROM customer_metrics m
            """;
    }

    /// <summary>
    /// SQLite: stages the scheme's new classes (statement 1 takes the assignment's parameters), then builds the temporary table
    /// <c>class_diff</c> (<c>cid</c>, <c>old_cls</c>, <c>new_cls</c>) of the customers whose class changes, for <see cref="DiffWrites"/>;
    /// <see cref="DropDiff"/> cleans up. Run inside one transaction.
    /// </summary>
    public static IReadOnlyList<string> Diff(string scheme, string assignSql)
    {
        var s = Text(scheme);
        return
        [
            $"DELETE FROM classification_staging WHERE \"SchemeCode\" = {s}",
            $"INSERT INTO classification_staging (\"SchemeCode\", \"CustomerId\", \"ClassCode\") SELECT {s}, a.\"CustomerId\", a.cls FROM ({assignSql}) a WHERE a.cls IS NOT NULL",
            "DROP TABLE IF EXISTS temp.class_diff",
            $"""
            CREATE TEMP TABLE class_diff AS
            SELECT n."CustomerId" AS cid, o."ClassCode" AS old_cls, n."ClassCode" AS new_cls
            FROM classification_staging n LEFT JOIN customer_classes o ON o."CustomerId" = n."CustomerId" AND o."SchemeCode" = {s}
            WHERE n."SchemeCode" = {s} AND (o."ClassCode" IS NULL OR o."ClassCode" <> n."ClassCode")
            UNION ALL
            SELECT o."CustomerId", o."ClassCode", NULL
            FROM customer_classes o
            WHERE o."SchemeCode" = {s} AND NOT EXISTS (SELECT 1 FROM classification_staging n WHERE n."SchemeCode" = {s} AND n."CustomerId" = o."CustomerId")
            """,
        ];
    }

    /// <summary>SQLite: what <see cref="Diff"/> leaves behind.</summary>
    public static IReadOnlyList<string> DropDiff(string scheme) =>
        [$"DELETE FROM classification_staging WHERE \"SchemeCode\" = {Text(scheme)}", "DROP TABLE temp.class_diff"];

    /// <summary>
    /// PostgreSQL: the temporary table <c>class_diff</c> of the differences, then analysed, so that the writes are planned on its
    /// true size: a nightly run with a few thousand changes updates them through the primary key, while the first run (a million
    /// changes) hashes. (As one statement the differences were a CTE the planner took to be as large as the scheme, so every run
    /// with any change hashed all of the scheme's current classes.) The new classes are joined once (a full join) with the
    /// current ones. The first statement takes the assignment's parameters.
    /// </summary>
    public static IReadOnlyList<string> DiffPostgres(string scheme, string assignSql)
    {
        var s = Text(scheme);
        return
        [
            $"""
            CREATE TEMP TABLE class_diff ON COMMIT DROP AS
            WITH n AS MATERIALIZED (SELECT a."CustomerId", a.cls FROM ({assignSql}) a WHERE a.cls IS NOT NULL)
            SELECT COALESCE(n."CustomerId", o."CustomerId") AS cid, o."ClassCode" AS old_cls, n.cls AS new_cls
            FROM n FULL JOIN (SELECT "CustomerId", "ClassCode" FROM customer_classes WHERE "SchemeCode" = {s}) o ON o."CustomerId" = n."CustomerId"
            WHERE o."ClassCode" IS DISTINCT FROM n.cls
            ORDER BY cid
            """,
            "ANALYZE class_diff",
        ];
    }

    /// <summary>
    /// Applies <c>class_diff</c> (both providers), each write audited per row by <see cref="Audit.SetAudit"/>: history rows for
    /// every difference, then the current classes removed, updated or inserted (disjoint rows).
    /// </summary>
    public DiffWriteSql DiffWrites(string scheme, Guid runId, DateTime now)
    {
        var s = Text(scheme);
        var run = Uuid(runId);
        var at = Instant(now);
        return new(
            History: $"SELECT d.cid, {s}, d.old_cls, d.new_cls, {run}, {at} FROM class_diff d ORDER BY d.new_cls IS NULL, d.cid",
            Removed: $"t.\"SchemeCode\" = {s} AND t.\"CustomerId\" IN (SELECT d.cid FROM class_diff d WHERE d.new_cls IS NULL)",
            Changed: $"t.\"SchemeCode\" = {s} AND t.\"CustomerId\" = d.cid AND d.old_cls IS NOT NULL AND d.new_cls IS NOT NULL",
            ChangedSet: [("ClassCode", "d.new_cls"), ("Since", at), ("RunId", run)],
            Added: $"SELECT d.cid, {s}, d.new_cls, {at}, {run} FROM class_diff d WHERE d.old_cls IS NULL");
    }

    /// <summary>How many current classes of the scheme are not among its defined classes (a run with any fails).</summary>
    public static string UndefinedClasses(string scheme) =>
        $"""
        SELECT COUNT(*) AS "Value" FROM customer_classes o
        WHERE o."SchemeCode" = {Text(scheme)} AND NOT EXISTS (SELECT 1 FROM classification_classes k WHERE k."SchemeCode" = {Text(scheme)} AND k."Code" = o."ClassCode")
        """;

    /// <summary>Per class: customers entering, leaving and staying if <paramref name="assignSql"/> were applied now (metrics computed on the fly).</summary>
    public static string Preview(string scheme, string assignSql, string metricsSelect)
    {
        var s = Text(scheme);
        return $"""
            WITH customer_metrics AS ({metricsSelect}),
            n AS (SELECT a."CustomerId", a.cls FROM ({assignSql}) a WHERE a.cls IS NOT NULL),
            o AS (SELECT "CustomerId", "ClassCode" AS cls FROM customer_classes WHERE "SchemeCode" = {s})
            SELECT cls AS "Class", CAST(SUM(entering) AS INTEGER) AS "Entering", CAST(SUM(leaving) AS INTEGER) AS "Leaving", CAST(SUM(staying) AS INTEGER) AS "Staying"
            FROM (
              SELECT n.cls, CASE WHEN o.cls IS NULL OR o.cls <> n.cls THEN 1 ELSE 0 END AS entering, 0 AS leaving,
                CASE WHEN o.cls = n.cls THEN 1 ELSE 0 END AS staying
              FROM n LEFT JOIN o ON o."CustomerId" = n."CustomerId"
              UNION ALL
              SELECT o.cls, 0, 1, 0 FROM o LEFT JOIN n ON n."CustomerId" = o."CustomerId" WHERE n.cls IS NULL OR n.cls <> o.cls
            ) d
            GROUP BY cls
            """;
    }
}

/// <summary>The audited writes of a scheme's differences (<see cref="ClassificationSql.DiffWrites"/>): SQL over <c>class_diff d</c>.</summary>
/// <param name="History">The <c>SELECT</c> of the <c>class_changes</c> rows (<see cref="HistoryColumns"/>).</param>
/// <param name="Removed">Which <c>customer_classes t</c> to delete.</param>
/// <param name="Changed">Which <c>customer_classes t</c> to update, joined with <c>class_diff d</c>, with <paramref name="ChangedSet"/>.</param>
/// <param name="Added">The <c>SELECT</c> of the new <c>customer_classes</c> rows (<see cref="ClassColumns"/>).</param>
public sealed record DiffWriteSql(string History, string Removed, string Changed, IReadOnlyList<(string Property, string Value)> ChangedSet, string Added)
{
    public const string HistoryColumns = "\"CustomerId\", \"SchemeCode\", \"FromClass\", \"ToClass\", \"RunId\", \"At\"";

    public const string ClassColumns = "\"CustomerId\", \"SchemeCode\", \"ClassCode\", \"Since\", \"RunId\"";
}

/// <summary>Customers whose id is at least <see cref="From"/> and below <see cref="To"/> (null: unbounded).</summary>
public readonly record struct CustomerRange(Guid? From, Guid? To)
{
    public string Condition(ClassificationSql sql, string column)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parts = new List<string>();
        if (From is Guid from)
        {
            parts.Add($"{column} >= {sql.Uuid(from)}");
        }

        if (To is Guid to)
        {
            parts.Add($"{column} < {sql.Uuid(to)}");
        }

        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
    }
}
