using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Customers;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.ServiceRequests;

public abstract class AttachmentApiTests(KefuApp app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];

    private async Task<string> RequestAsync()
    {
        using var assistant = await app.ClientForAsync(TestOrg.AssistantA);
        var customer = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/customers", CustomerBodies.New(app.Org.RcA)), HttpStatusCode.Created);
        var r = await Api.JsonAsync(await assistant.PostAsJsonAsync("/api/v1/service-requests", new
        {
            type = "REP", channel = "web-form", shortText = "桌面开裂", customerId = customer["id"], workCentreId = app.Org.WcA,
        }), HttpStatusCode.Created);
        return r["number"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string number, byte[] bytes, string contentType, string name = "photo.png")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", name);
        return client.PostAsync($"/api/v1/service-requests/{number}/attachments", form);
    }

    [Fact]
    public async Task Upload_Photo_IsListedAndDownloadsUnchanged()
    {
        var number = await RequestAsync();
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);

        var created = await Api.JsonAsync(await UploadAsync(technician, number, Png, "image/png", "../../etc/桌面.png"), HttpStatusCode.Created);

        Assert.Equal("桌面.png", created["fileName"]!.GetValue<string>());
        var list = await technician.GetFromJsonAsync<JsonArray>($"/api/v1/service-requests/{number}/attachments");
        Assert.Single(list!);
        var download = await technician.GetAsync($"/api/v1/service-requests/{number}/attachments/{created["id"]}");
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Upload_TooLarge_Returns413AndStoresNothing()
    {
        var number = await RequestAsync();
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        var big = new byte[KefuApp.MaxAttachmentBytes + 1];
        Png.CopyTo(big, 0);
        await Api.AssertProblemAsync(await UploadAsync(technician, number, big, "image/png"), HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await technician.GetFromJsonAsync<JsonArray>($"/api/v1/service-requests/{number}/attachments"))!);
    }

    [Theory]
    [InlineData("application/x-msdownload", new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData("image/png", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D })]
    [InlineData("text/html", new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E })]
    public async Task Upload_OtherType_Returns415AndStoresNothing(string contentType, byte[] bytes)
    {
        var number = await RequestAsync();
        using var technician = await app.ClientForAsync(TestOrg.TechnicianA);
        await Api.AssertProblemAsync(await UploadAsync(technician, number, bytes, contentType, "x.bin"), HttpStatusCode.UnsupportedMediaType);
        Assert.Empty((await technician.GetFromJsonAsync<JsonArray>($"/api/v1/service-requests/{number}/attachments"))!);
    }

    [Fact]
    public async Task Upload_ToARequestOutOfScope_Returns404()
    {
        var number = await RequestAsync();
        using var other = await app.ClientForAsync(TestOrg.TechnicianA2);
        await Api.AssertProblemAsync(await UploadAsync(other, number, Png, "image/png"), HttpStatusCode.NotFound);
    }
}

public sealed class AttachmentApiSqliteTests(SqliteApp app) : AttachmentApiTests(app), IClassFixture<SqliteApp>;

public sealed class AttachmentApiPostgresTests(PostgresApp app) : AttachmentApiTests(app), IClassFixture<PostgresApp>;
