using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Framework.Host.Tests.Tracking.Support;

/// <summary>
/// An MLflow tracking server on 127.0.0.1 for tests: the REST API 2.0 calls our client makes, with the real server's
/// limits and error bodies (as shared/reference/mlflow.md records them), fault injection and stop/start on one port.
/// It is the environment of the REST tests, not the code under test.
/// </summary>
internal sealed partial class FakeMlflowServer : IAsyncDisposable
{
    private const string Api = "/api/2.0/mlflow/";
    private const string ArtifactsApi = "/api/2.0/mlflow-artifacts/artifacts";
    private readonly WebApplication _app;

    private FakeMlflowServer(WebApplication app, FakeMlflowState state, int port)
    {
        _app = app;
        State = state;
        Port = port;
    }

    public FakeMlflowState State { get; }

    public int Port { get; }

    public string Uri { get; private init; } = "";

    [GeneratedRegex(@"^[/\w.\- :]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^tags\.`?([^`=]+?)`?\s*=\s*'(.*)'$")]
    private static partial Regex TagFilter();

    public static async Task<FakeMlflowServer> StartAsync(FakeMlflowState? state = null, int port = 0, X509Certificate2? tlsCertificate = null)
    {
        state ??= new FakeMlflowState();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"{(tlsCertificate is null ? "http" : "https")}://127.0.0.1:{port}");
        if (tlsCertificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = tlsCertificate));
        }

        var app = builder.Build();
        app.Run(context => Handle(context, state));
        await app.StartAsync();
        var address = app.Urls.Single();
        return new FakeMlflowServer(app, state, new System.Uri(address).Port) { Uri = address.TrimEnd('/') };
    }

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task Handle(HttpContext context, FakeMlflowState state)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var path = request.Path.Value ?? "";
        var authorization = request.Headers.Authorization.ToString();
        var (status, body) = Serve(state, request.Method, path, request.Query, bytes, authorization);
        lock (state.Gate)
        {
            state.Requests.Add(new RecordedRequest(request.Method, path, request.Method == "PUT" ? $"<{bytes.Length} bytes>" : Encoding.UTF8.GetString(bytes),
                authorization.Length == 0 ? null : authorization, status));
        }

        context.Response.StatusCode = status;
        if (status == 429)
        {
            context.Response.Headers.RetryAfter = "0";
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    private static string Error(string code, string message) => new JsonObject { ["error_code"] = code, ["message"] = message }.ToJsonString();

    private static (int, string) Serve(FakeMlflowState state, string method, string path, IQueryCollection query, byte[] bytes, string authorization)
    {
        lock (state.Gate)
        {
            if (state.FailNext.TryDequeue(out var failure))
            {
                return (failure, Error(failure == 429 ? "REQUEST_LIMIT_EXCEEDED" : "TEMPORARILY_UNAVAILABLE", "injected failure"));
            }

            if (state.RequiredAuthorization is not null && authorization != state.RequiredAuthorization)
            {
                return (401, Error("UNAUTHENTICATED", "You are not authenticated."));
            }

            if (method == "PUT" && path.StartsWith(ArtifactsApi + "/", StringComparison.Ordinal))
            {
                state.Artifacts[System.Uri.UnescapeDataString(path[(ArtifactsApi.Length + 1)..])] = bytes;
                return (200, "{}");
            }

            if (method == "GET" && path == ArtifactsApi)
            {
                return (200, ListArtifacts(state, query["path"].ToString()));
            }

            JsonNode? json = null;
            if (method == "POST")
            {
                try
                {
                    json = JsonNode.Parse(bytes);
                }
                catch (JsonException)
                {
                    return (500, "<html><body>Internal Server Error</body></html>");
                }
            }

            try
            {
                return path[Api.Length..] switch
                {
                    "experiments/get-by-name" => GetExperimentByName(state, query["experiment_name"].ToString()),
                    "experiments/create" => CreateExperiment(state, json!),
                    "runs/create" => CreateRun(state, json!),
                    "runs/get" => GetRun(state, query["run_id"].ToString()),
                    "runs/update" => UpdateRun(state, json!),
                    "runs/log-batch" => LogBatch(state, json!, bytes.Length),
                    "runs/log-inputs" => LogInputs(state, json!),
                    "runs/search" => SearchRuns(state, json!),
                    "metrics/get-history" => GetHistory(state, query["run_id"].ToString(), query["metric_key"].ToString()),
                    _ => (404, Error("ENDPOINT_NOT_FOUND", $"No endpoint {method} {path}")),
                };
            }
            catch (KeyNotFoundException ex)
            {
                return (404, Error("RESOURCE_DOES_NOT_EXIST", ex.Message));
            }
            catch (InvalidOperationException ex)
            {
                return (400, Error("INVALID_PARAMETER_VALUE", ex.Message));
            }
        }
    }

    private static (int, string) GetExperimentByName(FakeMlflowState state, string name)
    {
        var match = state.Experiments.FirstOrDefault(e => e.Value.Name == name);
        if (match.Key is null)
        {
            return (404, Error("RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{name}'"));
        }

        return (200, new JsonObject
        {
            ["experiment"] = new JsonObject
            {
                ["experiment_id"] = match.Key, ["name"] = name, ["artifact_location"] = $"mlflow-artifacts:/{match.Key}",
                ["lifecycle_stage"] = match.Value.Stage,
            },
        }.ToJsonString());
    }

    private static (int, string) CreateExperiment(FakeMlflowState state, JsonNode json)
    {
        var name = Required(json, "name");
        if (state.Experiments.Values.Any(e => e.Name == name))
        {
            return (400, Error("RESOURCE_ALREADY_EXISTS", $"Experiment '{name}' already exists."));
        }

        var id = (state.Experiments.Count).ToString(CultureInfo.InvariantCulture);
        state.Experiments[id] = (name, "active");
        return (200, new JsonObject { ["experiment_id"] = id }.ToJsonString());
    }

    private static (int, string) CreateRun(FakeMlflowState state, JsonNode json)
    {
        var experimentId = Required(json, "experiment_id");
        if (!state.Experiments.ContainsKey(experimentId))
        {
            throw new KeyNotFoundException($"No experiment with id={experimentId}");
        }

        var run = new FakeRun
        {
            RunId = Guid.NewGuid().ToString("N"),
            ExperimentId = experimentId,
            Name = json["run_name"]?.GetValue<string>() ?? "",
            StartTime = json["start_time"]!.GetValue<long>(),
            UserId = json["user_id"]?.GetValue<string>() ?? "",
        };
        foreach (var tag in json["tags"]?.AsArray() ?? [])
        {
            run.Tags[Required(tag!, "key")] = Required(tag!, "value");
        }

        state.Runs[run.RunId] = run;
        return (200, RunJson(run).ToJsonString());
    }

    private static (int, string) GetRun(FakeMlflowState state, string runId) =>
        state.Runs.TryGetValue(runId, out var run) ? (200, RunJson(run).ToJsonString()) : throw new KeyNotFoundException($"Run '{runId}' not found");

    private static (int, string) UpdateRun(FakeMlflowState state, JsonNode json)
    {
        var run = state.Runs.TryGetValue(Required(json, "run_id"), out var r) ? r : throw new KeyNotFoundException("Run not found");
        run.Status = Required(json, "status");
        run.EndTime = json["end_time"]?.GetValue<long>();
        return (200, new JsonObject { ["run_info"] = RunJson(run)["run"]!["info"]!.DeepClone() }.ToJsonString());
    }

    /// <summary>As MLflow 2.17's handler and SqlAlchemyStore.log_inputs: required fields and their limits checked, a
    /// dataset reused per (experiment, name, digest), a run's link to it made once with its tags.</summary>
    private static (int, string) LogInputs(FakeMlflowState state, JsonNode json)
    {
        var run = state.Runs.TryGetValue(Required(json, "run_id"), out var r) ? r : throw new KeyNotFoundException("Run not found");
        foreach (var input in json["datasets"]?.AsArray() ?? [])
        {
            var dataset = input!["dataset"] ?? throw new InvalidOperationException("Missing value for required parameter 'dataset'.");
            string Checked(string field, int max)
            {
                var value = Required(dataset, field);
                return value.Length <= max ? value : throw new InvalidOperationException($"Dataset {field} exceeds the maximum length of {max}.");
            }

            var (name, digest, sourceType, source) = (Checked("name", 500), Checked("digest", 36), Checked("source_type", 36), Checked("source", 65535));
            var tags = (input["tags"]?.AsArray() ?? []).ToDictionary(t => Required(t!, "key"), t => Required(t!, "value"));
            if (tags.Any(t => t.Key.Length > 255 || t.Value.Length > 500))
            {
                throw new InvalidOperationException("Input tag key or value exceeds the maximum length.");
            }

            var row = state.Datasets.FirstOrDefault(d => d.ExperimentId == run.ExperimentId && d.Name == name && d.Digest == digest);
            if (row is null)
            {
                row = new FakeDataset(Guid.NewGuid().ToString("N"), run.ExperimentId, name, digest, sourceType, source,
                    dataset["schema"]?.GetValue<string>(), dataset["profile"]?.GetValue<string>());
                state.Datasets.Add(row);
            }

            if (!state.Inputs.Any(i => i.DatasetUuid == row.Uuid && i.RunId == run.RunId))
            {
                state.Inputs.Add((row.Uuid, run.RunId, tags));
            }
        }

        return (200, "{}");
    }

    private static (int, string) LogBatch(FakeMlflowState state, JsonNode json, int size)
    {
        var run = state.Runs.TryGetValue(Required(json, "run_id"), out var r) ? r : throw new KeyNotFoundException("Run not found");
        var metrics = json["metrics"]?.AsArray() ?? [];
        var parameters = json["params"]?.AsArray() ?? [];
        var tags = json["tags"]?.AsArray() ?? [];
        if (metrics.Count > 1000 || parameters.Count > 100 || tags.Count > 100 || metrics.Count + parameters.Count + tags.Count > 1000)
        {
            throw new InvalidOperationException(
                $"A batch logging request can contain at most 1000 metrics, 100 params and 100 tags, 1000 in all. Got {metrics.Count} metrics, {parameters.Count} params and {tags.Count} tags.");
        }

        if (size > 1_048_576)
        {
            throw new InvalidOperationException($"Batched logging API requests must be at most 1048576 bytes, got {size}.");
        }

        var paramKeys = parameters.Select(p => Required(p!, "key")).ToList();
        if (paramKeys.Count != paramKeys.Distinct().Count())
        {
            throw new InvalidOperationException("Duplicate parameter keys have been submitted.");
        }

        var tagKeys = tags.Select(t => Required(t!, "key")).ToList();
        if (tagKeys.Count != tagKeys.Distinct().Count())
        {
            throw new InvalidOperationException("Duplicate tag keys have been submitted.");
        }

        foreach (var key in paramKeys.Concat(tagKeys).Concat(metrics.Select(m => Required(m!, "key"))))
        {
            if (key.Length > 250 || !KeyPattern().IsMatch(key))
            {
                throw new InvalidOperationException($"Invalid key name: '{key}'.");
            }
        }

        foreach (var param in parameters)
        {
            var (key, value) = (Required(param!, "key"), Required(param!, "value"));
            if (run.Params.TryGetValue(key, out var old) && old != value)
            {
                throw new InvalidOperationException(
                    $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{old}' for run ID='{run.RunId}'. Attempted logging new value '{value}'.");
            }
        }

        var points = metrics.Select(m => (Required(m!, "key"), MetricValue(m!["value"]!), m!["timestamp"]!.GetValue<long>(), m["step"]?.GetValue<long>() ?? 0)).ToList();
        foreach (var param in parameters)
        {
            run.Params[Required(param!, "key")] = Required(param!, "value");
        }

        foreach (var tag in tags)
        {
            run.Tags[Required(tag!, "key")] = Required(tag!, "value");
        }

        foreach (var point in points.Where(p => !run.Metrics.Any(m => m.Key == p.Item1 && m.Timestamp == p.Item3 && m.Step == p.Item4 && m.Value.Equals(p.Item2))))
        {
            run.Metrics.Add(point);
        }

        return (200, "{}");
    }

    private static (int, string) SearchRuns(FakeMlflowState state, JsonNode json)
    {
        var experiments = json["experiment_ids"]!.AsArray().Select(e => e!.GetValue<string>()).ToHashSet();
        var filter = json["filter"]?.GetValue<string>() ?? "";
        var match = TagFilter().Match(filter);
        var runs = state.Runs.Values.Where(r => experiments.Contains(r.ExperimentId))
            .Where(r => filter.Length == 0 || (match.Success && r.Tags.TryGetValue(match.Groups[1].Value, out var v) && v == match.Groups[2].Value.Replace("\\'", "'", StringComparison.Ordinal)))
            .Take(json["max_results"]?.GetValue<int>() ?? 1000)
            .Select(r => RunJson(r)["run"]!.DeepClone())
            .ToArray();
        return (200, new JsonObject { ["runs"] = new JsonArray(runs) }.ToJsonString());
    }

    private static (int, string) GetHistory(FakeMlflowState state, string runId, string key)
    {
        var run = state.Runs.TryGetValue(runId, out var r) ? r : throw new KeyNotFoundException("Run not found");
        var points = run.Metrics.Where(m => m.Key == key).Select(m => (JsonNode)MetricJson(m)).ToArray();
        return (200, new JsonObject { ["metrics"] = new JsonArray(points) }.ToJsonString());
    }

    private static string ListArtifacts(FakeMlflowState state, string path)
    {
        var prefix = path.TrimEnd('/') + "/";
        var entries = state.Artifacts.Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(a => a.Key[prefix.Length..])
            .GroupBy(rest => rest.Split('/')[0])
            .Select(g => (JsonNode)new JsonObject
            {
                ["path"] = g.Key,
                ["is_dir"] = g.Any(rest => rest.Contains('/', StringComparison.Ordinal)),
                ["file_size"] = g.Any(rest => rest.Contains('/', StringComparison.Ordinal)) ? null : state.Artifacts[prefix + g.Key].Length,
            })
            .ToArray();
        return new JsonObject { ["files"] = new JsonArray(entries) }.ToJsonString();
    }

    private static JsonObject RunJson(FakeRun run) => new()
    {
        ["run"] = new JsonObject
        {
            ["info"] = new JsonObject
            {
                ["run_id"] = run.RunId, ["run_uuid"] = run.RunId, ["run_name"] = run.Name, ["experiment_id"] = run.ExperimentId,
                ["user_id"] = run.UserId, ["status"] = run.Status, ["start_time"] = run.StartTime, ["end_time"] = run.EndTime,
                ["artifact_uri"] = run.ArtifactUri, ["lifecycle_stage"] = "active",
            },
            ["data"] = new JsonObject
            {
                ["metrics"] = new JsonArray(run.Metrics.GroupBy(m => m.Key).Select(g => (JsonNode)MetricJson(g.MaxBy(m => (m.Step, m.Timestamp))))
                    .ToArray()),
                ["params"] = new JsonArray(run.Params.Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = p.Value }).ToArray()),
                ["tags"] = new JsonArray(run.Tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray()),
            },
        },
    };

    private static JsonObject MetricJson((string Key, double Value, long Timestamp, long Step) m) => new()
    {
        ["key"] = m.Key,
        ["value"] = double.IsNaN(m.Value) ? JsonValue.Create("NaN") : double.IsInfinity(m.Value) ? JsonValue.Create(m.Value > 0 ? "Infinity" : "-Infinity") : JsonValue.Create(m.Value),
        ["timestamp"] = m.Timestamp,
        ["step"] = m.Step,
    };

    private static double MetricValue(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => value.GetValue<double>(),
        JsonValueKind.String => value.GetValue<string>() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new InvalidOperationException($"Invalid metric value '{s}'."),
        },
        _ => throw new InvalidOperationException("Metric value missing."),
    };

    private static string Required(JsonNode node, string name) =>
        node[name]?.GetValue<string>() ?? throw new InvalidOperationException($"Missing value for required parameter '{name}'.");
}
