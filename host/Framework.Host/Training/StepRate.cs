using System.Diagnostics;

namespace Framework.Host.Training;

/// <summary>Steps per second, smoothed over the last few seconds so the ETA neither jumps nor lags.</summary>
internal sealed class StepRate
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _windowStart;
    private long _windowStartStep = -1;
    private double _rate;

    public double Tick(long step)
    {
        double now = _clock.Elapsed.TotalSeconds;
        if (_windowStartStep < 0)
        {
            (_windowStart, _windowStartStep) = (now, step);
            return 0;
        }
        double span = now - _windowStart;
        if (span >= 0.5)
        {
            double current = (step - _windowStartStep) / span;
            _rate = _rate == 0 ? current : 0.7 * _rate + 0.3 * current;
            (_windowStart, _windowStartStep) = (now, step);
        }
        return _rate;
    }
}
