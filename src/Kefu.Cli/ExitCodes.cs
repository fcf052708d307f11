namespace Kefu.Cli;

/// <summary>The exit codes of <c>kefu</c>; scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad input or a validation failure, or the database refused the work; nothing was written.</summary>
    public const int BadInput = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing required option.</summary>
    public const int Usage = 2;
}
