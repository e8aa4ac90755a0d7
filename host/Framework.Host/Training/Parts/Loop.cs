using System.Diagnostics;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Training;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Host.Training.Parts;

/// <summary>What the trainer does with the model at each point of the loop: a training step, an evaluation, sampling.</summary>
internal sealed class Loop(IModel model, TrainingServices services, IReadOnlyList<ITrainingPart> parts, RunContext context, LoopState state, int threads)
{
    /// <summary>One training step on the <paramref name="size"/> examples at <paramref name="start"/> of the epoch's
    /// shuffled <paramref name="order"/>, in its own dispose scope.</summary>
    public void TrainStep(Dataset data, Tensor order, long start, long size, bool lastInEpoch, int logEvery)
    {
        // Reading a value back forces the device to finish its queued work: do it only every log_every steps.
        bool readBack = (state.GlobalStep + 1) % logEvery == 0 || lastInEpoch;
        using var scope = NewDisposeScope();
        var indices = order.narrow(0, start, size);
        var batch = new Batch(data.TrainX.index_select(0, indices), data.TrainY?.index_select(0, indices));
        services.BeginStep(state.GlobalStep, lastInEpoch);
        context.ReportsMetrics = readBack;
        var output = model.TrainStep(batch, context);
        context.ReportsMetrics = true;
        state.GlobalStep++;
        context.GlobalStep = state.GlobalStep;
        if (readBack)
            LogStepMetrics(output);
        foreach (var part in parts)
            part.AfterStep(state, readBack);
    }

    /// <summary>Evaluates the model (with the averaged weights when there are some) and logs the metrics.</summary>
    public void Evaluate(bool isFinal, ILogger logger)
    {
        UseConfiguredThreads();
        context.IsFinal = isFinal;
        IReadOnlyDictionary<string, double> metrics;
        using (var scope = NewDisposeScope())
        using (var noGrad = no_grad())
        using (services.UseAveragedWeights())
            metrics = model.Evaluate(context);
        state.Log(metrics);
        if (metrics.Count > 0)
            logger.Evaluated(context.GlobalStep, Trainer.Describe(metrics, ""));
        if (!isFinal)
            foreach (var part in parts)
                part.AfterEvaluation(state, metrics);
    }

    /// <summary>Draws samples (from the averaged weights when there are some), saves them as an image grid or .npy
    /// (<see cref="DrawnSamples"/>), and logs the dataset's observables of them.</summary>
    /// <param name="count">How many samples to draw.</param>
    /// <param name="name">Artifact path without extension.</param>
    /// <param name="keepArray">Also write all samples as .npy, for scoring them outside the run (the final samples).</param>
    public void SampleAndLog(int count, string name, bool keepArray = false)
    {
        UseConfiguredThreads();
        var data = context.Data;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor samples;
        var clock = Stopwatch.StartNew();
        using (services.UseAveragedWeights())
            samples = model.Sample(count, context);
        LogSamplingTime(samples, name, clock);
        DrawnSamples.Save(context.Artifacts, samples, data, name, keepArray, context.Logger);
        if (data.Observables is not null)
            state.Log(data.Observables.Compute(samples).ToDictionary(o => "samples/" + o.Key, o => o.Value, StringComparer.Ordinal));
    }

    /// <summary>Logs how long drawing the samples took (`timing/sample_ms_per_example`), the figure a researcher weighs
    /// against sample quality when choosing a sampler (ancestral against DDIM steps, say).</summary>
    private void LogSamplingTime(Tensor samples, string name, Stopwatch clock)
    {
        // A GPU returns before its queued kernels finish: wait for them, or the time is the launch time only.
        if (samples.device_type == DeviceType.CUDA)
            cuda.synchronize(samples.device);
        clock.Stop();
        long count = Math.Max(1, samples.shape[0]);
        double each = clock.Elapsed.TotalMilliseconds / count;
        state.Log(new Dictionary<string, double> { ["timing/sample_ms_per_example"] = each });
        context.Logger.SamplesDrawn(samples.shape[0], name, clock.Elapsed.TotalSeconds, each);
    }

    /// <summary>Gives libtorch the run's thread count again, whatever a training step set for its own kernels (the
    /// contracts promise this before evaluation, sampling and checkpoints).</summary>
    public void UseConfiguredThreads()
    {
        if (torch.get_num_threads() != threads)
            torch.set_num_threads(threads);
    }

    private void LogStepMetrics(StepOutput output)
    {
        var values = new Dictionary<string, double>(output.Scalars.Count, StringComparer.Ordinal);
        foreach (var (name, tensor) in output.Scalars)
            values[name] = tensor.to_type(ScalarType.Float64).item<double>();
        if (values.TryGetValue(StepOutput.LossName, out double loss) && !double.IsFinite(loss))
            throw new TrainingDivergedException(StepOutput.LossName, loss, state.GlobalStep);
        state.Log(values);
    }
}
