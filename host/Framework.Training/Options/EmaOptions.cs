using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Training.Options;

/// <summary>The <c>training.ema</c> section: an exponential moving average of the weights, used by evaluation and
/// sampling (Polyak averaging; the EMA of DDPM and of GAN generators).</summary>
public sealed class EmaOptions
{
    /// <summary>The decay d of θ̄ ← d θ̄ + (1 − d) θ; 0 turns averaging off.</summary>
    [Description("Decay d of the average: avg = d * avg + (1 - d) * weights after each update; 0 turns it off (DDPM uses 0.9999).")]
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Decay { get; set; }

    /// <summary>The training step at which the average starts as a copy of the weights.</summary>
    [Description("Training step at which the average starts as a copy of the weights; before it, evaluation uses the weights.")]
    [Range(0L, long.MaxValue)]
    public long StartStep { get; set; }

    /// <summary>Steps between updates of the average.</summary>
    [Description("Update the average every this many training steps.")]
    [Range(1, 1_000_000)]
    public int Every { get; set; } = 1;

    /// <summary>Whether the decay of the n-th update is min(d, (1 + n) / (10 + n)) rather than d.</summary>
    [Description("Warm the decay up: the n-th update uses min(decay, (1 + n) / (10 + n)) (TensorFlow's ExponentialMovingAverage with num_updates; the DDPM reference's EMA), so a short run's average is not dominated by its first weights.")]
    public bool Warmup { get; set; }
}
