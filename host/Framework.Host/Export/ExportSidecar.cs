using System.Collections;
using System.Text.Json;
using Framework.Contracts.Data;
using Framework.Options;
using static TorchSharp.torch;

namespace Framework.Host.Export;

/// <summary>What Python needs besides the tensors to rebuild the model: the plugins, their resolved options, the data's
/// shape and value range, which weights were written, and each key's shape. Written as <c>NAME.json</c> beside <c>NAME.pt</c>.</summary>
/// <param name="ModelPlugin">The model plugin's name (<c>vae</c>, <c>rbm</c>).</param>
/// <param name="ModelPluginVersion">Its version.</param>
/// <param name="ModelOptions">The model's resolved options object.</param>
/// <param name="DatasetPlugin">The dataset plugin's name.</param>
/// <param name="DatasetOptions">The dataset's resolved options object.</param>
/// <param name="Weights">"averaged" (training.ema) or "raw".</param>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="RunId">The tracking store's run id, where known.</param>
/// <param name="Epoch">Epochs done when the weights were saved.</param>
/// <param name="GlobalStep">Training steps done.</param>
internal sealed record ExportSidecar(
    string ModelPlugin,
    string ModelPluginVersion,
    object ModelOptions,
    string DatasetPlugin,
    object DatasetOptions,
    string Weights,
    string Experiment,
    string? RunId,
    int Epoch,
    long GlobalStep)
{
    /// <summary>The sidecar's format; a change of meaning changes it.</summary>
    public const string Format = "framework.pytorch-export/1";

    /// <summary>The sidecar of the state_dict file <paramref name="statePath"/>.</summary>
    public static string PathFor(string statePath) => Path.ChangeExtension(statePath, ".json");

    public void Write(string path, Dataset data, IReadOnlyList<KeyValuePair<string, Tensor>> state)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteStartObject("model");
        json.WriteString("plugin", ModelPlugin);
        json.WriteString("version", ModelPluginVersion);
        json.WritePropertyName("options");
        WriteOptions(json, ModelOptions);
        json.WriteEndObject();

        json.WriteStartObject("dataset");
        json.WriteString("plugin", DatasetPlugin);
        json.WritePropertyName("options");
        WriteOptions(json, DatasetOptions);
        json.WritePropertyName("sample_shape");
        WriteLongs(json, data.SampleShape);
        json.WriteStartArray("value_range");
        json.WriteNumberValue(data.ValueRange.Min);
        json.WriteNumberValue(data.ValueRange.Max);
        json.WriteEndArray();
        json.WriteBoolean("binary", data.IsBinary);
        json.WriteEndObject();

        json.WriteString("weights", Weights);
        json.WriteStartObject("run");
        json.WriteString("experiment", Experiment);
        if (RunId is null)
            json.WriteNull("run_id");
        else
            json.WriteString("run_id", RunId);
        json.WriteNumber("epoch", Epoch);
        json.WriteNumber("global_step", GlobalStep);
        json.WriteEndObject();

        json.WriteStartObject("state_dict");
        foreach (var (key, tensor) in state)
        {
            json.WriteStartObject(key);
            json.WritePropertyName("shape");
            WriteLongs(json, tensor.shape);
            json.WriteString("dtype", tensor.dtype.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLongs(Utf8JsonWriter json, IEnumerable<long> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
            json.WriteNumberValue(value);
        json.WriteEndArray();
    }

    /// <summary>An options object under its experiment-file keys, values as the file would spell them.</summary>
    private static void WriteOptions(Utf8JsonWriter json, object options)
    {
        json.WriteStartObject();
        foreach (var option in OptionsSchema.For(options.GetType()).Options)
        {
            json.WritePropertyName(option.Key);
            WriteValue(json, option.GetValue(options));
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int or long:
                json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case float or double:
                var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                if (double.IsFinite(number))
                    json.WriteNumberValue(number);
                else
                    json.WriteStringValue(OptionValueText.Format(value));  // JSON has no NaN or infinity
                break;
            case string or Enum:
                json.WriteStringValue(OptionValueText.Format(value));
                break;
            case IDictionary map:
                json.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    json.WritePropertyName(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!);
                    WriteValue(json, entry.Value);
                }

                json.WriteEndObject();
                break;
            case IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items)
                    WriteValue(json, item);
                json.WriteEndArray();
                break;
            default:
                WriteOptions(json, value);  // a nested group of options
                break;
        }
    }
}
