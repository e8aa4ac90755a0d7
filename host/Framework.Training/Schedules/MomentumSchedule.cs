using Framework.Training.Options;

namespace Framework.Training.Schedules;

/// <summary>The momentum of every training step: the momentum warm-up's start value, then the optimiser's.</summary>
/// <remarks>A pure function of the step, like <see cref="LearningRateSchedule"/>.</remarks>
public sealed class MomentumSchedule
{
    private readonly MomentumWarmupOptions _warmup;
    private readonly long _length;
    private readonly double _target;

    /// <summary>Creates the schedule that reaches <paramref name="target"/> after the warm-up of <paramref name="warmup"/>.</summary>
    /// <param name="warmup">The momentum warm-up.</param>
    /// <param name="target">The optimiser's momentum (Adam: β1).</param>
    /// <param name="clock">The run's length.</param>
    public MomentumSchedule(MomentumWarmupOptions warmup, double target, TrainingClock clock)
    {
        ArgumentNullException.ThrowIfNull(warmup);
        ArgumentNullException.ThrowIfNull(clock);
        _warmup = warmup;
        _target = target;
        _length = clock.Steps(warmup.Epochs, warmup.Steps);
    }

    /// <summary>Whether the momentum changes during the run.</summary>
    public bool Varies => _length > 0 && _warmup.Start != _target;

    /// <summary>The momentum for the step that follows <paramref name="completedSteps"/> completed steps.</summary>
    /// <param name="completedSteps">Training steps done before this one.</param>
    /// <returns>The momentum.</returns>
    public double At(long completedSteps)
    {
        if (completedSteps >= _length)
            return _target;
        return _warmup.Shape == MomentumWarmupShape.Step
            ? _warmup.Start
            : _warmup.Start + (_target - _warmup.Start) * completedSteps / _length;
    }
}
