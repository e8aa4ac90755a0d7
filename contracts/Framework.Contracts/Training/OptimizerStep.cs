namespace Framework.Contracts.Training;

/// <summary>The values of one update of an optimiser group, for a model that applies the update itself.</summary>
/// <remarks>Returned by <see cref="IOptimizer.TakeStep"/>, which counts the update; the model applies
/// <see cref="Settings"/>'s rule with these values.</remarks>
/// <param name="Number">The update's number, counted from 1 (Adam's bias corrections use it).</param>
/// <param name="LearningRate">The learning rate of this update, after the schedule and its warm-up.</param>
/// <param name="Momentum">The momentum of this update after any momentum warm-up: SGD's and RMSprop's momentum, and
/// Adam's β1.</param>
/// <param name="WeightDecay">The weight decay of the group.</param>
/// <param name="Settings">The group's configured algorithm and hyperparameters.</param>
public sealed record OptimizerStep(long Number, double LearningRate, double Momentum, double WeightDecay, OptimizerSettings Settings);
