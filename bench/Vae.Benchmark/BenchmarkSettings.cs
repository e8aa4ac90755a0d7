using System.Globalization;

namespace Framework.Benchmarks.Vae;

/// <summary>Command-line settings, named as in the reference script vae.py.</summary>
internal sealed record BenchmarkSettings(
    int Threads, int Epochs, int Batch, bool Binarize, int IwaeK, IReadOnlySet<int> EvalEpochs, long Seed, bool OutputBiasFromData, string LrSchedule, double LearningRate, double LrGamma, double FinalLrFactor, double LrWarmupEpochs, bool Convolutional, string? ArtifactsFolder, string Tag)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        double Double(string name, double fallback) => double.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        int Int(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var epochs = Int("--epochs", 10);
        var evalEpochs = Value("--eval-epochs", "1,5,10").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => int.Parse(e, CultureInfo.InvariantCulture)).Append(epochs).ToHashSet();
        var binarize = args.Contains("--binarize");
        var threads = Int("--threads", 2);
        return new BenchmarkSettings(
            threads, epochs, Int("--batch", 128), binarize, Int("--iwae-k", 500), evalEpochs, Int("--seed", 1),
            Value("--output-bias", "default") == "data_mean", Value("--lr-schedule", "constant"), Double("--lr", 0.001), Double("--lr-gamma", 0.95), Double("--final-lr-factor", 0), Double("--lr-warmup-epochs", 0), Value("--architecture", "mlp") == "conv", args.Contains("--artifacts") ? Value("--artifacts", "") : null,
            Value("--tag", $"vae_t{threads}{(binarize ? "_bin" : "")}"));
    }
}
