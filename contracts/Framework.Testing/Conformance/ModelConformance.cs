using System.Globalization;
using System.Text.RegularExpressions;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Testing.Conformance;

/// <summary>The obligations of a model plugin (see <see cref="IModel"/>), checked by running it as the host would:
/// the checks of <c>fw plugins check</c>, usable from any test framework.</summary>
/// <remarks>Like the host, each run seeds libtorch's global generator before it builds the model (TorchSharp's layers
/// initialise from it), so checks must not run beside other work that draws from it: in xunit, keep them in one test
/// collection or turn test parallelisation off for the assembly (the template's tests do).</remarks>
/// <example>
/// <code>
/// [Fact]
/// public void ThePluginMeetsTheContracts()
/// {
///     using var data = TestData.Binary();
///     ModelConformance.Check(new MyModelPlugin(), data).ThrowIfFailed();
/// }
/// </code>
/// </example>
public static partial class ModelConformance
{
    /// <summary>Checks <paramref name="plugin"/> on <paramref name="data"/>.</summary>
    /// <param name="plugin">The model plugin.</param>
    /// <param name="data">A small dataset the model can train on (the caller keeps it).</param>
    /// <param name="settings">How to exercise it; defaults when null.</param>
    /// <returns>One result per check.</returns>
    public static ConformanceReport Check(IModelPlugin plugin, Dataset data, ConformanceSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(data);
        settings ??= new ConformanceSettings();
        var (results, options) = PluginChecks.Begin(plugin, settings, "model");
        if (options is null)
            return new ConformanceReport(plugin.Name, "model", results);

        var subject = new Subject(plugin, options, data, settings);
        results.Add(PluginChecks.Guard("declares valid optimiser groups", subject.Groups));
        var built = PluginChecks.Guard("builds on the dataset", subject.Builds);
        results.Add(built);
        if (built.Outcome != CheckOutcome.Passed)
        {
            results.Add(new("training checks", CheckOutcome.Skipped, "the model did not build"));
            return new ConformanceReport(plugin.Name, "model", results);
        }

        results.Add(PluginChecks.Guard("steps give finite scalar outputs", subject.FiniteOutputs));
        results.Add(PluginChecks.Guard("the update ignores ReportsMetrics", subject.SameUpdateWithoutMetrics));
        results.Add(PluginChecks.Guard("samples have the data's shape and range", subject.SampleShape));
        results.Add(PluginChecks.Guard("evaluation metrics follow the naming rules", subject.EvaluationNames));
        results.Add(PluginChecks.Guard("save, load and continue equals an uninterrupted run", subject.Resume));
        results.Add(PluginChecks.Guard("two runs from one seed agree", subject.Reproducible));
        results.Add(PluginChecks.Guard("no native tensor outlives its step", subject.NoLeak));
        return new ConformanceReport(plugin.Name, "model", results);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex GroupName();

    /// <summary>One plugin with its options on one dataset, and the runs the checks make of it.</summary>
    private sealed class Subject(IModelPlugin plugin, object options, Dataset data, ConformanceSettings settings)
    {
        private IReadOnlyList<OptimizerGroup> Declared => plugin.OptimizerGroups(options);

        public CheckResult Groups()
        {
            const string Name = "declares valid optimiser groups";
            var groups = Declared;
            if (groups.Count == 0)
                return new(Name, CheckOutcome.Failed, "no optimiser group declared (OptimizerGroup.Single is the default)");
            if (groups.GroupBy(g => g.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
                return new(Name, CheckOutcome.Failed, $"group '{twice.Key}' is declared twice");
            if (groups.FirstOrDefault(g => !GroupName().IsMatch(g.Name)) is { } badName)
                return new(Name, CheckOutcome.Failed, $"group name '{badName.Name}' must be lower-case letters, digits and underscores");
            if (groups.SelectMany(g => g.Algorithms ?? []).FirstOrDefault(a => !OptimizerSettings.Names.Contains(a)) is { } unknown)
                return new(Name, CheckOutcome.Failed, $"algorithm '{unknown}' is not one the host builds ({string.Join(", ", OptimizerSettings.Names)})");
            if (groups.FirstOrDefault(g => g.Update == OptimizerUpdate.ClosedForm && g.Algorithms is not { Count: > 0 }) is { } closed)
                return new(Name, CheckOutcome.Failed, $"closed-form group '{closed.Name}' must name the update rule it implements (Algorithms)");
            return new(Name, CheckOutcome.Passed, string.Join(", ", groups.Select(g =>
                $"{g.Name} ({(g.Update == OptimizerUpdate.ClosedForm ? "closed form" : "gradients")})")));
        }

        public CheckResult Builds()
        {
            using var run = NewRun();
            using var model = run.CreateModel(plugin, options);
            var values = run.Services.Optimizers.Sum(o => o.Parameters.Sum(p => p.numel()));
            return new("builds on the dataset", CheckOutcome.Passed, string.Create(CultureInfo.InvariantCulture,
                $"{values:N0} parameter values in {run.Services.Optimizers.Count} group(s), data [{string.Join(", ", data.SampleShape)}]"));
        }

        public CheckResult FiniteOutputs()
        {
            const string Name = "steps give finite scalar outputs";
            using var run = NewRun();
            using var model = run.CreateModel(plugin, options);
            var metrics = run.Train(model, settings.Steps);
            if (!metrics.ContainsKey(StepOutput.LossName))
                return new(Name, CheckOutcome.Failed, $"the step reports no {StepOutput.LossName} (it reports: {string.Join(", ", metrics.Keys)})");
            if (metrics.FirstOrDefault(m => !double.IsFinite(m.Value)) is { Key: not null } bad)
                return new(Name, CheckOutcome.Failed, $"{bad.Key} is {bad.Value} after {settings.Steps} steps");
            if (metrics.Keys.FirstOrDefault(k => !MetricNames.IsValid(k)) is { } badName)
                return new(Name, CheckOutcome.Failed, $"step metric '{badName}' does not follow the naming rules (train/loss, train/recon_error, ...)");
            return new(Name, CheckOutcome.Passed, Describe(metrics));
        }

        public CheckResult SameUpdateWithoutMetrics()
        {
            const string Name = "the update ignores ReportsMetrics";
            var reported = Trained(settings.Steps, reportMetrics: true);
            var skipped = Trained(settings.Steps, reportMetrics: false);
            return reported.SequenceEqual(skipped)
                ? new(Name, CheckOutcome.Passed, $"same parameters after {settings.Steps} steps with and without metrics")
                : new(Name, CheckOutcome.Failed, $"with ReportsMetrics false the parameters differ after {settings.Steps} steps: " +
                                                 ParameterSnapshot.Difference(reported, skipped));
        }

        public CheckResult SampleShape()
        {
            const string Name = "samples have the data's shape and range";
            using var run = NewRun();
            using var model = run.CreateModel(plugin, options);
            run.Train(model, 1);
            using var samples = run.Sample(model, settings.SampleCount);
            long[] expected = [settings.SampleCount, .. data.SampleShape];
            if (!samples.shape.SequenceEqual(expected))
                return new(Name, CheckOutcome.Failed, $"Sample({settings.SampleCount}) returned [{string.Join(", ", samples.shape)}]; expected [{string.Join(", ", expected)}]");
            using var scope = NewDisposeScope();
            var values = samples.to(float64);
            if (!values.isfinite().all().item<bool>())
                return new(Name, CheckOutcome.Failed, "the samples hold NaN or infinite values");
            var (min, max) = (values.min().item<double>(), values.max().item<double>());
            var range = data.ValueRange;
            var slack = 1e-5 * Math.Max(1, range.Max - range.Min);
            if (min < range.Min - slack || max > range.Max + slack)
                return new(Name, CheckOutcome.Failed, string.Create(CultureInfo.InvariantCulture,
                    $"values span {min:G4} to {max:G4}, outside the data's range {range.Min:G4} to {range.Max:G4}"));
            return new(Name, CheckOutcome.Passed, string.Create(CultureInfo.InvariantCulture,
                $"[{string.Join(", ", expected)}], values {min:G4} to {max:G4} within {range.Min:G4} to {range.Max:G4}"));
        }

        public CheckResult EvaluationNames()
        {
            const string Name = "evaluation metrics follow the naming rules";
            using var run = NewRun();
            using var model = run.CreateModel(plugin, options);
            run.Train(model, 1);
            var metrics = run.Evaluate(model, isFinal: true);
            if (metrics.Count == 0)
                return new(Name, CheckOutcome.Failed, "Evaluate returned no metric");
            if (metrics.Keys.FirstOrDefault(k => !MetricNames.IsValid(k)) is { } bad)
                return new(Name, CheckOutcome.Failed, $"'{bad}' is not lower-case words with _ in /-separated levels (test/neg_elbo, log_z/ais)");
            if (metrics.FirstOrDefault(m => double.IsNaN(m.Value)) is { Key: not null } nan)
                return new(Name, CheckOutcome.Failed, $"{nan.Key} is NaN");
            return new(Name, CheckOutcome.Passed, Describe(metrics));
        }

        public CheckResult Resume()
        {
            const string Name = "save, load and continue equals an uninterrupted run";
            var k = settings.Steps;
            byte[] checkpoint, expected, expectedSamples;
            using (var run = NewRun())
            using (var model = run.CreateModel(plugin, options))
            {
                run.Train(model, k);
                checkpoint = run.Checkpoint(model);
                run.Train(model, k);
                expected = ParameterSnapshot.Of(run.Services);
                using var samples = run.Sample(model, settings.SampleCount);
                expectedSamples = ParameterSnapshot.Of(samples);
            }

            // A model in another state (trained a step further, its generator moved on) must take everything from the checkpoint.
            using var other = NewRun();
            using var restored = other.CreateModel(plugin, options);
            other.Train(restored, 1);
            other.Restore(restored, checkpoint);
            other.Train(restored, k);
            var actual = ParameterSnapshot.Of(other.Services);
            if (!actual.SequenceEqual(expected))
                return new(Name, CheckOutcome.Failed, $"after loading and {k} more steps {ParameterSnapshot.Difference(expected, actual)} " +
                                                     "(does SaveState write, and LoadState restore, all of the model's own state?)");
            using var actualSamples = other.Sample(restored, settings.SampleCount);
            return ParameterSnapshot.Of(actualSamples).SequenceEqual(expectedSamples)
                ? new(Name, CheckOutcome.Passed, $"{checkpoint.Length:N0}-byte state; parameters and samples equal bit for bit after {k} more steps")
                : new(Name, CheckOutcome.Failed, "the parameters agree but the samples differ (does Sample use the context's generator only?)");
        }

        public CheckResult Reproducible()
        {
            const string Name = "two runs from one seed agree";
            var first = Trained(settings.Steps, reportMetrics: true);
            var second = Trained(settings.Steps, reportMetrics: true);
            return first.SequenceEqual(second)
                ? new(Name, CheckOutcome.Passed, $"identical parameters after {settings.Steps} steps")
                : new(Name, CheckOutcome.Failed, $"{ParameterSnapshot.Difference(first, second)} (is every random draw from the context's generator?)");
        }

        public CheckResult NoLeak()
        {
            const string Name = "no native tensor outlives its step";
            using var run = NewRun();
            using var model = run.CreateModel(plugin, options);
            // Two steps first: a model may allocate its buffers lazily at its first step of each batch size.
            run.Train(model, 2);
            var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            run.Train(model, settings.LeakSteps);
            var grown = DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
            return grown <= 0
                ? new(Name, CheckOutcome.Passed, $"live tensors unchanged over {settings.LeakSteps} steps")
                : new(Name, CheckOutcome.Failed, $"{grown} more live tensors after {settings.LeakSteps} steps " +
                                                 "(a tensor kept past its step must be moved out of the step's dispose scope once, not every step)");
        }

        private byte[] Trained(int steps, bool reportMetrics)
        {
            using var run = NewRun();
            using var model = run.CreateModel(plugin, options);
            run.Train(model, steps, reportMetrics);
            return ParameterSnapshot.Of(run.Services);
        }

        private TestRun NewRun() => new(data, Declared, settings.Run);

        private static string Describe(IReadOnlyDictionary<string, double> metrics) =>
            string.Join(", ", metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Take(5)
                .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:G4}"))) + (metrics.Count > 5 ? ", ..." : "");
    }
}
