using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Framework.Host.Tracking.Rest;

/// <summary>Request bodies and response parsing for MLflow's REST API 2.0.</summary>
internal static class RestJson
{
    /// <summary>Writes a JSON object with <paramref name="write"/> and returns its UTF-8 bytes.</summary>
    public static byte[] Object(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A metric value: a JSON number, or MLflow's strings "NaN", "Infinity", "-Infinity".</summary>
    public static void WriteValue(Utf8JsonWriter writer, double value)
    {
        if (double.IsNaN(value))
        {
            writer.WriteStringValue("NaN");
        }
        else if (double.IsPositiveInfinity(value))
        {
            writer.WriteStringValue("Infinity");
        }
        else if (double.IsNegativeInfinity(value))
        {
            writer.WriteStringValue("-Infinity");
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }

    /// <summary>Writes <c>"name": [{"key", "value"}, ...]</c>.</summary>
    public static void WritePairs(Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        writer.WriteStartArray(name);
        foreach (var (key, value) in pairs)
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteString("value", value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The log-batch body.</summary>
    public static byte[] LogBatch(string runId, LogBatchChunk chunk) => Object(w =>
    {
        w.WriteString("run_id", runId);
        w.WriteStartArray("metrics");
        foreach (var metric in chunk.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("key", metric.Key);
            w.WritePropertyName("value");
            WriteValue(w, metric.Value);
            w.WriteNumber("timestamp", metric.TimestampMs);
            w.WriteNumber("step", metric.Step);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WritePairs(w, "params", chunk.Params);
        WritePairs(w, "tags", chunk.Tags);
    });

    /// <summary>The runs/log-inputs body: <c>{"run_id", "datasets": [{"tags": [...], "dataset": {...}}]}</c>.</summary>
    public static byte[] LogInputs(string runId, IReadOnlyList<DatasetInput> inputs) => Object(w =>
    {
        w.WriteString("run_id", runId);
        w.WriteStartArray("datasets");
        foreach (var input in inputs)
        {
            w.WriteStartObject();
            WritePairs(w, "tags", input.Tags);
            w.WriteStartObject("dataset");
            w.WriteString("name", input.Name);
            w.WriteString("digest", input.Digest);
            w.WriteString("source_type", input.SourceType);
            w.WriteString("source", input.Source);
            if (input.Schema is not null)
            {
                w.WriteString("schema", input.Schema);
            }

            if (input.Profile is not null)
            {
                w.WriteString("profile", input.Profile);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary>Reads <c>run.info</c> of a runs/create or runs/get response.</summary>
    public static RunInfo ReadRunInfo(JsonElement response)
    {
        var info = response.GetProperty("run").GetProperty("info");
        return new RunInfo(
            String(info, "run_id") ?? String(info, "run_uuid") ?? throw new TrackingException("The server's run has no run_id."),
            String(info, "experiment_id") ?? "",
            String(info, "run_name") ?? "",
            String(info, "artifact_uri") ?? "",
            RunStatusNames.FromMlflow(String(info, "status")),
            Long(info, "start_time") ?? 0,
            Long(info, "end_time"),
            String(info, "user_id") ?? "",
            String(info, "lifecycle_stage") ?? "active");
    }

    /// <summary>Reads <c>run.data</c> of a runs/get response.</summary>
    public static RunData ReadRunData(JsonElement response)
    {
        var data = response.GetProperty("run").TryGetProperty("data", out var d) ? d : default;
        return new RunData(Pairs(data, "params"), Pairs(data, "tags"));
    }

    /// <summary>The keys of <c>run.data.metrics</c> (the latest value of each).</summary>
    public static IReadOnlyList<string> ReadMetricKeys(JsonElement response)
    {
        var run = response.GetProperty("run");
        if (!run.TryGetProperty("data", out var data) || !data.TryGetProperty("metrics", out var metrics))
        {
            return [];
        }

        return metrics.EnumerateArray().Select(m => String(m, "key")!).Distinct().ToList();
    }

    /// <summary>Reads a metric value written by MLflow (a number, or a string for NaN and infinities).</summary>
    public static double ReadValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        },
        _ => throw new TrackingException($"Unexpected metric value {value}."),
    };

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.Number ? value.GetInt64()
              : value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture)
              : null
            : null;

    private static Dictionary<string, string> Pairs(JsonElement data, string name)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var array))
        {
            foreach (var item in array.EnumerateArray())
            {
                pairs[String(item, "key")!] = String(item, "value") ?? "";
            }
        }

        return pairs;
    }
}
