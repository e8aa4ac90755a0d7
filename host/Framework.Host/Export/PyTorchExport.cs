using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Training;
using static TorchSharp.torch;

namespace Framework.Host.Export;

/// <summary>Writes a model's <see cref="IExportableModel.ExportedState"/> as a PyTorch state_dict (<c>NAME.pt</c>) with
/// its <see cref="ExportSidecar"/> (<c>NAME.json</c>): for <c>fw export</c> and for <c>tracking.export</c> at a run's end.</summary>
internal static class PyTorchExport
{
    /// <summary>What was written.</summary>
    /// <param name="StatePath">The state_dict file.</param>
    /// <param name="SidecarPath">The JSON description beside it.</param>
    /// <param name="Bytes">The state_dict file's size.</param>
    /// <param name="Tensors">How many tensors it holds.</param>
    /// <param name="Weights">"averaged" or "raw".</param>
    public sealed record Result(string StatePath, string SidecarPath, long Bytes, int Tensors, string Weights);

    /// <summary>Whether <paramref name="model"/> can be exported; the reason when not.</summary>
    public static string? Unsupported(IModel model, string pluginName) => model is IExportableModel
        ? null
        : $"model plugin '{pluginName}' does not export its weights (its model does not implement IExportableModel, contracts 2.1); " +
          "the bundled rbm and vae do.";

    /// <summary>Copies the model's named tensors (the weight average swapped in unless <paramref name="choice"/> says raw)
    /// to the CPU and writes them with the sidecar that <paramref name="describe"/> makes for the weights written.</summary>
    /// <exception cref="NotSupportedException">The model does not implement <see cref="IExportableModel"/>.</exception>
    public static Result Write(IModel model, string pluginName, TrainingServices services, ExportWeights choice, Dataset data,
        string statePath, Func<string, ExportSidecar> describe)
    {
        if (model is not IExportableModel exportable)
            throw new NotSupportedException(Unsupported(model, pluginName));
        var weights = choice == ExportWeights.Averaged && services.AveragedWeightsActive ? "averaged" : "raw";
        using var scope = NewDisposeScope();
        var state = new List<KeyValuePair<string, Tensor>>();
        using (weights == "averaged" ? services.UseAveragedWeights() : null)
        using (no_grad())
        {
            foreach (var (name, tensor) in exportable.ExportedState())
            {
                if (state.Any(s => s.Key == name))
                    throw new InvalidOperationException($"model plugin '{pluginName}' exports two tensors named '{name}'.");
                // A copy: the weights go back when the average's scope ends, and the file needs contiguous CPU bytes.
                state.Add(KeyValuePair.Create(name, tensor.detach().cpu().clone().contiguous()));
            }
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(statePath))!;
        Directory.CreateDirectory(directory);
        StateDictFile.Write(statePath, state);
        var sidecar = ExportSidecar.PathFor(statePath);
        describe(weights).Write(sidecar, data, state);
        return new Result(statePath, sidecar, new FileInfo(statePath).Length, state.Count, weights);
    }
}
