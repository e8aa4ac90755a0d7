using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Tests.Support;

/// <summary>One training run of the <c>vae</c> plugin: data, seeded generator, contexts, artifact folder and model.</summary>
/// <remarks>Set VAE_TEST_ARTIFACTS to a folder to keep the pictures a test draws; otherwise they go to a temporary folder that is deleted.</remarks>
internal sealed class VaeRun : IDisposable
{
    private readonly bool _keepArtifacts;

    public VaeRun(Dataset data, VaeOptions options, int batchSize = 128, int epochs = 1, long seed = 1, OptimizerSettings? optimizer = null, string name = "run")
    {
        Data = data;
        Options = options;
        Generator = new Generator((ulong)seed);
        var keep = Environment.GetEnvironmentVariable("VAE_TEST_ARTIFACTS");
        _keepArtifacts = !string.IsNullOrEmpty(keep);
        Artifacts = new FolderArtifactSink(_keepArtifacts ? Path.Combine(keep!, name) : Directory.CreateTempSubdirectory("vae-").FullName);
        ModelContext = new TestModelContext(data, Generator, batchSize, epochs, optimizer);
        Step = new TestStepContext(Generator, Artifacts, ModelContext.StepsPerEpoch, ModelContext.TotalSteps);
        Model = PluginContainer.Vae.Create(options, ModelContext);
        BatchSize = batchSize;
    }

    public Dataset Data { get; }

    public VaeOptions Options { get; }

    public Generator Generator { get; }

    public FolderArtifactSink Artifacts { get; }

    public TestModelContext ModelContext { get; }

    public TestStepContext Step { get; }

    public IModel Model { get; }

    public int BatchSize { get; }

    /// <summary>The model as the plugin built it, for tests that look inside.</summary>
    public VaeModel Vae => (VaeModel)Model;

    public List<double> Train(int epochs) => TrainingLoop.Train(Model, Data, Step, epochs, BatchSize, ModelContext.Services);

    /// <summary>Writes what a checkpoint holds of the run: the host's optimiser state, then the model's state.</summary>
    public void SaveState(BinaryWriter writer)
    {
        ModelContext.Services.Save(writer);
        Model.SaveState(writer);
    }

    /// <summary>Restores what <see cref="SaveState"/> wrote.</summary>
    public void LoadState(BinaryReader reader)
    {
        ModelContext.Services.Load(reader);
        Model.LoadState(reader);
    }

    /// <summary>Evaluates as the host does: under no_grad, in a dispose scope.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(bool isFinal = false, int batchSize = 500)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var context = new TestEvaluationContext(Data, Generator, Artifacts, Step.StepsPerEpoch, Step.TotalSteps, isFinal, batchSize)
        {
            GlobalStep = Step.GlobalStep,
            Epoch = Step.Epoch,
        };
        return Model.Evaluate(context);
    }

    public void Dispose()
    {
        Model.Dispose();
        ModelContext.Dispose();
        Artifacts.Dispose();
        Generator.Dispose();
        Data.Dispose();
        if (!_keepArtifacts)
            Directory.Delete(Artifacts.Folder, recursive: true);
    }
}
