using Framework.Training.Options;

namespace Framework.Training.Schedules;

/// <summary>The learning rate of every training step as a factor of the base rate: a warm-up, then the shape of
/// <see cref="ScheduleOptions.Name"/>.</summary>
/// <remarks>
/// A pure function of the step, so a resumed run continues on the same curve from the restored step counter. With t
/// the steps completed before this one, W the warm-up and T the run's steps, p = (t − W) / (T − W):
/// <list type="bullet">
/// <item>warm-up (t &lt; W): s + (1 − s)(t + 1)/W from the start factor s (one_cycle: s + (1 − s)·½(1 − cos(π(t + 1)/W)));</item>
/// <item>linear: 1 + (f − 1)p; cosine and one_cycle: f + (1 − f)·½(1 + cos πp), with the final factor f;</item>
/// <item>exponential: γ^e after e completed epochs; step: γ^(drops so far).</item>
/// </list>
/// </remarks>
public sealed class LearningRateSchedule
{
    /// <summary>one_cycle's rising part when no warm-up is given: 30% of the run, as PyTorch's <c>pct_start</c>.</summary>
    public const double OneCycleDefaultRise = 0.3;

    private readonly ScheduleOptions _options;
    private readonly TrainingClock _clock;
    private readonly long _warmup;

    /// <summary>Creates the schedule of <paramref name="options"/> over a run of <paramref name="clock"/>'s length.</summary>
    /// <param name="options">The schedule's settings.</param>
    /// <param name="clock">The run's length.</param>
    public LearningRateSchedule(ScheduleOptions options, TrainingClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options;
        _clock = clock;
        _warmup = clock.Steps(options.WarmupEpochs, options.WarmupSteps);
        if (_warmup == 0 && options.Name == ScheduleName.OneCycle)
            _warmup = Math.Max(1, (long)Math.Round(OneCycleDefaultRise * clock.TotalSteps));
    }

    /// <summary>Whether the rate ever differs from the base rate.</summary>
    public bool Varies => _warmup > 0 || _options.Name != ScheduleName.Constant;

    /// <summary>The factor for the step that follows <paramref name="completedSteps"/> completed steps.</summary>
    /// <param name="completedSteps">Training steps done before this one.</param>
    /// <returns>The factor of the base learning rate.</returns>
    public double FactorAt(long completedSteps)
    {
        var start = _options.WarmupStartFactor;
        var final = _options.FinalFactor;
        if (completedSteps < _warmup)
        {
            var rise = (completedSteps + 1.0) / _warmup;
            return _options.Name == ScheduleName.OneCycle
                ? start + (1 - start) * 0.5 * (1 - Math.Cos(Math.PI * rise))
                : start + (1 - start) * rise;
        }

        var span = Math.Max(1, _clock.TotalSteps - _warmup);
        var progress = Math.Clamp((double)(completedSteps - _warmup) / span, 0, 1);
        return _options.Name switch
        {
            ScheduleName.Constant => 1.0,
            ScheduleName.Linear => 1 + (final - 1) * progress,
            ScheduleName.Cosine or ScheduleName.OneCycle => final + (1 - final) * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            ScheduleName.Exponential => Math.Pow(_options.Gamma, _clock.EpochOf(completedSteps)),
            ScheduleName.Step => Math.Pow(_options.Gamma, Drops(_clock.EpochOf(completedSteps))),
            _ => throw new InvalidOperationException($"Unknown schedule {_options.Name}."),
        };
    }

    /// <summary>How many drops of the step schedule lie at or before the end of <paramref name="completedEpochs"/> epochs.</summary>
    private int Drops(long completedEpochs) => _options.Milestones.Length > 0
        ? _options.Milestones.Count(m => m <= completedEpochs)
        : (int)(completedEpochs / _options.StepEpochs);
}
