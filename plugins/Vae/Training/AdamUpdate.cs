using System.Runtime.Intrinsics;
using Framework.Contracts.Training;

namespace Framework.Plugins.Vae.Training;

/// <summary>The scalars of one Adam or AdamW step with PyTorch's rule; see <see cref="Apply"/>.</summary>
internal readonly record struct AdamUpdate(
    bool Decoupled,
    float Shrink,
    float GradientDecay,
    float FirstMomentWeight,
    float Beta2,
    float InverseSqrtCorrection2,
    float Epsilon,
    float StepSize)
{
    /// <summary>The scalars of the host's step <paramref name="step"/> (Adam or AdamW, with its scheduled learning rate and β1).</summary>
    public static AdamUpdate For(OptimizerStep step) =>
        For(step.Settings.Name == "adamw", step.Number, step.LearningRate, step.Momentum, step.Settings.Beta2, step.WeightDecay, step.Settings.Epsilon);

    /// <summary>The scalars of step <paramref name="step"/> (counted from 1).</summary>
    public static AdamUpdate For(bool decoupled, long step, double learningRate, double beta1, double beta2, double weightDecay, double epsilon) => new(
        decoupled,
        Shrink: (float)(1 - learningRate * weightDecay),
        GradientDecay: (float)weightDecay,
        FirstMomentWeight: (float)(1 - beta1),
        Beta2: (float)beta2,
        InverseSqrtCorrection2: (float)(1 / Math.Sqrt(1 - Math.Pow(beta2, step))),
        Epsilon: (float)epsilon,
        StepSize: (float)(learningRate / (1 - Math.Pow(beta1, step))));

    /// <summary>Updates <paramref name="count"/> parameters p with gradients g and moments m, v in one pass. Per element,
    /// with w = 1 − β1 and the bias corrections c1 = 1 − β1^t, c2 = 1 − β2^t: g ← g + λp (adam), p ← p(1 − ηλ) (adamw);
    /// m ← m + w(g − m); v ← β2 v + (1 − β2) g²; p ← p − (η / c1) m / (√v / √c2 + ε).</summary>
    public unsafe void Apply(float* p, float* g, float* m, float* v, long count)
    {
        var shrink = Vector256.Create(Shrink);
        var decay = Vector256.Create(GradientDecay);
        var w = Vector256.Create(FirstMomentWeight);
        var beta2 = Vector256.Create(Beta2);
        var oneMinusBeta2 = Vector256.Create(1 - Beta2);
        var inverseSqrtC2 = Vector256.Create(InverseSqrtCorrection2);
        var epsilon = Vector256.Create(Epsilon);
        var stepSize = Vector256.Create(StepSize);
        long i = 0;
        for (; i + 8 <= count; i += 8)
        {
            var pv = Vector256.Load(p + i);
            var gv = Vector256.Load(g + i);
            if (Decoupled)
                pv *= shrink;
            else
                gv += decay * pv;
            var mv = Vector256.Load(m + i);
            mv += w * (gv - mv);
            var vv = beta2 * Vector256.Load(v + i) + oneMinusBeta2 * gv * gv;
            pv -= stepSize * mv / (Vector256.Sqrt(vv) * inverseSqrtC2 + epsilon);
            Vector256.Store(mv, m + i);
            Vector256.Store(vv, v + i);
            Vector256.Store(pv, p + i);
        }

        for (; i < count; i++)
        {
            var pi = p[i];
            var gi = g[i];
            if (Decoupled)
                pi *= Shrink;
            else
                gi += GradientDecay * pi;
            var mi = m[i] + FirstMomentWeight * (gi - m[i]);
            var vi = Beta2 * v[i] + (1 - Beta2) * gi * gi;
            p[i] = pi - StepSize * mi / (MathF.Sqrt(vi) * InverseSqrtCorrection2 + Epsilon);
            m[i] = mi;
            v[i] = vi;
        }
    }
}
