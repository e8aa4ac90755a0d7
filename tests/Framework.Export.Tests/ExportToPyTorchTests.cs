using System.Text.Json;
using Framework.Export.Tests.Support;
using Framework.Host.Experiments;
using Framework.Host.Export;
using Framework.Host.Tracking.Sqlite;
using Framework.Plugins.Rbm;
using Framework.Plugins.Vae;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace Framework.Export.Tests;

/// <summary>
/// Tiny models trained by the real host are exported (<c>fw export</c>, <c>tracking.export: pytorch</c>), loaded in
/// Debian's PyTorch by the snippets of docs/export-to-pytorch.md, and must compute what the plugins compute: the VAE's
/// decoder output and the RBM's free energy, on the same inputs, within 1e-5.
/// </summary>
public sealed class ExportToPyTorchTests : IDisposable
{
    private const double Tolerance = 1e-5;

    // Feeds the inputs (a text file of rows) to the snippet's model and prints its outputs, one row per line.
    private const string VaeHarness = """
        import sys
        torch.set_num_threads(1)
        z = torch.tensor([[float(t) for t in line.split()] for line in open(sys.argv[1]) if line.strip()])
        with torch.no_grad():
            for path in sys.argv[2:]:
                model, meta = load_vae(path)
                for row in model.decode(z).tolist():
                    print(" ".join(repr(v) for v in row))
        """;

    // The free energy in float64 on both sides: F is a sum of hundreds of terms, beyond float32's 1e-5.
    private const string RbmHarness = """
        import sys
        torch.set_num_threads(1)
        x = torch.tensor([[float(t) for t in line.split()] for line in open(sys.argv[1]) if line.strip()], dtype=torch.float64)
        with torch.no_grad():
            for path in sys.argv[2:]:
                model, meta = load_rbm(path)
                model = model.double()
                for value in model.free_energy(model.encode(x)).tolist():
                    print(repr(value))
        """;

    private readonly TempFolder _work = new();
    private readonly BundledPlugins _plugins = new();

    private HostProcess Host => new() { WorkingDirectory = _work.Path };

    [PyTorchFact]
    public void An_mlp_vae_with_a_weight_average_decodes_in_pytorch_as_in_the_plugin()
    {
        var run = Train("vae-mlp.yaml", """
            name: vae-mlp
            model: {plugin: vae, architecture: mlp, hidden: [24], latent_dim: 3, activation: elu, iwae_samples: 0, log_images: false}
            dataset: {plugin: idx, shape: flat, train_limit: 192, test_limit: 32, sample_quality: false}
            training:
              epochs: 2
              batch_size: 32
              seed: 5
              threads: 1
              sample_count: 4
              optimizer: {name: adam, lr: 0.003}
              ema: {decay: 0.9}
            tracking: {export: pytorch}
            """);

        // tracking.export logged the export with the run; fw export by run id reads the run's final checkpoint.
        using (var store = SqliteTrackingStore.Open(Path.Combine(_work.Path, "mlflow.db")))
        {
            var artifacts = store.ListArtifacts(store.GetRun(run.RunId)).Select(a => a.Path).ToList();
            Assert.Contains("export/model.pt", artifacts);
            Assert.Contains("export/model.json", artifacts);
        }

        var exported = Export(run.RunId, "vae.pt");
        var sidecar = ReadSidecar(exported);
        Assert.Equal("averaged", sidecar.GetProperty("weights").GetString());
        Assert.Equal("vae", sidecar.GetProperty("model").GetProperty("plugin").GetString());

        float[][] z;
        double[][] ours, raw;
        using (var trained = Restore(run))
        {
            var network = ((VaeModel)trained.Model).Network;
            using var latent = randn([6, network.LatentDim], generator: new Generator(11));
            z = Rows(latent);
            using (no_grad())
            {
                using (trained.UseAveragedWeights())
                    ours = Rows64(network.Decode(latent));
                raw = Rows64(network.Decode(latent));
            }
        }

        // The average differs from the last step's weights, so exporting the wrong ones would show.
        Assert.True(MaxDifference(ours, raw) > 100 * Tolerance, "the weight average equals the raw weights; the test cannot tell them apart");
        var inputs = Write("z.txt", ExportSnippets.Rows(z));
        var theirs = ExportSnippets.Run("vae", VaeHarness, _work.Path, inputs, exported, ArtifactOf(run, "export/model.pt"));
        AssertClose(ours, theirs[..6], "fw export");
        AssertClose(ours, theirs[6..], "tracking.export");
    }

    [PyTorchFact]
    public void A_conv_vae_with_a_learned_gaussian_variance_decodes_in_pytorch_as_in_the_plugin()
    {
        var run = Train("vae-conv.yaml", """
            name: vae-conv
            model:
              plugin: vae
              architecture: conv
              conv_channels: [4, 6]
              conv_dense: [8]
              latent_dim: 2
              likelihood: gaussian
              variance: learned
              iwae_samples: 0
              log_images: false
            dataset: {plugin: idx, shape: image, train_limit: 64, test_limit: 16, sample_quality: false}
            training: {epochs: 1, batch_size: 32, seed: 2, threads: 1, sample_count: 4, optimizer: {name: adam, lr: 0.003}}
            """);
        var exported = Export(run.Folder, "conv.pt");
        var sidecar = ReadSidecar(exported);
        Assert.Equal("raw", sidecar.GetProperty("weights").GetString());
        Assert.True(sidecar.GetProperty("state_dict").TryGetProperty("observation.log_sigma", out _));

        float[][] z;
        double[][] ours;
        using (var trained = Restore(run))
        using (no_grad())
        {
            var network = ((VaeModel)trained.Model).Network;
            using var latent = randn([5, network.LatentDim], generator: new Generator(12));
            z = Rows(latent);
            ours = Rows64(network.Decode(latent));
        }

        var theirs = ExportSnippets.Run("vae", VaeHarness, _work.Path, Write("z.txt", ExportSnippets.Rows(z)), exported);
        AssertClose(ours, theirs, "fw export");
    }

    [PyTorchFact]
    public void An_rbm_on_ising_spins_has_the_same_free_energy_in_pytorch_as_in_the_plugin()
    {
        var run = Train("rbm-ising.yaml", """
            name: rbm-ising
            model: {plugin: rbm, hidden: 6, method: pcd, sample_burn_in: 2, free_energy_examples: 16}
            dataset: {plugin: ising2d, size: 4, temperature: 2.27, thermalization_sweeps: 20, decorrelation_sweeps: 1, chains: 2, train_samples: 128, test_samples: 16}
            training: {epochs: 2, batch_size: 16, seed: 4, threads: 1, sample_count: 4, optimizer: {name: sgd, lr: 0.1, momentum: 0.5}}
            """);
        var exported = Export(run.Folder, "rbm.pt");
        Assert.Equal([-1.0, 1.0], ReadSidecar(exported).GetProperty("dataset").GetProperty("value_range").EnumerateArray().Select(v => v.GetDouble()));

        float[][] spins;
        double[] ours;
        using (var trained = Restore(run))
        using (no_grad())
        {
            // Real lattices of the test split, in the data's ±1: the snippet must map them to 0/1 as the plugin does.
            var rbm = (RbmModel)trained.Model;
            using var x = trained.Data.TestX[..8].reshape(8, -1).to_type(ScalarType.Float32);
            spins = Rows(x);
            ours = rbm.Machine.LogMarginalOfVisible(rbm.Encoding.Encode(x)).neg().data<double>().ToArray();  // F(v) = -log Σ_h e^{-E}
        }

        Assert.Contains(spins.SelectMany(r => r), v => v == -1f);
        var theirs = ExportSnippets.Run("rbm", RbmHarness, _work.Path, Write("x.txt", ExportSnippets.Rows(spins)), exported);
        AssertClose(ours.Select(v => new[] { v }).ToArray(), theirs, "fw export");
    }

    [Fact]
    public void A_bad_tracking_export_value_is_refused_at_its_line_with_the_allowed_values()
    {
        var file = _work.Write("bad.yaml", """
            name: bad
            model: {plugin: rbm, hidden: 4}
            dataset: {plugin: ising2d, size: 4}
            tracking:
              export: onnx
            """);
        var loaded = new ExperimentLoader(_plugins).Load(file, []);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal((5, 11), (error.Line, error.Column));
        Assert.Contains("tracking.export", error.Message, StringComparison.Ordinal);
        Assert.Contains("none, pytorch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_refuses_what_is_not_a_run_with_a_reason()
    {
        var notRun = Host.Run("export", _work.Path, "--format", "pytorch");
        Assert.True(notRun.ExitCode == 2, notRun.ToString());
        Assert.Contains("is not a run folder", notRun.Error, StringComparison.Ordinal);

        var unknownId = Host.Run("export", new string('a', 32), "--format", "pytorch");
        Assert.True(unknownId.ExitCode == 2, unknownId.ToString());
        Assert.Contains("no MLflow store", unknownId.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();

    private sealed record TrainedRun(string Folder, string RunId);

    /// <summary>Trains <paramref name="yaml"/> with the real host and returns its run folder and run id.</summary>
    private TrainedRun Train(string name, string yaml)
    {
        var file = _work.Write(name, yaml);
        var result = Host.Run("run", file);
        Assert.True(result.ExitCode == 0, result.ToString());
        var experiment = Path.GetFileNameWithoutExtension(name);
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(_work.Path, "runs", experiment)));
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json")));
        return new TrainedRun(folder, info.RootElement.GetProperty("runId").GetString()!);
    }

    /// <summary>Runs <c>fw export TARGET --format pytorch -o FILE</c> and returns the file.</summary>
    private string Export(string target, string file)
    {
        var path = Path.Combine(_work.Path, file);
        var result = Host.Run("export", target, "--format", "pytorch", "-o", path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".json")), result.ToString());
        return path;
    }

    /// <summary>The run's model restored in this process from its final checkpoint, by the plugins this test references.</summary>
    private TrainedModel Restore(TrainedRun run)
    {
        var experiment = new ExperimentLoader(_plugins).Load(Path.Combine(run.Folder, "config.yaml"), []);
        Assert.True(experiment.IsValid, string.Join("\n", experiment.Errors));
        var definition = experiment.Definition!;
        return TrainedModel.Restore(definition, _plugins.FindModel(definition.Model.PluginName)!, _plugins.FindDataset(definition.Dataset.PluginName)!,
            Path.Combine(run.Folder, "checkpoints", "last.ckpt"), Path.Combine(_work.Path, "cache"), NullLoggerFactory.Instance);
    }

    private string ArtifactOf(TrainedRun run, string artifact)
    {
        using var store = SqliteTrackingStore.Open(Path.Combine(_work.Path, "mlflow.db"));
        return store.ArtifactFilePath(store.GetRun(run.RunId), artifact);
    }

    private static JsonElement ReadSidecar(string statePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(statePath, ".json")));
        return document.RootElement.Clone();
    }

    private string Write(string name, string text) => _work.Write(name, text);

    private static float[][] Rows(Tensor matrix)
    {
        using var cpu = matrix.to_type(ScalarType.Float32).cpu().contiguous();
        var values = cpu.data<float>().ToArray();
        var width = (int)cpu.shape[1];
        return Enumerable.Range(0, (int)cpu.shape[0]).Select(r => values[(r * width)..((r + 1) * width)]).ToArray();
    }

    private static double[][] Rows64(Tensor matrix) => Rows(matrix).Select(r => r.Select(v => (double)v).ToArray()).ToArray();

    private static double MaxDifference(double[][] a, double[][] b) =>
        a.Zip(b).SelectMany(p => p.First.Zip(p.Second, (x, y) => Math.Abs(x - y))).Max();

    private static void AssertClose(double[][] ours, double[][] theirs, string what)
    {
        Assert.Equal(ours.Length, theirs.Length);
        Assert.All(ours.Zip(theirs), p => Assert.Equal(p.First.Length, p.Second.Length));
        var worst = MaxDifference(ours, theirs);
        Assert.True(worst <= Tolerance, $"{what}: PyTorch differs from the plugin by up to {worst:G3} (tolerance {Tolerance:G1})");
    }
}
