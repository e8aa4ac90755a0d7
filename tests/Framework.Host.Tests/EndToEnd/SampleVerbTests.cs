using Framework.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Framework.Host.Tests.EndToEnd;

/// <summary><c>fw sample</c> on runs the real host trained: samples from the run's weights, with its own sampler or
/// another one, written as .npy and scored by the dataset's observables; bad requests refused with nothing written.</summary>
public sealed class SampleVerbTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("fw-e2e-sample-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private HostProcess Host => new() { WorkingDirectory = _work };

    private static string Quickstart => Path.Combine(TestPaths.RepoRoot, "experiments", "quickstart.yaml");

    private const int NpyHeader = 128;

    /// <summary>Trains the quickstart RBM for a few epochs through the host and returns its run folder.</summary>
    private string TrainQuickstart(int epochs)
    {
        var trained = Host.Run("run", Quickstart, "--set", $"training.epochs={epochs}", "--set", "training.eval_every=0", "--set", "training.sample_every=0");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        return Directory.GetDirectories(Path.Combine(_work, "runs", "quickstart")).Single();
    }

    [Fact]
    public void ARunFolderGivesReproducibleSamplesWithTheDatasetsObservables()
    {
        string runFolder = TrainQuickstart(epochs: 20);

        var first = Host.Run("sample", runFolder, "--count", "200", "-o", "out/a.npy");
        var again = Host.Run("sample", runFolder, "--count", "200", "-o", "out/b.npy");
        var reseeded = Host.Run("sample", runFolder, "--count", "200", "--seed", "7", "-o", "out/c.npy");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Drew 200 samples", first.Output);
        Assert.Contains("ms each", first.Output);
        // Bars-and-stripes scores the samples: the share in the support and of the patterns seen.
        Assert.Contains("samples/support_fraction", first.Output);
        Assert.Contains("samples/pattern_coverage", first.Output);
        byte[] a = File.ReadAllBytes(Path.Combine(_work, "out", "a.npy"));
        Assert.Equal(NpyHeader + 200 * 16 * 4, a.Length);   // 200 lattices of 4x4 float32
        Assert.True(File.Exists(Path.Combine(_work, "out", "a.png")));
        // The default seed comes from the run's: the same samples every time; another seed, other samples.
        Assert.Equal(a, File.ReadAllBytes(Path.Combine(_work, "out", "b.npy")));
        Assert.True(reseeded.ExitCode == 0, reseeded.ToString());
        Assert.NotEqual(a, File.ReadAllBytes(Path.Combine(_work, "out", "c.npy")));
    }

    [Fact]
    public void ADiffusionRunSamplesWithAnotherSamplerOnTheSameWeightsByRunId()
    {
        string file = Path.Combine(_work, "diffusion.yaml");
        File.WriteAllText(file, """
            name: tiny-diffusion
            model: {plugin: diffusion, architecture: mlp, hidden: [16], time_embedding: 8, timesteps: 50, vlb_examples: 8, trajectory_samples: 0}
            dataset: {plugin: bars-and-stripes, size: 3, repeats: 4}
            training: {epochs: 2, batch_size: 8, seed: 3, threads: 1, eval_every: 0, sample_count: 16}
            """);
        var trained = Host.Run("run", file);
        Assert.True(trained.ExitCode == 0, trained.ToString());
        string runId;
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_work, "mlflow.db")}"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "select run_uuid from runs";
            runId = (string)command.ExecuteScalar()!;
        }

        var ancestral = Host.Run("sample", runId, "-n", "32", "-o", "ancestral.npy");
        var ddim = Host.Run("sample", runId, "-n", "32", "--set", "model.sampler=ddim", "--set", "model.sampling_steps=5", "-o", "ddim.npy");

        Assert.True(ancestral.ExitCode == 0, ancestral.ToString());
        Assert.True(ddim.ExitCode == 0, ddim.ToString());
        var fromAncestral = File.ReadAllBytes(Path.Combine(_work, "ancestral.npy"));
        var fromDdim = File.ReadAllBytes(Path.Combine(_work, "ddim.npy"));
        Assert.Equal(NpyHeader + 32 * 9 * 4, fromAncestral.Length);
        Assert.Equal(fromAncestral.Length, fromDdim.Length);
        Assert.NotEqual(fromAncestral, fromDdim);   // the sampler changed, the weights did not (the restore took them)
    }

    [Fact]
    public void ChangesBeyondTheModelOrToTheNetworksShapeAreRefusedAndWriteNothing()
    {
        string runFolder = TrainQuickstart(epochs: 2);

        var training = Host.Run("sample", runFolder, "--set", "training.epochs=3", "-o", "x.npy");
        var reshaped = Host.Run("sample", runFolder, "--set", "model.hidden=8", "-o", "x.npy");
        var unknown = Host.Run("sample", runFolder, "--set", "model.hiden=8", "-o", "x.npy");
        var nowhere = Host.Run("sample", Path.Combine(_work, "no-such-run"), "-o", "x.npy");
        var none = Host.Run("sample", runFolder, "--count", "0", "-o", "x.npy");

        Assert.True(training.ExitCode == 2, training.ToString());
        Assert.Contains("only the model's options change here", training.Error);
        Assert.True(reshaped.ExitCode == 2, reshaped.ToString());
        Assert.Contains("cannot restore the model with --set model.hidden=8", reshaped.Error);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("did you mean 'hidden'", unknown.Error);
        Assert.True(nowhere.ExitCode == 2, nowhere.ToString());
        Assert.True(none.ExitCode == 2, none.ToString());
        Assert.Contains("--count must be at least 1", none.Error);
        Assert.False(File.Exists(Path.Combine(_work, "x.npy")));
    }
}
