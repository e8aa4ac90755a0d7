using System.Globalization;
using System.Text.RegularExpressions;
using Framework.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.EndToEnd;

/// <summary><c>fw evaluate</c> on a run the real host trained: the run's evaluation again, reproducibly, with a model
/// option changed on the same weights (here the diffusion bound computed exactly instead of estimated); anything but a
/// model option refused.</summary>
public sealed class EvaluateVerbTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("fw-e2e-evaluate-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private HostProcess Host => new() { WorkingDirectory = _work };

    [Fact]
    public void ADiffusionRunIsEvaluatedAgainReproduciblyAndWithTheExactBound()
    {
        string file = Path.Combine(_work, "diffusion.yaml");
        File.WriteAllText(file, """
            name: tiny-diffusion
            model: {plugin: diffusion, architecture: mlp, hidden: [16], time_embedding: 8, timesteps: 20, vlb_examples: 16, vlb_timesteps: 2, trajectory_samples: 0}
            dataset: {plugin: bars-and-stripes, size: 3, repeats: 4}
            training: {epochs: 2, batch_size: 8, seed: 3, threads: 1, eval_every: 0, sample_count: 16}
            """);
        var trained = Host.Run("run", file);
        Assert.True(trained.ExitCode == 0, trained.ToString());
        string runFolder = Directory.GetDirectories(Path.Combine(_work, "runs", "tiny-diffusion")).Single();

        var first = Host.Run("evaluate", runFolder);
        var again = Host.Run("evaluate", runFolder);
        var exact = Host.Run("evaluate", runFolder, "--set", "model.vlb_timesteps=0");
        var training = Host.Run("evaluate", runFolder, "--set", "training.batch_size=4");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(Metric(first.Output, "test/neg_elbo"), Metric(again.Output, "test/neg_elbo"));
        Assert.Contains("estimated: 2 of 19 terms per example", first.Output);
        Assert.True(Metric(first.Output, "test/neg_elbo_stderr") > 0);
        Assert.True(exact.ExitCode == 0, exact.ToString());
        Assert.Contains("exact: all 19 terms", exact.Output);
        Assert.NotEqual(Metric(first.Output, "test/neg_elbo"), Metric(exact.Output, "test/neg_elbo"));
        Assert.Equal(2, training.ExitCode);
        Assert.Contains("only the model's options change here", training.Error);
    }

    private static double Metric(string output, string name)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(name)}\s+(\S+)\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no {name} in:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
