using System.ComponentModel;
using Framework.Host.Export;

namespace Framework.Host.Experiments;

/// <summary>The <c>tracking</c> section of an experiment file.</summary>
internal sealed class TrackingSettings
{
    [Description("MLflow tracking URI: sqlite:///path.db or http(s)://host:port. Empty: MLFLOW_TRACKING_URI, else sqlite:///mlflow.db.")]
    public string Uri { get; set; } = "";

    [Description("MLflow experiment name. Empty: MLFLOW_EXPERIMENT_NAME, else the experiment's name.")]
    public string Experiment { get; set; } = "";

    [Description("MLflow run name. Empty: the experiment name with a timestamp.")]
    public string RunName { get; set; } = "";

    [Description("Extra tags set on the run.")]
    public Dictionary<string, string> Tags { get; set; } = new();

    [Description("At the end of the run, also log the model's weights for use outside the framework: none, or pytorch (export/model.pt, a state_dict, with export/model.json; docs/export-to-pytorch.md).")]
    public ExportFormat Export { get; set; } = ExportFormat.None;

    [Description("Log MLflow's system metrics (system/cpu_utilization_percentage, memory, disk, network, GPUs) every 10 s while the run trains.")]
    public bool SystemMetrics { get; set; } = true;
}
