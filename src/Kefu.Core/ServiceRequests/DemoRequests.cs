using Kefu.Core.Classification;
using Kefu.Core.Common;
using Kefu.Core.Contracts;
using Kefu.Core.Data;
using Kefu.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Core.ServiceRequests;

/// <summary>
/// Demo requests of one centre, told as stories through the request use cases (<see cref="ServiceRequestService"/>,
/// <see cref="RequestApprovals"/>) with a clock moved back to when each step happened: one request in every user status of every
/// active type, reached by the profile's own transitions and the role that may set each status (the assistant records and
/// assigns, the technician works on site, logistics replies, the supervisor approves), plus a few that make the queues real:
/// a fresh emergency, requests waiting for approval, assigned field work for the coming week, old requests whose targets passed.
/// Statuses, timeline, long text, SLA clocks and notifications are the ones the services write; the SLA scan that runs after the
/// demo marks the late ones breached.
/// </summary>
internal sealed class DemoRequests(KefuDb db, DemoClock clock, ServiceRequestService requests, RequestApprovals approvals)
{
    internal static readonly Dictionary<string, string[]> Problems = new(StringComparer.Ordinal)
    {
        ["Z1"] = ["橱柜门铰链松动，需上门勘察", "衣柜推拉门脱轨", "餐桌桌面开裂", "沙发坐垫塌陷，要求维修", "床架异响"],
        ["Z2"] = ["到货少一个包件", "运输途中板材破损", "送货地址错误，货物滞留", "颜色与订单不符"],
        ["INQ"] = ["咨询实木家具保养方法", "询问保修期限", "咨询窗帘清洗周期", "询问会员积分规则"],
        ["INST"] = ["新购衣柜上门安装", "电动窗帘轨道安装", "餐边柜安装", "书柜及层板安装"],
        ["REP"] = ["水槽下柜漏水", "电动窗帘电机不转", "抽屉滑轨损坏", "床头灯线路故障", "办公椅气杆下沉"],
        ["CLN"] = ["布艺沙发深度清洗", "窗帘拆洗", "地毯除螨清洗", "床垫清洁除螨"],
        ["MNT"] = ["实木家具年度保养", "电动床架润滑保养", "皮沙发护理", "窗帘轨道保养"],
        ["CUST"] = ["定制整体衣柜", "定制榻榻米", "定制电视背景柜", "定制阳台储物柜"],
        ["CMP"] = ["安装师傅迟到两小时", "维修后问题复发", "客服电话长时间无人接听", "送货时损坏地板"],
    };

    internal static readonly string[] Channels = ["phone", "phone", "phone", "web-form", "online-chat", "store-counter", "email", "social-media"];

    internal static readonly Dictionary<string, string> Comments = new(StringComparer.Ordinal)
    {
        ["YQ"] = "客户出差，改约下周 / Customer away, rebooked for next week",
        ["DKH"] = "已提出补偿方案，等待客户答复 / Compensation offered, waiting for the customer",
        ["FA"] = "设计方案已发客户确认 / Design sent to the customer for confirmation",
        ["KCJS"] = "已上门勘察，需更换配件 / Surveyed on site, parts to be replaced",
        ["SMZ"] = "师傅已到达现场 / Technician on site",
        ["WC"] = "已处理完毕，客户满意 / Done, customer satisfied",
        ["QX"] = "客户取消订单 / Cancelled by the customer",
    };

    private sealed record Plan(
        RequestType Type, string Target, TimeSpan? Age = null, Urgency? Urgency = null, EscalationReason? Escalate = null, bool Paid = false,
        bool FieldWorkThisWeek = false);

    public async Task<int> AddAsync(DemoTeam team, Random random, CancellationToken ct)
    {
        if (team.Customers.Count == 0)
        {
            return 0;
        }

        var plans = new List<Plan>();
        var types = new Dictionary<string, RequestType>(StringComparer.Ordinal);
        foreach (var code in await db.RequestTypes.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Code).Select(t => t.Code).ToListAsync(ct))
        {
            var type = types[code] = await db.RequestTypeAsync(code, ct);
            plans.AddRange(type.Profile().Statuses.Select(s => new Plan(type, s.Code)));
        }

        // The stories that fill the queues: a fresh emergency, pending approvals, the coming week's field work, late requests.
        if (types.TryGetValue("REP", out var rep))
        {
            plans.Add(new Plan(rep, "XJ", TimeSpan.FromMinutes(25), Urgency.Emergency));
            plans.Add(new Plan(rep, "YPG", TimeSpan.FromHours(5), Escalate: EscalationReason.HeadOfficePricing, Paid: true, FieldWorkThisWeek: true));
            plans.Add(new Plan(rep, "SMZ", TimeSpan.FromHours(3), Urgency.High, FieldWorkThisWeek: true));
            plans.Add(new Plan(rep, "YPG", TimeSpan.FromDays(6), FieldWorkThisWeek: true));
        }

        if (types.TryGetValue("INST", out var inst))
        {
            plans.Add(new Plan(inst, "YPG", TimeSpan.FromHours(20), FieldWorkThisWeek: true));
            plans.Add(new Plan(inst, "YPG", TimeSpan.FromDays(2), FieldWorkThisWeek: true));
            plans.Add(new Plan(inst, "XJ", TimeSpan.FromDays(2), FieldWorkThisWeek: true));
        }

        if (types.TryGetValue("CMP", out var cmp))
        {
            plans.Add(new Plan(cmp, "DC", TimeSpan.FromDays(1), Urgency.High, EscalationReason.HeadOfficeSupport));
        }

        if (types.TryGetValue("CLN", out var cln))
        {
            plans.Add(new Plan(cln, "YPG", TimeSpan.FromDays(8), FieldWorkThisWeek: true));
        }

        var green = await GreenCustomersAsync(ct);
        var plain = team.Customers.Where(c => !green.Contains(c)).ToList();
        foreach (var plan in plans)
        {
            // Approval stories need customers off the green channel, whose level may skip the approval step (SLA-5).
            var pending = plan.Escalate is not null || plan.Type.Code == "Z1";
            var pool = pending && plain.Count > 0 ? plain : team.Customers;
            await TellAsync(team, plan, pool[random.Next(pool.Count)], random, ct);
        }

        clock.Reset();
        return plans.Count;
    }

    private async Task TellAsync(DemoTeam team, Plan plan, Guid customer, Random random, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var profile = plan.Type.Profile();
        var target = profile.Find(plan.Target)!;
        var path = Path(profile, plan.Target);
        var completed = target.SystemStatus == SystemStatus.Completed;
        var hasField = profile.Statuses.Any(s => s.OnSite);
        var age = plan.Age ?? (completed
            ? TimeSpan.FromHours(random.Next(3 * 24, 25 * 24))
            : random.Next(10) switch
            {
                < 4 => TimeSpan.FromMinutes(random.Next(20, 6 * 60)),
                < 7 => TimeSpan.FromHours(random.Next(24, 72)),
                _ => TimeSpan.FromHours(random.Next(4 * 24, 12 * 24)),
            });
        var now = clock.RealNow;
        var start = now - age;
        var approval = plan.Type.Code == "Z1" && plan.Target != "TZJL" ? "KCJS" : null;
        var handOver = plan.Type.Code == "Z2" && plan.Target != plan.Type.Profile().Initial.Code;
        var steps = path.Count + (hasField && path.Count > 0 ? 1 : 0) + (approval is not null || plan.Escalate is not null ? 1 : 0) + (handOver ? 1 : 0) + 1;
        var span = age * (completed ? 0.6 + (random.NextDouble() * 0.35) : 0.3 + (random.NextDouble() * 0.5));
        var step = 0;
        void Tick() => clock.Set(start + (span * (++step / (double)steps)));

        var problems = Problems.GetValueOrDefault(plan.Type.Code) ?? ["客户来电，需要处理"];
        var problem = problems[random.Next(problems.Length)];
        DateTime? requiredStart = null;
        if (hasField)
        {
            var china = clock.RealToday;
            requiredStart = completed || (!plan.FieldWorkThisWeek && random.Next(3) == 0)
                ? (start + TimeSpan.FromHours(random.Next(20, 30))).UtcDateTime
                : clock.ToUtc(china.AddDays(random.Next(0, 7)), new TimeOnly(random.Next(2) == 0 ? 9 : 14, random.Next(2) * 30));
        }

        clock.Set(start);
        var urgency = plan.Urgency ?? (random.Next(12) == 0 ? Urgency.Emergency : random.Next(4) == 0 ? Urgency.High : Urgency.Normal);
        var created = Ok(await requests.CreateAsync(team.Assistant, new ServiceRequestInput
        {
            Type = plan.Type.Code,
            Channel = Channels[random.Next(Channels.Length)],
            ChargeMode = plan.Paid ? "paid" : "free",
            Urgency = urgency.ToString(),
            ShortText = problem,
            LongText = $"客户来电：{problem}。已记录联系方式，约定回访。",
            CustomerId = customer,
            WorkCentreId = team.WorkCentreId,
            RequiredStart = requiredStart,
            ExpectedEnd = requiredStart?.AddHours(2),
            ReferenceDocument = plan.Type.Code is "Z1" or "Z2" ? $"SO-{random.Next(100_000, 999_999)}" : null,
            Items = plan.Type.Code is "Z1" or "Z2" or "REP"
                ? [new ItemInput("家具", problem.Length > 2 ? problem[..2] : null, null, null, $"MAT-{random.Next(1000, 9999)}", random.Next(1, 4), null, null)]
                : null,
        }, ct));
        var number = created.Number;
        var approvalState = ApprovalState.None;
        if (handOver)
        {
            Tick();
            approvalState = Ok(await approvals.EscalateAsync(team.Assistant, number, new EscalationInput("head-office-support", "未完款，转区域物流处理 / Before payment: to logistics"), ct)).Approval.State;
        }

        var assigned = false;
        foreach (var code in path)
        {
            if (hasField && !assigned)
            {
                Tick();
                Ok(await requests.AssignAsync(team.Assistant, number, team.Technician.UserId, ct));
                assigned = true;
            }

            Tick();
            var decided = false;
            if (approvalState == ApprovalState.Pending && (code == plan.Type.ApprovedStatus || code == plan.Type.RejectedStatus))
            {
                var approve = code == plan.Type.ApprovedStatus;
                Ok(await approvals.DecideAsync(team.Supervisor, number, new DecisionInput(
                    approve ? "approve" : "reject", approve ? "同意总部支持 / Head-office support approved" : "不在保修范围 / Not covered by warranty", null), ct));
                approvalState = approve ? ApprovalState.Approved : ApprovalState.Rejected;
                decided = true;
            }

            if (!decided)
            {
                await MoveAsync(team, number, code, ct);
            }

            if (code == approval)
            {
                Tick();
                approvalState = Ok(await approvals.EscalateAsync(team.Technician, number, new EscalationInput("head-office-support", "需总部技术支持 / Head-office support needed"), ct)).Approval.State;
            }
        }

        if (plan.Escalate is EscalationReason reason)
        {
            Tick();
            Ok(await approvals.EscalateAsync(team.Assistant, number, new EscalationInput(
                reason == EscalationReason.HeadOfficePricing ? "head-office-pricing" : "head-office-support", "请主管审批 / For the supervisor's approval"), ct));
        }

        if (!completed && path.Count > 0 && random.Next(3) == 0)
        {
            Tick();
            Ok(await requests.AppendLogAsync(team.Technician, number, "已电话联系客户，确认上门时间 / Called the customer to confirm the visit", ct));
        }
    }

    /// <summary>Moves the request by the first of the centre's people whose role may set the status and who can see the request.</summary>
    private async Task MoveAsync(DemoTeam team, string number, string code, CancellationToken ct)
    {
        Error? last = null;
        foreach (var who in new[] { team.Assistant, team.Technician, team.Department, team.Supervisor })
        {
            var moved = await requests.TransitionAsync(who, number, new TransitionInput(code, Comments.GetValueOrDefault(code), null), ct);
            if (moved.IsSuccess)
            {
                return;
            }

            last = moved.Error!;
            if (last.Kind is not (ErrorKind.Forbidden or ErrorKind.NotFound))
            {
                break;
            }
        }

        throw new InvalidOperationException($"Demo request {number} → {code}: {last?.Code} {last?.Message}");
    }

    /// <summary>The shortest way from the initial status to <paramref name="target"/> along the profile's transitions.</summary>
    private static List<string> Path(StatusProfile profile, string target)
    {
        var from = new Dictionary<string, string?>(StringComparer.Ordinal) { [profile.Initial.Code] = null };
        var todo = new Queue<string>([profile.Initial.Code]);
        while (todo.TryDequeue(out var at) && at != target)
        {
            foreach (var t in profile.Transitions.Where(t => t.From == at && !from.ContainsKey(t.To)))
            {
                from[t.To] = at;
                todo.Enqueue(t.To);
            }
        }

        if (!from.ContainsKey(target))
        {
            return [];
        }

        var path = new List<string>();
        for (var s = target; s != profile.Initial.Code; s = from[s]!)
        {
            path.Add(s);
        }

        path.Reverse();
        return path;
    }

    private async Task<HashSet<Guid>> GreenCustomersAsync(CancellationToken ct) =>
        (await (from k in db.Set<CustomerClass>()
                join c in db.Set<SchemeClass>() on new { k.SchemeCode, Code = k.ClassCode } equals new { c.SchemeCode, c.Code }
                where c.GreenChannel
                select k.CustomerId).Distinct().ToListAsync(ct)).ToHashSet();

    private static T Ok<T>(Result<T> result) => result.IsSuccess
        ? result.Value
        : throw new InvalidOperationException($"Demo requests: {result.Error!.Code} {result.Error.Message} "
            + string.Join("; ", (result.Error.Fields ?? new Dictionary<string, string[]>()).Select(f => f.Key + ": " + string.Join(" ", f.Value))));
}
