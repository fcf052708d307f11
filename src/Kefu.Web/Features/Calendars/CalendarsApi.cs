using Kefu.Core.Calendars;
using Kefu.Core.Common;
using Kefu.Core.Files;
using Kefu.Core.Security;
using Kefu.Web.Features.Shared;
using Kefu.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kefu.Web.Features.Calendars;

public sealed record DueResponse(DateTimeOffset Due);

public static class CalendarsApi
{
    /// <summary>Import files larger than this are refused (a year of holidays is a few kilobytes).</summary>
    public const int MaxImportBytes = 1024 * 1024;

    public static void MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/v1/calendars").WithTags("Calendars").RequireAuthorization(KefuHost.StaffPolicy);
        calendars.MapGet("/", async (CalendarService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .WithSummary("Business calendars (SLA-2): weekly hours or 24×7, time zone, holiday sets, assigned units")
            .Allow(Roles.Staff);
        calendars.MapGet("/{code}", async (string code, CalendarService s, CancellationToken ct) => (await s.GetAsync(code, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff);
        calendars.MapPost("/", async (CalendarInput body, Caller caller, CalendarService s, CancellationToken ct) =>
                (await s.CreateAsync(caller, body, ct)).Match(c => TypedResults.Created($"/api/v1/calendars/{c.Code}", c)))
            .Allow(Roles.Administrator);
        calendars.MapPut("/{code}", async (string code, CalendarInput body, Caller caller, CalendarService s, CancellationToken ct) =>
                (await s.UpdateAsync(caller, code, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Replace a calendar's names, zone, hours, holiday sets and units; send the version you read")
            .Allow(Roles.Administrator);
        calendars.MapDelete("/{code}", async (string code, int? version, Caller caller, CalendarService s, CancellationToken ct) =>
                version is int v
                    ? (await s.DeleteAsync(caller, code, v, ct)).Match(_ => TypedResults.NoContent())
                    : Error.Validation("version", "Required: the version you read.").ToProblem())
            .Allow(Roles.Administrator);
        calendars.MapGet("/{code}/add-working-time", async (string code, string? start, string? minutes, CalendarService s, CancellationToken ct) =>
                (await s.AddWorkingTimeAsync(code, PlusFromQuery(start), minutes, ct)).Match(due => TypedResults.Ok(new DueResponse(due))))
            .WithSummary("When is `minutes` working time after `start` (ISO 8601 with offset) due? Answered in the calendar's zone")
            .Allow(Roles.Staff);

        var sets = app.MapGroup("/api/v1/holiday-sets").WithTags("Calendars").RequireAuthorization(KefuHost.StaffPolicy);
        sets.MapGet("/", async (HolidaySetService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .WithSummary("Holiday sets: public holidays and make-up workdays (调休)")
            .Allow(Roles.Staff);
        sets.MapGet("/{code}", async (string code, HolidaySetService s, CancellationToken ct) => (await s.GetAsync(code, ct)).Match(TypedResults.Ok))
            .Allow(Roles.Staff);
        sets.MapPost("/", async (HolidaySetInput body, Caller caller, HolidaySetService s, CancellationToken ct) =>
                (await s.CreateAsync(caller, body, ct)).Match(x => TypedResults.Created($"/api/v1/holiday-sets/{x.Code}", x)))
            .Allow(Roles.Administrator);
        sets.MapPut("/{code}", async (string code, HolidaySetInput body, Caller caller, HolidaySetService s, CancellationToken ct) =>
                (await s.UpdateAsync(caller, code, body, ct)).Match(TypedResults.Ok))
            .WithSummary("Replace a set's names and entries; send the version you read")
            .Allow(Roles.Administrator);
        sets.MapDelete("/{code}", async (string code, int? version, Caller caller, HolidaySetService s, CancellationToken ct) =>
                version is int v
                    ? (await s.DeleteAsync(caller, code, v, ct)).Match(_ => TypedResults.NoContent())
                    : Error.Validation("version", "Required: the version you read.").ToProblem())
            .Allow(Roles.Administrator);
        sets.MapPost("/{code}/import", Import).DisableAntiforgery()
            .WithSummary("Import a CSV (date,kind,name) or iCalendar file: multipart field 'file' or the raw body; ?replace=true, ?dryRun=true")
            .Allow(Roles.Administrator);
    }

    /// <summary>An unencoded '+' of an offset arrives as a space in a query string; put it back.</summary>
    private static string? PlusFromQuery(string? value) => value?.Trim().Replace(' ', '+');

    private static async Task<Results<Ok<HolidayImportResult>, ApiProblem>> Import(
        string code, bool? replace, bool? dryRun, int? version, HttpRequest request, Caller caller, HolidaySetService s, CancellationToken ct)
    {
        var text = await ReadFileAsync(request, ct);
        if (text is null)
        {
            return Error.Validation("file", $"Send at most {MaxImportBytes / 1024} KiB of text.").ToProblem();
        }

        return (await s.ImportAsync(caller, code, text, replace ?? false, dryRun ?? false, version, ct)).Match(TypedResults.Ok);
    }

    internal static async Task<string?> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxImportBytes)
        {
            return null;
        }

        Stream body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null)
            {
                return "";
            }

            if (file.Length > MaxImportBytes)
            {
                return null;
            }

            body = file.OpenReadStream();
        }
        else
        {
            body = request.Body;
        }

        await using (body)
        {
            var buffer = new byte[MaxImportBytes + 1];
            var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            return read > MaxImportBytes ? null : TextFiles.Decode(buffer.AsSpan(0, read));
        }
    }
}
