using Framework.Host.Experiments;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Experiments;

public sealed class ExperimentFileReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ExperimentLoader _loader = new(TestPluginCatalog.Standard());

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void BaseFilesMergeUnderTheFileInOrder()
    {
        _folder.Write("base/data.yaml", "dataset: {plugin: ising, l: 8}\ntraining: {epochs: 5, batch_size: 32}\n");
        _folder.Write("base/model.yaml", "model: {plugin: rbm, hidden: 16, cd_k: 3}\ntraining: {epochs: 6, optimizer: {lr: 0.1}}\n");
        var path = _folder.Write("experiment.yaml", """
            defaults: [base/data.yaml, base/model.yaml]
            model: {hidden: 32}
            training: {optimizer: {momentum: 0.5}}
            """);

        var result = _loader.Load(path, []);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var definition = result.Definition!;
        var rbm = (TestRbmOptions)definition.Model.Options;
        Assert.Equal(32, rbm.Hidden); // the file wins
        Assert.Equal(3, rbm.CdK); // from a base file
        Assert.Equal(8, ((TestIsingOptions)definition.Dataset.Options).L);
        Assert.Equal(6, definition.Training.Epochs); // the later base file wins over the earlier one
        Assert.Equal(32, definition.Training.BatchSize);
        Assert.Equal(0.1, definition.Training.Optimizer.Lr);
        Assert.Equal(0.5, definition.Training.Optimizer.Momentum);
        Assert.Equal("experiment", definition.Name);
    }

    [Fact]
    public void ErrorsInABaseFileNameThatFileAndComeAfterTheFilesOwn()
    {
        var basePath = _folder.Write("base.yaml", "model: {plugin: rbm}\ndataset: {plugin: ising}\ntraining:\n  epochs: -1\n");
        var path = _folder.Write("experiment.yaml", "defaults: [base.yaml]\ntraining: {batch_sise: 3}\n");

        var result = _loader.Load(path, []);

        Assert.Equal(
            [
                $"{path}:2:12: unknown key 'batch_sise' in training; did you mean 'batch_size'? (allowed: epochs, batch_size, seed, device, threads, log_every, eval_every, eval_batch_size, checkpoint_every, sample_every, sample_count, final_sample_count, optimizer, optimizers, schedule, accumulate_batches, ema, early_stopping)",
                $"{basePath}:4:11: training.epochs: must be between 1 and 1000000, got -1",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void AFileThatChoosesAnotherPluginDropsTheBasePluginsOptions()
    {
        _folder.Write("base.yaml", "model: {plugin: rbm, cd_k: 3}\ndataset: {plugin: ising}\n");
        var path = _folder.Write("experiment.yaml", "defaults: [base.yaml]\nmodel: {plugin: vae, latent: 4}\n");

        var result = _loader.Load(path, []);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(4, ((TestVaeOptions)result.Definition!.Model.Options).Latent);
    }

    [Fact]
    public void AMissingBaseFileIsReportedAtItsEntry()
    {
        var path = _folder.Write("experiment.yaml", "defaults:\n  - nowhere.yaml\nmodel: {plugin: rbm}\n");

        var result = _loader.Load(path, []);

        var error = Assert.Single(result.Errors);
        Assert.Equal((path, 2, 5), (error.File, error.Line, error.Column));
        Assert.StartsWith($"cannot read the base file '{Path.Combine(_folder.Path, "nowhere.yaml")}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACycleOfBaseFilesIsAnError()
    {
        var a = _folder.Write("a.yaml", "defaults: [b.yaml]\n");
        _folder.Write("b.yaml", "defaults: [a.yaml]\n");

        var result = _loader.Load(a, []);

        var error = Assert.Single(result.Errors);
        Assert.Equal("defaults form a cycle: a.yaml -> b.yaml -> a.yaml", error.Message);
        Assert.EndsWith("b.yaml", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void ASyntaxErrorInABaseFileIsTheOnlyError()
    {
        var basePath = _folder.Write("base.yaml", "model: {plugin: rbm\n");
        var path = _folder.Write("experiment.yaml", "defaults: [base.yaml]\nbogus: 1\n");

        var result = _loader.Load(path, []);

        var error = Assert.Single(result.Errors);
        Assert.Equal(basePath, error.File);
        Assert.StartsWith("malformed YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsAListIsRejected()
    {
        var path = _folder.Write("experiment.yaml", "- model\n- dataset\n");

        var result = _loader.Load(path, []);

        var error = Assert.Single(result.Errors);
        Assert.Equal(
            $"{path}:1:1: an experiment file is a mapping of sections (name, description, model, dataset, training, tracking, sweep, defaults), got a list",
            error.ToString());
    }

    [Fact]
    public void ASecondYamlDocumentIsRejected()
    {
        var path = _folder.Write("experiment.yaml", "model: {plugin: rbm}\n---\ndataset: {plugin: ising}\n");

        var result = _loader.Load(path, []);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 1), (error.Line, error.Column));
        Assert.Contains("second YAML document", error.Message, StringComparison.Ordinal);
    }
}
