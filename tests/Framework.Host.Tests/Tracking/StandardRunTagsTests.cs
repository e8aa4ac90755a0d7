using System.Diagnostics;
using Framework.Host.Tests.Tracking.Support;
using Framework.Host.Tracking;

namespace Framework.Host.Tests.Tracking;

public sealed class StandardRunTagsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "user.name=t", "-c", "user.email=t@example.org" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void EveryRunGetsMlflowsSystemTagsAndOurs()
    {
        var file = _folder.WriteFile("exp.yaml", "name: x");
        var tags = new StandardRunTags
        {
            RunName = "rbm-1",
            SourceFile = file,
            Description = "RBM on Ising 8x8",
            FrameworkVersion = "0.1.0",
            Plugins = [new("rbm", "0.2.0"), new("ising", "0.1.0")],
            Device = "cpu",
            LibTorchVersion = "2.10.0",
            Seed = 42,
            HostName = "node7",
            User = "alice",
            ProbeGit = false,
            Extra = new Dictionary<string, string> { ["team"] = "lattice", [MlflowTagKeys.RunName] = "ignored" },
        }.Build();

        Assert.Equal("rbm-1", tags["mlflow.runName"]);
        Assert.Equal("alice", tags["mlflow.user"]);
        Assert.Equal(file, tags["mlflow.source.name"]);
        Assert.Equal("LOCAL", tags["mlflow.source.type"]);
        Assert.Equal("RBM on Ising 8x8", tags["mlflow.note.content"]);
        Assert.Equal("0.1.0", tags["framework.version"]);
        Assert.Equal("0.2.0", tags["framework.plugin.rbm"]);
        Assert.Equal("0.1.0", tags["framework.plugin.ising"]);
        Assert.Equal("cpu", tags["framework.device"]);
        Assert.Equal("2.10.0", tags["framework.libtorch.version"]);
        Assert.Equal("42", tags["framework.seed"]);
        Assert.Equal("node7", tags["framework.host"]);
        Assert.Equal("lattice", tags["team"]);
        Assert.False(tags.ContainsKey("mlflow.source.git.commit"));
    }

    [Fact]
    public void TheGitCommitAndDirtyFlagComeFromTheExperimentFilesCheckout()
    {
        var file = _folder.WriteFile("exp.yaml", "name: x");
        Git("init", "-q");
        Git("add", "exp.yaml");
        Git("commit", "-q", "-m", "first");

        var clean = new StandardRunTags { RunName = "r", SourceFile = file }.Build();
        File.AppendAllText(file, "\nseed: 2");
        var dirty = new StandardRunTags { RunName = "r", SourceFile = file }.Build();

        Assert.Matches("^[0-9a-f]{40}$", clean["mlflow.source.git.commit"]);
        Assert.Equal("false", clean["framework.source.git.dirty"]);
        Assert.Equal(clean["mlflow.source.git.commit"], dirty["mlflow.source.git.commit"]);
        Assert.Equal("true", dirty["framework.source.git.dirty"]);
    }

    [Fact]
    public void AFileOutsideAnyRepositoryGetsNoGitTagsAndNoError()
    {
        var file = _folder.WriteFile("exp.yaml", "name: x");

        var tags = new StandardRunTags { RunName = "r", SourceFile = file }.Build();

        Assert.False(tags.ContainsKey("mlflow.source.git.commit"));
        Assert.False(tags.ContainsKey("framework.source.git.dirty"));
        Assert.Null(GitProbe.Inspect(Path.Combine(_folder.Path, "missing")));
    }

    [Fact]
    public void ADescriptionLongerThanATagHoldsIsCutVisiblyNotSilently()
    {
        var tags = new StandardRunTags { RunName = "r", Description = new string('d', 9000), ProbeGit = false }.Build();

        Assert.Equal(8000, tags["mlflow.note.content"].Length);
        Assert.EndsWith("the full text is in the experiment file]", tags["mlflow.note.content"], StringComparison.Ordinal);
    }
}
