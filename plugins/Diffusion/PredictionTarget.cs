namespace Framework.Plugins.Diffusion;

/// <summary>What the network learns to predict from (x_t, t); the sampler and the bound always see eps_theta.</summary>
public enum PredictionTarget
{
    /// <summary>The noise eps, trained by ||eps - eps_theta(x_t, t)||² (Ho et al. 2020, L_simple).</summary>
    Epsilon,

    /// <summary>
    /// The clean example x_0, trained by ||x_0 - x_theta(x_t, t)||²; eps_theta = (x_t - sqrt(abar_t) x_theta) /
    /// sqrt(1 - abar_t). For two-valued data (Ising spins) the best x_theta is E[x_0 | x_t], bounded and smooth, while
    /// the best eps_theta near t = 0 is (x_t - sign(x_t) sqrt(abar_t)) / sqrt(1 - abar_t), a step of height ~100.
    /// </summary>
    X0,

    /// <summary>
    /// The velocity v = sqrt(abar_t) eps - sqrt(1 - abar_t) x_0 (Salimans and Ho 2022), trained by ||v - v_theta||²;
    /// x_theta = sqrt(abar_t) x_t - sqrt(1 - abar_t) v_theta and eps_theta = sqrt(1 - abar_t) x_t + sqrt(abar_t) v_theta.
    /// Near t = 0 the network's error reaches x_theta scaled by sqrt(1 - abar_t): x_t itself carries the clean example
    /// (Karras et al.'s preconditioning with c_skip and c_out, written for this process).
    /// </summary>
    V,
}
