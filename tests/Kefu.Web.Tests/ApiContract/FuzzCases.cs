using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Kefu.Web.Tests.ApiContract;

/// <summary>One malformed request: which operation, what was broken, and how to build it (a fresh content per send).</summary>
public sealed record FuzzCase(string Operation, string Kind, HttpMethod Method, string Url, Func<HttpContent?> Content, string? IdempotencyKey = null);

/// <summary>
/// Malformed requests generated from the OpenAPI document (issue 19, point 9), so a new endpoint is fuzzed without editing a test:
/// for every operation, from a plausible request (<see cref="ApiDocument.Sample"/>) each field — top level and one level down —
/// gets wrong types, null, goes missing, gets huge, unicode/RTL/NUL/lone-surrogate strings, overflowing numbers, invalid dates and
/// ids, null and foreign list elements, deep nesting; the whole body is replaced by non-JSON, other JSON shapes and other content
/// types; query parameters get injection strings, wrong types and odd encodings; path parameters odd values. Then, with the
/// seed, random combinations of those until the wanted number of cases.
/// </summary>
public static class FuzzCases
{
    private const string Raw = "@@RAW";

    private static readonly string[] Injections =
    [
        "' OR '1'='1", "1; DROP TABLE customers; --", "\" OR \"\"=\"", "<script>alert(1)</script>", "../../../etc/passwd", "%", "_", "\\",
        "${jndi:ldap://example.com/a}", "{{7*7}}", "'; SELECT pg_sleep(3); --", "*)(uid=*))(|(uid=*", "%27%20OR%201%3D1", "null", "[]", "{}",
        "-1", "0", "9999999999999999999999", "' UNION SELECT password_hash FROM users --", "\u0000", "a\u0000b", "\r\nX-Injected: 1",
    ];

    private static readonly string[] Unicode =
    [
        "\u202E\u0627\u0644\u0639\u0631\u0628\u064A\u0629\u202C", "😀👍🏽👨‍👩‍👧", "e\u0301\u0301\u0301", "\u200B\uFEFF\u200D", "\u0001\u0007\u001B\u007F",
        "𠜎𠜱𡃁", "Ω≈ç√∫˜µ≤≥÷", "\u00A0\u2028\u2029", "a\u0000b",
    ];

    private static readonly string[] Dates =
    [
        "2026-02-30", "2026-13-01", "0000-01-01", "0001-01-01", "9999-12-31T23:59:59Z", "2026-01-01T25:61:00", "yesterday", "", "1/2/2026",
        "2026-01-01T00:00:00+14:01", "-2026-01-01", "20260101",
    ];

    /// <summary>Raw JSON tokens for numbers a serializer cannot hold.</summary>
    private static readonly string[] Numbers =
    [
        "1e400", "-1e400", "99999999999999999999999999999999", "2147483648", "-2147483649", "9223372036854775808", "1.5", "-0.0", "1e-400",
        "79228162514264337593543950336", "0.1e1",
    ];

    private static readonly string[] WholeBodies =
    [
        "", "null", "[]", "{}", "{", "not json", "\"text\"", "123", "true", "{\"a\":1,\"a\":2}", "{,}", "/* comment */ {}", "{\"x\":1,}",
        "\uFEFF{}", "[null]", "{\"\u0000\":1}",
    ];

    public static IEnumerable<FuzzCase> Systematic(
        IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> operations, IReadOnlyDictionary<string, Dictionary<string, string>> pathValues)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(pathValues);
        foreach (var (path, method, operation) in operations)
        {
            var op = new Op(path, method, operation, pathValues[path]);
            foreach (var c in BodyCases(op).Concat(ContentTypeCases(op)).Concat(QueryCases(op)).Concat(PathCases(op)).Concat(HeaderCases(op)))
            {
                yield return c;
            }
        }
    }

    /// <summary>A random combination: two or three broken fields of a body, or a broken query with a broken body.</summary>
    public static FuzzCase Combined(
        IReadOnlyList<(string Path, HttpMethod Method, OpenApiOperation Operation)> operations, IReadOnlyDictionary<string, Dictionary<string, string>> pathValues,
        Random random)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(pathValues);
        ArgumentNullException.ThrowIfNull(random);
        var (path, method, operation) = operations[random.Next(operations.Count)];
        var op = new Op(path, method, operation, pathValues[path]);
        var query = op.Query.Count == 0 ? "" : "?" + string.Join("&", op.Query.Where(_ => random.Next(2) == 0)
            .Select(q => q.Name + "=" + Uri.EscapeDataString(Pick(random, ValuesFor(q.Schema)))));
        if (op.Body is not { } schema || schema.Sample() is not { } body)
        {
            return new FuzzCase(op.Name, "random-query", method, op.Url + (query == "?" ? "" : query), () => null);
        }

        var targets = Targets(body, schema).ToList();
        var raws = new List<string>();
        var kinds = new List<string>();
        for (var i = random.Next(2, 4); i > 0 && targets.Count > 0; i--)
        {
            var (at, fieldSchema) = targets[random.Next(targets.Count)];
            var mutations = ValueMutations(fieldSchema).ToList();
            var (kind, value) = mutations[random.Next(mutations.Count)];
            kinds.Add(string.Join(".", at) + ":" + kind);
            body = Set(body, at, value, raws);
        }

        return JsonCase(op, "random " + string.Join(" ", kinds), body, raws, op.Url + (query == "?" ? "" : query));
    }

    private static IEnumerable<FuzzCase> BodyCases(Op op)
    {
        if (op.Body is not { } schema || schema.Sample() is not { } baseline)
        {
            yield break;
        }

        yield return JsonCase(op, "baseline", baseline.DeepClone(), []);
        var huge = false;
        foreach (var (at, fieldSchema) in Targets(baseline, schema))
        {
            var field = string.Join(".", at);
            yield return JsonCase(op, field + ":missing", Remove(baseline.DeepClone(), at), []);
            foreach (var (kind, value) in ValueMutations(fieldSchema))
            {
                // A megabyte per field would cost more than it finds: one per operation, on its first text field.
                if (kind == "1MB")
                {
                    if (huge)
                    {
                        continue;
                    }

                    huge = true;
                }

                var raws = new List<string>();
                yield return JsonCase(op, field + ":" + kind, Set(baseline.DeepClone(), at, value, raws), raws);
            }
        }
    }

    private static IEnumerable<FuzzCase> ContentTypeCases(Op op)
    {
        if (op.Method == HttpMethod.Get || op.Method == HttpMethod.Delete)
        {
            yield break;
        }

        foreach (var body in WholeBodies)
        {
            yield return new FuzzCase(op.Name, "body:" + Describe(body), op.Method, op.Url, () => new StringContent(body, Encoding.UTF8, "application/json"));
        }

        var nested = new string('[', 5000) + new string(']', 5000);
        yield return new FuzzCase(op.Name, "body:deep-array", op.Method, op.Url, () => new StringContent(nested, Encoding.UTF8, "application/json"));
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000);
        yield return new FuzzCase(op.Name, "body:deep-object", op.Method, op.Url, () => new StringContent(objects, Encoding.UTF8, "application/json"));
        var garbage = new string('x', 256 * 1024);
        yield return new FuzzCase(op.Name, "body:256KB-garbage", op.Method, op.Url, () => new StringContent(garbage, Encoding.UTF8, "application/json"));
        var sample = op.Body?.Sample()?.ToJsonString() ?? "{}";
        yield return new FuzzCase(op.Name, "type:text/plain", op.Method, op.Url, () => new StringContent(sample, Encoding.UTF8, "text/plain"));
        yield return new FuzzCase(op.Name, "type:xml", op.Method, op.Url, () => new StringContent("<a><b>1</b></a>", Encoding.UTF8, "application/xml"));
        yield return new FuzzCase(op.Name, "type:form", op.Method, op.Url, () => new StringContent("a=1&file=x&mode=%00&b=%FF", Encoding.UTF8, "application/x-www-form-urlencoded"));
        yield return new FuzzCase(op.Name, "type:none", op.Method, op.Url, () => new ByteArrayContent(Encoding.UTF8.GetBytes(sample)));
        yield return new FuzzCase(op.Name, "type:octets", op.Method, op.Url, () => Bytes([0xFF, 0xFE, 0x00, 0x01, 0xC3, 0x28], "application/octet-stream"));
        yield return new FuzzCase(op.Name, "type:json-utf16", op.Method, op.Url, () => Bytes(Encoding.Unicode.GetBytes(sample), "application/json; charset=utf-16"));
        yield return new FuzzCase(op.Name, "type:json-bad-charset", op.Method, op.Url, () => Bytes(Encoding.UTF8.GetBytes(sample), "application/json; charset=klingon"));
        yield return new FuzzCase(op.Name, "type:json-invalid-utf8", op.Method, op.Url, () => Bytes([.. "{\"a\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8], "application/json"));
        yield return new FuzzCase(op.Name, "type:multipart-binary", op.Method, op.Url, () => Multipart([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x00], "file.xlsx", ("mode", "skip-bad-rows")));
        yield return new FuzzCase(op.Name, "type:multipart-csv", op.Method, op.Url, () => Multipart(
            Encoding.UTF8.GetBytes("客户编号,日期,金额,商品,渠道,支付方式\nC1,2026-02-30,1e400,x,线上,现金\n\"unterminated,\n"), "t.csv", ("mode", "all-or-nothing"), ("dryRun", "maybe")));
        yield return new FuzzCase(op.Name, "type:multipart-ics", op.Method, op.Url, () => Multipart(
            Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:99999999\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n"), "h.ics"));
        yield return new FuzzCase(op.Name, "type:multipart-empty-file", op.Method, op.Url, () => Multipart([], "empty.csv", ("mode", "\u202E")));
        yield return new FuzzCase(op.Name, "type:multipart-no-file", op.Method, op.Url, () => new MultipartFormDataContent { { new StringContent("x"), "mode" } });
        yield return new FuzzCase(op.Name, "type:multipart-no-boundary", op.Method, op.Url, () => Bytes(Encoding.UTF8.GetBytes("--x\r\n\r\n"), "multipart/form-data"));
    }

    private static IEnumerable<FuzzCase> QueryCases(Op op)
    {
        foreach (var (name, schema) in op.Query)
        {
            // Writes run one at a time (their row counts are checked), so they get every other value; reads all of them.
            foreach (var value in ValuesFor(schema).Distinct(StringComparer.Ordinal).Where((_, i) => op.Method == HttpMethod.Get || i % 2 == 0))
            {
                yield return new FuzzCase(op.Name, $"?{name}={Describe(value)}", op.Method, op.Url + "?" + name + "=" + Uri.EscapeDataString(value), op.SampleContent);
            }

            yield return new FuzzCase(op.Name, $"?{name} twice", op.Method, $"{op.Url}?{name}=1&{name}=2", op.SampleContent);
            yield return new FuzzCase(op.Name, $"?{name} raw %", op.Method, $"{op.Url}?{name}=%&{name}%00=1", op.SampleContent);
        }
    }

    private static IEnumerable<FuzzCase> PathCases(Op op)
    {
        foreach (var name in op.PathValues.Keys)
        {
            foreach (var value in Injections.Where((_, i) => i % 3 == 0).Concat(Unicode.Take(3)).Append(new string('x', 2000)).Append("..").Append(" ").Append("not-a-guid")
                         .Where((v, i) => !v.Contains('\0', StringComparison.Ordinal) && (op.Method == HttpMethod.Get || i % 2 == 0)))
            {
                var values = new Dictionary<string, string>(op.PathValues, StringComparer.Ordinal) { [name] = value };
                yield return new FuzzCase(op.Name, $"{{{name}}}={Describe(value)}", op.Method, ApiDocument.FillPath(op.Path, values), op.SampleContent);
            }
        }
    }

    private static IEnumerable<FuzzCase> HeaderCases(Op op)
    {
        if (op.Operation.ParametersIn(ParameterLocation.Header).All(p => p.Name != "Idempotency-Key"))
        {
            yield break;
        }

        foreach (var key in new[] { new string('k', 10_000), "😀\u202E", "a\u0000b", " ", "key" })
        {
            yield return new FuzzCase(op.Name, "Idempotency-Key:" + Describe(key), op.Method, op.Url, op.SampleContent, key);
        }
    }

    /// <summary>Where a body can be broken: each property (top level and one object or list element down) with its schema.</summary>
    private static IEnumerable<(object[] At, IOpenApiSchema Schema)> Targets(JsonNode body, IOpenApiSchema schema, int depth = 0)
    {
        var s = schema.Effective();
        if (body is not JsonObject o || s.Properties is not { Count: > 0 } properties || depth > 1)
        {
            yield break;
        }

        foreach (var (name, property) in properties)
        {
            yield return ([name], property);
            var p = property.Effective();
            if (o[name] is JsonObject)
            {
                foreach (var (at, inner) in Targets(o[name]!, p, depth + 1))
                {
                    yield return ([name, .. at], inner);
                }
            }
            else if (o[name] is JsonArray { Count: > 0 } list && p.Items is { } items)
            {
                foreach (var (at, inner) in Targets(list[0]!, items, depth + 1))
                {
                    yield return ([name, 0, .. at], inner);
                }
            }
        }
    }

    /// <summary>The broken values for a field of this schema: a <c>string</c> starting with <see cref="Raw"/> is written as raw JSON.</summary>
    private static IEnumerable<(string Kind, JsonNode? Value)> ValueMutations(IOpenApiSchema schema)
    {
        var s = schema.Effective();
        yield return ("null", null);
        if (s.Is(JsonSchemaType.Integer) || s.Is(JsonSchemaType.Number))
        {
            yield return ("string", "abc");
            yield return ("bool", true);
            yield return ("object", new JsonObject());
            foreach (var n in Numbers)
            {
                yield return ("number " + n, Raw + n);
            }
        }
        else if (s.Is(JsonSchemaType.Boolean))
        {
            yield return ("string", "yes");
            yield return ("number", 1);
            yield return ("array", new JsonArray());
        }
        else if (s.Is(JsonSchemaType.Array))
        {
            yield return ("string", "x");
            yield return ("object", new JsonObject());
            yield return ("[null]", new JsonArray((JsonNode?)null));
            yield return ("[sample,null]", new JsonArray(s.Items?.Sample(), null));
            yield return ("[number]", new JsonArray(12345));
            yield return ("[[]]", new JsonArray(new JsonArray()));
            yield return ("300 elements", new JsonArray([.. Enumerable.Range(0, 300).Select(_ => s.Items?.Sample(1))]));
            yield return ("deep", Raw + new string('[', 3000) + new string(']', 3000));
        }
        else if (s.Properties is { Count: > 0 } || s.Is(JsonSchemaType.Object))
        {
            yield return ("string", "x");
            yield return ("number", 1);
            yield return ("array", new JsonArray());
            yield return ("deep", Raw + string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000));
        }
        else
        {
            yield return ("number", 12345);
            yield return ("bool", false);
            yield return ("object", new JsonObject());
            yield return ("array", new JsonArray("x"));
            yield return ("empty", "");
            yield return ("20KB", new string('x', 20 * 1024));
            yield return ("1MB", new string('字', 1024 * 1024));
            yield return ("lone-surrogate", Raw + "\"\\ud800x\"");
            foreach (var u in Unicode.Where((_, i) => i is 0 or 1 or 3 or 4 or 7 or 8))
            {
                yield return ("unicode " + Describe(u), u);
            }

            foreach (var v in DatesAndIds(s))
            {
                yield return ("value " + Describe(v), v);
            }

            yield return ("injection", Injections[1]);
        }
    }

    /// <summary>Values for a query parameter: injections, odd encodings and values wrong for its type.</summary>
    private static IEnumerable<string> ValuesFor(IOpenApiSchema? schema)
    {
        var s = schema?.Effective();
        var typed = s is null ? [] : s.Is(JsonSchemaType.Integer) || s.Is(JsonSchemaType.Number)
            ? ["abc", "1.5", "-1", "0", "2147483648", "99999999999999999999", "1e3", "", "NaN", "٣"]
            : s.Is(JsonSchemaType.Boolean) ? ["maybe", "1", "", "TRUE "] : DatesAndIds(s);
        return Injections.Where((_, i) => i % 2 == 0).Concat(Unicode.Take(2)).Concat(typed).Append(new string('q', 16 * 1024));
    }

    private static IEnumerable<string> DatesAndIds(IOpenApiSchema s) => s.Format switch
    {
        "uuid" => ["not-a-guid", "00000000-0000-0000-0000-000000000000", "{0197e1c2-0000-7000-8000-000000000001}"],
        "date" or "date-time" => Dates,
        _ when s.Enum is { Count: > 0 } => ["not-a-value", "", "A"],
        _ => Dates.Take(3),
    };

    private static FuzzCase JsonCase(Op op, string kind, JsonNode? body, List<string> raws, string? url = null)
    {
        var json = body?.ToJsonString() ?? "null";
        for (var i = 0; i < raws.Count; i++)
        {
            json = json.Replace($"\"{Raw}{i}\"", raws[i], StringComparison.Ordinal);
        }

        return new FuzzCase(op.Name, kind, op.Method, url ?? op.Url, () => new StringContent(json, Encoding.UTF8, "application/json"));
    }

    private static JsonNode Set(JsonNode body, object[] at, JsonNode? value, List<string> raws)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith(Raw, StringComparison.Ordinal))
        {
            raws.Add(text[Raw.Length..]);
            value = Raw + (raws.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        var parent = Navigate(body, at[..^1]);
        switch (parent, at[^1])
        {
            case (JsonObject o, string name):
                o[name] = value?.DeepClone();
                break;
            case (JsonArray a, int index) when index < a.Count:
                a[index] = value?.DeepClone();
                break;
        }

        return body;
    }

    private static JsonNode Remove(JsonNode body, object[] at)
    {
        if (Navigate(body, at[..^1]) is JsonObject o && at[^1] is string name)
        {
            o.Remove(name);
        }

        return body;
    }

    private static JsonNode? Navigate(JsonNode? node, object[] at)
    {
        foreach (var step in at)
        {
            node = step switch
            {
                string name when node is JsonObject o => o[name],
                int index when node is JsonArray a && index < a.Count => a[index],
                _ => null,
            };
        }

        return node;
    }

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static MultipartFormDataContent Multipart(byte[] file, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static T Pick<T>(Random random, IEnumerable<T> values)
    {
        var list = values.ToList();
        return list[random.Next(list.Count)];
    }

    private static string Describe(string value) =>
        value.Length > 24 ? $"{value.Length} chars" : string.Concat(value.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private sealed class Op
    {
        public Op(string path, HttpMethod method, OpenApiOperation operation, Dictionary<string, string> pathValues)
        {
            Path = path;
            Method = method;
            Operation = operation;
            PathValues = pathValues;
            Url = ApiDocument.FillPath(path, pathValues);
            Name = $"{method} {path}";
            Body = operation.JsonBodySchema();
            Query = operation.ParametersIn(ParameterLocation.Query).Select(p => (p.Name!, p.Schema)).ToList();
            var sample = Body?.Sample()?.ToJsonString();
            SampleContent = sample is null ? () => null : () => new StringContent(sample, Encoding.UTF8, "application/json");
        }

        public string Path { get; }

        public HttpMethod Method { get; }

        public OpenApiOperation Operation { get; }

        public Dictionary<string, string> PathValues { get; }

        public string Url { get; }

        public string Name { get; }

        public IOpenApiSchema? Body { get; }

        public List<(string Name, IOpenApiSchema? Schema)> Query { get; }

        public Func<HttpContent?> SampleContent { get; }
    }
}
