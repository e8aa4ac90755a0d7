namespace Framework.Host.Tests.Support;

/// <summary>Where the test run's build outputs are.</summary>
internal static class TestPaths
{
    /// <summary>The fixture plugins copied next to the test assembly by the project file.</summary>
    public static string FixturePlugins => Path.Combine(AppContext.BaseDirectory, "testplugins");

    /// <summary>The repository root (the folder holding Framework.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Framework.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Framework.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The folder of one fixture plugin.</summary>
    public static string FixturePlugin(string name) => Path.Combine(FixturePlugins, name);
}
