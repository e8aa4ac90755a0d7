using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Host.Experiments;

/// <summary>The <c>training.early_stopping</c> section: end the run when an evaluation metric stops improving.</summary>
internal sealed class EarlyStoppingOptions
{
    [Description("The evaluation metric to watch (test/neg_elbo, test/loglik, ...); empty turns early stopping off.")]
    [RegularExpression("^([a-z0-9_]+(/[a-z0-9_.]+)+)?$", ErrorMessage = "a metric name such as test/neg_elbo, or empty")]
    public string Metric { get; set; } = "";

    [Description("auto: higher is better for log-likelihoods and accuracies, lower for everything else.")]
    public StoppingGoal Goal { get; set; } = StoppingGoal.Auto;

    [Description("Evaluations in a row without an improvement of more than min_delta before the run stops.")]
    [Range(1, 1_000_000)]
    public int Patience { get; set; } = 3;

    [Description("The smallest change that counts as an improvement.")]
    [Range(0.0, double.MaxValue)]
    public double MinDelta { get; set; }
}
