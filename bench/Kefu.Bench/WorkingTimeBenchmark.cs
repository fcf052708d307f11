using System.Diagnostics;
using Kefu.Core.Calendars;

namespace Kefu.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Kefu.Bench -- working-time [--calls 2000000] [--reps 7]</c>: AddWorkingTime calls per
/// second on one thread with CN-STD (9:00–18:30 Monday to Friday, Asia/Shanghai, 2026/2027 holidays and make-up days) for targets
/// of 30 minutes to 3 days from random starts within 2026, next to <c>DateTimeOffset.AddMinutes</c> of the same inputs.
/// </summary>
public static class WorkingTimeBenchmark
{
    public static void Run(int calls, int reps)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(CalendarService.DefaultTimeZone);
        var compileClock = Stopwatch.StartNew();
        var calendar = WorkingCalendar.Compile(new WorkingCalendarSpec
        {
            Code = CalendarService.DefaultCode,
            TimeZone = zone,
            Week = CalendarService.StandardWeek().Select(d => d?.Periods() ?? []).ToList(),
            Days = ChinaHolidays.Year2026.Concat(ChinaHolidays.Year2027Provisional).ToDictionary(d => d.Date, d => d.Kind),
        });
        compileClock.Stop();

        var random = new Random(2026);
        var year = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var starts = new DateTimeOffset[calls];
        var work = new TimeSpan[calls];
        for (var i = 0; i < calls; i++)
        {
            starts[i] = year.AddSeconds(random.NextInt64(0, 365L * 24 * 3600));
            work[i] = TimeSpan.FromMinutes(random.Next(30, (3 * 24 * 60) + 1));
        }

        long checksum = 0;
        double Measure(Func<int, DateTimeOffset> call)
        {
            var times = new List<double>();
            for (var r = 0; r <= reps; r++)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++)
                {
                    checksum += call(i).UtcTicks;
                }

                clock.Stop();
                if (r > 0)
                {
                    times.Add(clock.Elapsed.TotalSeconds);
                }
            }

            times.Sort();
            return calls / times[times.Count / 2];
        }

        var baseline = Measure(i => starts[i] + work[i]);
        var measured = Measure(i => calendar.AddWorkingTime(starts[i], work[i]));
        Console.WriteLine($"CN-STD compiled for {WorkingCalendar.DefaultFirstYear}–{WorkingCalendar.DefaultLastYear} in {compileClock.Elapsed.TotalMilliseconds:F0} ms");
        Console.WriteLine($"{calls:N0} calls per run, targets 30 min–3 days from random starts in 2026, median of {reps} runs after one warm-up, one thread");
        Console.WriteLine();
        Console.WriteLine($"| {"measurement",-40} | {"calls/s",14} | {"× baseline",10} |");
        Console.WriteLine($"|{new string('-', 42)}|{new string('-', 16)}|{new string('-', 12)}|");
        Console.WriteLine($"| {"baseline: DateTimeOffset + TimeSpan",-40} | {baseline,14:N0} | {1.0,10:F2} |");
        Console.WriteLine($"| {"WorkingCalendar.AddWorkingTime",-40} | {measured,14:N0} | {measured / baseline,10:F2} |");
        Console.WriteLine($"(checksum {checksum % 1000})");
    }
}
