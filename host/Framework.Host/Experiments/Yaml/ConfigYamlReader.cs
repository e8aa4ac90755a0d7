using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Framework.Host.Experiments.Yaml;

/// <summary>Reads YAML text into a <see cref="ConfigNode"/> tree that keeps every node's position.</summary>
/// <remarks>
/// Uses YamlDotNet's event parser rather than its representation model, because the model throws at the first
/// duplicate key and loses positions. Anchors and aliases work (an alias is a copy), as does the merge key <c>&lt;&lt;</c>.
/// </remarks>
internal sealed class ConfigYamlReader
{
    private const string MergeKey = "<<";

    private static readonly HashSet<string> CoreSchemaTags =
    [
        "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
    ];

    private readonly ConfigSource _source;
    private readonly Func<Mark, SourceLocation> _locate;
    private readonly ConfigErrorCollector _errors;
    private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<(SourceLocation Location, char Opening)> _openFlows = new();
    private SourceLocation _lastSeen;

    private ConfigYamlReader(ConfigSource source, Func<Mark, SourceLocation>? locate, ConfigErrorCollector errors)
    {
        _source = source;
        _locate = locate ?? (mark => new SourceLocation(source, (int)mark.Line, (int)mark.Column));
        _errors = errors;
        _lastSeen = SourceLocation.StartOf(source);
    }

    /// <summary>Parses one YAML document.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="source">Where it came from, for error positions.</param>
    /// <param name="errors">Receives syntax errors, duplicate keys and unknown aliases.</param>
    /// <param name="root">The document's root node, or null when the text holds no document (empty or only comments).</param>
    /// <param name="locate">Maps a parser position to a source position (overrides shift columns); null for a file.</param>
    /// <returns>False when the text is not well-formed YAML; the tree is then unusable and one error says where.</returns>
    public static bool TryRead(string text, ConfigSource source, ConfigErrorCollector errors, out ConfigNode? root, Func<Mark, SourceLocation>? locate = null)
    {
        var reader = new ConfigYamlReader(source, locate, errors);
        return reader.TryReadDocument(text, out root);
    }

    private bool TryReadDocument(string text, out ConfigNode? root)
    {
        root = null;
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.MoveNext();
            Expect<StreamStart>(parser);
            if (parser.Current is StreamEnd)
                return true;
            Expect<DocumentStart>(parser);
            root = ReadNode(parser);
            Expect<DocumentEnd>(parser);
            if (parser.Current is not StreamEnd)
            {
                _errors.Add(_locate(parser.Current!.Start),
                    "a second YAML document ('---') is not allowed: an experiment file holds one document; use 'defaults' to combine files");
                return false;
            }

            return true;
        }
        catch (YamlException e)
        {
            _errors.Add(_locate(e.Start), $"malformed YAML: {e.Message}{Hint(e.Message)}");
            return false;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way, without a position, when a flow collection runs into the next block line.
            var (location, message) = _openFlows.Count > 0
                ? (_openFlows.Peek().Location, $"malformed YAML: this '{_openFlows.Peek().Opening}' is never closed")
                : (_lastSeen, $"malformed YAML after this point ({e.Message})");
            _errors.Add(location, message);
            return false;
        }
    }

    /// <summary>YamlDotNet describes the parser's state; most such errors are a line indented too far or not far enough.</summary>
    private static string Hint(string message) =>
        message.Contains("invalid mapping", StringComparison.Ordinal) || message.Contains("did not find expected key", StringComparison.Ordinal)
            ? " (check the indentation of this line and the one above: keys of one mapping line up, values of a key are indented under it)"
            : "";

    private ConfigNode ReadNode(IParser parser)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the YAML text");
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return Remember(scalar, new ConfigScalar(scalar.Value, IsTypeResolvable(scalar), Seen(scalar.Start)));
            case SequenceStart start:
                return ReadSequence(parser, start);
            case MappingStart start:
                return ReadMapping(parser, start);
            case AnchorAlias alias:
                parser.MoveNext();
                if (_anchors.TryGetValue(alias.Value.Value, out var target))
                    return target.Clone();
                _errors.Add(Seen(alias.Start), $"unknown alias '*{alias.Value.Value}': define the anchor '&{alias.Value.Value}' before using it");
                return new ConfigScalar("", true, Seen(alias.Start));
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private ConfigSequence ReadSequence(IParser parser, SequenceStart start)
    {
        var location = Seen(start.Start);
        var isFlow = start.Style == SequenceStyle.Flow;
        if (isFlow)
            _openFlows.Push((location, '['));
        parser.MoveNext();
        var items = new List<ConfigNode>();
        while (parser.Current is not SequenceEnd)
            items.Add(ReadNode(parser));
        parser.MoveNext();
        if (isFlow)
            _openFlows.Pop();
        return (ConfigSequence)Remember(start, new ConfigSequence(items, location));
    }

    private ConfigMapping ReadMapping(IParser parser, MappingStart start)
    {
        var mapping = new ConfigMapping(Seen(start.Start));
        var isFlow = start.Style == MappingStyle.Flow;
        if (isFlow)
            _openFlows.Push((mapping.Location, '{'));
        parser.MoveNext();
        var merged = new List<ConfigNode>();
        while (parser.Current is not MappingEnd)
        {
            var keyNode = ReadNode(parser);
            var value = ReadNode(parser);
            if (keyNode is not ConfigScalar key)
            {
                _errors.Add(keyNode.Location, $"a key must be a name, got {keyNode.Describe()}");
                continue;
            }

            if (key.IsPlain && key.Value == MergeKey)
            {
                merged.Add(value);
                continue;
            }

            if (mapping.Find(key.Value) is { } first)
            {
                _errors.Add(key.Location, $"duplicate key '{key.Value}' (first given at line {first.Key.Location.Line}); remove one of them");
                continue;
            }

            mapping.Add(new ConfigEntry(key, value));
        }

        parser.MoveNext();
        if (isFlow)
            _openFlows.Pop();
        foreach (var source in merged)
            MergeInto(mapping, source);
        return (ConfigMapping)Remember(start, mapping);
    }

    /// <summary>The YAML merge key: entries of the merged mapping(s) that the mapping does not set itself.</summary>
    private void MergeInto(ConfigMapping mapping, ConfigNode source)
    {
        var sources = source is ConfigSequence list ? list.Items : [source];
        foreach (var item in sources)
        {
            if (item is not ConfigMapping other)
            {
                _errors.Add(item.Location, $"'<<' merges mappings, got {item.Describe()}");
                continue;
            }

            foreach (var entry in other.Entries)
            {
                if (mapping.Find(entry.Name) is null)
                    mapping.Add(new ConfigEntry(entry.Key, entry.Value.Clone()));
            }
        }
    }

    private ConfigNode Remember(NodeEvent node, ConfigNode value)
    {
        if (!node.Anchor.IsEmpty)
            _anchors[node.Anchor.Value] = value;
        return value;
    }

    private SourceLocation Seen(Mark mark)
    {
        _lastSeen = _locate(mark);
        return _lastSeen;
    }

    private static bool IsTypeResolvable(Scalar scalar) =>
        scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific
            ? scalar.Style == ScalarStyle.Plain
            : CoreSchemaTags.Contains(scalar.Tag.Value);

    private static void Expect<T>(IParser parser) where T : ParsingEvent
    {
        if (parser.Current is not T)
            throw new YamlException(parser.Current?.Start ?? Mark.Empty, parser.Current?.End ?? Mark.Empty, $"expected {typeof(T).Name}, got {parser.Current?.GetType().Name}");
        parser.MoveNext();
    }
}
