using System.Globalization;
using System.Text.Json;
using Framework.Contracts.Training;
using Framework.Plugins.Rbm.Machines;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm.Evaluation;

/// <summary>Computes the RBM's metrics: reconstruction error, pseudo-log-likelihood, free energies of train and test
/// examples, and (at the final evaluation, or every one when asked) log Z, exactly or by AIS, and the log-likelihood.</summary>
internal sealed class RbmEvaluator(RestrictedBoltzmannMachine machine, RbmOptions options, VisibleEncoding encoding)
{
    public IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var test = encoding.Encode(context.Data.TestX);
        var train = encoding.Encode(context.Data.TrainX);
        var batch = Math.Max(1, context.EvaluationBatchSize);
        var trainCount = Math.Min(train.shape[0], options.FreeEnergyExamples > 0 ? options.FreeEnergyExamples : test.shape[0]);
        var trainSubset = train.narrow(0, 0, trainCount);

        var testFreeEnergy = MeanOverChunks(test, batch, machine.FreeEnergy);
        var trainFreeEnergy = MeanOverChunks(trainSubset, batch, machine.FreeEnergy);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["test/recon_error"] = MeanOverChunks(test, batch, ReconstructionError),
            ["train/free_energy"] = trainFreeEnergy,
            ["test/free_energy"] = testFreeEnergy,
            // Positive when the model assigns test examples less probability than training ones: overfitting.
            ["test/free_energy_gap"] = testFreeEnergy - trainFreeEnergy,
        };
        if (options.Visible == VisibleUnits.Bernoulli)
            metrics["test/pseudo_loglik"] = MeanOverChunks(test, batch, v => PseudoLikelihood.PerExample(machine, v, context.Generator));

        if (context.IsFinal || options.LogLikelihoodEveryEvaluation)
            AddLogLikelihood(metrics, context, train, testFreeEnergy, trainFreeEnergy);
        return metrics;
    }

    private void AddLogLikelihood(Dictionary<string, double> metrics, IEvaluationContext context, Tensor train, double testFreeEnergy, double trainFreeEnergy)
    {
        double? exact = ExactPartitionFunction.IsFeasible(machine, options.ExactLogZMaxStates) ? ExactPartitionFunction.LogZ(machine) : null;
        AisEstimate? ais = null;
        if (exact is null || options.AisWhenExact)
        {
            var betas = BetaSchedule.Create(options.AisSchedule, options.AisSteps);
            using var baseVisible = machine.AnnealingBase(train);
            ais = AnnealedImportanceSampling.Estimate(machine, baseVisible, options.AisRuns, betas, context.Generator);
        }

        if (exact is { } logZExact)
            metrics["log_z/exact"] = logZExact;
        if (ais is not null)
        {
            metrics["log_z/ais"] = ais.LogZ;
            metrics["log_z/ais_upper"] = ais.Upper;
            // How many of the runs carry the estimate: a small number warns that log Z is likely underestimated.
            metrics["log_z/ais_ess"] = ais.EffectiveSampleSize;
            if (ais.Lower is { } lower)
                metrics["log_z/ais_lower"] = lower;
        }

        var source = exact is not null ? "exact" : "ais";
        var logZ = exact ?? ais!.LogZ;
        metrics["test/loglik"] = -testFreeEnergy - logZ;
        metrics["train/loglik"] = -trainFreeEnergy - logZ;

        // Which Z test/loglik rests on: a tag for the MLflow table, plus the full report (bounds, ESS) as an artifact.
        context.SetTag("framework.loglik_estimator", source);
        context.Logger.LogInformation(
            "RBM test/loglik {LogLikelihood} nats per example with {Source} log Z {LogZ} (exact states limit {MaxStates})",
            metrics["test/loglik"], source, logZ, options.ExactLogZMaxStates);
        var report = new
        {
            source,
            step = context.GlobalStep,
            log_z = logZ,
            test_loglik = metrics["test/loglik"],
            train_loglik = metrics["train/loglik"],
            log_z_exact = exact,
            enumerated_units = ExactPartitionFunction.EnumeratedUnits(machine),
            ais = ais is null ? null : new
            {
                log_z = ais.LogZ,
                lower = ais.Lower,
                upper = ais.Upper,
                base_log_z = ais.BaseLogZ,
                effective_sample_size = ais.EffectiveSampleSize,
                runs = ais.Runs,
                steps = ais.Steps,
                schedule = options.AisSchedule.ToString().ToLowerInvariant(),
            },
        };
        context.Artifacts.LogText(
            string.Create(CultureInfo.InvariantCulture, $"log_likelihood/step_{context.GlobalStep:D9}.json"),
            JsonSerializer.Serialize(report, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Σ_i (v_i - E[v_i | h = p(h|v)])², the mean-field one-step reconstruction error per example.</summary>
    private Tensor ReconstructionError(Tensor visible) =>
        (visible - machine.VisibleMean(machine.HiddenProbability(visible))).square().sum(1);

    private static double MeanOverChunks(Tensor examples, int chunk, Func<Tensor, Tensor> perExample)
    {
        var count = examples.shape[0];
        var total = 0.0;
        for (var start = 0L; start < count; start += chunk)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(chunk, count - start);
            total += perExample(examples.narrow(0, start, length)).to_type(ScalarType.Float64).sum().item<double>();
        }
        return total / count;
    }
}
