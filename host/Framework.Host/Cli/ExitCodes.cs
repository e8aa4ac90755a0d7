namespace Framework.Host.Cli;

/// <summary>The process exit codes every verb uses.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The run started and failed.</summary>
    public const int RunFailed = 1;

    /// <summary>Bad command line or invalid experiment file; nothing was created.</summary>
    public const int Usage = 2;

    /// <summary>Another process is already running this sweep trial (EX_TEMPFAIL); try again later.</summary>
    public const int Busy = 75;

    /// <summary>Stopped by Ctrl+C or SIGTERM after saving a checkpoint (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
