namespace Framework.Host.Cli;

/// <summary>The command-line entry point: verbs, exit codes.</summary>
internal static class CommandLineApp
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success);
}
