using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Host.Sweeps;

/// <summary>The <c>sweep.slurm</c> group: what each array task asks Slurm for.</summary>
internal sealed class SlurmSettings
{
    [Description("Partition (--partition); empty: the cluster's default.")]
    public string Partition { get; set; } = "";

    [Description("Account charged (--account); empty: your default account.")]
    public string Account { get; set; } = "";

    [Description("Wall-time limit of one trial (--time), e.g. 02:00:00 or 1-00:00:00; empty: the partition's default.")]
    [RegularExpression(@"^$|^(\d+-)?\d+(:\d{1,2}){0,2}$", ErrorMessage = "a Slurm time: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS")]
    public string Time { get; set; } = "";

    [Description("Memory per trial (--mem), e.g. 4G; empty: the partition's default.")]
    [RegularExpression(@"^$|^\d+[KMGT]?$", ErrorMessage = "a Slurm memory size such as 4000M or 4G")]
    public string Memory { get; set; } = "";

    [Description("CPU cores per trial (--cpus-per-task); the trial's tensor threads follow it when training.threads is 0.")]
    [Range(1, 4096)]
    public int CpusPerTask { get; set; } = 1;

    [Description("GPUs per trial (--gres=gpu:N); Slurm sets CUDA_VISIBLE_DEVICES for each task.")]
    [Range(0, 64)]
    public int Gpus { get; set; }

    [Description("Largest array index the cluster accepts (MaxArraySize - 1 is the highest); 0 asks scontrol. Larger sweeps are split into several arrays.")]
    [Range(0, 100_000_000)]
    public int MaxArraySize { get; set; }

    [Description("More sbatch options, one per item, e.g. [--qos=short, --constraint=a100].")]
    public string[] Options { get; set; } = [];

    [Description("Shell lines run before each trial, e.g. [module load dotnet].")]
    public string[] Setup { get; set; } = [];
}
