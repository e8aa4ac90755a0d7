using System.Diagnostics;
using System.Xml.Linq;
using Framework.Contracts;
using Framework.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.EndToEnd;

/// <summary>The plugin kit as an author outside this repository uses it: packed into a feed, the template installed from
/// it, a plugin generated, built, tested and run by the host into a FINISHED MLflow run.</summary>
public sealed class PluginKitTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("fw-kit-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void AModelPluginFromTheTemplateBuildsPassesItsTestsAndRunsToAFinishedMlflowRun()
    {
        // A version of its own: NuGet's caches keep every version they saw, so a rebuilt kit must not reuse one.
        var patch = (long)(DateTime.UtcNow - new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;
        var version = $"{ContractsInfo.Version}.{patch}";
        var feed = Path.Combine(_work, "feed");
        var hive = Path.Combine(_work, "templates");
        Dotnet(_work, "pack", Path.Combine(TestPaths.RepoRoot, "contracts", "Framework.Kit.slnx"), "-c", "Release",
            $"-p:PackageOutputPath={feed}{Path.DirectorySeparatorChar}", $"-p:KitPatch={patch}");
        Assert.Equal([$"Framework.Contracts.{version}.nupkg", $"Framework.Templates.{version}.nupkg", $"Framework.Testing.{version}.nupkg"],
            Directory.GetFiles(feed).Select(Path.GetFileName).Order());

        Dotnet(_work, "new", "install", $"Framework.Templates::{version}", "--add-source", feed, "--debug:custom-hive", hive);
        Dotnet(_work, "new", "fw-model-plugin", "-n", "Gmm", "--feed", feed, "--debug:custom-hive", hive);
        var plugin = Path.Combine(_work, "Gmm");
        Dotnet(plugin, "build");
        var output = Path.Combine(plugin, "Gmm", "bin", "Debug", "net10.0");
        Assert.Equal(["Gmm.deps.json", "Gmm.dll", "Gmm.pdb", "Gmm.runtimeconfig.json", "plugin.json"],
            Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Order());
        var tests = Dotnet(plugin, "test");
        Assert.Contains("Passed!", tests);

        var run = new HostProcess { WorkingDirectory = plugin }.Run("--plugins", output, "run", Path.Combine("experiments", "gmm.yaml"));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var db = new SqliteConnection($"Data Source={Path.Combine(plugin, "mlflow.db")}");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "select r.status, m.value, t.value from runs r join latest_metrics m on m.run_uuid = r.run_uuid and m.key = 'test/loglik' " +
                              "join tags t on t.run_uuid = r.run_uuid and t.key = 'framework.loglik_estimator'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("FINISHED", reader.GetString(0));
        Assert.InRange(reader.GetDouble(1), -3.6, -Math.Log(30) + 1e-6);  // exact; the best possible is -ln 30
        Assert.Equal("exact", reader.GetString(2));
    }

    [Fact]
    public void TheTemplatesPinThePackageVersionsThisRepositoryPins()
    {
        var pinned = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
        var templates = Path.Combine(TestPaths.RepoRoot, "contracts", "Framework.Templates", "templates");
        var references = Directory.GetFiles(templates, "*.csproj", SearchOption.AllDirectories)
            .SelectMany(file => XDocument.Load(file).Descendants("PackageReference").Select(r => (File: file, Id: (string)r.Attribute("Include")!, Version: (string)r.Attribute("Version")!)))
            .Where(r => !r.Id.StartsWith("Framework.", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(pinned.TryGetValue(r.Id, out var version) && version == r.Version,
            $"{r.File}: {r.Id} {r.Version}, but Directory.Packages.props pins {pinned.GetValueOrDefault(r.Id) ?? "nothing"}"));
    }

    /// <summary>Runs dotnet in <paramref name="folder"/> and returns its output; fails the test with it on a non-zero exit.</summary>
    private static string Dotnet(string folder, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(8)), $"dotnet {string.Join(' ', arguments)} did not finish in 8 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} in {folder} exited {process.ExitCode}:\n{output.Result}\n{error.Result}");
        return output.Result;
    }
}
