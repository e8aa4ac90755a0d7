namespace Framework.Host.Internal;

/// <summary>
/// Coordinates the progress bar's line on the terminal with log output: a log event first erases the bar (which the bar
/// redraws at its next update), so log lines never end up glued to the bar's text.
/// </summary>
internal static class TerminalLine
{
    private const string EraseLine = "\r\u001b[2K";

    public static Lock Gate { get; } = new();

    /// <summary>Whether a bar is drawn on the current line (set by the bar, under <see cref="Gate"/>).</summary>
    public static bool BarDrawn { get; set; }

    /// <summary>Erases a drawn bar; call under <see cref="Gate"/>.</summary>
    public static void EraseBar(TextWriter terminal)
    {
        if (!BarDrawn)
            return;
        terminal.Write(EraseLine);
        terminal.Flush();
        BarDrawn = false;
    }
}
