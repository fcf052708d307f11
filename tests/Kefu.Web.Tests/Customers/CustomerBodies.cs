namespace Kefu.Web.Tests.Customers;

/// <summary>Request bodies for customers, valid unless a test breaks them.</summary>
public static class CustomerBodies
{
    private static int phoneSeed = 1000;

    public static string UniquePhone() => "139" + Interlocked.Increment(ref phoneSeed).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    public static object New(Guid unit, string? name = null, string? phone = null) => new
    {
        kind = "person",
        name = name ?? "王芳 " + Guid.NewGuid().ToString("N")[..6],
        nature = "retail",
        orgUnitId = unit,
        sourceChannel = "phone",
        tags = new[] { "老客户" },
        contacts = new[] { new { name = "王芳", phone = phone ?? UniquePhone(), email = "wang@example.cn", weChatId = "wx_wang" } },
        addresses = new[] { new { label = "家", province = "上海市", city = "上海市", district = "徐汇区", street = "漕溪北路1号", isMaster = true } },
        keyDates = new[] { new { kind = "birthday", date = "1985-03-08", label = "本人" } },
        preferences = new { hobbies = "园艺", preferredContactTime = "工作日晚上" },
    };
}
