using System.Globalization;
using System.Text;
using Kefu.Core.Common;
using Kefu.Core.Security;
using MiniExcelLibs;

namespace Kefu.Core.ServiceRequests;

/// <summary>A column of the request list: its key (used in views and exports), zh-CN/en headers and value.</summary>
public sealed record ListColumn(string Key, string HeaderZh, string HeaderEn, Func<ServiceRequestListItem, object?> Value);

/// <summary>The columns of the request list, and exports of a filtered list to CSV and Excel (SRQ-8, RPT-2).</summary>
public sealed class RequestListExport(ServiceRequestService requests)
{
    public const int MaxRows = 100_000;

    public static readonly IReadOnlyList<ListColumn> Columns =
    [
        new("number", "通知单号", "Number", r => r.Number),
        new("type", "类型", "Type", r => r.Type),
        new("shortText", "描述", "Description", r => r.ShortText),
        new("customerNumber", "客户编号", "Customer number", r => r.CustomerNumber),
        new("customerName", "客户", "Customer", r => r.CustomerName),
        new("userStatus", "用户状态", "User status", r => r.UserStatus),
        new("systemStatus", "系统状态", "System status", r => Customers.EnumNames.ToApi(r.SystemStatus)),
        new("urgency", "紧急程度", "Urgency", r => Customers.EnumNames.ToApi(r.Urgency)),
        new("responsibilityCentre", "责任中心", "Responsibility centre", r => r.ResponsibilityCentreName),
        new("workCentre", "工作中心", "Work centre", r => r.WorkCentreName),
        new("responsiblePerson", "负责人", "Responsible person", r => r.ResponsiblePersonName),
        new("requiredStart", "要求开始", "Required start", r => r.RequiredStart),
        new("expectedEnd", "预计结束", "Expected end", r => r.ExpectedEnd),
        new("createdAt", "创建时间", "Created", r => r.CreatedAt),
        new("slaState", "SLA 状态", "SLA state", r => r.SlaState is Sla.SlaState s ? Customers.EnumNames.ToApi(s) : null),
        new("slaDue", "SLA 到期", "SLA due", r => r.SlaDueAt),
        new("greenChannel", "绿色通道", "Green channel", r => r.GreenChannel ? "是 / yes" : ""),
    ];

    public static readonly IReadOnlyList<string> DefaultColumns =
        ["number", "type", "shortText", "customerName", "userStatus", "systemStatus", "urgency", "workCentre", "createdAt"];

    /// <summary>Checks a column choice; null or empty means the default columns.</summary>
    public static Result<IReadOnlyList<ListColumn>> Choose(IReadOnlyList<string>? keys)
    {
        var chosen = keys is { Count: > 0 } ? keys : DefaultColumns;
        var unknown = chosen.FirstOrDefault(k => Columns.All(c => c.Key != k));
        if (unknown is not null)
        {
            return Error.Validation("columns", $"Unknown column '{unknown}'. Columns: {string.Join(", ", Columns.Select(c => c.Key))}.");
        }

        return chosen.Distinct(StringComparer.Ordinal).Select(k => Columns.Single(c => c.Key == k)).ToList();
    }

    public async Task<Result<Unit>> WriteCsvAsync(
        Caller caller, ServiceRequestQuery query, IReadOnlyList<ListColumn> columns, bool english, Stream output, CancellationToken ct = default)
    {
        // UTF-8 with BOM so Excel opens Chinese text correctly; CRLF as RFC 4180 asks.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(",", columns.Select(c => Csv(english ? c.HeaderEn : c.HeaderZh))));
        var result = await ForEachAsync(caller, query, async row =>
            await writer.WriteLineAsync(string.Join(",", columns.Select(c => Csv(Format(c.Value(row)))))), ct);
        await writer.FlushAsync(ct);
        return result;
    }

    public async Task<Result<Unit>> WriteExcelAsync(
        Caller caller, ServiceRequestQuery query, IReadOnlyList<ListColumn> columns, bool english, Stream output, CancellationToken ct = default)
    {
        var rows = new List<Dictionary<string, object?>>();
        var result = await ForEachAsync(caller, query, row =>
        {
            rows.Add(columns.ToDictionary(c => english ? c.HeaderEn : c.HeaderZh, c => c.Value(row)));
            return Task.CompletedTask;
        }, ct);
        if (!result.IsSuccess)
        {
            return result;
        }

        if (rows.Count == 0)
        {
            rows.Add(columns.ToDictionary(c => english ? c.HeaderEn : c.HeaderZh, _ => (object?)null));
        }

        await output.SaveAsAsync(rows, cancellationToken: ct);
        return Unit.Value;
    }

    /// <summary>Walks the filtered list page by page (keyset), never loading more than one page at a time from the database.</summary>
    private async Task<Result<Unit>> ForEachAsync(Caller caller, ServiceRequestQuery query, Func<ServiceRequestListItem, Task> write, CancellationToken ct)
    {
        var page = query with { Limit = ServiceRequestService.MaxLimit, After = null };
        var written = 0;
        while (true)
        {
            var result = await requests.ListAsync(caller, page, ct);
            if (!result.IsSuccess)
            {
                return result.Error!;
            }

            foreach (var row in result.Value.Items)
            {
                await write(row);
                if (++written >= MaxRows)
                {
                    return Unit.Value;
                }
            }

            if (result.Value.Next is null)
            {
                return Unit.Value;
            }

            page = page with { After = result.Value.Next };
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is neutralised so spreadsheets do not run it as a formula.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
