using Microsoft.Extensions.Logging;

namespace Kefu.Cli;

/// <summary>Writes warnings and errors of the libraries to the CLI's error writer, one line each.</summary>
internal sealed class WriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new WriterLogger(writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class WriterLogger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            ArgumentNullException.ThrowIfNull(formatter);
            lock (writer)
            {
                writer.WriteLine($"{(logLevel == LogLevel.Warning ? "warn" : "fail")}: {category}: {formatter(state, exception)}");
            }
        }
    }
}
