namespace Kefu.Core.Security;

/// <summary>Where the current request comes from (the client's address), for security logging and login throttling.</summary>
public interface IRequestOrigin
{
    string ClientAddress { get; }
}

/// <summary>The origin of work started on this machine (the CLI, jobs).</summary>
public sealed class LocalOrigin : IRequestOrigin
{
    public string ClientAddress => "local";
}
