using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Framework.Training.Options;

namespace Framework.Host.Experiments;

/// <summary>The <c>training</c> section of an experiment file. Validated by the same schema rules as plugin options.</summary>
internal sealed class TrainingSettings
{
    [Description("Number of passes over the training data.")]
    [Range(1, 1_000_000)]
    public int Epochs { get; set; } = 10;

    [Description("Examples per training step.")]
    [Range(1, 1_048_576)]
    public int BatchSize { get; set; } = 64;

    [Description("The one seed that every random draw of the run derives from (weights, shuffling, sampling, data generation).")]
    [Range(0, long.MaxValue)]
    public long Seed { get; set; } = 0;

    [Description("Where tensors live: auto (CUDA when available, else CPU), cpu, cuda, or cuda:N.")]
    [RegularExpression("^(auto|cpu|cuda(:[0-9]+)?)$", ErrorMessage = "allowed: auto, cpu, cuda, cuda:N")]
    public string Device { get; set; } = "auto";

    [Description("Intra-op CPU threads for the tensor library; 0 uses the cores given to the process.")]
    [Range(0, 1024)]
    public int Threads { get; set; } = 0;

    /// <summary>The thread count libtorch gets: <see cref="Threads"/>, or the cores given to the process when it is 0.</summary>
    public int ResolvedThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    [Description("Read step metrics back to the CPU and log them every this many steps.")]
    [Range(1, 1_000_000)]
    public int LogEvery { get; set; } = 50;

    [Description("Evaluate every this many epochs; 0 evaluates only after the last epoch.")]
    [Range(0, 1_000_000)]
    public int EvalEvery { get; set; } = 1;

    [Description("Batch size for evaluation; 0 uses the training batch size.")]
    [Range(0, 1_048_576)]
    public int EvalBatchSize { get; set; } = 0;

    /// <summary>The batch size of evaluation and sampling: <see cref="EvalBatchSize"/>, or the training batch size when it is 0.</summary>
    public int ResolvedEvalBatchSize => EvalBatchSize > 0 ? EvalBatchSize : BatchSize;

    [Description("Write a checkpoint every this many epochs; 0 writes one only at the end (and on Ctrl+C).")]
    [Range(0, 1_000_000)]
    public int CheckpointEvery { get; set; } = 1;

    [Description("Draw and save samples every this many epochs; 0 samples only after the last epoch.")]
    [Range(0, 1_000_000)]
    public int SampleEvery { get; set; } = 0;

    [Description("How many samples to draw at each sampling point.")]
    [Range(1, 100_000)]
    public int SampleCount { get; set; } = 64;

    [Description("How many samples to draw after the last epoch (written whole as samples/final.npy; the dataset's sample-quality observables such as a Fréchet distance need thousands); 0 draws sample_count.")]
    [Range(0, 1_000_000)]
    public int FinalSampleCount { get; set; }

    [Description("The model's optimiser (for a model with several optimiser groups: the base every training.optimizers entry overrides).")]
    public OptimizerOptions Optimizer { get; set; } = new();

    [Description("Per optimiser group of a model that declares several (fw plugins describe MODEL): each entry overrides training.optimizer and training.schedule.")]
    public Dictionary<string, OptimizerGroupOptions> Optimizers { get; set; } = new(StringComparer.Ordinal);

    [Description("Learning-rate schedule with warm-up, and momentum warm-up, evaluated at every training step.")]
    public ScheduleOptions Schedule { get; set; } = new();

    [Description("Add the gradients of this many batches (each loss scaled by 1/k) before every optimiser update.")]
    [Range(1, 1_000_000)]
    public int AccumulateBatches { get; set; } = 1;

    [Description("Exponential moving average of the weights, used by evaluation and sampling.")]
    public EmaOptions Ema { get; set; } = new();

    [Description("Stop when an evaluation metric stops improving.")]
    public EarlyStoppingOptions EarlyStopping { get; set; } = new();
}
